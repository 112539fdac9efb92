# SPDX-License-Identifier: EUPL-1.2
"""The demo hackathons and sprints show what the README names to each persona, keep every
hard rule of team formation, and add nothing when loaded again.

The demo organisation and the events are loaded once for the module (about ten seconds, most
of it the organisation and the self-assessments), inside a transaction rolled back afterwards,
so that no other test sees them.
"""

from __future__ import annotations

import datetime

import pytest
import rules
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments.shipped import load_shipped_instruments
from elan.events import explain, formation, selectors
from elan.events.constants import HelpStatus, Status
from elan.events.demo import DRAFT, RUNNING, SPRING, SPRINT, load_demo_events
from elan.events.models import (
    Challenge,
    Event,
    EventEvent,
    EventMentor,
    HelpRequest,
    Registration,
    Team,
    TeamMember,
    TeamResult,
    TeamRetrospective,
)
from elan.experiments.constants import Status as ExperimentStatus
from elan.experiments.models import Experiment
from elan.network.selectors import strength_choices
from elan.organisations.demo import load_demo_organisation
from elan.skills.shipped import load_shipped_frameworks

EMPLOYEE = "employee@elan.example"
TEAM_LEAD = "teamlead@elan.example"
LINE_MANAGER = "manager@elan.example"
HR = "hr@elan.example"


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Event,
            EventEvent,
            Challenge,
            Registration,
            EventMentor,
            Team,
            TeamMember,
            HelpRequest,
            TeamResult,
            TeamRetrospective,
            Experiment,
        )
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The organisation, its skills framework and self-assessment, and the events, loaded
    twice; everything is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_organisation()
        load_shipped_frameworks()
        load_shipped_instruments()
        running = load_demo_events()
        first = _counts()
        again = load_demo_events()
        yield {"running": running, "again_returns": again, "first": first, "again": _counts()}
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def user(email: str):
    return get_user_model().objects.get(email=email)


def event(title: str) -> Event:
    return Event.objects.get(title=title)


def test_hr_organises_four_events_one_running_one_open_one_finished_and_a_draft(loaded):
    hr = user(HR)
    today = timezone.localdate()
    running, sprint, spring, draft = (event(t) for t in (RUNNING, SPRINT, SPRING, DRAFT))

    assert [e.status for e in (running, sprint, spring, draft)] == [
        Status.TEAMS_PUBLISHED,
        Status.OPEN,
        Status.FINISHED,
        Status.DRAFT,
    ]
    assert all(list(e.organisers.all()) == [hr] for e in (running, sprint, spring, draft))
    assert running.starts_on < today < running.ends_on
    assert sprint.starts_on == today + datetime.timedelta(days=21)
    assert spring.ends_on < today and spring.starts_on.month == 4
    assert draft not in selectors.open_events() and sprint in selectors.open_events()
    assert loaded["running"] == running


def test_loading_the_events_again_adds_nothing(loaded):
    assert loaded["again"] == loaded["first"]
    assert loaded["again_returns"] == loaded["running"]


def test_eva_is_in_a_published_team_of_the_running_hackathon_and_reads_why(loaded):
    eva = user(EMPLOYEE)
    running = event(RUNNING)
    team = selectors.published_team_of(user=eva, event=running)

    assert team is not None and team.is_published
    members = list(selectors.members_of(team=team))
    mine = next(m for m in members if m.registration.user == eva)
    assert mine.reasons
    [sentence] = explain.member_sentences(members=[mine], reader=eva)
    assert sentence.startswith("You are in this team because")
    assert team.challenge.title in sentence
    assert rules.has_perm("events.view_team", eva, team)


def test_the_running_hackathon_has_its_rules_ranked_choices_a_group_newcomers_and_mentors(
    loaded,
):
    running = event(RUNNING)
    tom = user(TEAM_LEAD)
    registrations = Registration.objects.filter(event=running)

    assert {c.slug for c in running.required_skills.all()} == {"user-centricity", "storytelling"}
    assert (running.min_team_size, running.max_team_size, running.max_per_unit) == (4, 6, 2)
    assert running.languages == ["nl", "fr", "en"]
    assert registrations.count() == 28
    assert all(r.choices.exists() for r in registrations)
    [group] = {r.group_code for r in registrations if r.group_code}
    assert registrations.filter(group_code=group).count() == 3
    # Tom posted Nido's challenge and owns its problem; he takes no part himself.
    nido = Challenge.objects.get(event=running, unit__code="BOSA-DGDT-NIDO")
    assert nido.posted_by == tom and nido.problem_owner == tom
    assert Challenge.objects.filter(event=running).count() == 5
    assert not registrations.filter(user=tom).exists()
    inputs = selectors.formation_input(event=running)
    assert 4 <= sum(p.newcomer for p in inputs.participants) <= 10
    offers = EventMentor.objects.filter(event=running)
    assert offers.count() == 4 and sorted(o.capacity for o in offers) == [1, 1, 1, 2]
    assert offers.filter(user=user(LINE_MANAGER)).exists()


