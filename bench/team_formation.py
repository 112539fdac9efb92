# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the hackathon team formation (issue 19, point 3; elan/events/formation.py).

    python bench/team_formation.py [--participants 1000] [--challenges 60] [--seed 2025]
                                   [--runs 1] [--spare 4] [--all-challenges]
                                   [--assignment-seconds 5] [--wall-seconds 9] [--workers 2]

Builds a random event straight as ``formation.Participant`` / ``Challenge`` / ``Mentor`` (no
database): 40 units of uneven size, three working languages (each person speaks one or two of
nl/fr/en, Dutch and French most), grades A–D, 12 skills of which 6 are required in every team
(each person holds two to four strengths, the required ones twice as often as the others,
so that each required skill is held by about a third of the people), one to three
skills to practise, a ranking of five challenges drawn by uneven popularity, one person in ten
in a pre-formed group of two or three (same unit most of the time, sharing a language), one in
three a newcomer; 60 challenges of at most 5 teams each; teams of 4–6 with at most 2 people of
one unit; 70 mentors taking 3 teams each, with three strengths and one or two languages.

Times ``formation.form_teams`` (wall and CPU of this process), checks the plan with
``formation.check`` (every hard rule, mentors included), and prints the preference objective
with the proven bound and the gap, the distribution of the challenge ranks people got, the
diversity and the newcomer pairs, and the mentor gaps. Writes nothing. Results:
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from elan.events import formation

UNITS = 40
SKILLS = tuple(f"s{number:02d}" for number in range(12))
REQUIRED = SKILLS[:6]
GRADES = ("A", "B", "C", "D")
LANGUAGE_PROFILES = (
    (("nl",), 0.40),
    (("fr",), 0.30),
    (("nl", "fr"), 0.10),
    (("nl", "en"), 0.09),
    (("fr", "en"), 0.07),
    (("en",), 0.04),
)
GROUP_SHARE = 0.10
NEWCOMER_SHARE = 0.33
MAX_TEAMS = 5
MENTORS = 70
MENTOR_CAPACITY = 3
RULES = formation.Rules(min_size=4, max_size=6, required_skills=REQUIRED, max_per_unit=2)


def _profile(rng: np.random.Generator) -> tuple[str, ...]:
    weights = np.array([weight for _languages, weight in LANGUAGE_PROFILES])
    return LANGUAGE_PROFILES[int(rng.choice(len(weights), p=weights / weights.sum()))][0]


def build(count: int, challenge_count: int, seed: int):
    """The event's people, challenges and mentors, the same for the same arguments."""
    rng = np.random.default_rng(seed)
    unit_weights = rng.lognormal(0.0, 0.6, UNITS)
    unit_weights /= unit_weights.sum()
    popularity = rng.permutation(1.0 / np.arange(1, challenge_count + 1) ** 0.8)
    popularity /= popularity.sum()
    skill_weights = np.array([2.0 if skill in REQUIRED else 1.0 for skill in SKILLS])
    skill_weights /= skill_weights.sum()
    challenges = [
        formation.Challenge(f"c{number:02d}", MAX_TEAMS) for number in range(challenge_count)
    ]

    def ranking() -> tuple[str, ...]:
        picked = rng.choice(challenge_count, size=5, replace=False, p=popularity)
        return tuple(challenges[int(i)].key for i in picked)

    participants = []
    group_number = 0
    while len(participants) < count:
        unit = f"u{int(rng.choice(UNITS, p=unit_weights)):02d}"
        languages = _profile(rng)
        size = 1
        if rng.random() < GROUP_SHARE / 2.5:
            size = min(int(rng.integers(2, 4)), count - len(participants))
        group = None
        if size > 1:
            group_number += 1
            group = f"g{group_number:03d}"
        shared = ranking()
        for _ in range(size):
            own_unit = unit if size == 1 or rng.random() < 0.7 else f"u{rng.integers(UNITS):02d}"
            strengths = rng.choice(
                len(SKILLS), size=int(rng.integers(2, 5)), replace=False, p=skill_weights
            )
            practise = rng.choice(len(SKILLS), size=int(rng.integers(1, 4)), replace=False)
            participants.append(
                formation.Participant(
                    key=f"p{len(participants):04d}",
                    unit=own_unit,
                    grade=GRADES[int(rng.integers(len(GRADES)))],
                    # A group shares its working language; some members speak one more.
                    languages=frozenset(languages) | frozenset(_profile(rng) if size > 1 else ()),
                    strengths=frozenset(SKILLS[int(i)] for i in strengths),
                    practise=frozenset(SKILLS[int(i)] for i in practise),
                    ranking=shared if size > 1 else ranking(),
                    group=group,
                    newcomer=bool(rng.random() < NEWCOMER_SHARE),
                )
            )
        if (
            group is not None
            and sum(p.unit == unit for p in participants if p.group == group) > RULES.max_per_unit
        ):
            # Three of one unit cannot share a team: move the last one to another unit.
            last = participants[-1]
            participants[-1] = formation.Participant(
                **{**last.__dict__, "unit": f"u{(int(unit[1:]) + 1) % UNITS:02d}"}
            )
    mentors = [
        formation.Mentor(
            key=f"m{number:02d}",
            capacity=MENTOR_CAPACITY,
            strengths=frozenset(
                SKILLS[int(i)] for i in rng.choice(len(SKILLS), size=3, replace=False)
            ),
            languages=frozenset(_profile(rng)),
        )
        for number in range(MENTORS)
    ]
    return participants, challenges, mentors


