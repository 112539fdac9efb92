# SPDX-License-Identifier: EUPL-1.2
"""Worked examples for the anonymity guard: each test is one situation people can picture."""

from __future__ import annotations

import dataclasses
import importlib
import numbers
import random
from collections import Counter

import numpy as np
import pytest

from elan.core.anonymity import (
    FALLBACK_TEXT,
    CandidateGroup,
    GroupKind,
    GuardContext,
    Released,
    Suppressed,
    SuppressionReason,
    api_dict,
    fallback_text,
    guard,
    merge_small_rater_groups,
    reason_code,
    table_marker,
    table_row,
)
from elan.core.anonymity.grouping import AnonymousRow, ChartUnit, build_comment_groups

TOO_FEW = SuppressionReason.TOO_FEW
TEAM = ChartUnit("TEAM", "0001")
WOULD_REVEAL_OTHER = SuppressionReason.WOULD_REVEAL_OTHER


def group(key, members, *, depth=0, kind=GroupKind.SCORES, figures=None):
    return CandidateGroup(
        key=key,
        members=frozenset(members),
        kind=kind,
        depth=depth,
        figures=figures if figures is not None else {"mean": 3.5},
    )


def people(start, count):
    return range(start, start + count)


def released_keys(result):
    return {o.key for o in result.released()}


def decisions(result):
    return {key: ("released" if isinstance(o, Released) else o.reason) for key, o in result.items()}


def smallest_cell(result, groups, kind=GroupKind.SCORES):
    """The attacker's view: the smallest cell the released groups of one kind cut out."""
    signature: dict[int, set] = {}
    for g in groups:
        if g.kind is kind and isinstance(result[g.key], Released):
            for person in g.members:
                signature.setdefault(person, set()).add(g.key)
    cells = Counter(frozenset(keys) for keys in signature.values())
    return min(cells.values(), default=None)


# --- the rule's own examples ---------------------------------------------------------------------


def test_a_parent_of_13_with_two_visible_children_of_5_hides_a_sibling():
    groups = [
        group("parent", people(0, 13), depth=0),
        group("child a", people(0, 5), depth=1),
        group("child b", people(5, 5), depth=1),
        group("child c", people(10, 3), depth=1),
    ]
    result = guard(GuardContext(), groups)
    assert result["child c"] == Suppressed("child c", TOO_FEW)
    # 13 - 5 - 5 would give child c's 3: one of the two fives must go, and the parent stays.
    assert isinstance(result["parent"], Released)
    assert decisions(result)["child a"] == WOULD_REVEAL_OTHER
    assert isinstance(result["child b"], Released)
    assert smallest_cell(result, groups) >= 5


def test_a_team_of_7_with_one_french_speaker_hides_both_language_groups():
    groups = [
        group(("team", 1), people(0, 7), depth=2),
        group(("team", 1, "language", "nl"), people(0, 6), depth=3),
        group(("team", 1, "language", "fr"), [6], depth=3),
    ]
    result = guard(GuardContext(), groups)
    assert result[("team", 1, "language", "fr")] == Suppressed(
        ("team", 1, "language", "fr"), TOO_FEW
    )
    # team (7) - Dutch speakers (6) = the one French speaker.
    assert result[("team", 1, "language", "nl")] == Suppressed(
        ("team", 1, "language", "nl"), WOULD_REVEAL_OTHER
    )
    assert isinstance(result[("team", 1)], Released)


def test_a_parent_of_9_with_a_visible_child_of_5_hides_the_child_not_the_parent():
    groups = [group("parent", people(0, 9)), group("child", people(0, 5), depth=1)]
    result = guard(GuardContext(), groups)
    assert decisions(result) == {"child": WOULD_REVEAL_OTHER, "parent": "released"}


def test_a_parent_of_10_with_a_visible_child_of_5_shows_both():
    groups = [group("parent", people(0, 10)), group("child", people(0, 5), depth=1)]
    assert released_keys(guard(GuardContext(), groups)) == {"parent", "child"}


