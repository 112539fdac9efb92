# SPDX-License-Identifier: EUPL-1.2
"""The team formation on its own, without the database: on random registrations that admit a
plan, every team the solver returns meets every hard rule (checked by ``check``, which is
written apart from the models); an event that admits none is refused with the blocking rule
and its amount; the swap check catches each broken rule; the same input gives the same plan;
and each person's reasons name what put them in their team."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elan.events.formation import (
    Challenge,
    Infeasible,
    Limits,
    Mentor,
    Participant,
    Plan,
    Rules,
    Team,
    check,
    form_teams,
    weakest_skill,
)

# Small events: short limits, every challenge open to everyone, so the bound is the problem's.
LIMITS = Limits(assignment_seconds=2, teams_seconds=1, wall_seconds=5, spare_challenges=None)


def person(
    key,
    *,
    unit="u1",
    grade="B",
    languages=("nl",),
    strengths=(),
    practise=(),
    ranking=("c1",),
    group=None,
    newcomer=False,
):
    return Participant(
        key,
        unit,
        grade,
        frozenset(languages),
        frozenset(strengths),
        frozenset(practise),
        tuple(ranking),
        group,
        newcomer,
    )


def mentor(key, *, capacity=1, strengths=("data",), languages=("nl",)):
    return Mentor(key, capacity, frozenset(strengths), frozenset(languages))


def solve(people, challenges=None, rules=None, mentors=()):
    challenges = challenges or [Challenge("c1")]
    rules = rules or Rules(min_size=2, max_size=3, required_skills=("data",), max_per_unit=2)
    return form_teams(people, list(challenges), rules, list(mentors), limits=LIMITS)


def codes(result: Infeasible) -> dict[str, dict]:
    return {reason.code: dict(reason.params) for reason in result.blockers}


# --- on random registrations that admit a plan ------------------------------------------------

SKILLS = ("data", "design", "law", "code")
LANGUAGES = ("nl", "fr", "en")


@st.composite
def events(draw):
    """An event built around a hidden plan that meets every rule, then shuffled: the solver
    must find a plan, not necessarily that one."""
    min_size = draw(st.integers(2, 3))
    max_size = draw(st.integers(min_size, 4))
    required = tuple(draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=2, unique=True)))
    rules = Rules(min_size, max_size, required, max_per_unit=2)
    challenge_count = draw(st.integers(1, 3))
    challenges = [Challenge(f"c{i}", None) for i in range(challenge_count)]
    people: list[Participant] = []
    planted: Counter[str] = Counter()
    for team in range(draw(st.integers(1, 4))):
        language = draw(st.sampled_from(LANGUAGES))
        challenge = draw(st.sampled_from(challenges)).key
        planted[challenge] += 1
        size = draw(st.integers(min_size, max_size))
        # A group of two at the front of some teams, kept together in the hidden plan.
        group = f"g{team}" if size >= 2 and draw(st.booleans()) else None
        for seat in range(size):
            extra = draw(st.sets(st.sampled_from(LANGUAGES), max_size=1))
            strengths = set(draw(st.sets(st.sampled_from(SKILLS), max_size=2)))
            if seat == 0:
                strengths |= set(required)  # the hidden plan covers every required skill
            people.append(
                Participant(
                    key=f"p{team}-{seat}",
                    unit=f"u{seat // 2}",  # at most two of one unit per hidden team
                    grade=draw(st.sampled_from("ABCD")),
                    languages=frozenset({language} | extra),
                    strengths=frozenset(strengths),
                    practise=frozenset(draw(st.sets(st.sampled_from(SKILLS), max_size=2))),
                    ranking=tuple(
                        draw(st.permutations([c.key for c in challenges]))[
                            : draw(st.integers(0, 3))
                        ]
                    ),
                    group=group if seat < 2 else None,
                    newcomer=draw(st.booleans()),
                )
            )
    # Capacities the hidden plan meets, sometimes exactly.
    challenges = [
        Challenge(c.key, draw(st.sampled_from([None, planted[c.key], planted[c.key] + 1])))
        for c in challenges
    ]
    order = draw(st.permutations(range(len(people))))
    mentors = [
        Mentor(
            f"m{i}",
            draw(st.integers(0, 2)),
            frozenset(draw(st.sets(st.sampled_from(SKILLS), min_size=1, max_size=3))),
            frozenset(draw(st.sets(st.sampled_from(LANGUAGES), min_size=1, max_size=2))),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    return [people[i] for i in order], challenges, rules, mentors


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_on_random_registrations_every_team_meets_every_hard_rule(event):
    people, challenges, rules, mentors = event
    plan = form_teams(people, challenges, rules, mentors, limits=LIMITS)
    assert isinstance(plan, Plan), plan
    assert check(plan.teams, people, challenges, rules, mentors) == []
    team_of = {key: team.key for team in plan.teams for key in team.members}
    groups: dict[str, set[str]] = {}
    for p in people:
        if p.group:
            groups.setdefault(p.group, set()).add(team_of[p.key])
    assert all(len(teams) == 1 for teams in groups.values())
    load = Counter(team.mentor for team in plan.teams if team.mentor is not None)
    capacity = {m.key: m.capacity for m in mentors}
    assert all(load[key] <= capacity[key] for key in load)
    # Every team without a mentor is reported, with a reason.
    assert {gap.params["team"] for gap in plan.mentor_gaps} == {
        team.key for team in plan.teams if team.mentor is None
    }
    assert plan.preference.value <= plan.preference.bound
    assert set(plan.explanations) == {p.key for p in people}


# --- events that admit no plan ----------------------------------------------------------------


def test_a_required_skill_held_by_too_few_people_names_the_skill_and_the_shortfall():
    people = [person(f"p{i}", unit=f"u{i}", strengths=("data",) if i < 2 else ()) for i in range(9)]
    result = solve(people)
    assert isinstance(result, Infeasible) and result.proven
    blocker = codes(result)["required_skill"]
    assert blocker == {"skill": "data", "holders": 2, "carriers": 2, "teams_needed": 3}


def test_a_group_bigger_than_a_team_is_named_with_its_size():
    people = [person(f"p{i}", unit=f"u{i}", strengths=("data",), group="g7") for i in range(4)] + [
        person(f"q{i}", unit=f"v{i}", strengths=("data",)) for i in range(4)
    ]
    result = solve(people)
    assert isinstance(result, Infeasible)
    assert codes(result)["group_too_big"] == {"group": "g7", "size": 4, "max_size": 3}


def test_a_unit_larger_than_its_places_is_named_with_the_places():
    # Nine people in teams of 3-4: at most three teams, two per unit: six places for seven.
    people = [person(f"p{i}", unit="U", strengths=("data",)) for i in range(7)] + [
        person(f"q{i}", unit=f"V{i}", strengths=("data",)) for i in range(2)
    ]
    rules = Rules(min_size=3, max_size=4, required_skills=("data",), max_per_unit=2)
    result = solve(people, rules=rules)
    assert isinstance(result, Infeasible) and result.proven
    assert codes(result)["unit_cap"] == {
        "unit": "U",
        "people": 7,
        "max_per_unit": 2,
        "teams": 3,
        "places": 6,
    }


def test_people_without_enough_speakers_of_their_language_are_counted():
    people = [person(f"p{i}", unit=f"u{i}", strengths=("data",)) for i in range(6)] + [
        person("de", unit="x", languages=("de",), strengths=("data",))
    ]
    result = solve(people)
    assert isinstance(result, Infeasible)
    assert codes(result)["language"] == {"people": 1, "keys": ("de",), "min_size": 2}


def test_a_skill_held_only_on_one_language_side_is_found_by_the_assumptions():
    # Teams of exactly four; four Dutch and four French speakers; only the Dutch hold "data".
    # Each count passes (two holders for two teams), but the French team cannot have it.
    people = [
        person(f"nl{i}", unit=f"n{i}", languages=("nl",), strengths=("data",) if i < 2 else ())
        for i in range(4)
    ] + [person(f"fr{i}", unit=f"f{i}", languages=("fr",)) for i in range(4)]
    rules = Rules(min_size=4, max_size=4, required_skills=("data",), max_per_unit=2)
    result = solve(people, rules=rules)
    assert isinstance(result, Infeasible) and result.proven
    found = codes(result)
    # Without the team sizes, the French side could form no team at all: all three block it.
    assert set(found) == {"required_skill", "language", "team_sizes"}
    assert found["required_skill"]["skill"] == "data"
    assert set(found["required_skill"]["together_with"]) == {"language", "team_sizes"}


def test_a_group_sharing_no_language_and_a_group_over_the_unit_cap_are_named():
    people = [
        person("a", unit="U", languages=("nl",), group="g1"),
        person("b", unit="U", languages=("fr",), group="g1"),
        person("c", unit="U", group="g1"),
    ] + [person(f"p{i}", unit=f"u{i}", strengths=("data",)) for i in range(5)]
    result = solve(people)
    assert isinstance(result, Infeasible)
    found = codes(result)
    assert found["group_language"] == {"group": "g1", "size": 3}
    assert found["group_unit_cap"] == {"group": "g1", "unit": "U", "count": 3, "max_per_unit": 2}


# --- the swap check ---------------------------------------------------------------------------

RULES = Rules(min_size=2, max_size=3, required_skills=("data",), max_per_unit=1)
PEOPLE = [
    person("ann", unit="u1", strengths=("data",), group="g1"),
    person("bob", unit="u2", group="g1"),
    person("cas", unit="u3", languages=("nl", "fr")),
    person("dan", unit="u1", strengths=("data",), languages=("fr",)),
    person("eva", unit="u2", languages=("fr",)),
]
CHALLENGES = [Challenge("c1", 1), Challenge("c2", 1)]
MENTORS = [mentor("max", languages=("nl", "fr"))]
GOOD = [
    Team("t1", "c1", "nl", ("ann", "bob", "cas"), mentor="max"),
    Team("t2", "c2", "fr", ("dan", "eva")),
]


def broken(teams):
    return {(b.rule, b.teams, b.people) for b in check(teams, PEOPLE, CHALLENGES, RULES, MENTORS)}


def test_the_hand_made_plan_breaks_no_rule():
    assert check(GOOD, PEOPLE, CHALLENGES, RULES, MENTORS) == []


def test_the_swap_check_catches_each_broken_rule():
    t1, t2 = GOOD
    # Moving Bob to t2: his group is split, and he speaks no French.
    assert ("group_split", ("t1", "t2"), ("ann", "bob")) in broken(
        [Team("t1", "c1", "nl", ("ann", "cas")), Team("t2", "c2", "fr", ("dan", "eva", "bob"))]
    )
    assert ("working_language", ("t2",), ("bob",)) in broken(
        [Team("t1", "c1", "nl", ("ann", "cas")), Team("t2", "c2", "fr", ("dan", "eva", "bob"))]
    )
    assert ("team_size", ("t2",), ("eva",)) in broken(
        [
            Team("t1", "c1", "nl", ("ann", "bob", "cas")),
            Team("t2", "c2", "fr", ("eva",)),
            Team("t3", "c2", "fr", ("dan",)),
        ]
    )
    # Swapping Cas and Dan: t1 loses nothing of its skill, but has two of unit u1.
    swapped = [
        Team("t1", "c1", "fr", ("ann", "bob", "dan")),
        Team("t2", "c2", "fr", ("cas", "eva")),
    ]
    assert ("unit_cap", ("t1",), ("ann", "dan")) in broken(swapped)
    assert ("required_skill", ("t2",), ("cas", "eva")) in broken(swapped)
    assert ("challenge_capacity", ("t1", "t2"), ()) in broken(
        [t1, Team("t2", "c1", "fr", ("dan", "eva"))]
    )
    assert ("unassigned", (), ("eva",)) in broken([t1, Team("t2", "c2", "fr", ("dan",))])
    assert ("assigned_twice", ("t1", "t2"), ("cas",)) in broken(
        [t1, Team("t2", "c2", "fr", ("dan", "eva", "cas"))]
    )
    # The mentor: over capacity, not speaking the language, not holding the weakest skill.
    assert ("mentor_capacity", ("t1", "t2"), ()) in broken(
        [t1, Team("t2", "c2", "fr", t2.members, "max")]
    )
    mentors = [mentor("max", languages=("de",), strengths=("law",))]
    rules = {b.rule for b in check(GOOD, PEOPLE, CHALLENGES, RULES, mentors)}
    assert {"mentor_language", "mentor_skill"} <= rules


def test_the_weakest_skill_is_the_least_held_required_or_practised_one():
    members = [
        person("a", strengths=("data", "law"), practise=("design",)),
        person("b", strengths=("data", "design"), practise=("law", "code")),
        person("c", strengths=("law",), practise=("code",)),
    ]
    # data 2, law 2, design 1, code 0: code, wanted by two, held by none.
    assert weakest_skill(members, Rules(required_skills=("data",))) == "code"
    # Among equals (design and code both held by one), a required skill comes first.
    members[0] = person("a", strengths=("data", "law", "code"))
    assert weakest_skill(members, Rules(required_skills=("design",))) == "design"


# --- the plan itself --------------------------------------------------------------------------


def small_event():
    people = [
        person(
            f"p{i}",
            unit=f"u{i % 4}",
            grade="ABCD"[i % 4],
            languages=("nl",) if i < 6 else ("fr",),
            strengths=("data",) if i % 3 == 0 else ("design",),
            ranking=("c1", "c2") if i % 2 else ("c2", "c1"),
            group="g1" if i in (1, 2) else None,
            newcomer=i % 4 == 0,
        )
        for i in range(9)
    ]
    return people, [Challenge("c1", 2), Challenge("c2", 2)]


def test_the_same_registrations_give_the_same_plan():
    people, challenges = small_event()
    first, second = solve(people, challenges), solve(people, challenges)
    assert isinstance(first, Plan) and isinstance(second, Plan)
    assert first.teams == second.teams
    assert first.explanations == second.explanations


def test_a_cell_whose_counts_pass_but_whose_groups_do_not_add_up_is_solved_again():
    # Teams of exactly four. Groups of 3, 3 and 2 all want c1 (two teams): eight people, the
    # right count, but no split of 3 + 3 + 2 into two fours. The solver forbids that cell and
    # pairs each group of three with a single instead.
    people = [person(f"a{i}", unit=f"a{i}", group="A", ranking=("c1",)) for i in range(3)]
    people += [person(f"b{i}", unit=f"b{i}", group="B", ranking=("c1",)) for i in range(3)]
    people += [person(f"c{i}", unit=f"c{i}", group="C", ranking=("c1",)) for i in range(2)]
    people += [person(f"s{i}", unit=f"s{i}", ranking=("c2",)) for i in range(4)]
    rules = Rules(min_size=4, max_size=4, required_skills=(), max_per_unit=2)
    plan = solve(people, [Challenge("c1", 2), Challenge("c2", 1)], rules=rules)
    assert isinstance(plan, Plan)
    assert plan.rounds >= 2
    assert check(plan.teams, people, [Challenge("c1", 2), Challenge("c2", 1)], rules) == []


def test_everyone_on_their_first_choice_is_proven_optimal_with_no_gap():
    people = [
        person(f"p{i}", unit=f"u{i}", strengths=("data",), ranking=("c1", "c2")) for i in range(3)
    ] + [person(f"q{i}", unit=f"v{i}", strengths=("data",), ranking=("c2",)) for i in range(3)]
    plan = solve(people, [Challenge("c1"), Challenge("c2")])
    assert isinstance(plan, Plan)
    assert plan.preference.value == plan.preference.bound == 30
    assert plan.preference.optimal and plan.preference.gap == 0.0


def test_the_explanations_name_the_challenge_rank_the_skill_brought_and_the_group():
    people = [
        person("ann", unit="u1", strengths=("data",), ranking=("c2", "c1"), group="g"),
        person("bob", unit="u2", ranking=("c1",), group="g"),
        person("cas", unit="u3", ranking=("c1", "c2")),
    ]
    plan = solve(people, [Challenge("c1", 1), Challenge("c2", 0)])
    assert isinstance(plan, Plan)
    (team,) = plan.teams
    ann = {reason.code: dict(reason.params) for reason in plan.explanations["ann"]}
    assert ann["challenge_rank"] == {"challenge": "c1", "rank": 2}
    assert ann["brings_skill"] == {"skill": "data", "holders": 1}
    assert ann["working_language"] == {"language": "nl"}
    assert ann["group_kept"] == {"group": "g", "size": 2}
    bob = {reason.code for reason in plan.explanations["bob"]}
    assert "brings_skill" not in bob
    assert team.challenge == "c1"


def test_a_team_without_a_fitting_mentor_is_reported_with_the_reason():
    people = [
        person(f"p{i}", unit=f"u{i}", strengths=("data",), languages=("nl",) if i < 3 else ("fr",))
        for i in range(6)
    ]
    mentors = [mentor("nl-only", languages=("nl",), strengths=("data",))]
    plan = solve(people, [Challenge("c1")], mentors=mentors)
    assert isinstance(plan, Plan)
    fr = next(team for team in plan.teams if team.language == "fr")
    nl = next(team for team in plan.teams if team.language == "nl")
    assert nl.mentor == "nl-only" and fr.mentor is None
    (gap,) = plan.mentor_gaps
    assert gap.code == "no_mentor_speaks_language"
    assert gap.params["team"] == fr.key and gap.params["language"] == "fr"


def test_newcomers_are_spread_over_the_teams():
    people = [person(f"p{i}", unit=f"u{i}", strengths=("data",), newcomer=i < 2) for i in range(4)]
    plan = solve(people)
    assert isinstance(plan, Plan)
    assert plan.newcomer_pairs == 0
    assert all(sum(key in ("p0", "p1") for key in team.members) == 1 for team in plan.teams)
