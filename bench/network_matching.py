# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the learning network's mentor matching (issue 18, docs/network.md).

    python bench/network_matching.py [--mentees 20000] [--mentors 5000] [--seed 2025]
                                     [--tight] [--all-pairs] [--methods exact,greedy,...]

Builds a random federal-sized programme straight as ``matching.Mentee`` / ``matching.Mentor``
(no database): 40 departments of uneven size, three working languages (each person speaks one
or two of nl/fr/en, Dutch and French most), 20 skills of uneven popularity, mentors with three
strengths and a capacity of 4, mentees with one to three ranked wishes, one mentee in twenty
with a ranked list of up to five mentors, grades A–D (mentors more senior), and a random
reporting line: each mentee is excluded from up to three mentors of their own department.

Rules: the programme's defaults (a different department preferred, a shared working language,
the mentor holds one of the mentee's wishes, preferences honoured), or with ``--tight``: a
different department required, the mentor one or two levels above the mentee, and the wish.

Each method runs in a fresh process (``multiprocessing`` "spawn"), which builds the same
programme from the seed and then solves it, so that the peak memory (``ru_maxrss``) is that
method's alone; the table gives the process's peak and how much the method added after the
programme was built. Wall time is the method's, not the build's.

- **exact**: ``matching.match``, the product's solver: as many mentees as the rules allow, then
  the best total fit, over all allowed pairs;
- **greedy**: mentees in a random order, each takes the allowed mentor with a free place and the
  best fit (lowest index among equal fits);
- **top-50 (ties by index)**: each mentee keeps only its 50 best-fit allowed mentors, equal fits
  in the mentors' order (what ``ORDER BY fit DESC, id LIMIT 50`` gives), then the exact
  min-cost max-flow (OR-Tools) over those arcs alone;
- **top-50 (ties shuffled)**: the same with equal fits in a different random order per mentee;
- **all pairs** (``--all-pairs``): the exact min-cost max-flow over every allowed pair listed
  one by one, as a check of the exact solver's figures (it must give the same count and fit)
  and to show what listing them costs.

Every method's pairs are checked (each pair allowed and not excluded, no mentor over capacity,
no mentee twice) and its fit recomputed with ``matching.pair_of``. Writes nothing; prints the
table. Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from elan.network import matching

DEPARTMENTS = 40
SKILLS = 20
CAPACITY = 4
STRENGTHS = 3
TOP_K = 50
LANGUAGES = ("nl", "fr", "en")
# Who speaks what in a Belgian federal service: Dutch or French first, some both, some English.
LANGUAGE_PROFILES = (
    (("nl",), 0.40),
    (("fr",), 0.30),
    (("nl", "fr"), 0.10),
    (("nl", "en"), 0.09),
    (("fr", "en"), 0.07),
    (("en",), 0.04),
)
# Levels A (4, most senior) to D (1); mentors are more senior than mentees.
MENTEE_GRADES = ((4, 0.10), (3, 0.25), (2, 0.40), (1, 0.25))
MENTOR_GRADES = ((4, 0.35), (3, 0.40), (2, 0.20), (1, 0.05))
WISH_COUNTS = ((1, 0.30), (2, 0.35), (3, 0.35))
PREFERENCE_SHARE = 0.05
EXCLUDED_SHARE = 0.7  # mentees with someone of their reporting line among the mentors

DEFAULT_RULES = matching.Rules()
TIGHT_RULES = matching.Rules(
    department=matching.DepartmentRule.REQUIRED,
    grade_gap_min=1,
    grade_gap_max=2,
    wish_required=True,
)


# --- the programme ----------------------------------------------------------------------------


def _pick(rng: np.random.Generator, table, size: int) -> np.ndarray:
    values = np.arange(len(table))
    weights = np.array([weight for _value, weight in table], dtype=float)
    return rng.choice(values, size=size, p=weights / weights.sum())


