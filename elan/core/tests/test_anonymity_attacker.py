# SPDX-License-Identifier: EUPL-1.2
"""An attacker who sees every figure the guard lets through, for every role and every round.

Random organisation charts (up to five levels, 0-30 people per unit), random languages and grades,
random respondents over several rounds, some of whom write a comment. The attacker combines all
released groups of a kind and looks for the smallest set of people they can single out: a cell of
the partition those groups make. For comments those are respondents, writers or not: a comment is
safe when no combination narrows the people it could come from below the comment minimum. The
partition is computed here from scratch, the obvious way, without any of the guard's internals:
a respondent's cell is the set of released groups they belong to.
"""

from __future__ import annotations

import dataclasses
import importlib
import random
from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elan.core.anonymity import (
    CandidateGroup,
    GroupKind,
    GuardContext,
    Released,
    Suppressed,
    SuppressionReason,
    guard,
    merge_small_rater_groups,
)

LANGUAGES = (("nl", 0.55), ("fr", 0.40), ("de", 0.05))
GRADES = (("A", 0.2), ("B", 0.5), ("C", 0.3))


@dataclasses.dataclass(frozen=True)
class Scenario:
    context: GuardContext
    groups: list[CandidateGroup]


def pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


@st.composite
def organisations(draw) -> Scenario:
    """A chart, its people and their answers over 1-3 rounds, as every group anyone could see."""
    unit_count = draw(st.integers(1, 12))
    parents: list[int | None] = [None]
    depths = [0]
    for unit in range(1, unit_count):
        parent = draw(st.sampled_from([u for u in range(unit) if depths[u] < 4]))
        parents.append(parent)
        depths.append(depths[parent] + 1)
    sizes = draw(st.lists(st.integers(0, 30), min_size=unit_count, max_size=unit_count))
    rounds = draw(st.lists(st.floats(0.2, 1.0), min_size=1, max_size=3))  # response rates
    linked = draw(st.booleans())  # True: the same person has the same id in every round
    context = GuardContext(
        min_group=draw(st.integers(2, 6)),
        min_comments=draw(st.integers(2, 10)),
        min_raters=draw(st.integers(1, 4)),
    )
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))

    staff = []  # (person, unit, language, grade)
    for unit, size in enumerate(sizes):
        for _ in range(size):
            staff.append((len(staff), unit, pick(rng, LANGUAGES), pick(rng, GRADES)))
    below = {unit: {unit} for unit in range(unit_count)}  # unit -> its subtree
    for unit in sorted(range(unit_count), key=depths.__getitem__, reverse=True):
        if parents[unit] is not None:
            below[parents[unit]] |= below[unit]

    groups: list[CandidateGroup] = []

    def add(key, members, depth, kind=GroupKind.SCORES, figures=None):
        figures = {"mean": 1.0} if figures is None else figures
        groups.append(CandidateGroup(key, frozenset(members), kind, depth, figures))

    for round_number, rate in enumerate(rounds):
        answered = [p for p in staff if rng.random() < rate]
        commented = {p[0] for p in answered if rng.random() < 0.5}

        def respondent(person: int, round_number: int = round_number) -> int:
            return person if linked else round_number * 100_000 + person

        for unit in range(unit_count):
            depth = depths[unit]
            for scope, units in (("unit", {unit}), ("subtree", below[unit])):
                inside = [p for p in answered if p[1] in units]
                add((scope, unit, round_number), [respondent(p[0]) for p in inside], depth)
                # A comment group holds the group's respondents, of whom some wrote
                # (docs/adr/0014): its cells count the people a comment could come from.
                add(
                    ("comments", scope, unit, round_number),
                    [respondent(p[0]) for p in inside],
                    depth,
                    GroupKind.COMMENTS,
                    {"comments": sum(p[0] in commented for p in inside)},
                )
                for attribute, position, values in (
                    ("language", 2, LANGUAGES),
                    ("grade", 3, GRADES),
                ):
                    if scope == "subtree" and attribute == "grade":
                        continue  # HR filters subtrees by language only
                    for value, _ in values:
                        members = [respondent(p[0]) for p in inside if p[position] == value]
                        add((scope, unit, round_number, attribute, value), members, depth + 1)
    return Scenario(context, groups)


