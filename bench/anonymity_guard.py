# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the anonymity guard on a synthetic federal organisation chart.

    python bench/anonymity_guard.py [--runs 7] [--seed 2025] [--response-rate 1.0]
                                    [--filtered-subtrees]

Builds 1,500 units in a tree five levels deep and ~65,000 people with four allowlisted filter
attributes (language nl/fr/de, grade band A-D, age band, contract type), then times the guard over
every group visible in the context: every unit (its own people), every subtree, and every
unit x filter value. Three scenarios are timed: the chart alone, the chart with language (the
attribute that identifies people in small units), and the chart with all four filters at once (the
headline figure: every unit crossed with every value of every filter). A fourth is shaped like the
insights heatmap, whose filters also split the roll-ups: every unit *and every subtree* crossed
with language and grade; ``--filtered-subtrees`` adds the same with all four filters, which takes
seconds (the guard runs once when a round closes, see ADR 6). The guard's result is then
checked independently (every cell of the released groups' partition is empty or >= the
threshold), outside the timing. Target: < 200 ms per guard call.

Wall-clock and process CPU time are both printed (p50 over the runs): on a shared machine
wall-clock time is inflated by other jobs, so CPU time is the fairer figure there; compare the two
before trusting a slow run. Each run passes the groups in a different order (same result).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from elan.core.anonymity import (
    CandidateGroup,
    GuardContext,
    Released,
    SuppressionReason,
    guard,
)

LEVEL_SIZES = (1, 9, 60, 330, 1100)  # 1,500 units, depth 0..4
PEOPLE = 65_000
ATTRIBUTES: dict[str, tuple[tuple[str, float], ...]] = {
    "language": (("nl", 0.56), ("fr", 0.40), ("de", 0.04)),
    "grade": (("A", 0.15), ("B", 0.30), ("C", 0.35), ("D", 0.20)),
    "age": (("<30", 0.12), ("30-39", 0.25), ("40-49", 0.28), ("50-59", 0.27), ("60+", 0.08)),
    "contract": (("statutory", 0.72), ("contractual", 0.25), ("other", 0.03)),
}


def build_chart(seed: int) -> tuple[list[int | None], list[int]]:
    """Parents and depths of 1,500 units; each unit hangs under a random unit one level up."""
    rng = random.Random(seed)
    parents: list[int | None] = [None]
    depths = [0]
    previous_level = [0]
    for depth, size in enumerate(LEVEL_SIZES[1:], start=1):
        level = []
        for _ in range(size):
            unit = len(parents)
            parents.append(rng.choice(previous_level))
            depths.append(depth)
            level.append(unit)
        previous_level = level
    return parents, depths


def build_people(seed: int, units: int, depths: list[int]) -> list[tuple[int, dict[str, str]]]:
    """Each person's unit and attributes. Deeper units hold more people; sizes vary widely."""
    rng = random.Random(seed + 1)
    weights = [rng.lognormvariate(0.0, 0.6) * (0.25 if depth < 3 else 1.0) for depth in depths]
    unit_of = rng.choices(range(units), weights=weights, k=PEOPLE)
    people = []
    for unit in unit_of:
        attributes = {
            name: rng.choices([v for v, _ in values], weights=[w for _, w in values])[0]
            for name, values in ATTRIBUTES.items()
        }
        people.append((unit, attributes))
    return people