def build(mentee_count: int, mentor_count: int, seed: int):
    """The programme's people and the excluded pairs, the same for the same arguments."""
    rng = np.random.default_rng(seed)
    department_weights = rng.lognormal(0.0, 0.6, DEPARTMENTS)
    department_weights /= department_weights.sum()
    # Skills in demand and skills on offer are both uneven, and not in the same order.
    demand = rng.permutation(1.0 / np.arange(1, SKILLS + 1) ** 0.6)
    supply = rng.permutation(1.0 / np.arange(1, SKILLS + 1) ** 0.6)
    demand, supply = demand / demand.sum(), supply / supply.sum()

    def people(count: int, grades):
        departments = rng.choice(DEPARTMENTS, size=count, p=department_weights)
        languages = _pick(rng, LANGUAGE_PROFILES, count)
        levels = np.array([value for value, _weight in grades])[_pick(rng, grades, count)]
        return departments, languages, levels

    mentee_departments, mentee_languages, mentee_grades = people(mentee_count, MENTEE_GRADES)
    mentor_departments, mentor_languages, mentor_grades = people(mentor_count, MENTOR_GRADES)
    wish_counts = np.array([value for value, _weight in WISH_COUNTS])[
        _pick(rng, WISH_COUNTS, mentee_count)
    ]
    mentors = [
        matching.Mentor(
            key=index,
            department=int(mentor_departments[index]),
            languages=frozenset(LANGUAGE_PROFILES[mentor_languages[index]][0]),
            grade=int(mentor_grades[index]),
            strengths=frozenset(
                int(s) for s in rng.choice(SKILLS, size=STRENGTHS, replace=False, p=supply)
            ),
            capacity=CAPACITY,
        )
        for index in range(mentor_count)
    ]
    holders: dict[int, list[int]] = {}
    for mentor in mentors:
        for skill in mentor.strengths:
            holders.setdefault(skill, []).append(mentor.key)
    by_department: dict[int, list[int]] = {}
    for mentor in mentors:
        by_department.setdefault(mentor.department, []).append(mentor.key)

    mentees = []
    excluded: set[tuple[int, int]] = set()
    for index in range(mentee_count):
        wishes = tuple(
            int(s) for s in rng.choice(SKILLS, size=wish_counts[index], replace=False, p=demand)
        )
        preferences: tuple[int, ...] = ()
        if rng.random() < PREFERENCE_SHARE and holders.get(wishes[0]):
            pool = holders[wishes[0]]
            size = min(len(pool), int(rng.integers(1, matching.MAX_PREFERENCES + 1)))
            preferences = tuple(int(key) for key in rng.choice(pool, size=size, replace=False))
        department = int(mentee_departments[index])
        mentees.append(
            matching.Mentee(
                key=index,
                department=department,
                languages=frozenset(LANGUAGE_PROFILES[mentee_languages[index]][0]),
                grade=int(mentee_grades[index]),
                wishes=wishes,
                preferences=preferences,
            )
        )
        colleagues = by_department.get(department, [])
        if colleagues and rng.random() < EXCLUDED_SHARE:
            size = min(len(colleagues), int(rng.integers(1, 4)))
            for key in rng.choice(colleagues, size=size, replace=False):
                excluded.add((index, int(key)))
    return mentees, mentors, excluded