def cells(result, groups: list[CandidateGroup], kind: GroupKind) -> Counter:
    """The attacker's partition: people grouped by the exact set of released groups they are in."""
    memberships: dict[int, set] = {}
    for g in groups:
        if g.kind is kind and isinstance(result[g.key], Released):
            for person in g.members:
                memberships.setdefault(person, set()).add(g.key)
    return Counter(frozenset(keys) for keys in memberships.values())


def assert_nobody_can_be_singled_out(context: GuardContext, groups, result) -> None:
    for g in groups:
        outcome = result[g.key]
        if isinstance(outcome, Released):
            assert len(g.members) >= context.threshold_for(g.kind), g.key
            assert outcome.n == len(g.members)
        else:
            assert isinstance(outcome, Suppressed)
            assert [f.name for f in dataclasses.fields(outcome)] == ["key", "reason"]
    for kind in GroupKind:
        threshold = context.threshold_for(kind)
        small = {cell: n for cell, n in cells(result, groups, kind).items() if n < threshold}
        assert not small, f"{kind}: cells below {threshold}: {sorted(small.values())}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_no_combination_of_released_groups_singles_out_fewer_than_the_minimum(scenario):
    result = guard(scenario.context, scenario.groups)
    assert set(result) == {g.key for g in scenario.groups}
    assert_nobody_can_be_singled_out(scenario.context, scenario.groups, result)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations(), st.randoms(use_true_random=False))
def test_the_decision_does_not_depend_on_the_order_of_the_groups(scenario, rng):
    shuffled = list(scenario.groups)
    rng.shuffle(shuffled)
    assert list(guard(scenario.context, shuffled).items()) == list(
        guard(scenario.context, scenario.groups).items()
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_nothing_is_hidden_for_others_when_the_large_enough_groups_are_already_safe(scenario):
    context = scenario.context
    result = guard(context, scenario.groups)
    for kind in GroupKind:
        threshold = context.threshold_for(kind)
        large = [g for g in scenario.groups if g.kind is kind and len(g.members) >= threshold]
        everything = {g.key: Released(g.key, g.figures, len(g.members)) for g in large}
        if all(n >= threshold for n in cells(everything, large, kind).values()):
            assert all(isinstance(result[g.key], Released) for g in large)
        else:
            assert any(
                result[g.key] == Suppressed(g.key, SuppressionReason.WOULD_REVEAL_OTHER)
                for g in large
            )


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["manager", "peers", "direct reports", "customers", "others"]),
        st.integers(0, 6),
        min_size=1,
    ),
    st.integers(1, 4),
)
def test_360_rater_groups_never_single_out_fewer_than_the_minimum_raters(sizes, min_raters):
    next_rater = iter(range(1_000))
    categories = {name: [next(next_rater) for _ in range(n)] for name, n in sizes.items()}
    merged = merge_small_rater_groups(categories, min_raters, exempt=["manager"])
    anonymous = {name: raters for name, raters in merged.groups.items() if name != "manager"}
    groups = [
        CandidateGroup(("raters", name), raters, GroupKind.RATERS)
        for name, raters in anonymous.items()
    ]
    everyone = frozenset().union(*anonymous.values()) if anonymous else frozenset()
    groups.append(CandidateGroup(("raters", "all but the manager"), everyone, GroupKind.RATERS))
    context = GuardContext(min_raters=min_raters)
    result = guard(context, groups)
    assert_nobody_can_be_singled_out(context, groups, result)
    for name in merged.merged:  # a merged category is never shown on its own
        assert ("raters", name) not in result


# --- several filters crossed on every unit (the federal benchmark's shape) -----------------------

FILTERS = {
    "language": LANGUAGES,
    "grade": (("A", 0.15), ("B", 0.30), ("C", 0.35), ("D", 0.20)),
    "age": (("<30", 0.15), ("30-49", 0.5), ("50+", 0.35)),
    "contract": (("statutory", 0.7), ("contractual", 0.3)),
}