def test_two_overlapping_filters_that_isolate_two_people_lose_one_of_them():
    # 12 people; "grade A" holds 0-5, "age 50+" holds 4-9: their intersection is 4 and 5 only.
    groups = [
        group("unit", people(0, 12)),
        group(("unit", "grade", "A"), people(0, 6), depth=1),
        group(("unit", "age", "50+"), people(4, 6), depth=1),
    ]
    result = guard(GuardContext(), groups)
    assert isinstance(result["unit"], Released)
    assert sum(isinstance(result[g.key], Suppressed) for g in groups) == 1
    assert smallest_cell(result, groups) >= 5


def test_a_tiny_manager_unit_hides_a_small_leaf_team_rather_than_the_whole_line():
    # root > division > department (its own 2 people) > teams of 6 and 20.
    # Without the department's own 2, everything above would subtract down to them.
    groups = [
        group(("subtree", "root"), people(0, 60), depth=0),
        group(("unit", "root"), people(0, 8), depth=0),
        group(("subtree", "division"), people(8, 52), depth=1),
        group(("unit", "division"), people(8, 24), depth=1),
        group(("subtree", "department"), people(32, 28), depth=2),
        group(("unit", "department"), people(32, 2), depth=2),
        group(("unit", "team small"), people(34, 6), depth=3),
        group(("unit", "team large"), people(40, 20), depth=3),
    ]
    result = guard(GuardContext(), groups)
    assert result[("unit", "department")] == Suppressed(("unit", "department"), TOO_FEW)
    for high_up in ("root", "division", "department"):
        assert isinstance(result[("subtree", high_up)], Released), high_up
    assert decisions(result)[("unit", "team small")] == WOULD_REVEAL_OTHER
    assert isinstance(result[("unit", "team large")], Released)
    assert smallest_cell(result, groups) >= 5


def test_a_healthy_chart_is_shown_in_full():
    groups = [
        group("root", people(0, 40)),
        group("a", people(0, 20), depth=1),
        group("b", people(20, 20), depth=1),
        group(("a", "nl"), people(0, 10), depth=2),
        group(("a", "fr"), people(10, 10), depth=2),
    ]
    result = guard(GuardContext(), groups)
    assert released_keys(result) == {g.key for g in groups}


def test_the_guard_fails_closed_when_a_small_cell_cannot_be_fixed(monkeypatch):
    # The partition is re-checked independently after the presolve and the greedy pass; if
    # neither made progress (a bug), the guard raises instead of returning figures.
    suppression = importlib.import_module("elan.core.anonymity.suppression")
    monkeypatch.setattr(suppression.Suppressor, "run", lambda self, work: self.released)
    monkeypatch.setattr(
        suppression,
        "settle_units",
        lambda index, offsets, *rest, **options: np.zeros(offsets.size - 1, bool),
    )
    groups = [group("parent", people(0, 13)), group("child", people(0, 10), depth=1)]
    with pytest.raises(RuntimeError):
        guard(GuardContext(), groups)


# --- thresholds at their boundaries --------------------------------------------------------------


@pytest.mark.parametrize(("respondents", "shown"), [(4, False), (5, True), (6, True)])
def test_scores_are_shown_from_five_respondents(respondents, shown):
    result = guard(GuardContext(), [group("team", people(0, respondents))])
    if shown:
        assert result["team"] == Released("team", {"mean": 3.5}, respondents)
    else:
        assert result["team"] == Suppressed("team", TOO_FEW)


