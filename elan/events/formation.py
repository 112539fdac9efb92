# SPDX-License-Identifier: EUPL-1.2
"""Forming the teams of a hackathon or an innovation sprint (issue 19, point 3).

Plain Python and OR-Tools, no Django: the Django layer builds the participants, challenges,
mentors and rules, this module decides the teams. The problem, as the organiser reads it:

Hard rules, all of which every plan meets (``check`` tests each one, on our plans and on the
organiser's swaps alike):

- every participant is in exactly one team, of ``min_size`` to ``max_size`` members;
- a pre-formed group is entirely in one team;
- a team has one working language, spoken by every member;
- a team covers every required skill: each is a strength of at least one member;
- at most ``max_per_unit`` members of one unit in a team;
- a team works on one challenge, and a challenge has at most ``max_teams`` teams.

Then, in this order (lexicographic): (1) the ranked challenge preferences: a member earns 5, 4,
3, 2 or 1 points for a team working on their first … fifth choice, 0 for an unranked one;
(2) diversity: the number of distinct units, grades and spoken languages, summed over the
teams; (3) newcomers spread over the teams: the number of pairs of newcomers sharing a team,
as few as possible.

How it is solved, in two stages (a decomposition; one CP-SAT model over 1,000 people and 200
team slots is too slow for the 10 seconds an organiser waits):

1. **Assignment** (CP-SAT, one model). Each *block* (a pre-formed group, or one person alone)
   goes to one *cell*: a challenge and a working language the whole block speaks; each cell
   gets a number of teams. Everything the teams need is asked of the cell as a count: its
   members number between ``min_size`` and ``max_size`` times its teams; each required skill
   is held in at least as many blocks as it has teams (a group sits in one team, so it covers
   one team at most); a unit has at most ``max_per_unit`` times its teams there; a challenge's
   cells have at most ``max_teams`` teams together. These are necessary conditions, so stage 1
   is a relaxation of the team rules, and it maximises objective (1), which depends on the
   challenge alone. Its optimum is therefore exact for (1), and the solver's proven bound is a
   bound on any plan, with one proviso: to keep the model small, a block may only go to the
   challenges it ranked and to ``Limits.spare_challenges`` others (those with the most room
   for their first-choice demand). With ``spare_challenges=None`` every challenge is open to
   every block and the bound holds for the problem itself.
2. **Teams** (CP-SAT, one small model per cell). The cell's blocks are split into its teams,
   meeting every hard rule, maximising (2) and then (3) within the cell. This is exact within
   a cell but heuristic for the event: the cells were chosen for (1) alone, so (2) and (3) are
   optimised given the challenges stage 1 picked, not over all plans of equal preference
   points. When a cell cannot be split (the counts were met but, say, groups of three do not
   add up to teams of four), stage 1 is solved again with that exact cell forbidden, at most
   ``Limits.repair_rounds`` times.

The plan is then checked against every hard rule by ``check``, independently of the models.

**Mentors** come last: one per team, within each mentor's capacity (a number of teams),
speaking the team's working language and holding the team's *weakest skill* as a strength.
The weakest skill is, among the required skills and the skills any member wants to practise,
the one the fewest members hold as a strength; ties go to a required skill first, then to the
skill more members want to practise, then alphabetically. The assignment is a maximum flow
(as many teams mentored as possible; among those, mentors who also hold more of the team's
practised skills). A team left without a mentor is reported with the reason, not an error.

**Infeasible events** get no plan but a diagnosis: counting pre-checks name the obvious
blocker and its amount (a group bigger than a team, a required skill held by fewer blocks than
the teams needed, a unit larger than its places, people without enough others speaking their
language). When they pass and stage 1 still has no solution, the model is solved again with one
assumption literal per rule family (team sizes, each required skill, each unit's cap, the
challenges' capacity, the languages), and CP-SAT's ``sufficient_assumptions_for_infeasibility``,
shrunk by dropping one literal at a time, names the families that together block it.

Deterministic: CP-SAT runs with a fixed seed and interleaved (deterministic) workers, bounded
by deterministic time; the wall-clock limits are a safety net only, and a plan cut short by one
may differ between runs.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

# Points for a member whose team works on their first … fifth choice.
RANK_POINTS = (5, 4, 3, 2, 1)
MAX_RANKING = len(RANK_POINTS)


# --- what comes in ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Participant:
    key: str
    unit: str
    grade: str
    languages: frozenset[str]
    strengths: frozenset[str] = frozenset()  # approved strengths: skill codes
    practise: frozenset[str] = frozenset()  # skills they want to practise
    ranking: tuple[str, ...] = ()  # challenge keys, best first, up to five
    group: str | None = None  # a pre-formed group, kept together
    newcomer: bool = False  # never joined an event


@dataclasses.dataclass(frozen=True)
class Challenge:
    key: str
    max_teams: int | None = None


@dataclasses.dataclass(frozen=True)
class Mentor:
    key: str
    capacity: int  # teams
    strengths: frozenset[str]
    languages: frozenset[str]


@dataclasses.dataclass(frozen=True)
class Rules:
    min_size: int = 4
    max_size: int = 6
    required_skills: tuple[str, ...] = ()
    max_per_unit: int = 2


@dataclasses.dataclass(frozen=True)
class Limits:
    """How long the solver may search. Deterministic seconds bound the search (the same plan
    for the same input); wall seconds are a safety net on a loaded machine."""

    assignment_seconds: float = 5.0  # stage 1, deterministic time (also the diagnosis's)
    teams_seconds: float = 3.0  # stage 2, deterministic time shared by all cells
    wall_seconds: float = 9.0  # both stages, wall clock: the safety net
    workers: int = 2  # CP-SAT threads for stage 1
    seed: int = 2025
    # Unranked challenges open to each block in stage 1 besides its ranked ones; None: all.
    spare_challenges: int | None = 4
    repair_rounds: int = 5  # stage-1 solves again after a cell could not be split


# --- what goes out ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Team:
    key: str
    challenge: str
    language: str
    members: tuple[str, ...]
    mentor: str | None = None


@dataclasses.dataclass(frozen=True)
class Reason:
    """A structured reason (a code and its parameters); the Django layer words it."""

    code: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Breach:
    """A hard rule a plan breaks, with the teams and people involved."""

    rule: str
    teams: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Objective:
    value: int
    bound: int
    optimal: bool

    @property
    def gap(self) -> float:
        """Relative gap to the proven bound: 0.0 when proven optimal."""
        return (self.bound - self.value) / self.bound if self.bound > 0 else 0.0


@dataclasses.dataclass(frozen=True)
class Plan:
    teams: tuple[Team, ...]
    mentor_gaps: tuple[Reason, ...]  # one per team without a mentor, code and team key
    explanations: Mapping[str, tuple[Reason, ...]]
    preference: Objective
    diversity: int
    newcomer_pairs: int
    rounds: int  # stage-1 solves (1 + cells forbidden and solved again)
    seconds: Mapping[str, float]


@dataclasses.dataclass(frozen=True)
class Infeasible:
    """No plan: the rules that block one. ``proven`` is False when the search ran out of time
    or repair rounds rather than proving that no plan exists."""

    blockers: tuple[Reason, ...]
    proven: bool = True


# --- blocks: a group, or one person alone -----------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Block:
    members: tuple[Participant, ...]
    group: str | None
    languages: frozenset[str]  # spoken by every member
    units: Mapping[str, int]
    skills: frozenset[str]
    newcomers: int

    @property
    def size(self) -> int:
        return len(self.members)


def _blocks(participants: Sequence[Participant]) -> list[_Block]:
    grouped: dict[str, list[Participant]] = {}
    order: list[tuple[str | None, list[Participant]]] = []
    for person in participants:
        if person.group is None:
            order.append((None, [person]))
        elif person.group in grouped:
            grouped[person.group].append(person)
        else:
            grouped[person.group] = [person]
            order.append((person.group, grouped[person.group]))
    return [
        _Block(
            members=tuple(members),
            group=group,
            languages=frozenset.intersection(*(m.languages for m in members)),
            units=Counter(m.unit for m in members),
            skills=frozenset().union(*(m.strengths for m in members)),
            newcomers=sum(m.newcomer for m in members),
        )
        for group, members in order
    ]


def _points(person: Participant, challenge: str) -> int:
    ranking = person.ranking[:MAX_RANKING]
    return RANK_POINTS[ranking.index(challenge)] if challenge in ranking else 0


# --- the hard-rule checker --------------------------------------------------------------------


def weakest_skill(members: Iterable[Participant], rules: Rules) -> str | None:
    """The required or practised skill the fewest members hold (see the module docstring);
    None when there is neither."""
    members = list(members)
    wanted = Counter(skill for m in members for skill in m.practise)
    candidates = set(rules.required_skills) | set(wanted)
    if not candidates:
        return None
    required = set(rules.required_skills)
    return min(
        candidates,
        key=lambda s: (
            sum(s in m.strengths for m in members),
            s not in required,
            -wanted[s],
            s,
        ),
    )


def check(
    teams: Sequence[Team],
    participants: Sequence[Participant],
    challenges: Sequence[Challenge],
    rules: Rules,
    mentors: Sequence[Mentor] = (),
) -> list[Breach]:
    """Every hard rule the plan breaks (an empty list: none), written apart from the solver so
    that it checks the solver too. A team's mentor, when it has one, is checked as well."""
    people = {p.key: p for p in participants}
    breaches: list[Breach] = []
    seen: dict[str, list[str]] = defaultdict(list)
    for team in teams:
        for key in team.members:
            seen[key].append(team.key)
    unknown = sorted(key for key in seen if key not in people)
    if unknown:
        breaches.append(Breach("unknown_person", people=tuple(unknown)))
    missing = [p.key for p in participants if p.key not in seen]
    if missing:
        breaches.append(Breach("unassigned", people=tuple(missing)))
    for key, team_keys in seen.items():
        if len(team_keys) > 1:
            breaches.append(Breach("assigned_twice", teams=tuple(team_keys), people=(key,)))

    known_challenges = {c.key: c for c in challenges}
    mentor_by_key = {m.key: m for m in mentors}
    mentor_load: dict[str, list[str]] = defaultdict(list)
    for team in teams:
        members = [people[key] for key in team.members if key in people]
        size = len(team.members)
        if not rules.min_size <= size <= rules.max_size:
            breaches.append(
                Breach(
                    "team_size",
                    teams=(team.key,),
                    people=team.members,
                    params={"size": size, "min": rules.min_size, "max": rules.max_size},
                )
            )
        mute = tuple(m.key for m in members if team.language not in m.languages)
        if mute:
            common = frozenset.intersection(*(m.languages for m in members))
            breaches.append(
                Breach(
                    "working_language",
                    teams=(team.key,),
                    people=mute,
                    params={"language": team.language, "common": tuple(sorted(common))},
                )
            )
        for skill in rules.required_skills:
            if not any(skill in m.strengths for m in members):
                breaches.append(
                    Breach(
                        "required_skill",
                        teams=(team.key,),
                        people=team.members,
                        params={"skill": skill},
                    )
                )
        units = Counter(m.unit for m in members)
        for unit, count in sorted(units.items()):
            if count > rules.max_per_unit:
                breaches.append(
                    Breach(
                        "unit_cap",
                        teams=(team.key,),
                        people=tuple(m.key for m in members if m.unit == unit),
                        params={"unit": unit, "count": count, "max": rules.max_per_unit},
                    )
                )
        if team.challenge not in known_challenges:
            breaches.append(
                Breach("unknown_challenge", teams=(team.key,), params={"challenge": team.challenge})
            )
        if team.mentor is not None:
            breaches.extend(_mentor_breaches(team, members, mentor_by_key, rules))
            mentor_load[team.mentor].append(team.key)

    groups: dict[str, list[Participant]] = defaultdict(list)
    for person in participants:
        if person.group is not None:
            groups[person.group].append(person)
    for group, members in groups.items():
        where = sorted({team for m in members for team in seen.get(m.key, ())})
        if len(where) > 1:
            breaches.append(
                Breach(
                    "group_split",
                    teams=tuple(where),
                    people=tuple(m.key for m in members),
                    params={"group": group},
                )
            )

    per_challenge: dict[str, list[str]] = defaultdict(list)
    for team in teams:
        per_challenge[team.challenge].append(team.key)
    for key, team_keys in per_challenge.items():
        limit = known_challenges[key].max_teams if key in known_challenges else None
        if limit is not None and len(team_keys) > limit:
            breaches.append(
                Breach(
                    "challenge_capacity",
                    teams=tuple(team_keys),
                    params={"challenge": key, "teams": len(team_keys), "max": limit},
                )
            )
    for key, team_keys in mentor_load.items():
        mentor = mentor_by_key.get(key)
        if mentor is not None and len(team_keys) > mentor.capacity:
            breaches.append(
                Breach(
                    "mentor_capacity",
                    teams=tuple(team_keys),
                    params={"mentor": key, "teams": len(team_keys), "capacity": mentor.capacity},
                )
            )
    return breaches