class Arrays:
    """The mentors as arrays, to score one mentee against all of them at once."""

    def __init__(self, mentors, rules: matching.Rules) -> None:
        self.rules = rules
        self.department = np.array([m.department for m in mentors], dtype=np.int32)
        self.languages = np.array([_mask(m.languages) for m in mentors], dtype=np.int32)
        self.grade = np.array([m.grade for m in mentors], dtype=np.int32)
        self.strengths = np.array(
            [sum(1 << s for s in m.strengths) for m in mentors], dtype=np.int64
        )
        self.capacity = np.array([m.capacity for m in mentors], dtype=np.int32)

    def fit(self, mentee: matching.Mentee, excluded_keys) -> tuple[np.ndarray, np.ndarray]:
        """Each mentor's fit with the mentee, as ``matching.pair_of`` counts it, and whether
        the pair is allowed (capacity aside), as ``matching.allowed`` decides it."""
        rules = self.rules
        allowed = np.ones(len(self.department), dtype=bool)
        if rules.shared_language:
            allowed &= (self.languages & _mask(mentee.languages)) != 0
        cross = self.department != mentee.department
        if rules.department is matching.DepartmentRule.REQUIRED:
            allowed &= cross
        if rules.grade_rule:
            gap = self.grade - mentee.grade
            if rules.grade_gap_min is not None:
                allowed &= gap >= rules.grade_gap_min
            if rules.grade_gap_max is not None:
                allowed &= gap <= rules.grade_gap_max
        wish = np.zeros(len(self.department), dtype=np.int64)
        for rank in reversed(range(min(len(mentee.wishes), matching.MAX_WISHES))):
            holds = (self.strengths >> mentee.wishes[rank]) & 1 == 1
            wish = np.where(holds, matching.WISH_POINTS[rank], wish)
        if rules.wish_required:
            allowed &= wish > 0
        fit = wish
        if rules.department is not matching.DepartmentRule.NONE:
            fit = fit + cross * matching.CROSS_DEPARTMENT_POINTS
        if rules.honour_preferences:
            for rank, key in enumerate(mentee.preferences[: matching.MAX_PREFERENCES]):
                fit[key] += matching.PREFERENCE_POINTS[rank]
        if excluded_keys:
            allowed[list(excluded_keys)] = False
        return fit, allowed


def _mask(languages) -> int:
    return sum(1 << LANGUAGES.index(language) for language in languages)


def _excluded_by_mentee(excluded) -> dict[int, list[int]]:
    by_mentee: dict[int, list[int]] = {}
    for mentee, mentor in excluded:
        by_mentee.setdefault(mentee, []).append(mentor)
    return by_mentee


# --- the methods ------------------------------------------------------------------------------


def exact(mentees, mentors, excluded, rules):
    result = matching.match(mentees, mentors, rules, excluded=excluded)
    notes = f"{result.rounds} round(s), {result.arcs:,} arcs"
    return [(pair.mentee, pair.mentor) for pair in result.pairs], notes


def greedy(mentees, mentors, excluded, rules, seed: int):
    arrays = Arrays(mentors, rules)
    by_mentee = _excluded_by_mentee(excluded)
    free = arrays.capacity.copy()
    pairs = []
    for index in np.random.default_rng(seed + 1).permutation(len(mentees)):
        mentee = mentees[index]
        fit, allowed = arrays.fit(mentee, by_mentee.get(mentee.key))
        allowed &= free > 0
        if not allowed.any():
            continue
        best = int(np.argmax(np.where(allowed, fit, -1)))
        free[best] -= 1
        pairs.append((mentee.key, best))
    return pairs, "mentees in a random order"


def top_k(mentees, mentors, excluded, rules, seed: int, *, shuffle_ties: bool):
    from ortools.graph.python import min_cost_flow

    arrays = Arrays(mentors, rules)
    by_mentee = _excluded_by_mentee(excluded)
    rng = np.random.default_rng(seed + 2)
    tails, heads, costs = [], [], []
    allowed_pairs = 0
    for index, mentee in enumerate(mentees):
        fit, allowed = arrays.fit(mentee, by_mentee.get(mentee.key))
        candidates = np.flatnonzero(allowed)
        allowed_pairs += len(candidates)
        if shuffle_ties:
            candidates = rng.permutation(candidates)
        kept = candidates[np.argsort(-fit[candidates], kind="stable")[:TOP_K]]
        tails.append(np.full(len(kept), index, dtype=np.int32))
        heads.append(kept.astype(np.int32))
        costs.append(-fit[kept])
    pairs = _flow(
        min_cost_flow,
        len(mentees),
        arrays.capacity,
        np.concatenate(tails),
        np.concatenate(heads),
        np.concatenate(costs),
    )
    distinct = len({int(h) for part in heads for h in part})
    return pairs, (
        f"{sum(len(t) for t in tails):,} arcs kept of {allowed_pairs:,} allowed pairs; "
        f"{distinct:,} distinct mentors in anyone's top {TOP_K}"
    )