def build_groups(
    parents: list[int | None],
    depths: list[int],
    people: list[tuple[int, dict[str, str]]],
    respondents: list[int],
    filters: tuple[str, ...],
    *,
    filtered_subtrees: bool = False,
) -> list[CandidateGroup]:
    units = len(parents)
    own: list[set[int]] = [set() for _ in range(units)]
    by_filter: dict[tuple[str, int, str, str], set[int]] = {}
    ancestors: list[list[int]] = []
    for unit in range(units):
        chain, above = [], parents[unit]
        while above is not None:
            chain.append(above)
            above = parents[above]
        ancestors.append(chain)
    for person in respondents:
        unit, attributes = people[person]
        own[unit].add(person)
        for name in filters:
            value = attributes[name]
            by_filter.setdefault(("unit", unit, name, value), set()).add(person)
            if filtered_subtrees:
                for holder in (unit, *ancestors[unit]):
                    by_filter.setdefault(("subtree", holder, name, value), set()).add(person)
    subtree = [set(members) for members in own]
    for unit in sorted(range(units), key=depths.__getitem__, reverse=True):
        parent = parents[unit]
        if parent is not None:
            subtree[parent] |= subtree[unit]
    groups = []
    for unit in range(units):
        groups.append(CandidateGroup(("unit", unit), frozenset(own[unit]), depth=depths[unit]))
        groups.append(
            CandidateGroup(("subtree", unit), frozenset(subtree[unit]), depth=depths[unit])
        )
    for (scope, unit, name, value), members in sorted(by_filter.items()):
        groups.append(
            CandidateGroup((scope, unit, name, value), frozenset(members), depth=depths[unit] + 1)
        )
    return groups


def check(result, groups: list[CandidateGroup], threshold: int) -> int:
    """Independent check: group sizes and cell sizes of the released groups. Returns cell count."""
    signature: dict[int, list[object]] = {}
    for group in groups:
        if isinstance(result[group.key], Released):
            assert len(group.members) >= threshold, group.key
            for person in group.members:
                signature.setdefault(person, []).append(group.key)
    cells = Counter(frozenset(keys) for keys in signature.values())
    small = [size for size in cells.values() if size < threshold]
    assert not small, f"{len(small)} cells below {threshold}"
    return len(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--response-rate", type=float, default=1.0)
    parser.add_argument(
        "--filtered-subtrees",
        action="store_true",
        help="also time every unit and subtree split by all four filters (seconds per run)",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    parents, depths = build_chart(args.seed)
    people = build_people(args.seed, len(parents), depths)
    rng = random.Random(args.seed + 2)
    respondents = [p for p in range(PEOPLE) if rng.random() < args.response_rate]
    context = GuardContext()
    print(
        f"chart: {len(parents)} units, depth {max(depths)}, {PEOPLE} people, "
        f"{len(respondents)} respondents, min_group {context.min_group} "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    scenarios = [
        ("units + subtrees", (), False),
        ("units + subtrees + unit x language", ("language",), False),
        ("units + subtrees + unit x all four filters", tuple(ATTRIBUTES), False),
        # What the grouping layer builds for the insights heatmap, whose filters apply to every
        # row, roll-ups included: every unit and every subtree split by language and grade.
        ("units + subtrees, each x language and grade", ("language", "grade"), True),
    ]
    if args.filtered_subtrees:
        scenarios.append(("units + subtrees, each x all four filters", tuple(ATTRIBUTES), True))
    for label, filters, filtered_subtrees in scenarios:
        groups = build_groups(
            parents, depths, people, respondents, filters, filtered_subtrees=filtered_subtrees
        )
        timings, cpu_timings = [], []
        result = None
        for _ in range(args.runs):
            shuffled = list(groups)
            random.Random(len(timings)).shuffle(shuffled)
            start, cpu_start = time.perf_counter(), time.process_time()
            result = guard(context, shuffled)
            timings.append((time.perf_counter() - start) * 1000)
            cpu_timings.append((time.process_time() - cpu_start) * 1000)
        reasons = Counter(
            "released" if isinstance(o, Released) else o.reason.value for o in result.values()
        )
        cells = check(result, groups, context.min_group)
        timings.sort()
        print(
            f"{label}: {len(groups)} groups -> {reasons['released']} released, "
            f"{reasons[SuppressionReason.TOO_FEW.value]} too_few, "
            f"{reasons[SuppressionReason.WOULD_REVEAL_OTHER.value]} would_reveal_other; "
            f"{cells} cells, all >= {context.min_group} (checked)"
        )
        print(
            f"  guard over {args.runs} runs: p50 {statistics.median(timings):.1f} ms, "
            f"min {timings[0]:.1f} ms, max {timings[-1]:.1f} ms "
            f"(CPU time p50 {statistics.median(cpu_timings):.1f} ms, "
            f"min {min(cpu_timings):.1f} ms)"
        )


if __name__ == "__main__":
    main()
