# SPDX-License-Identifier: EUPL-1.2
"""Matching a mentor programme to the proven optimum (docs/network.md, docs/adr/0017).

Plain Python, numpy and OR-Tools, no Django: the services build the people and the rules, this
module decides the pairs. The problem, in the order the programme's organiser reads it:

1. hard rules first: a mentor's capacity, never within one's reporting line, a shared working
   language, the programme's department and grade rules, and (where the programme asks it) a
   mentor who holds one of the mentee's learning wishes;
2. then as many mentees matched as those rules allow;
3. among all such matchings, the best total fit: points for the mentee's highest-ranked wish
   that the mentor holds as a strength, a bonus for crossing departments, and points for the
   mentee's own ranked preferences.

Steps 2 and 3 are one maximum flow of minimum cost (OR-Tools' ``SimpleMinCostFlow``,
``solve_max_flow_with_min_cost``), which is exact: it finds the largest matching, and among the
largest the cheapest, i.e. the best fit.

Listing all allowed pairs of 20,000 mentees and 5,000 mentors would take tens of millions of
arcs. The network instead routes each mentee through *hubs*: one node per (wish, language,
grade class, department class). A mentee enters the hub of each of its wishes in each of its
languages, paying that wish's points; a mentor leaves every hub whose wish it holds and whose
language, grade and department it satisfies. Every path mentee → hub → mentor is an allowed pair
with its exact fit, and every allowed pair has such a path, except for one rule a hub cannot
express: the reporting line, a pair-by-pair exclusion. So the flow is solved as a relaxation
and then split into pairs hub by hub, avoiding excluded pairs. If every hub splits cleanly, the
relaxation's optimum is reached by allowed pairs alone and is therefore the optimum of the real
problem. If a hub cannot (its only mentor with room manages the mentee), that mentee's pairs are
listed one by one, without the excluded ones, and the network is solved again. The loop ends:
each round lists at least one more mentee explicitly.
"""

from __future__ import annotations

import dataclasses
import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from ortools.graph.python import min_cost_flow

# Points of the fit (docs/network.md, "The fit"). A first wish outweighs the department bonus,
# which outweighs a third wish; a mentee's first choice of mentor weighs like a first wish.
WISH_POINTS = (30, 20, 10)
CROSS_DEPARTMENT_POINTS = 15
PREFERENCE_POINTS = (30, 24, 18, 12, 6)
MAX_WISHES = len(WISH_POINTS)
MAX_PREFERENCES = len(PREFERENCE_POINTS)

_ANY = -1


class DepartmentRule(enum.StrEnum):
    REQUIRED = "required"
    PREFERRED = "preferred"
    NONE = "none"


@dataclasses.dataclass(frozen=True)
class Rules:
    department: DepartmentRule = DepartmentRule.PREFERRED
    shared_language: bool = True
    # Seniority gap, the mentor's minus the mentee's (levels A=4 … D=1); None: no bound.
    grade_gap_min: int | None = None
    grade_gap_max: int | None = None
    wish_required: bool = True
    honour_preferences: bool = True

    @property
    def grade_rule(self) -> bool:
        return self.grade_gap_min is not None or self.grade_gap_max is not None

    def grade_allows(self, mentee_grade: int, mentor_grade: int) -> bool:
        gap = mentor_grade - mentee_grade
        if self.grade_gap_min is not None and gap < self.grade_gap_min:
            return False
        return not (self.grade_gap_max is not None and gap > self.grade_gap_max)


@dataclasses.dataclass(frozen=True)
class Mentee:
    key: object
    department: int
    languages: frozenset[str]
    grade: int | None
    wishes: tuple[int, ...]  # skill numbers, first wish first
    preferences: tuple[object, ...] = ()  # mentor keys, first choice first


@dataclasses.dataclass(frozen=True)
class Mentor:
    key: object
    department: int
    languages: frozenset[str]
    grade: int | None
    strengths: frozenset[int]
    capacity: int


@dataclasses.dataclass(frozen=True)
class Pair:
    mentee: object
    mentor: object
    fit: int
    wish: int | None  # the skill the pair meets on, None when they share none
    wish_rank: int | None
    cross_department: bool
    languages: frozenset[str]
    preference_rank: int | None