def _mentor_breaches(
    team: Team, members: list[Participant], mentors: Mapping[str, Mentor], rules: Rules
) -> list[Breach]:
    mentor = mentors.get(team.mentor or "")
    if mentor is None:
        return [Breach("unknown_mentor", teams=(team.key,), params={"mentor": team.mentor})]
    breaches = []
    if team.language not in mentor.languages:
        breaches.append(
            Breach(
                "mentor_language",
                teams=(team.key,),
                params={"mentor": mentor.key, "language": team.language},
            )
        )
    skill = weakest_skill(members, rules)
    if skill is not None and skill not in mentor.strengths:
        breaches.append(
            Breach("mentor_skill", teams=(team.key,), params={"mentor": mentor.key, "skill": skill})
        )
    return breaches


# --- infeasibility: counting first ------------------------------------------------------------


def _counting_blockers(
    blocks: Sequence[_Block], challenges: Sequence[Challenge], rules: Rules
) -> list[Reason]:
    """The blockers a count proves, each with its amount."""
    blockers: list[Reason] = []
    people = sum(block.size for block in blocks)
    for block in blocks:
        if block.group is None:
            continue
        if block.size > rules.max_size:
            blockers.append(
                Reason(
                    "group_too_big",
                    {"group": block.group, "size": block.size, "max_size": rules.max_size},
                )
            )
        for unit, count in sorted(block.units.items()):
            if count > rules.max_per_unit:
                blockers.append(
                    Reason(
                        "group_unit_cap",
                        {
                            "group": block.group,
                            "unit": unit,
                            "count": count,
                            "max_per_unit": rules.max_per_unit,
                        },
                    )
                )
        if not block.languages:
            blockers.append(Reason("group_language", {"group": block.group, "size": block.size}))

    fewest = math.ceil(people / rules.max_size)
    most = people // rules.min_size
    if fewest > most:
        blockers.append(
            Reason(
                "team_sizes",
                {"people": people, "min_size": rules.min_size, "max_size": rules.max_size},
            )
        )
    limits = [c.max_teams for c in challenges]
    allowed = sum(x for x in limits if x is not None) if None not in limits else most
    if fewest > allowed:
        blockers.append(
            Reason(
                "challenge_capacity",
                {"people": people, "teams_needed": fewest, "teams_allowed": allowed},
            )
        )
    most = min(most, allowed)
    for skill in rules.required_skills:
        holders = sum(skill in m.strengths for b in blocks for m in b.members)
        carriers = sum(skill in b.skills for b in blocks)
        if carriers < fewest:
            blockers.append(
                Reason(
                    "required_skill",
                    {
                        "skill": skill,
                        "holders": holders,
                        "carriers": carriers,
                        "teams_needed": fewest,
                    },
                )
            )
        most = min(most, carriers)
    units = Counter(m.unit for b in blocks for m in b.members)
    for unit, count in sorted(units.items()):
        if count > rules.max_per_unit * most:
            blockers.append(
                Reason(
                    "unit_cap",
                    {
                        "unit": unit,
                        "people": count,
                        "max_per_unit": rules.max_per_unit,
                        "teams": most,
                        "places": rules.max_per_unit * most,
                    },
                )
            )
    speakers = Counter(language for b in blocks for m in b.members for language in m.languages)
    stranded = [
        m.key
        for b in blocks
        if b.languages and all(speakers[language] < rules.min_size for language in b.languages)
        for m in b.members
    ]
    if stranded:
        blockers.append(
            Reason(
                "language",
                {"people": len(stranded), "keys": tuple(stranded), "min_size": rules.min_size},
            )
        )
    return blockers