@pytest.mark.parametrize(("respondents", "shown"), [(9, False), (10, True), (11, True)])
def test_comments_are_shown_from_ten_respondents_however_few_of_them_wrote(respondents, shown):
    # docs/adr/0014: a team of ten that answered reads its comments, even if one person wrote.
    rows = [AnonymousRow(id=i, round=1, unit_path=TEAM.path) for i in range(respondents)]
    groups = build_comment_groups(rows, [TEAM], wrote=[0])  # the team's unit and subtree
    result = guard(GuardContext(), groups)
    for comments in groups:
        assert comments.kind is GroupKind.COMMENTS and comments.size == respondents
        assert isinstance(result[comments.key], Released) is shown
        if shown:
            assert result[comments.key].figures == {"comments": 1}
        else:
            assert result[comments.key].reason is TOO_FEW


def test_nine_comment_writers_in_a_group_of_nine_respondents_stay_hidden():
    rows = [AnonymousRow(id=i, round=1, unit_path=TEAM.path) for i in range(9)]
    groups = build_comment_groups(rows, [TEAM], wrote=range(9))
    assert set(decisions(guard(GuardContext(), groups)).values()) == {TOO_FEW}


def test_a_comment_group_cannot_hold_more_comments_than_respondents():
    # Its members must be the group's respondents, of whom the writers are some.
    with pytest.raises(ValueError, match="more comments than respondents"):
        CandidateGroup("team", frozenset(people(0, 3)), GroupKind.COMMENTS, figures={"comments": 4})


@pytest.mark.parametrize(("raters", "shown"), [(2, False), (3, True), (4, True)])
def test_a_360_rater_group_is_shown_from_three_raters(raters, shown):
    peers = group("peers", people(0, raters), kind=GroupKind.RATERS)
    assert isinstance(guard(GuardContext(), [peers])["peers"], Released) is shown


def test_an_empty_group_is_hidden_as_too_few():
    assert guard(GuardContext(), [group("nobody", [])])["nobody"].reason is TOO_FEW


def test_the_context_defaults_are_those_of_access_md():
    context = GuardContext()
    assert (context.min_group, context.min_comments, context.min_raters) == (5, 10, 3)
    assert context.threshold_for(GroupKind.SCORES) == 5
    assert context.threshold_for("comments") == 10
    assert context.threshold_for(GroupKind.RATERS) == 3


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "5"])
def test_a_threshold_must_be_a_positive_integer(bad):
    with pytest.raises(ValueError):
        GuardContext(min_group=bad)


# --- kinds, comments and rounds ------------------------------------------------------------------


def test_comments_of_a_child_are_hidden_when_the_rest_of_the_parent_holds_fewer_than_ten():
    groups = [
        group(("parent", "comments"), people(0, 21), kind=GroupKind.COMMENTS),
        group(("child", "comments"), people(0, 12), depth=1, kind=GroupKind.COMMENTS),
        # The same people's scores are fine at 5: kinds are checked with their own minimum.
        group(("parent", "scores"), people(0, 21)),
        group(("child", "scores"), people(0, 12), depth=1),
    ]
    result = guard(GuardContext(), groups)
    assert decisions(result)[("child", "comments")] == WOULD_REVEAL_OTHER
    assert isinstance(result[("parent", "comments")], Released)
    assert isinstance(result[("parent", "scores")], Released)
    assert isinstance(result[("child", "scores")], Released)


def test_a_parent_minus_a_team_of_ten_cannot_show_the_comments_of_a_small_sibling():
    # A directorate of 14 respondents: a team of 10 (one wrote) and a team of 4 (all wrote).
    # The team of 4 is too few; showing the directorate and the team of 10 would hand out its
    # four comments by subtraction, so one of the two is hidden too.
    chart = [
        ChartUnit("DIR", "0001"),
        ChartUnit("TEAM-A", "00010001"),
        ChartUnit("TEAM-B", "00010002"),
    ]
    rows = [AnonymousRow(id=i, round=1, unit_path="00010001") for i in range(10)]
    rows += [AnonymousRow(id=i, round=1, unit_path="00010002") for i in range(10, 14)]
    groups = build_comment_groups(rows, chart, wrote=[0, 10, 11, 12, 13])
    result = guard(GuardContext(), groups)
    assert decisions(result)[(1, "subtree", "TEAM-B", "", "")] == TOO_FEW
    shown = {key for key in released_keys(result) if key[2] != "DIR"}
    assert not (isinstance(result[(1, "subtree", "DIR", "", "")], Released) and shown)
    assert smallest_cell(result, groups, kind=GroupKind.COMMENTS) >= 10
    # With a sibling of ten, everything is shown: each comment lies among ten respondents.
    rows += [AnonymousRow(id=i, round=1, unit_path="00010002") for i in range(14, 20)]
    groups = build_comment_groups(rows, chart, wrote=[0, 10, 11, 12, 13])
    assert released_keys(guard(GuardContext(), groups)) == {g.key for g in groups}