def main() -> None:
    defaults = formation.Limits()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--challenges", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=1, help="solve this many times (same plan)")
    parser.add_argument("--spare", type=int, default=defaults.spare_challenges)
    parser.add_argument(
        "--all-challenges",
        action="store_true",
        help="every challenge open to every block: the bound holds for the problem itself",
    )
    parser.add_argument("--assignment-seconds", type=float, default=defaults.assignment_seconds)
    parser.add_argument("--wall-seconds", type=float, default=defaults.wall_seconds)
    parser.add_argument("--workers", type=int, default=defaults.workers)
    args = parser.parse_args()
    participants, challenges, mentors = build(args.participants, args.challenges, args.seed)
    limits = formation.Limits(
        assignment_seconds=args.assignment_seconds,
        wall_seconds=args.wall_seconds,
        workers=args.workers,
        spare_challenges=None if args.all_challenges else args.spare,
    )
    groups = Counter(p.group for p in participants if p.group)
    print(f"python {platform.python_version()}, {os.cpu_count()} CPU(s); seed {args.seed}")
    print(
        f"{len(participants):,} participants ({len(groups)} groups of 2-3, "
        f"{sum(groups.values())} people in them, {sum(p.newcomer for p in participants)} "
        f"newcomers), {len(challenges)} challenges x {MAX_TEAMS} teams, "
        f"{len(mentors)} mentors x {MENTOR_CAPACITY}; {limits}"
    )
    plans = []
    for _ in range(args.runs):
        started, cpu = time.perf_counter(), time.process_time()
        plan = formation.form_teams(participants, challenges, RULES, mentors, limits=limits)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        if isinstance(plan, formation.Infeasible):
            print(f"infeasible: {plan}")
            return
        plans.append(plan)
        breaches = formation.check(plan.teams, participants, challenges, RULES, mentors)
        stages = ", ".join(f"{name} {value:.2f} s" for name, value in plan.seconds.items())
        print(
            f"wall {wall:.2f} s, CPU {cpu:.2f} s ({stages}); {len(plan.teams)} teams; "
            f"hard-rule breaches: {len(breaches)}; stage-1 rounds: {plan.rounds}"
        )
    plan = plans[-1]
    same = all(other.teams == plan.teams for other in plans)
    pref = plan.preference
    print(
        f"preference points {pref.value:,}, proven bound {pref.bound:,}, gap "
        f"{100 * pref.gap:.2f} %{' (optimal)' if pref.optimal else ''}; "
        f"most possible (everyone their first choice) {5 * len(participants):,}"
    )
    ranks = Counter(
        reason.params.get("rank", "unranked")
        for reasons in plan.explanations.values()
        for reason in reasons
        if reason.code in ("challenge_rank", "challenge_unranked")
    )
    print(
        "challenge got: "
        + ", ".join(f"{key}: {ranks[key]}" for key in (1, 2, 3, 4, 5, "unranked") if ranks[key])
    )
    print(f"diversity {plan.diversity:,}; newcomer pairs {plan.newcomer_pairs:,}")
    print(
        f"mentored teams {sum(t.mentor is not None for t in plan.teams)} of {len(plan.teams)}; "
        f"gaps by reason: {dict(Counter(gap.code for gap in plan.mentor_gaps))}"
    )
    if args.runs > 1:
        print(f"the same plan on every run: {same}")


if __name__ == "__main__":
    main()