# --- stage 1: blocks to challenges and languages ----------------------------------------------


class _Assignment:
    """The stage-1 model. With ``diagnose``, every rule family hangs on an assumption literal
    and a block may take any language (the language rule being one of the families)."""

    def __init__(
        self,
        blocks: Sequence[_Block],
        challenges: Sequence[Challenge],
        rules: Rules,
        candidates: Sequence[Sequence[str]],
        *,
        diagnose: bool = False,
    ) -> None:
        self.model = model = cp_model.CpModel()
        self.blocks = blocks
        self.families: dict[str, cp_model.IntVar] = {}
        people = sum(block.size for block in blocks)
        most = max(1, people // rules.min_size)
        limits = {c.key: c.max_teams for c in challenges}
        all_languages = sorted({lang for b in blocks for m in b.members for lang in m.languages})

        self.cells: dict[tuple[str, str], list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        self.choices: list[list[tuple[tuple[str, str], cp_model.IntVar]]] = []
        objective = []
        for index, block in enumerate(blocks):
            languages = all_languages if diagnose else sorted(block.languages)
            row = []
            for challenge in candidates[index]:
                if limits[challenge] == 0:
                    continue
                points = sum(_points(m, challenge) for m in block.members)
                for language in languages:
                    var = model.new_bool_var(f"x{index}_{challenge}_{language}")
                    row.append(((challenge, language), var))
                    self.cells[(challenge, language)].append((index, var))
                    if points:
                        objective.append(points * var)
                    if language not in block.languages:
                        model.add(var == 0).only_enforce_if(self._family("language"))
            model.add_exactly_one(var for _cell, var in row)
            self.choices.append(row)

        self.teams: dict[tuple[str, str], cp_model.IntVar] = {}
        per_challenge: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for cell, members in self.cells.items():
            # No more teams than the challenge allows or its possible members can fill: a
            # tighter domain, a tighter relaxation. The challenge's own limit is a rule family
            # when diagnosing, so it stays out of the domain then.
            top = most
            if not diagnose:
                top = sum(blocks[i].size for i, _var in members) // rules.min_size
                if limits[cell[0]] is not None:
                    top = min(top, limits[cell[0]] or 0)
            teams = self.teams[cell] = model.new_int_var(
                0, min(most, top), f"t_{cell[0]}_{cell[1]}"
            )
            per_challenge[cell[0]].append(teams)
            size = sum(blocks[i].size * var for i, var in members)
            family = self._family("team_sizes") if diagnose else None
            _enforce(model.add(size >= rules.min_size * teams), family)
            _enforce(model.add(size <= rules.max_size * teams), family)
            for skill in rules.required_skills:
                carriers = [var for i, var in members if skill in blocks[i].skills]
                family = self._family(f"required_skill:{skill}") if diagnose else None
                _enforce(model.add(sum(carriers) >= teams), family)
            potential: Counter[str] = Counter()
            for i, _var in members:
                potential.update(blocks[i].units)
            for unit, count in sorted(potential.items()):
                # Where the unit cannot exceed the cap even with everyone in, the size rule
                # already gives the cell a team as soon as anyone is in it.
                if count <= rules.max_per_unit:
                    continue
                load = sum(
                    blocks[i].units[unit] * var for i, var in members if unit in blocks[i].units
                )
                family = self._family(f"unit_cap:{unit}") if diagnose else None
                _enforce(model.add(load <= rules.max_per_unit * teams), family)
        for challenge, teams_of in per_challenge.items():
            limit = limits[challenge]
            if limit is not None:
                family = self._family("challenge_capacity") if diagnose else None
                _enforce(model.add(sum(teams_of) <= limit), family)
        if not diagnose:
            model.maximize(sum(objective))

    def _family(self, name: str) -> cp_model.IntVar:
        if name not in self.families:
            self.families[name] = self.model.new_bool_var(f"rule:{name}")
        return self.families[name]

    def forbid(self, cell: tuple[str, str], chosen: set[int], teams: int) -> None:
        """No more this exact cell: these blocks, and no others, in that many teams."""
        model = self.model
        same_teams = model.new_bool_var("")
        model.add(self.teams[cell] == teams).only_enforce_if(same_teams)
        model.add(self.teams[cell] != teams).only_enforce_if(~same_teams)
        clause = [~same_teams]
        for index, var in self.cells[cell]:
            clause.append(~var if index in chosen else var)
        model.add_bool_or(clause)


def _enforce(constraint: cp_model.Constraint, family: cp_model.IntVar | None) -> None:
    if family is not None:
        constraint.only_enforce_if(family)


def _solver(deterministic_seconds: float, wall_seconds: float, limits: Limits) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = limits.seed
    solver.parameters.num_workers = limits.workers
    # Interleaved workers give the same search, hence the same plan, on every run.
    solver.parameters.interleave_search = limits.workers > 1
    solver.parameters.max_deterministic_time = max(0.01, deterministic_seconds)
    solver.parameters.max_time_in_seconds = max(0.01, wall_seconds)
    return solver


def _candidates(
    blocks: Sequence[_Block], challenges: Sequence[Challenge], rules: Rules, spare: int | None
) -> list[list[str]]:
    """The challenges each block may go to: those its members ranked, and ``spare`` others,
    the ones with the most room for their first-choice demand, the same for everyone."""
    keys = [c.key for c in challenges]
    known = set(keys)
    if spare is None or spare + MAX_RANKING >= len(keys):
        return [keys for _ in blocks]
    first = Counter(m.ranking[0] for b in blocks for m in b.members if m.ranking)
    people = sum(b.size for b in blocks)

    def room(challenge: Challenge) -> float:
        places = rules.max_size * (
            challenge.max_teams if challenge.max_teams is not None else people
        )
        return places - first[challenge.key]

    spares = [c.key for c in sorted(challenges, key=lambda c: (-room(c), keys.index(c.key)))]
    rows = []
    for block in blocks:
        ranked = [key for m in block.members for key in m.ranking[:MAX_RANKING] if key in known]
        ranked = list(dict.fromkeys(ranked))
        extra = [key for key in spares if key not in ranked][:spare]
        rows.append(ranked + extra)
    return rows


def _diagnose(
    blocks: Sequence[_Block],
    challenges: Sequence[Challenge],
    rules: Rules,
    limits: Limits,
    seconds: float,
) -> Infeasible | None:
    """The rule families that together block stage 1 (None: stage 1 has a solution after all,
    with every challenge open to every block)."""
    everything = [[c.key for c in challenges] for _ in blocks]
    assignment = _Assignment(blocks, challenges, rules, everything, diagnose=True)
    model, families = assignment.model, assignment.families
    started = time.perf_counter()

    def infeasible(names: list[str]) -> bool | None:
        model.clear_assumptions()
        model.add_assumptions([families[name] for name in names])
        # One worker: the core of failed assumptions comes from a single search.
        solver = _solver(seconds, max(0.1, seconds - (time.perf_counter() - started)), limits)
        solver.parameters.num_workers = 1
        solver.parameters.interleave_search = False
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            core = set(solver.sufficient_assumptions_for_infeasibility())
            names[:] = [name for name in names if families[name].index in core] or names
            return True
        return False if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None

    names = sorted(families)
    verdict = infeasible(names)
    if verdict is False:
        return None
    if verdict is None:
        return Infeasible((Reason("time_limit", {"stage": "diagnosis"}),), proven=False)
    # Shrink the core: drop each family in turn, and keep it out if the rest still block.
    for name in list(names):
        if len(names) == 1 or time.perf_counter() - started > seconds:
            break
        if name not in names:  # already left out of a smaller core
            continue
        rest = [other for other in names if other != name]
        if infeasible(rest):
            names = rest
    return Infeasible(tuple(_family_reason(name, names, blocks, rules) for name in names))


def _family_reason(
    name: str, core: Sequence[str], blocks: Sequence[_Block], rules: Rules
) -> Reason:
    """A family of the core with the counts that go with it."""
    people = sum(b.size for b in blocks)
    others = tuple(other.split(":")[0] for other in core if other != name)
    family, _, detail = name.partition(":")
    params: dict[str, object] = {"together_with": others}
    if family == "required_skill":
        params |= {
            "skill": detail,
            "holders": sum(detail in m.strengths for b in blocks for m in b.members),
            "carriers": sum(detail in b.skills for b in blocks),
            "teams_needed": math.ceil(people / rules.max_size),
        }
    elif family == "unit_cap":
        params |= {
            "unit": detail,
            "people": sum(b.units.get(detail, 0) for b in blocks),
            "max_per_unit": rules.max_per_unit,
        }
    elif family == "team_sizes":
        params |= {"people": people, "min_size": rules.min_size, "max_size": rules.max_size}
    elif family == "language":
        params |= {
            "speakers": dict(
                sorted(
                    Counter(lang for b in blocks for m in b.members for lang in m.languages).items()
                )
            )
        }
    return Reason(family, params)


# --- stage 2: a cell's blocks into its teams --------------------------------------------------


def _split_cell(
    blocks: Sequence[_Block],
    teams: int,
    rules: Rules,
    deterministic_seconds: float,
    wall_seconds: float,
    limits: Limits,
) -> tuple[list[list[int]], int, int] | None:
    """The cell's blocks as ``teams`` teams (lists of indexes into ``blocks``), with the
    diversity and the newcomer pairs; None if the search finds no split."""
    model = cp_model.CpModel()
    # Larger blocks first: the symmetry breaking below (block i only in teams 0..i) then
    # places the hardest pieces first.
    order = sorted(range(len(blocks)), key=lambda i: -blocks[i].size)
    put = {
        (i, k): model.new_bool_var(f"a{i}_{k}")
        for position, i in enumerate(order)
        for k in range(min(teams, position + 1))
    }
    for i in order:
        model.add_exactly_one(put[i, k] for k in range(teams) if (i, k) in put)
    diversity: list[cp_model.IntVar] = []
    penalty: list[tuple[int, cp_model.IntVar]] = []  # (newcomer pairs it adds, flag)
    for k in range(teams):
        here = [(i, put[i, k]) for i in order if (i, k) in put]
        size = sum(blocks[i].size * var for i, var in here)
        model.add_linear_constraint(size, rules.min_size, rules.max_size)
        for skill in rules.required_skills:
            model.add_bool_or(var for i, var in here if skill in blocks[i].skills)
        features: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
        for i, var in here:
            for unit in blocks[i].units:
                features["unit", unit].append(var)
            for m in blocks[i].members:
                features["grade", m.grade].append(var)
                for language in m.languages:
                    features["language", language].append(var)
        for (kind, value), vars_ in sorted(features.items()):
            if kind == "unit":
                load = sum(
                    blocks[i].units[value] * var for i, var in here if value in blocks[i].units
                )
                if sum(blocks[i].units.get(value, 0) for i, _var in here) > rules.max_per_unit:
                    model.add(load <= rules.max_per_unit)
            present = model.new_bool_var("")
            model.add_bool_or(vars_).only_enforce_if(present)
            diversity.append(present)
        newcomers = sum(blocks[i].newcomers * var for i, var in here if blocks[i].newcomers)
        # "At least j newcomers" flags, in order; the j-th newcomer makes j-1 new pairs.
        steps = [model.new_bool_var("") for _ in range(rules.max_size)]
        for earlier, later in zip(steps, steps[1:], strict=False):
            model.add_implication(later, earlier)
        model.add(sum(steps) == newcomers)
        penalty.extend(enumerate(steps))
    worst = teams * rules.max_size * (rules.max_size - 1) // 2
    model.maximize(
        cp_model.LinearExpr.weighted_sum(
            [*diversity, *(step for _pairs, step in penalty)],
            [worst + 1] * len(diversity) + [-pairs for pairs, _step in penalty],
        )
    )
    solver = _solver(deterministic_seconds, wall_seconds, limits)
    # One worker: these models are small, and a second one mostly adds start-up time.
    solver.parameters.num_workers = 1
    solver.parameters.interleave_search = False
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    split: list[list[int]] = [[] for _ in range(teams)]
    for (i, k), var in put.items():
        if solver.value(var):
            split[k].append(i)
    return (
        [sorted(members) for members in split],
        sum(int(solver.value(v)) for v in diversity),
        sum(pairs * int(solver.value(step)) for pairs, step in penalty),
    )


# --- mentors and explanations -----------------------------------------------------------------


def assign_mentors(
    teams: Sequence[Team],
    participants: Sequence[Participant],
    mentors: Sequence[Mentor],
    rules: Rules,
) -> tuple[list[Team], list[Reason]]:
    """One mentor per team where the mentors allow it (see the module docstring); the teams
    with their mentor, and a reason for each team left without one."""
    people = {p.key: p for p in participants}
    needs = []
    for team in teams:
        members = [people[key] for key in team.members]
        skill = weakest_skill(members, rules)
        practised = set().union(*(m.practise for m in members))
        needs.append((skill, practised))

    def eligible(index: int, mentor: Mentor) -> bool:
        skill = needs[index][0]
        return teams[index].language in mentor.languages and (
            skill is None or skill in mentor.strengths
        )

    source, sink, first_team = 0, 1, 2
    first_mentor = first_team + len(teams)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs: list[tuple[int, int, int]] = []
    for index in range(len(teams)):
        flow.add_arc_with_capacity_and_unit_cost(source, first_team + index, 1, 0)
        for number, mentor in enumerate(mentors):
            if mentor.capacity > 0 and eligible(index, mentor):
                # A mentor who also holds the skills the team wants to practise fits better.
                bonus = len(needs[index][1] & mentor.strengths)
                arc = flow.add_arc_with_capacity_and_unit_cost(
                    first_team + index, first_mentor + number, 1, -bonus
                )
                arcs.append((arc, index, number))
    for number, mentor in enumerate(mentors):
        flow.add_arc_with_capacity_and_unit_cost(
            first_mentor + number, sink, max(0, mentor.capacity), 0
        )
    flow.set_node_supply(source, len(teams))
    flow.set_node_supply(sink, -len(teams))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:  # pragma: no cover - OR-Tools failing is not a rule
        raise RuntimeError(f"min-cost flow ended with status {status}")
    chosen: dict[int, str] = {}
    for arc, index, number in arcs:
        if flow.flow(arc) > 0:
            chosen[index] = mentors[number].key

    result, gaps = [], []
    for index, team in enumerate(teams):
        result.append(dataclasses.replace(team, mentor=chosen.get(index)))
        if index in chosen:
            continue
        skill = needs[index][0]
        speaking = [m for m in mentors if team.language in m.languages]
        holding = [m for m in mentors if skill is None or skill in m.strengths]
        both = [m for m in speaking if m in holding and m.capacity > 0]
        params: dict[str, object] = {"team": team.key, "language": team.language, "skill": skill}
        if not speaking:
            gaps.append(Reason("no_mentor_speaks_language", params))
        elif not holding:
            gaps.append(Reason("no_mentor_holds_skill", params))
        elif not both:
            gaps.append(Reason("no_mentor_with_language_and_skill", params))
        else:
            params |= {
                "eligible": len(both),
                "places": sum(m.capacity for m in both),
            }
            gaps.append(Reason("eligible_mentors_full", params))
    return result, gaps


def explain(
    team: Team, people: Mapping[str, Participant], rules: Rules
) -> dict[str, tuple[Reason, ...]]:
    """Why each member is in this team: the rank of its challenge for them, the required
    skills they bring that at most one other member holds, the working language, their group."""
    members = [people[key] for key in team.members]
    holders = Counter(skill for m in members for skill in m.strengths)
    reasons: dict[str, tuple[Reason, ...]] = {}
    for m in members:
        ranking = m.ranking[:MAX_RANKING]
        row = [
            Reason(
                "challenge_rank",
                {"challenge": team.challenge, "rank": ranking.index(team.challenge) + 1},
            )
            if team.challenge in ranking
            else Reason("challenge_unranked", {"challenge": team.challenge})
        ]
        for skill in rules.required_skills:
            if skill in m.strengths and holders[skill] <= 2:
                row.append(Reason("brings_skill", {"skill": skill, "holders": holders[skill]}))
        row.append(Reason("working_language", {"language": team.language}))
        if m.group is not None:
            size = sum(other.group == m.group for other in members)
            row.append(Reason("group_kept", {"group": m.group, "size": size}))
        reasons[m.key] = tuple(row)
    return reasons


# --- the whole ----------------------------------------------------------------------------------


def form_teams(
    participants: Sequence[Participant],
    challenges: Sequence[Challenge],
    rules: Rules,
    mentors: Sequence[Mentor] = (),
    *,
    limits: Limits = Limits(),
) -> Plan | Infeasible:
    """The teams, their mentors and the reasons; or, when no plan meets every hard rule, why."""
    started = time.perf_counter()
    blocks = _blocks(participants)
    blockers = _counting_blockers(blocks, challenges, rules)
    if blockers:
        return Infeasible(tuple(blockers))

    def wall_left() -> float:
        return limits.wall_seconds - (time.perf_counter() - started)

    candidates = _candidates(blocks, challenges, rules, limits.spare_challenges)
    assignment = _Assignment(blocks, challenges, rules, candidates)
    rounds = 0
    teams_budget = limits.teams_seconds
    seconds: dict[str, float] = defaultdict(float)
    while True:
        rounds += 1
        clock = time.perf_counter()
        solver = _solver(limits.assignment_seconds, wall_left(), limits)
        status = solver.solve(assignment.model)
        seconds["assignment"] += time.perf_counter() - clock
        if status == cp_model.INFEASIBLE and rounds == 1:
            diagnosis = _diagnose(blocks, challenges, rules, limits, limits.assignment_seconds)
            if diagnosis is not None:
                return diagnosis
            # Only the spare challenges were too few: open every challenge to every block.
            candidates = [[c.key for c in challenges] for _ in blocks]
            assignment = _Assignment(blocks, challenges, rules, candidates)
            continue
        if status == cp_model.INFEASIBLE:
            return Infeasible((Reason("no_split_found", {"rounds": rounds}),), proven=False)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Infeasible((Reason("time_limit", {"stage": "assignment"}),), proven=False)
        preference = Objective(
            value=round(solver.objective_value),
            bound=math.floor(solver.best_objective_bound + 1e-6),
            optimal=status == cp_model.OPTIMAL,
        )
        cells = {
            cell: (
                sorted(i for i, var in members if solver.value(var)),
                solver.value(assignment.teams[cell]),
            )
            for cell, members in assignment.cells.items()
        }
        cells = {cell: value for cell, value in cells.items() if value[0]}
        clock = time.perf_counter()
        teams, diversity, pairs, failed = _form_cells(
            blocks, cells, rules, limits, teams_budget, wall_left
        )
        seconds["teams"] += time.perf_counter() - clock
        if not failed:
            break
        if rounds > limits.repair_rounds:
            return Infeasible((Reason("no_split_found", {"rounds": rounds}),), proven=False)
        for cell in failed:
            assignment.forbid(cell, set(cells[cell][0]), cells[cell][1])
        # Hint the previous solution: most of it still stands.
        assignment.model.clear_hints()
        for row in assignment.choices:
            for _cell, var in row:
                assignment.model.add_hint(var, solver.value(var))

    breaches = check(teams, participants, challenges, rules)
    if breaches:  # pragma: no cover - the models enforce every rule; this guards them
        raise AssertionError(f"the plan breaks hard rules: {breaches}")
    clock = time.perf_counter()
    teams, gaps = assign_mentors(teams, participants, mentors, rules)
    seconds["mentors"] = time.perf_counter() - clock
    people = {p.key: p for p in participants}
    explanations: dict[str, tuple[Reason, ...]] = {}
    for team in teams:
        explanations.update(explain(team, people, rules))
    seconds["total"] = time.perf_counter() - started
    return Plan(
        teams=tuple(teams),
        mentor_gaps=tuple(gaps),
        explanations=explanations,
        preference=preference,
        diversity=diversity,
        newcomer_pairs=pairs,
        rounds=rounds,
        seconds=dict(seconds),
    )


def _form_cells(
    blocks: Sequence[_Block],
    cells: Mapping[tuple[str, str], tuple[list[int], int]],
    rules: Rules,
    limits: Limits,
    budget: float,
    wall_left: Callable[[], float],
) -> tuple[list[Team], int, int, list[tuple[str, str]]]:
    """Stage 2 over every cell: the teams, the diversity, the newcomer pairs and the cells
    that could not be split."""
    teams: list[Team] = []
    diversity = pairs = 0
    failed: list[tuple[str, str]] = []
    # Each cell's share of the deterministic budget grows with its number of teams.
    total = sum(count for _members, count in cells.values()) or 1
    for (challenge, language), (members, count) in sorted(cells.items()):
        cell_blocks = [blocks[i] for i in members]
        share = budget * count / total
        split = _split_cell(cell_blocks, count, rules, share, max(0.05, wall_left()), limits)
        if split is None:
            failed.append((challenge, language))
            continue
        groups, cell_diversity, cell_pairs = split
        diversity += cell_diversity
        pairs += cell_pairs
        for number, group in enumerate(groups, start=1):
            teams.append(
                Team(
                    key=f"{challenge}/{language}/{number}",
                    challenge=challenge,
                    language=language,
                    members=tuple(m.key for i in group for m in cell_blocks[i].members),
                )
            )
    return teams, diversity, pairs, failed