def all_pairs(mentees, mentors, excluded, rules):
    from ortools.graph.python import min_cost_flow

    arrays = Arrays(mentors, rules)
    by_mentee = _excluded_by_mentee(excluded)
    tails, heads, costs = [], [], []
    for index, mentee in enumerate(mentees):
        fit, allowed = arrays.fit(mentee, by_mentee.get(mentee.key))
        candidates = np.flatnonzero(allowed).astype(np.int32)
        tails.append(np.full(len(candidates), index, dtype=np.int32))
        heads.append(candidates)
        costs.append(-fit[candidates])
    tails_all = np.concatenate(tails)
    del tails
    pairs = _flow(
        min_cost_flow,
        len(mentees),
        arrays.capacity,
        tails_all,
        np.concatenate(heads),
        np.concatenate(costs),
    )
    return pairs, f"{len(tails_all):,} allowed pairs, each an arc"


def _flow(min_cost_flow, mentee_count, capacity, tails, heads, costs):
    """Max flow of min cost: source → mentee (1) → mentor (1, −fit) → sink (capacity)."""
    source, sink, first_mentee = 0, 1, 2
    first_mentor = first_mentee + mentee_count
    mentor_count = len(capacity)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(
            [
                np.zeros(mentee_count, dtype=np.int32),
                tails + first_mentee,
                np.arange(first_mentor, first_mentor + mentor_count, dtype=np.int32),
            ]
        ),
        np.concatenate(
            [
                np.arange(first_mentee, first_mentor, dtype=np.int32),
                heads + first_mentor,
                np.full(mentor_count, sink, dtype=np.int32),
            ]
        ),
        np.concatenate(
            [
                np.ones(mentee_count, dtype=np.int64),
                np.ones(len(tails), dtype=np.int64),
                capacity.astype(np.int64),
            ]
        ),
        np.concatenate(
            [np.zeros(mentee_count, dtype=np.int64), costs, np.zeros(mentor_count, dtype=np.int64)]
        ),
    )
    solver.set_node_supply(source, mentee_count)
    solver.set_node_supply(sink, -mentee_count)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    arcs = np.arange(mentee_count, mentee_count + len(tails), dtype=np.int64)
    used = solver.flows(arcs) > 0
    return list(zip(tails[used].tolist(), heads[used].tolist(), strict=True))