def test_two_rounds_of_the_same_team_cannot_be_subtracted_when_respondents_are_linked():
    # With linked respondent ids (a trend over people), round 2 = round 1 minus two people.
    groups = [
        group(("team", "round 1"), people(0, 9)),
        group(("team", "round 2"), people(0, 7)),
    ]
    result = guard(GuardContext(), groups)
    assert len(list(result.released())) == 1
    assert smallest_cell(result, groups) >= 5


def test_two_rounds_with_separate_response_rows_are_independent():
    groups = [
        group(("team", "round 1"), people(0, 9)),
        group(("team", "round 2"), people(100, 7)),
    ]
    assert len(list(guard(GuardContext(), groups).released())) == 2


def test_a_leaf_unit_and_its_identical_subtree_are_decided_together():
    groups = [
        group(("subtree", "parent"), people(0, 13)),
        group(("subtree", "a"), people(0, 5), depth=1),
        group(("unit", "a"), people(0, 5), depth=1),
        group(("subtree", "b"), people(5, 8), depth=1),
        group(("unit", "b"), people(5, 8), depth=1),
    ]
    result = guard(GuardContext(), groups)
    assert released_keys(result) == {g.key for g in groups}
    groups.append(group(("unit", "parent"), people(13, 2)))  # parent now has 2 people of its own
    groups[0] = group(("subtree", "parent"), people(0, 15))
    result = guard(GuardContext(), groups)
    assert type(result[("subtree", "a")]) is type(result[("unit", "a")])
    assert type(result[("subtree", "b")]) is type(result[("unit", "b")])
    assert isinstance(result[("subtree", "parent")], Released)
    assert decisions(result)[("unit", "a")] == WOULD_REVEAL_OTHER
    assert smallest_cell(result, groups) >= 5


# --- determinism ---------------------------------------------------------------------------------


def _chart_with_filters():
    rng = random.Random(7)
    groups = []
    person = 0
    members_of_root = []
    for unit in range(12):
        size = rng.randint(3, 25)
        members = list(range(person, person + size))
        person += size
        members_of_root += members
        groups.append(group(("unit", unit), members, depth=1))
        for language in ("nl", "fr", "de"):
            speakers = [
                m for m in members if rng.random() < {"nl": 0.5, "fr": 0.4}.get(language, 0.1)
            ]
            groups.append(group(("unit", unit, "language", language), speakers, depth=2))
    groups.append(group(("unit", "root"), members_of_root, depth=0))
    return groups


def test_the_same_groups_in_shuffled_order_give_identical_output():
    groups = _chart_with_filters()
    expected = list(guard(GuardContext(), groups).items())
    assert any(isinstance(o, Suppressed) and o.reason is WOULD_REVEAL_OTHER for _, o in expected)
    for seed in range(5):
        shuffled = list(groups)
        random.Random(seed).shuffle(shuffled)
        # Rebuild the member sets too, so that set iteration order differs as well.
        shuffled = [
            dataclasses.replace(g, members=frozenset(sorted(g.members, reverse=seed % 2 == 0)))
            for g in shuffled
        ]
        assert list(guard(GuardContext(), shuffled).items()) == expected


