# SPDX-License-Identifier: EUPL-1.2
"""The keys stored with an answer: no stored combination points to fewer than the minimum."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elan.core.anonymity.coarsening import coarsen_keys

CHART = {"DG": None, "DIR-A": "DG", "DIR-B": "DG", "TEAM-A1": "DIR-A", "TEAM-A2": "DIR-A"}


def people(*groups: tuple[str, str, str, int]) -> list:
    return [(unit, (language, grade)) for unit, language, grade, n in groups for _ in range(n)]


def test_a_team_large_enough_keeps_its_code_and_its_shared_language():
    result = coarsen_keys(people(("TEAM-A1", "nl", "A", 6), ("DG", "fr", "B", 5)), CHART, 5)
    assert result.stored[("TEAM-A1", ("nl", "A"))] == ("TEAM-A1", ("nl", "A"))
    assert result.pooled == {"TEAM-A1", "DG"}
    assert result.partial == frozenset()


def test_a_language_held_by_one_person_in_a_team_is_not_stored_and_nor_is_the_next_smallest():
    """A team of 7 with one French speaker: storing "fr" would name them; storing "nl" for the
    other six would too, by elimination, unless the blank group is large enough."""
    result = coarsen_keys(
        people(("TEAM-A1", "nl", "A", 6), ("TEAM-A1", "fr", "A", 1), ("DG", "nl", "A", 5)),
        CHART,
        5,
    )
    assert result.stored[("TEAM-A1", ("fr", "A"))] == ("TEAM-A1", ("", "A"))
    assert result.stored[("TEAM-A1", ("nl", "A"))] == ("TEAM-A1", ("", "A"))


def test_a_small_team_is_stored_with_the_lowest_unit_above_it_that_is_large_enough():
    result = coarsen_keys(
        people(
            ("TEAM-A1", "nl", "A", 2),
            ("TEAM-A2", "nl", "A", 2),
            ("DIR-A", "nl", "A", 1),
            ("DIR-B", "fr", "B", 6),
            ("DG", "nl", "A", 5),
        ),
        CHART,
        5,
    )
    assert result.stored[("TEAM-A1", ("nl", "A"))][0] == "DIR-A"
    assert result.stored[("TEAM-A2", ("nl", "A"))][0] == "DIR-A"
    assert result.pooled == {"DIR-A", "DIR-B", "DG"}
    # Neither team's unit nor subtree exists any more; DIR-A's subtree is whole.
    assert result.partial == {"TEAM-A1", "TEAM-A2"}


def test_people_too_few_at_the_top_pull_the_nearest_smallest_pool_up_to_them():
    result = coarsen_keys(
        people(("DG", "nl", "A", 2), ("DIR-A", "nl", "A", 7), ("DIR-B", "nl", "A", 6)), CHART, 5
    )
    assert result.stored[("DIR-B", ("nl", "A"))][0] == "DG"
    assert result.stored[("DIR-A", ("nl", "A"))][0] == "DIR-A"
    assert result.pooled == {"DG", "DIR-A"} and result.partial == {"DIR-B"}


@st.composite
def worlds(draw):
    units = draw(st.integers(1, 9))
    chart = {"U0": None}
    for index in range(1, units):
        chart[f"U{index}"] = f"U{draw(st.integers(0, index - 1))}"
    minimum = draw(st.sampled_from([3, 5, 10]))
    population = []
    for unit in chart:
        for _ in range(draw(st.integers(0, 14))):
            population.append(
                (
                    unit,
                    (
                        draw(st.sampled_from(["nl", "fr", "de", ""])),
                        draw(st.sampled_from(["A", "B", "C", ""])),
                    ),
                )
            )
    return chart, population, minimum


@settings(max_examples=300, deadline=None, derandomize=True)
@given(world=worlds())
def test_no_stored_combination_is_shared_by_fewer_than_the_minimum(world):
    chart, population, minimum = world
    result = coarsen_keys(population, chart, minimum)
    stored = Counter(result.stored[key] for key in population)
    if len(population) >= minimum:
        assert min(stored.values()) >= minimum, stored
    for (unit, values), (target, kept) in result.stored.items():
        ancestor = unit
        while ancestor != target:
            ancestor = chart[ancestor]  # the stored unit is the person's unit or above it
        assert all(k in ("", v) for k, v in zip(kept, values, strict=True))
        assert target in result.pooled
        assert unit == target or unit in result.partial
    shuffled = list(population)
    random.Random(len(population)).shuffle(shuffled)
    assert coarsen_keys(shuffled, dict(reversed(chart.items())), minimum) == result


def test_a_unit_outside_the_chart_is_refused():
    with pytest.raises(ValueError, match="not in the chart"):
        coarsen_keys([("ELSEWHERE", ("nl",))], CHART, 5)
