# SPDX-License-Identifier: EUPL-1.2
"""The matching on its own, without the database: each hard rule, and on random charts and
profiles, the properties the issue asks for: no mentor over capacity, no pair in a reporting
line, as many mentees matched as a plain maximum flow over the allowed pairs reaches, and the
best total fit, equal to a MIP optimum (OR-Tools' CP-SAT) on small instances."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from elan.network.matching import (
    CROSS_DEPARTMENT_POINTS,
    PREFERENCE_POINTS,
    WISH_POINTS,
    DepartmentRule,
    Mentee,
    Mentor,
    Rules,
    allowed,
    match,
    pair_of,
)

LANGUAGES = ("nl", "fr", "de", "en")
SKILLS = range(5)


def mentee(key, *, department=0, languages=("nl",), grade=2, wishes=(0,), preferences=()):
    return Mentee(key, department, frozenset(languages), grade, tuple(wishes), tuple(preferences))


def mentor(key, *, department=1, languages=("nl",), grade=3, strengths=(0,), capacity=1):
    return Mentor(key, department, frozenset(languages), grade, frozenset(strengths), capacity)


# --- each hard rule ---------------------------------------------------------------------------


def test_a_mentor_never_takes_more_mentees_than_their_capacity():
    mentees = [mentee(f"m{i}") for i in range(5)]
    result = match(mentees, [mentor("anna", capacity=2)], Rules())
    assert len(result.pairs) == 2
    assert len(result.unmatched) == 3


def test_a_pair_within_a_reporting_line_is_never_made_even_when_it_is_the_only_one():
    result = match([mentee("ben")], [mentor("anna")], Rules(), excluded={("ben", "anna")})
    assert result.pairs == []
    assert result.unmatched == ["ben"]


def test_a_reporting_line_pair_is_avoided_by_giving_the_mentor_to_someone_else():
    # Anna manages Ben; Carla can be mentored by Anna or by Dirk, Ben only by Dirk.
    mentees = [mentee("ben"), mentee("carla")]
    mentors = [mentor("anna"), mentor("dirk")]
    result = match(mentees, mentors, Rules(), excluded={("ben", "anna")})
    assert {(p.mentee, p.mentor) for p in result.pairs} == {("ben", "dirk"), ("carla", "anna")}


def test_without_a_shared_language_no_pair_is_made():
    result = match([mentee("ben", languages=("de",))], [mentor("anna", languages=("fr",))], Rules())
    assert result.pairs == []


def test_a_programme_that_does_not_ask_for_a_shared_language_pairs_across_languages():
    rules = Rules(shared_language=False)
    result = match([mentee("ben", languages=("de",))], [mentor("anna", languages=("fr",))], rules)
    assert len(result.pairs) == 1


def test_cross_department_required_never_pairs_within_one_department():
    rules = Rules(department=DepartmentRule.REQUIRED)
    result = match([mentee("ben", department=3)], [mentor("anna", department=3)], rules)
    assert result.pairs == []


def test_cross_department_preferred_pairs_within_one_department_when_nothing_else_is_possible():
    rules = Rules(department=DepartmentRule.PREFERRED)
    result = match([mentee("ben", department=3)], [mentor("anna", department=3)], rules)
    assert len(result.pairs) == 1
    assert not result.pairs[0].cross_department


def test_the_grade_distance_keeps_mentors_within_the_programme_s_levels():
    rules = Rules(grade_gap_min=1, grade_gap_max=2)
    mentors = [
        mentor("same", grade=1),
        mentor("one-up", grade=2),
        mentor("three-up", grade=4),
    ]
    result = match([mentee("ben", grade=1)], mentors, rules)
    assert [pair.mentor for pair in result.pairs] == ["one-up"]


def test_a_person_without_a_level_is_not_paired_where_the_programme_pairs_by_level():
    rules = Rules(grade_gap_min=0)
    assert match([mentee("ben", grade=None)], [mentor("anna")], rules).pairs == []


def test_a_mentor_holding_none_of_the_wishes_is_not_paired_where_the_programme_requires_it():
    ben = mentee("ben", wishes=(1,))
    assert match([ben], [mentor("anna", strengths=(2,))], Rules(wish_required=True)).pairs == []
    assert len(match([ben], [mentor("anna", strengths=(2,))], Rules(wish_required=False)).pairs)


def test_the_first_wish_and_the_first_choice_win_over_a_lesser_fit():
    ben = mentee("ben", wishes=(0, 1), preferences=("dirk",))
    mentors = [mentor("anna", strengths=(0,)), mentor("dirk", strengths=(1,))]
    result = match([ben], mentors, Rules())
    pair = result.pairs[0]
    # Dirk: second wish (20) + first choice (30) + cross (15) beats Anna: first wish (30) + 15.
    assert pair.mentor == "dirk"
    assert pair.fit == WISH_POINTS[1] + PREFERENCE_POINTS[0] + CROSS_DEPARTMENT_POINTS
    assert pair.preference_rank == 0


def test_more_mentees_matched_wins_over_a_better_fit_for_one():
    # Anna fits Ben best, but Carla can only have Anna: both get a mentor.
    ben = mentee("ben", wishes=(0, 1))
    carla = mentee("carla", wishes=(0,))
    mentors = [mentor("anna", strengths=(0,)), mentor("dirk", strengths=(1,))]
    result = match([ben, carla], mentors, Rules())
    assert {(p.mentee, p.mentor) for p in result.pairs} == {("ben", "dirk"), ("carla", "anna")}


# --- on random charts and profiles ------------------------------------------------------------


@st.composite
def instances(draw, max_mentees=8, max_mentors=5):
    rules = Rules(
        department=draw(st.sampled_from(list(DepartmentRule))),
        shared_language=draw(st.booleans()),
        grade_gap_min=draw(st.one_of(st.none(), st.integers(-1, 1))),
        grade_gap_max=draw(st.one_of(st.none(), st.integers(1, 3))),
        wish_required=draw(st.booleans()),
        honour_preferences=draw(st.booleans()),
    )
    languages = st.sets(st.sampled_from(LANGUAGES[:3]), min_size=1, max_size=2)
    grade = st.one_of(st.none(), st.integers(1, 4)) if draw(st.booleans()) else st.integers(1, 4)
    mentor_rows = [
        Mentor(
            f"t{i}",
            draw(st.integers(0, 2)),
            frozenset(draw(languages)),
            draw(grade),
            frozenset(draw(st.sets(st.sampled_from(SKILLS), max_size=3))),
            draw(st.integers(0, 3)),
        )
        for i in range(draw(st.integers(0, max_mentors)))
    ]
    keys = [row.key for row in mentor_rows]
    mentee_rows = [
        Mentee(
            f"e{i}",
            draw(st.integers(0, 2)),
            frozenset(draw(languages)),
            draw(grade),
            tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=3, unique=True))),
            tuple(draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)) if keys else ()),
        )
        for i in range(draw(st.integers(0, max_mentees)))
    ]
    all_pairs = [(e.key, t.key) for e in mentee_rows for t in mentor_rows]
    excluded = set(
        draw(st.lists(st.sampled_from(all_pairs), max_size=len(all_pairs) // 3, unique=True))
        if all_pairs
        else []
    )
    return mentee_rows, mentor_rows, rules, excluded


def allowed_pairs(mentees, mentors, rules, excluded):
    return {
        (e.key, t.key): pair_of(rules, e, t)
        for e in mentees
        for t in mentors
        if t.capacity > 0 and allowed(rules, e, t, (e.key, t.key) in excluded)
    }


def plain_max_flow(mentees, mentors, pairs) -> int:
    """Mentees matched by a textbook augmenting-path maximum flow (Kuhn over mentor places)."""
    capacity = {t.key: t.capacity for t in mentors}
    holders: dict[object, list] = {t.key: [] for t in mentors}
    options = {e.key: [t for (m, t) in pairs if m == e.key] for e in mentees}

    def augment(mentee_key, seen) -> bool:
        for mentor_key in options[mentee_key]:
            if mentor_key in seen:
                continue
            seen.add(mentor_key)
            if len(holders[mentor_key]) < capacity[mentor_key]:
                holders[mentor_key].append(mentee_key)
                return True
            for index, other in enumerate(holders[mentor_key]):
                if augment(other, seen):
                    holders[mentor_key][index] = mentee_key
                    return True
        return False

    return sum(augment(e.key, set()) for e in mentees)


def mip_optimum(mentees, mentors, pairs) -> tuple[int, int]:
    """(mentees matched, total fit) of the lexicographic optimum, by CP-SAT."""
    model = cp_model.CpModel()
    chosen = {key: model.new_bool_var(f"{key}") for key in pairs}
    for e in mentees:
        model.add(sum(v for (m, _t), v in chosen.items() if m == e.key) <= 1)
    for t in mentors:
        model.add(sum(v for (_m, k), v in chosen.items() if k == t.key) <= t.capacity)
    weight = 1 + sum(max(0, pair.fit) for pair in pairs.values())
    model.maximize(sum(v * (weight + pairs[key].fit) for key, v in chosen.items()))
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    picked = [key for key, v in chosen.items() if solver.value(v)]
    return len(picked), sum(pairs[key].fit for key in picked)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_on_random_profiles_every_pair_is_allowed_and_no_mentor_is_over_capacity(instance):
    mentees, mentors, rules, excluded = instance
    result = match(mentees, mentors, rules, excluded=excluded)
    by_key = {t.key: t for t in mentors}
    mentee_by_key = {e.key: e for e in mentees}
    load = Counter(pair.mentor for pair in result.pairs)
    assert all(load[key] <= by_key[key].capacity for key in load)
    assert all((pair.mentee, pair.mentor) not in excluded for pair in result.pairs)
    assert all(
        allowed(rules, mentee_by_key[pair.mentee], by_key[pair.mentor]) for pair in result.pairs
    )
    assert len({pair.mentee for pair in result.pairs}) == len(result.pairs)
    assert set(result.unmatched) == set(mentee_by_key) - {pair.mentee for pair in result.pairs}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_on_random_profiles_as_many_are_matched_as_a_plain_max_flow_allows(instance):
    mentees, mentors, rules, excluded = instance
    pairs = allowed_pairs(mentees, mentors, rules, excluded)
    result = match(mentees, mentors, rules, excluded=excluded)
    assert len(result.pairs) == plain_max_flow(mentees, mentors, pairs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_mentees=7, max_mentors=4))
def test_on_small_random_instances_the_total_fit_equals_the_mip_optimum(instance):
    mentees, mentors, rules, excluded = instance
    pairs = allowed_pairs(mentees, mentors, rules, excluded)
    result = match(mentees, mentors, rules, excluded=excluded)
    assert (len(result.pairs), result.total_fit) == mip_optimum(mentees, mentors, pairs)
    # Each pair carries the fit its facts give, so the explanation tells the truth.
    assert all(pair == pairs[(pair.mentee, pair.mentor)] for pair in result.pairs)


@pytest.mark.parametrize("seed", range(3))
def test_a_dense_chart_of_reporting_lines_still_reaches_the_optimum(seed):
    """Many mentees whose only mentors are their managers: the split must route around them,
    over several rounds where it has to."""
    import random

    rng = random.Random(seed)
    mentors = [mentor(f"t{i}", strengths=(0, 1), capacity=2, department=i % 3) for i in range(6)]
    mentees = [mentee(f"e{i}", wishes=(rng.choice((0, 1)),), department=i % 3) for i in range(14)]
    excluded = {(e.key, t.key) for e in mentees for t in mentors if rng.random() < 0.6}
    pairs = allowed_pairs(mentees, mentors, Rules(), excluded)
    result = match(mentees, mentors, Rules(), excluded=excluded)
    assert (len(result.pairs), result.total_fit) == mip_optimum(mentees, mentors, pairs)