def test_cells_are_still_told_apart_when_their_signatures_share_the_first_half(monkeypatch):
    # The partition sorts respondents by the first 64 bits of their 128-bit signature only and
    # checks the rest; if two cells ever shared those 64 bits, it must fall back to the full
    # sort rather than merge or split them. Forcing every group's first half to be equal makes
    # that happen on every pass; the decisions must not change.
    groups = _chart_with_filters()
    expected = decisions(guard(GuardContext(), groups))
    suppression = importlib.import_module("elan.core.anonymity.suppression")
    real_tokens = suppression.group_tokens

    def tokens_sharing_their_high_word(count):
        high, low = real_tokens(count)
        return np.full_like(high, high[0] if count else 0), low

    monkeypatch.setattr(suppression, "group_tokens", tokens_sharing_their_high_word)
    assert decisions(guard(GuardContext(), groups)) == expected


def test_the_result_iterates_in_key_order_whatever_the_input_order():
    groups = [group(("unit", n), people(10 * n, 10)) for n in (3, 1, 2)]
    assert list(guard(GuardContext(), groups)) == [("unit", 1), ("unit", 2), ("unit", 3)]


def test_keys_that_cannot_be_compared_are_still_ordered_the_same_way():
    groups = [group(1, people(0, 5)), group("one", people(5, 5)), group(("x", None), people(0, 10))]
    first = list(guard(GuardContext(), groups).items())
    assert list(guard(GuardContext(), list(reversed(groups))).items()) == first


def test_a_key_used_twice_is_refused():
    with pytest.raises(ValueError, match="duplicate"):
        guard(GuardContext(), [group("team", people(0, 5)), group("team", people(5, 5))])


@pytest.mark.parametrize("bad_id", ["7", 7.0, True, None])
def test_respondent_ids_must_be_integers(bad_id):
    with pytest.raises(TypeError):
        group("team", [2, 3, 4, 5, bad_id])


# --- markers -------------------------------------------------------------------------------------


def test_a_suppressed_outcome_carries_no_number():
    outcome = guard(GuardContext(), [group("team", people(0, 3))])["team"]
    assert isinstance(outcome, Suppressed)
    assert [f.name for f in dataclasses.fields(outcome)] == ["key", "reason"]
    for name in dir(outcome):
        if not name.startswith("__"):
            value = getattr(outcome, name)
            assert not isinstance(value, numbers.Number), name
    assert not hasattr(outcome, "n") and not hasattr(outcome, "figures")


def test_a_released_outcome_passes_the_figures_through_untouched():
    figures = {"mean": 3.7, "distribution": [1, 2, 3, 4, 5], "rate": 0.8}
    outcome = guard(GuardContext(), [group("team", people(0, 15), figures=figures)])["team"]
    assert outcome == Released("team", figures, 15)
    assert outcome.figures is figures


def test_the_api_form_of_a_suppressed_group_has_no_number_fields():
    outcome = Suppressed(("unit", 4), TOO_FEW)
    payload = api_dict(outcome, json_key=lambda key: "/".join(map(str, key)))
    assert payload == {"key": "unit/4", "suppressed": True, "reason": "too_few"}
    assert api_dict(Suppressed("x", WOULD_REVEAL_OTHER))["reason"] == "would_reveal_other"


def test_the_api_form_of_a_released_group_holds_the_count_and_figures():
    payload = api_dict(Released("team", {"mean": 4.1}, 12))
    assert payload == {"key": "team", "suppressed": False, "n": 12, "figures": {"mean": 4.1}}


@pytest.mark.parametrize("reason", list(SuppressionReason))
def test_the_table_marker_is_text_that_no_spreadsheet_reads_as_a_number(reason):
    marker = table_marker(reason)
    assert marker and marker.strip() and marker != "0"
    assert not any(ch.isdigit() for ch in marker)
    assert marker[0] not in "=+-@"
    with pytest.raises(ValueError):
        float(marker)
    assert table_row(Suppressed("team", reason), ["n", "mean", "rate"]) == [marker] * 3