@st.composite
def charts_with_four_filters(draw) -> Scenario:
    """Units and subtrees, and every unit's own people split by each of four filters.

    Most small cells then lie inside one unit (people sharing a language, grade, age band and
    contract), which is what the guard's per-unit presolve settles before the greedy runs.
    """
    unit_count = draw(st.integers(1, 10))
    parents: list[int | None] = [None]
    depths = [0]
    for unit in range(1, unit_count):
        parent = draw(st.sampled_from([u for u in range(unit) if depths[u] < 4]))
        parents.append(parent)
        depths.append(depths[parent] + 1)
    sizes = draw(st.lists(st.integers(0, 60), min_size=unit_count, max_size=unit_count))
    context = GuardContext(min_group=draw(st.integers(2, 6)))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    staff = []
    for unit, size in enumerate(sizes):
        for _ in range(size):
            staff.append((len(staff), unit, {a: pick(rng, v) for a, v in FILTERS.items()}))
    below = {unit: {unit} for unit in range(unit_count)}
    for unit in sorted(range(unit_count), key=depths.__getitem__, reverse=True):
        if parents[unit] is not None:
            below[parents[unit]] |= below[unit]
    groups = []
    for unit in range(unit_count):
        own = [p for p in staff if p[1] == unit]
        inside = [p[0] for p in staff if p[1] in below[unit]]
        groups.append(
            CandidateGroup(("unit", unit), frozenset(p[0] for p in own), depth=depths[unit])
        )
        groups.append(CandidateGroup(("subtree", unit), frozenset(inside), depth=depths[unit]))
        for attribute, values in FILTERS.items():
            for value, _ in values:
                members = frozenset(p[0] for p in own if p[2][attribute] == value)
                groups.append(
                    CandidateGroup(
                        ("unit", unit, attribute, value), members, depth=depths[unit] + 1
                    )
                )
    return Scenario(context, groups)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(charts_with_four_filters(), st.randoms(use_true_random=False))
def test_four_filters_on_every_unit_never_single_out_anyone_in_any_order(scenario, rng):
    # The presolve normally starts from 2,048 small cells; these charts are smaller: force it.
    suppression = importlib.import_module("elan.core.anonymity.suppression")
    suppression._PRESOLVE_FROM_SMALL_CELLS, presolve_from = (
        0,
        suppression._PRESOLVE_FROM_SMALL_CELLS,
    )
    try:
        result = guard(scenario.context, scenario.groups)
        shuffled = list(scenario.groups)
        rng.shuffle(shuffled)
        assert list(guard(scenario.context, shuffled).items()) == list(result.items())
    finally:
        suppression._PRESOLVE_FROM_SMALL_CELLS = presolve_from
    assert_nobody_can_be_singled_out(scenario.context, scenario.groups, result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_the_presolve_also_protects_charts_filtered_on_units_and_subtrees(scenario):
    # Subtrees filtered by language overlap the units below them: fewer local problems qualify,
    # and the rest is left to the greedy. The result must be just as safe.
    suppression = importlib.import_module("elan.core.anonymity.suppression")
    suppression._PRESOLVE_FROM_SMALL_CELLS, presolve_from = (
        0,
        suppression._PRESOLVE_FROM_SMALL_CELLS,
    )
    try:
        result = guard(scenario.context, scenario.groups)
    finally:
        suppression._PRESOLVE_FROM_SMALL_CELLS = presolve_from
    assert_nobody_can_be_singled_out(scenario.context, scenario.groups, result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(charts_with_four_filters(), organisations()))
def test_the_greedy_alone_still_protects_everyone_when_the_presolve_hides_nothing(scenario):
    # The presolve only speeds things up; groups it does not settle (for instance a unit whose
    # people sit in two hosts) are left to the greedy, so the greedy must suffice on its own.
    suppression = importlib.import_module("elan.core.anonymity.suppression")
    presolve = suppression.settle_units
    try:
        suppression.settle_units = lambda index, offsets, *rest, **options: np.zeros(
            offsets.size - 1, bool
        )
        result = guard(scenario.context, scenario.groups)
    finally:
        suppression.settle_units = presolve
    assert_nobody_can_be_singled_out(scenario.context, scenario.groups, result)