@dataclasses.dataclass
class Result:
    pairs: list[Pair]
    unmatched: list[object]
    rounds: int
    arcs: int

    @property
    def total_fit(self) -> int:
        return sum(pair.fit for pair in self.pairs)


def allowed(rules: Rules, mentee: Mentee, mentor: Mentor, excluded: bool = False) -> bool:
    """Whether the pair passes every hard rule (capacity aside)."""
    if excluded:
        return False
    if rules.shared_language and not (mentee.languages & mentor.languages):
        return False
    if rules.department is DepartmentRule.REQUIRED and mentee.department == mentor.department:
        return False
    if rules.grade_rule:
        if mentee.grade is None or mentor.grade is None:
            return False
        if not rules.grade_allows(mentee.grade, mentor.grade):
            return False
    return not (rules.wish_required and not set(mentee.wishes) & mentor.strengths)


def pair_of(rules: Rules, mentee: Mentee, mentor: Mentor) -> Pair:
    """The pair with its fit and the facts its explanation names."""
    wish_rank = next(
        (
            rank
            for rank, skill in enumerate(mentee.wishes[:MAX_WISHES])
            if skill in mentor.strengths
        ),
        None,
    )
    cross = mentee.department != mentor.department
    preference_rank = None
    if rules.honour_preferences and mentor.key in mentee.preferences[:MAX_PREFERENCES]:
        preference_rank = mentee.preferences.index(mentor.key)
    fit = (
        (WISH_POINTS[wish_rank] if wish_rank is not None else 0)
        + (CROSS_DEPARTMENT_POINTS if cross and rules.department is not DepartmentRule.NONE else 0)
        + (PREFERENCE_POINTS[preference_rank] if preference_rank is not None else 0)
    )
    return Pair(
        mentee=mentee.key,
        mentor=mentor.key,
        fit=fit,
        wish=mentee.wishes[wish_rank] if wish_rank is not None else None,
        wish_rank=wish_rank,
        cross_department=cross,
        languages=mentee.languages & mentor.languages,
        preference_rank=preference_rank,
    )


def match(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    rules: Rules,
    *,
    excluded: Iterable[tuple[object, object]] = (),
) -> Result:
    """The optimal matching: as many mentees as the rules allow, then the best total fit.

    ``excluded`` lists (mentee key, mentor key) pairs that may never be made: the reporting
    line, and pairs the mentee or the mentor declined. A mentor's ``capacity`` is the number of
    mentees still to give them.
    """
    excluded_pairs = set(excluded)
    mentors = [mentor for mentor in mentors if mentor.capacity > 0]
    explicit: set[int] = set()
    rounds = 0
    while True:
        rounds += 1
        network = _Network(mentees, mentors, rules, excluded_pairs, explicit)
        flows = network.solve()
        pairs, stuck = network.split(flows)
        if not stuck:
            matched = {pair.mentee for pair in pairs}
            return Result(
                pairs=pairs,
                unmatched=[mentee.key for mentee in mentees if mentee.key not in matched],
                rounds=rounds,
                arcs=network.arc_count,
            )
        explicit |= stuck