METHODS = {
    "exact": ("exact (matching.match)", lambda m, n, x, r, seed: exact(m, n, x, r)),
    "greedy": ("greedy, best fit first", greedy),
    "top50": (
        f"top-{TOP_K} (ties by index) + exact flow",
        lambda m, n, x, r, seed: top_k(m, n, x, r, seed, shuffle_ties=False),
    ),
    "top50-shuffled": (
        f"top-{TOP_K} (ties shuffled) + exact flow",
        lambda m, n, x, r, seed: top_k(m, n, x, r, seed, shuffle_ties=True),
    ),
    "all-pairs": ("all allowed pairs as arcs", lambda m, n, x, r, seed: all_pairs(m, n, x, r)),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run(method: str, mentee_count: int, mentor_count: int, seed: int, tight: bool) -> dict:
    """One method in this (fresh) process: build, solve, check."""
    mentees, mentors, excluded = build(mentee_count, mentor_count, seed)
    rules = TIGHT_RULES if tight else DEFAULT_RULES
    built_mb = _peak_mb()
    started = time.perf_counter()
    pairs, notes = METHODS[method][1](mentees, mentors, excluded, rules, seed)
    wall = time.perf_counter() - started
    peak_mb = _peak_mb()
    total = check(pairs, mentees, mentors, excluded, rules)
    return {
        "method": method,
        "matched": len(pairs),
        "fit": total,
        "wall": wall,
        "built_mb": built_mb,
        "peak_mb": peak_mb,
        "notes": notes,
    }


def check(pairs, mentees, mentors, excluded, rules) -> int:
    """Every pair allowed, no mentee twice, no mentor over capacity; the total fit."""
    seen = Counter(mentee for mentee, _mentor in pairs)
    assert not seen or max(seen.values()) == 1, "a mentee matched twice"
    load = Counter(mentor for _mentee, mentor in pairs)
    assert all(load[key] <= mentors[key].capacity for key in load), "a mentor over capacity"
    total = 0
    for mentee_key, mentor_key in pairs:
        mentee, mentor = mentees[mentee_key], mentors[mentor_key]
        assert matching.allowed(rules, mentee, mentor, (mentee_key, mentor_key) in excluded)
        total += matching.pair_of(rules, mentee, mentor).fit
    return total


def describe(mentee_count: int, mentor_count: int, seed: int, tight: bool) -> str:
    """What the instance looks like: how many mentees could have any mentor at all."""
    mentees, mentors, excluded = build(mentee_count, mentor_count, seed)
    rules = TIGHT_RULES if tight else DEFAULT_RULES
    arrays = Arrays(mentors, rules)
    by_mentee = _excluded_by_mentee(excluded)
    without = 0
    for mentee in mentees:
        _fit, allowed = arrays.fit(mentee, by_mentee.get(mentee.key))
        without += not allowed.any()
    return (
        f"{len(mentees):,} mentees, {len(mentors):,} mentors x capacity {CAPACITY} = "
        f"{len(mentors) * CAPACITY:,} places, {len(excluded):,} reporting-line exclusions; "
        f"{without:,} mentees have no allowed mentor at all"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentees", type=int, default=20_000)
    parser.add_argument("--mentors", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--tight",
        action="store_true",
        help="department required, mentor one or two levels above, wish required",
    )
    parser.add_argument(
        "--all-pairs",
        action="store_true",
        help="also solve with every allowed pair as an arc (a check; slow, several GB)",
    )
    parser.add_argument(
        "--methods",
        default="exact,greedy,top50,top50-shuffled",
        help=f"comma-separated, of {', '.join(METHODS)}",
    )
    args = parser.parse_args()
    methods = [name for name in args.methods.split(",") if name]
    if args.all_pairs and "all-pairs" not in methods:
        methods.append("all-pairs")
    unknown = [name for name in methods if name not in METHODS]
    if unknown:
        parser.error(f"unknown method(s): {', '.join(unknown)}")

    rules = TIGHT_RULES if args.tight else DEFAULT_RULES
    print(f"python {platform.python_version()}, {os.cpu_count()} CPU(s); seed {args.seed}")
    print(f"rules: {rules}")
    context = multiprocessing.get_context("spawn")
    # Built in a child too, so that this process stays small: a child's peak memory starts
    # from what it was forked from.
    with context.Pool(1) as pool:
        print(pool.apply(describe, (args.mentees, args.mentors, args.seed, args.tight)))
    rows = []
    for method in methods:
        # A fresh process per method: its peak memory is its own.
        with context.Pool(1) as pool:
            rows.append(
                pool.apply(run, (method, args.mentees, args.mentors, args.seed, args.tight))
            )
    print()
    print(
        f"{'method':<40} {'matched':>8} {'%':>6} {'total fit':>10} {'fit/pair':>8} "
        f"{'wall s':>8} {'peak MB':>8} {'+MB':>7}"
    )
    for row in rows:
        print(
            f"{METHODS[row['method']][0]:<40} {row['matched']:>8,} "
            f"{100 * row['matched'] / args.mentees:>5.1f}% {row['fit']:>10,} "
            f"{row['fit'] / max(row['matched'], 1):>8.1f} {row['wall']:>8.2f} "
            f"{row['peak_mb']:>8.0f} {row['peak_mb'] - row['built_mb']:>7.0f}"
        )
    print()
    for row in rows:
        print(f"{METHODS[row['method']][0]}: {row['notes']}")


if __name__ == "__main__":
    main()
