# SPDX-License-Identifier: EUPL-1.2
"""The thin layer that turns anonymous rows and the chart into the guard's candidate groups."""

from __future__ import annotations

import pytest

from elan.core.anonymity import GuardContext, Released, Suppressed, guard
from elan.core.anonymity.grouping import AnonymousRow, ChartUnit, build_candidate_groups, group_key

DIRECTORATE = ChartUnit(code="DG", path="0001")
TEAM_A = ChartUnit(code="A", path="00010001")
TEAM_B = ChartUnit(code="B", path="00010002")
TEAM_C = ChartUnit(code="C", path="00010003")
CHART = [DIRECTORATE, TEAM_A, TEAM_B, TEAM_C]


def rows(
    unit: ChartUnit, count: int, start: int, round_: int = 1, **attributes
) -> list[AnonymousRow]:
    return [
        AnonymousRow(id=start + i, round=round_, unit_path=unit.path, attributes=attributes)
        for i in range(count)
    ]


def test_every_unit_gets_its_subtree_and_its_own_members_as_groups():
    answers = rows(TEAM_A, 5, 0) + rows(DIRECTORATE, 6, 100)
    groups = {g.key: g for g in build_candidate_groups(answers, CHART)}
    assert len(groups[group_key(1, "subtree", "DG")].members) == 11
    assert len(groups[group_key(1, "unit", "DG")].members) == 6
    assert len(groups[group_key(1, "subtree", "A")].members) == 5
    assert groups[group_key(1, "subtree", "A")].depth == 1


def test_a_filter_outside_the_allowlist_is_refused():
    with pytest.raises(ValueError, match="allowlist"):
        build_candidate_groups([], CHART, filters=["age"])


def test_thirteen_is_five_plus_five_plus_three_and_the_guard_hides_enough_to_protect_the_three():
    answers = rows(TEAM_A, 5, 0) + rows(TEAM_B, 5, 100) + rows(TEAM_C, 3, 200)
    result = guard(GuardContext(min_group=5), build_candidate_groups(answers, CHART))
    assert isinstance(result[group_key(1, "subtree", "C")], Suppressed)
    released_teams = [
        code for code in "ABC" if isinstance(result[group_key(1, "subtree", code)], Released)
    ]
    directorate_shown = isinstance(result[group_key(1, "subtree", "DG")], Released)
    # Showing the directorate and both large teams would reveal team C by subtraction.
    assert not (directorate_shown and len(released_teams) == 2)


def test_a_language_filter_does_not_single_out_the_one_french_speaker_in_a_team_of_seven():
    answers = rows(TEAM_A, 6, 0, language="nl") + rows(TEAM_A, 1, 50, language="fr")
    result = guard(
        GuardContext(min_group=5), build_candidate_groups(answers, CHART, filters=["language"])
    )
    french = group_key(1, "subtree", "A", "language", "fr")
    dutch = group_key(1, "subtree", "A", "language", "nl")
    team = group_key(1, "subtree", "A")
    assert isinstance(result[french], Suppressed)
    # The team (7) minus the Dutch speakers (6) would be the French speaker.
    assert not (isinstance(result[team], Released) and isinstance(result[dutch], Released))


def test_two_rounds_are_guarded_together_so_comparing_them_isolates_nobody():
    first = rows(TEAM_A, 6, 0, round_=1)
    second = rows(TEAM_A, 5, 0, round_=2)  # the same people minus one, linked by their ids
    result = guard(GuardContext(min_group=5), build_candidate_groups(first + second, CHART))
    both_shown = isinstance(result[group_key(1, "subtree", "A")], Released) and isinstance(
        result[group_key(2, "subtree", "A")], Released
    )
    assert not both_shown