class _Network:
    """The flow network: source → mentee → (hub | mentor) → mentor → sink."""

    def __init__(
        self,
        mentees: Sequence[Mentee],
        mentors: Sequence[Mentor],
        rules: Rules,
        excluded: set[tuple[object, object]],
        explicit: set[int],
    ) -> None:
        self.mentees, self.mentors, self.rules = mentees, mentors, rules
        self.excluded, self.explicit = excluded, explicit
        self.mentor_index = {mentor.key: index for index, mentor in enumerate(mentors)}
        self.source = 0
        self.sink = 1
        self.first_mentee = 2
        self.first_mentor = self.first_mentee + len(mentees)
        self.next_node = self.first_mentor + len(mentors)
        self.hubs: dict[tuple, int] = {}
        self.tails: list[np.ndarray] = []
        self.heads: list[np.ndarray] = []
        self.capacities: list[np.ndarray] = []
        self.costs: list[np.ndarray] = []
        self._build()

    # --- building -------------------------------------------------------------------------

    def _add(self, tails, heads, capacities, costs) -> None:
        self.tails.append(np.asarray(tails, dtype=np.int32))
        self.heads.append(np.asarray(heads, dtype=np.int32))
        self.capacities.append(np.asarray(capacities, dtype=np.int64))
        self.costs.append(np.asarray(costs, dtype=np.int64))

    def _hub(self, key: tuple) -> int:
        node = self.hubs.get(key)
        if node is None:
            node = self.hubs[key] = self.next_node
            self.next_node += 1
        return node

    def _languages(self, person) -> Iterable[str]:
        return sorted(person.languages) if self.rules.shared_language else ("*",)

    def _grades_for_mentee(self, mentee: Mentee) -> tuple[int, ...]:
        if not self.rules.grade_rule:
            return (_ANY,)
        return () if mentee.grade is None else (mentee.grade,)

    def _grades_for_mentor(self, mentor: Mentor, mentee_grades: set[int]) -> tuple[int, ...]:
        if not self.rules.grade_rule:
            return (_ANY,)
        if mentor.grade is None:
            return ()
        return tuple(g for g in sorted(mentee_grades) if self.rules.grade_allows(g, mentor.grade))

    def _build(self) -> None:
        rules = self.rules
        count = len(self.mentees)
        self._add(
            [self.source] * count,
            range(self.first_mentee, self.first_mentee + count),
            [1] * count,
            [0] * count,
        )
        self._add(
            range(self.first_mentor, self.first_mentor + len(self.mentors)),
            [self.sink] * len(self.mentors),
            [mentor.capacity for mentor in self.mentors],
            [0] * len(self.mentors),
        )
        cross = rules.department is not DepartmentRule.NONE
        bonus = CROSS_DEPARTMENT_POINTS if cross else 0
        wish_slots = list(range(MAX_WISHES)) + ([] if rules.wish_required else [None])
        tails, heads, costs = [], [], []
        departments: set[int] = set()
        grades: set[int] = set()
        for index, mentee in enumerate(self.mentees):
            node = self.first_mentee + index
            if index in self.explicit:
                continue
            departments.add(mentee.department)
            if mentee.grade is not None:
                grades.add(mentee.grade)
            for slot in wish_slots:
                if slot is not None and slot >= len(mentee.wishes):
                    continue
                skill = _ANY if slot is None else mentee.wishes[slot]
                points = 0 if slot is None else WISH_POINTS[slot]
                for language in self._languages(mentee):
                    for grade in self._grades_for_mentee(mentee):
                        # The department class: "not d" carries the bonus, "d" does not and
                        # exists only where a programme allows pairs within a department.
                        key = (skill, language, grade)
                        tails.append(node)
                        heads.append(self._hub((*key, "not", mentee.department)))
                        costs.append(-(points + bonus))
                        if rules.department is not DepartmentRule.REQUIRED:
                            tails.append(node)
                            heads.append(self._hub((*key, "in", mentee.department)))
                            costs.append(-points)
        self._add(tails, heads, [1] * len(tails), costs)
        self._build_mentor_side(departments, grades)
        self._build_explicit_and_preferred()

    def _build_mentor_side(self, departments: set[int], grades: set[int]) -> None:
        hubs = self.hubs
        tails, heads, capacities = [], [], []
        skills_of_hubs: dict[tuple, list[tuple]] = defaultdict(list)
        for key in hubs:
            skills_of_hubs[key[:3]].append(key)
        for index, mentor in enumerate(self.mentors):
            node = self.first_mentor + index
            skills = [*sorted(mentor.strengths), _ANY]
            for skill in skills:
                for language in self._languages(mentor):
                    for grade in self._grades_for_mentor(mentor, grades):
                        for key in skills_of_hubs.get((skill, language, grade), ()):
                            side, department = key[3], key[4]
                            if (side == "not") == (department == mentor.department):
                                continue
                            tails.append(hubs[key])
                            heads.append(node)
                            capacities.append(mentor.capacity)
        self._add(tails, heads, capacities, [0] * len(tails))

    def _build_explicit_and_preferred(self) -> None:
        tails, heads, costs = [], [], []
        for index, mentee in enumerate(self.mentees):
            node = self.first_mentee + index
            if index in self.explicit:
                candidates: Iterable[Mentor] = self.mentors
            elif self.rules.honour_preferences and mentee.preferences:
                candidates = [
                    self.mentors[self.mentor_index[key]]
                    for key in mentee.preferences[:MAX_PREFERENCES]
                    if key in self.mentor_index
                ]
            else:
                continue
            for mentor in candidates:
                if not allowed(
                    self.rules, mentee, mentor, (mentee.key, mentor.key) in self.excluded
                ):
                    continue
                tails.append(node)
                heads.append(self.first_mentor + self.mentor_index[mentor.key])
                costs.append(-pair_of(self.rules, mentee, mentor).fit)
        self._add(tails, heads, [1] * len(tails), costs)

    @property
    def arc_count(self) -> int:
        return int(sum(len(part) for part in self.tails))

    # --- solving and splitting ------------------------------------------------------------

    def solve(self) -> dict[str, np.ndarray]:
        solver = min_cost_flow.SimpleMinCostFlow()
        tails = np.concatenate(self.tails)
        heads = np.concatenate(self.heads)
        solver.add_arcs_with_capacity_and_unit_cost(
            tails, heads, np.concatenate(self.capacities), np.concatenate(self.costs)
        )
        solver.set_node_supply(self.source, len(self.mentees))
        solver.set_node_supply(self.sink, -len(self.mentees))
        status = solver.solve_max_flow_with_min_cost()
        if status != solver.OPTIMAL:  # pragma: no cover - OR-Tools failing is not a rule
            raise RuntimeError(f"min-cost flow ended with status {status}")
        flows = solver.flows(np.arange(len(tails), dtype=np.int64))
        return {"tails": tails, "heads": heads, "flows": flows}

    def split(self, solved: dict[str, np.ndarray]) -> tuple[list[Pair], set[int]]:
        tails, heads, flows = solved["tails"], solved["heads"], solved["flows"]
        used = flows > 0
        tails, heads, flows = tails[used], heads[used], flows[used]
        first_mentor, first_hub = self.first_mentor, self.first_mentor + len(self.mentors)
        entering: dict[int, list[int]] = defaultdict(list)
        leaving: dict[int, list[tuple[int, int]]] = defaultdict(list)
        direct: list[tuple[int, int]] = []
        for tail, head, flow in zip(tails.tolist(), heads.tolist(), flows.tolist(), strict=True):
            if self.first_mentee <= tail < first_mentor:
                mentee = tail - self.first_mentee
                if head >= first_hub:
                    entering[head].append(mentee)
                else:
                    direct.append((mentee, head - first_mentor))
            elif tail >= first_hub:
                leaving[tail].append((head - first_mentor, flow))
        pairs = [self._pair(mentee, mentor) for mentee, mentor in direct]
        stuck: set[int] = set()
        for hub, hub_mentees in entering.items():
            slots = [mentor for mentor, flow in leaving[hub] for _ in range(flow)]
            paired, unpaired = _pair_up(
                hub_mentees,
                slots,
                lambda mentee, mentor: (
                    (self.mentees[mentee].key, self.mentors[mentor].key) in self.excluded
                ),
            )
            pairs.extend(self._pair(mentee, mentor) for mentee, mentor in paired)
            stuck.update(unpaired)
        return pairs, stuck

    def _pair(self, mentee: int, mentor: int) -> Pair:
        return pair_of(self.rules, self.mentees[mentee], self.mentors[mentor])


def _pair_up(
    mentees: list[int], slots: list[int], excluded
) -> tuple[list[tuple[int, int]], list[int]]:
    """Pair each mentee with one slot (a mentor, repeated by the flow it receives) so that no
    excluded pair is made: first fit, then augmenting paths for the few that collide."""
    owner: list[int | None] = [None] * len(slots)
    free = list(range(len(slots)))
    unpaired: list[int] = []
    for mentee in mentees:
        for position, slot in enumerate(free):
            if not excluded(mentee, slots[slot]):
                owner[slot] = mentee
                free.pop(position)
                break
        else:
            unpaired.append(mentee)
    still: list[int] = []
    for mentee in unpaired:
        if not _augment(mentee, slots, owner, excluded, set()):
            still.append(mentee)
    return [(mentee, slots[slot]) for slot, mentee in enumerate(owner) if mentee is not None], still


def _augment(
    mentee: int, slots: list[int], owner: list[int | None], excluded, seen: set[int]
) -> bool:
    for slot, mentor in enumerate(slots):
        if slot in seen or excluded(mentee, mentor):
            continue
        seen.add(slot)
        holder = owner[slot]
        if holder is None or _augment(holder, slots, owner, excluded, seen):
            owner[slot] = mentee
            return True
    return False