def test_a_released_row_puts_the_count_and_figures_in_their_columns():
    row = table_row(Released("team", {"mean": 4.1, "rate": 0.75}, 12), ["n", "mean", "rate", "sd"])
    assert row == [12, 4.1, 0.75, ""]


def test_a_translated_marker_label_is_used_but_never_one_with_a_digit():
    label = "masqué : trop peu de réponses"
    assert table_marker(TOO_FEW, label) == f"[{label}]"
    with pytest.raises(ValueError):
        table_marker(TOO_FEW, "fewer than 5")
    with pytest.raises(ValueError):
        table_marker(TOO_FEW, "  ")


def test_every_reason_has_a_stable_code_and_an_english_fallback():
    assert reason_code(TOO_FEW) == "too_few"
    assert reason_code("would_reveal_other") == "would_reveal_other"
    assert set(FALLBACK_TEXT) == set(SuppressionReason)
    assert all(fallback_text(reason) for reason in SuppressionReason)


# --- 360 rater groups ----------------------------------------------------------------------------


def test_rater_groups_below_three_merge_into_others():
    merged = merge_small_rater_groups(
        {"peers": [1, 2, 3, 4], "direct reports": [5, 6], "others": [7], "manager": [8]},
        exempt=["manager"],
    )
    assert merged.merged == ("direct reports",)
    assert dict(merged.groups) == {
        "manager": frozenset({8}),
        "peers": frozenset({1, 2, 3, 4}),
        "others": frozenset({5, 6, 7}),
    }


def test_a_merged_others_group_still_below_three_is_hidden_by_the_guard():
    merged = merge_small_rater_groups({"peers": [1, 2, 3], "direct reports": [4], "customers": []})
    assert merged.merged == ("customers", "direct reports")
    groups = [
        group(("raters", name), raters, kind=GroupKind.RATERS)
        for name, raters in merged.groups.items()
    ]
    groups.append(group(("raters", "all"), range(1, 5), kind=GroupKind.RATERS))
    result = guard(GuardContext(), groups)
    assert result[("raters", "others")].reason is TOO_FEW
    # all (4) - peers (3) = the one direct report: one of the two must go too.
    assert len(list(result.released())) == 1
    assert smallest_cell(result, groups, GroupKind.RATERS) >= 3


def test_folding_all_while_others_is_small_folds_every_group_but_the_exempt_into_others():
    groups = {"peers": [1, 2, 3], "direct reports": [4], "manager": [8]}
    merged = merge_small_rater_groups(groups, exempt=["manager"], fold_all_while_small=True)
    assert merged.merged == ("direct reports", "peers")
    assert dict(merged.groups) == {"manager": frozenset({8}), "others": frozenset({1, 2, 3, 4})}
    # Once "others" reaches the minimum, the other groups keep their own.
    groups["others"] = [5, 6]
    merged = merge_small_rater_groups(groups, exempt=["manager"], fold_all_while_small=True)
    assert merged.merged == ("direct reports",)
    assert set(merged.groups) == {"manager", "peers", "others"}


# --- the per-unit presolve -----------------------------------------------------------------------


def a_team_of_12_by_language_and_grade():
    # nl: 0-6 (7), fr: 7-11 (5); grade A: 0-3 and 7-8 (6), grade B: the other 6. Language alone
    # cuts the team into 7 and 5; adding grade cuts it into 4, 3, 2 and 3.
    return [
        group(("subtree", "division"), people(0, 40), depth=0),
        group(("unit", "division"), people(12, 28), depth=0),
        group(("unit", "team"), people(0, 12), depth=1),
        group(("unit", "team", "language", "nl"), people(0, 7), depth=2),
        group(("unit", "team", "language", "fr"), people(7, 5), depth=2),
        group(("unit", "team", "grade", "A"), [0, 1, 2, 3, 7, 8], depth=2),
        group(("unit", "team", "grade", "B"), [4, 5, 6, 9, 10, 11], depth=2),
    ]