def test_every_team_keeps_every_hard_rule(loaded):
    for title in (RUNNING, SPRING):
        published = event(title)
        data = selectors.formation_input(event=published)
        plan = selectors.plan_of(event=published)

        assert plan and not formation.check(plan, data.participants, data.challenges, data.rules)
        assert not Team.objects.filter(event=published, published_at__isnull=True).exists()


def test_every_strength_brought_is_one_the_persons_own_self_assessment_shows(loaded):
    for registration in Registration.objects.prefetch_related("strengths").select_related("user"):
        allowed = set(strength_choices(owner=registration.user))
        assert registration.strengths.exists()
        assert set(registration.strengths.all()) <= allowed
    for offer in EventMentor.objects.prefetch_related("strengths").select_related("user"):
        assert set(offer.strengths.all()) <= set(strength_choices(owner=offer.user))


def test_the_help_queue_has_answered_taken_and_waiting_questions_one_of_them_evas(loaded):
    running = event(RUNNING)
    eva, marie = user(EMPLOYEE), user(LINE_MANAGER)
    requests = HelpRequest.objects.filter(team__event=running)
    waiting = list(selectors.waiting_help_requests(event=running))

    assert len(waiting) == 2
    assert eva in {r.asked_by for r in waiting}
    assert all(r.created_at < timezone.now() for r in waiting)
    [taken] = selectors.taken_requests_of(mentor_user=marie, event=running)
    assert taken.created_at < taken.taken_at < timezone.now()
    answered = requests.filter(status=HelpStatus.ANSWERED)
    assert answered.count() == 3
    for request in answered:
        assert request.created_at < request.taken_at < request.answered_at
        assert request.taken_at - request.created_at < datetime.timedelta(minutes=30)
        assert request.answered_at.date() < timezone.localdate() + datetime.timedelta(days=1)
    figures = selectors.help_queue_figures(event=running)
    assert sum(f.waiting for f in figures) == 2
    assert any(f.median_to_taken for f in figures)
    # Marie, a persona, mentors the event and may open its queue.
    assert rules.has_perm("events.pull_help_request", marie, running)


def test_the_finished_hackathon_has_every_result_one_taken_further_and_retrospectives(loaded):
    spring = event(SPRING)
    teams = list(Team.objects.filter(event=spring).select_related("challenge"))
    results = TeamResult.objects.filter(team__event=spring)

    assert len(teams) >= 3 and results.count() == len(teams)
    [further] = results.exclude(experiment=None).select_related("experiment", "team__challenge")
    assert further.experiment.owner == further.team.challenge.problem_owner
    assert further.experiment.status == ExperimentStatus.DRAFT
    assert further.experiment.created_at.date() > spring.ends_on
    for team in teams:
        written = TeamRetrospective.objects.filter(team=team).count()
        assert 0 < written < team.members.count()
        assert all(r.written_at.date() > spring.ends_on for r in team.retrospectives.all())


def test_eva_and_tom_can_still_register_for_the_open_sprint(loaded):
    sprint = event(SPRINT)
    registrations = Registration.objects.filter(event=sprint)

    assert Challenge.objects.filter(event=sprint).count() == 2
    assert 4 <= registrations.count() <= 8
    assert not registrations.filter(user__email__in=[EMPLOYEE, TEAM_LEAD]).exists()
    assert strength_choices(owner=user(EMPLOYEE))
    assert rules.has_perm("events.register", user(EMPLOYEE), sprint)


def test_the_draft_is_seen_by_its_organisers_alone(loaded):
    draft = event(DRAFT)

    assert rules.has_perm("events.view_event", user(HR), draft)
    assert not rules.has_perm("events.view_event", user(EMPLOYEE), draft)
    assert not rules.has_perm("events.view_event", user(TEAM_LEAD), draft)