@pytest.mark.parametrize("presolve_from", [0, 10**9])  # with the presolve; the greedy alone
def test_inside_a_unit_the_larger_filtered_groups_are_kept_and_the_crossing_ones_hidden(
    monkeypatch, presolve_from
):
    suppression = importlib.import_module("elan.core.anonymity.suppression")
    monkeypatch.setattr(suppression, "_PRESOLVE_FROM_SMALL_CELLS", presolve_from)
    result = guard(GuardContext(), a_team_of_12_by_language_and_grade())
    assert released_keys(result) == {
        ("subtree", "division"),
        ("unit", "division"),
        ("unit", "team"),
        ("unit", "team", "language", "nl"),
        ("unit", "team", "language", "fr"),
    }
    assert result[("unit", "team", "grade", "A")] == Suppressed(
        ("unit", "team", "grade", "A"), WOULD_REVEAL_OTHER
    )


def test_a_unit_crossed_with_its_filters_is_settled_without_the_greedy(monkeypatch):
    # Cells inside one unit cannot merge with anything outside it, so the presolve fixes them on
    # its own; the greedy is switched off here to show it, and the result is still safe.
    suppression = importlib.import_module("elan.core.anonymity.suppression")
    monkeypatch.setattr(suppression.Suppressor, "run", lambda self, work: self.released)
    monkeypatch.setattr(suppression, "_PRESOLVE_FROM_SMALL_CELLS", 0)  # a chart this small
    groups = a_team_of_12_by_language_and_grade()
    result = guard(GuardContext(), groups)
    assert smallest_cell(result, groups) >= 5
    assert ("unit", "team", "language", "nl") in released_keys(result)


def test_only_the_order_of_depths_counts_however_large_they_are(monkeypatch):
    # A caller may number depths as it likes (a path length, a level code); the presolve keeps a
    # row per level, so it must rank them rather than allocate a row per possible depth.
    suppression = importlib.import_module("elan.core.anonymity.suppression")
    monkeypatch.setattr(suppression, "_PRESOLVE_FROM_SMALL_CELLS", 0)
    groups = a_team_of_12_by_language_and_grade()
    far_below = [dataclasses.replace(g, depth=g.depth * 10**12 + 7) for g in groups]
    assert decisions(guard(GuardContext(), far_below)) == decisions(guard(GuardContext(), groups))


def test_a_filtered_group_with_no_unit_above_it_is_left_to_the_greedy():
    # Same depth as the only group holding it: no host, so no presolve; the greedy still hides it.
    groups = [group("team", people(0, 9), depth=1), group(("team", "nl"), people(0, 5), depth=1)]
    assert released_keys(guard(GuardContext(), groups)) == {"team"}


def test_a_figure_already_published_is_kept_and_the_new_rounds_group_is_hidden_instead():
    """A team of 6 whose round-1 figures are out becomes 7: the joiner is the difference. Hiding
    round 1 now would not take back what people saw, so round 2 goes, though it is the larger."""
    first = range(1, 7)
    second = range(1, 8)
    without = guard(GuardContext(), [group("round 1", first), group("round 2", second)])
    assert isinstance(without["round 1"], Suppressed)  # the smaller group, by default
    published = CandidateGroup(key="round 1", members=frozenset(first), priority=1)
    result = guard(GuardContext(), [published, group("round 2", second)])
    assert isinstance(result["round 1"], Released)
    assert result["round 2"] == Suppressed("round 2", WOULD_REVEAL_OTHER)


def test_a_negative_priority_is_refused():
    with pytest.raises(ValueError, match="priority"):
        CandidateGroup(key="a", members=frozenset({1}), priority=-1)
