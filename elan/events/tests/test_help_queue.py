# SPDX-License-Identifier: EUPL-1.2
"""The help queue while an event runs: members post, mentors pull the next request (their own
skill first), answer or see it withdrawn, and the organiser reads the waiting times."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from elan.events import selectors, services
from elan.events.constants import HelpStatus, Status
from elan.events.models import HelpRequest, HelpRequestEvent, Team, TeamMember
from elan.events.tests.factories import ChallengeFactory, EventFactory, register, skill, volunteer

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)


def codes(refused) -> set[str]:
    return {error.code for error in refused.value.error_list}


@pytest.fixture
def running(personas):
    """A running event: the employee's team is published; the line manager mentors with
    storytelling, the team lead with nothing in particular."""
    event = EventFactory(open=True, organisers=[personas.hr])
    challenge = ChallengeFactory(event=event, problem_owner=personas.team_lead)
    registration = register(event, personas.employee, challenges=[challenge])
    volunteer(event, personas.line_manager, strengths=["storytelling"], capacity=2)
    volunteer(event, personas.team_lead, capacity=2)
    team = Team.objects.create(
        event=event,
        challenge=challenge,
        number=1,
        working_language="en",
        published_at=timezone.now(),
    )
    TeamMember.objects.create(team=team, registration=registration)
    event.status = Status.TEAMS_PUBLISHED
    event.save()
    return event, team


def ask(team, person, slug, question="How do we test this with citizens?"):
    return services.help_request_post(team=team, question=question, skill=skill(slug), by=person)


def test_a_member_of_a_running_team_posts_a_request_and_nobody_else_can(personas, running):
    _event, team = running

    request = ask(team, personas.employee, "storytelling")

    assert request.status == HelpStatus.WAITING
    assert HelpRequestEvent.objects.get(request=request).to_status == HelpStatus.WAITING
    with pytest.raises(ValidationError) as refused:
        ask(team, personas.outsider, "storytelling")
    assert codes(refused) == {"not_member"}


def test_no_request_is_posted_before_the_teams_are_out(personas, running):
    event, team = running
    event.status = Status.CLOSED
    event.save()
    team.event.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        ask(team, personas.employee, "storytelling")
    assert codes(refused) == {"not_running"}


def test_a_mentor_pulls_the_oldest_request_of_their_skill_first_then_the_oldest_waiting(
    personas, running
):
    event, team = running
    with time_machine.travel(START, tick=False):
        oldest = ask(team, personas.employee, "iteration")
    with time_machine.travel(START + datetime.timedelta(minutes=5), tick=False):
        theirs = ask(team, personas.employee, "storytelling")

    first = services.help_request_pull(mentor_user=personas.line_manager, event=event)
    second = services.help_request_pull(mentor_user=personas.line_manager, event=event)
    third = services.help_request_pull(mentor_user=personas.line_manager, event=event)

    assert (first.pk, second.pk, third) == (theirs.pk, oldest.pk, None)
    assert first.status == HelpStatus.TAKEN
    assert first.taken_by == personas.line_manager
    assert first.taken_at is not None


def test_someone_who_does_not_mentor_the_event_cannot_pull(personas, running):
    event, team = running
    ask(team, personas.employee, "storytelling")
    with pytest.raises(ValidationError) as refused:
        services.help_request_pull(mentor_user=personas.outsider, event=event)
    assert codes(refused) == {"not_mentor"}


def test_two_mentors_pulling_at_once_never_get_the_same_request(personas, running, monkeypatch):
    """SQLite has no row locks, so select_for_update(skip_locked=True) is not exercised here:
    on PostgreSQL the second mentor skips the locked row. What this tests is the guard that
    holds on every database: the second mentor read the oldest request before the first took
    it (as they would without row locks), and their write finds it no longer waiting."""
    event, team = running
    oldest = ask(team, personas.employee, "iteration")
    next_one = ask(team, personas.employee, "iteration")
    # Both mentors read the queue before either writes.
    read_by_second = services._next_waiting(event=event, slugs=[], tried=[])
    first = services.help_request_pull(mentor_user=personas.line_manager, event=event)
    reads = iter([read_by_second])
    honest_read = services._next_waiting
    monkeypatch.setattr(
        services, "_next_waiting", lambda **kwargs: next(reads, None) or honest_read(**kwargs)
    )

    second = services.help_request_pull(mentor_user=personas.team_lead, event=event)

    assert read_by_second.pk == first.pk == oldest.pk
    assert second.pk == next_one.pk
    assert HelpRequest.objects.get(pk=oldest.pk).taken_by == personas.line_manager
    assert HelpRequestEvent.objects.filter(request=oldest, to_status=HelpStatus.TAKEN).count() == 1


def test_only_the_mentor_who_took_a_request_answers_it_once(personas, running):
    event, team = running
    request = ask(team, personas.employee, "storytelling")
    taken = services.help_request_pull(mentor_user=personas.line_manager, event=event)

    with pytest.raises(ValidationError) as refused:
        services.help_request_answer(request=taken, by=personas.team_lead)
    assert codes(refused) == {"not_taker"}
    answered = services.help_request_answer(request=taken, by=personas.line_manager)
    assert (answered.pk, answered.status) == (request.pk, HelpStatus.ANSWERED)
    assert answered.answered_at is not None
    with pytest.raises(ValidationError) as refused:
        services.help_request_answer(request=answered, by=personas.line_manager)
    assert codes(refused) == {"transition"}
    history = HelpRequestEvent.objects.filter(request=request).values_list("to_status", flat=True)
    assert list(history) == [HelpStatus.WAITING, HelpStatus.TAKEN, HelpStatus.ANSWERED]


def test_a_member_withdraws_a_request_and_no_mentor_pulls_it_after(personas, running):
    event, team = running
    request = ask(team, personas.employee, "storytelling")

    services.help_request_withdraw(request=request, by=personas.employee)

    assert HelpRequest.objects.get(pk=request.pk).status == HelpStatus.WITHDRAWN
    assert services.help_request_pull(mentor_user=personas.line_manager, event=event) is None
    with pytest.raises(ValidationError) as refused:
        services.help_request_withdraw(request=request, by=personas.employee)
    assert codes(refused) == {"transition"}


def test_the_organiser_reads_each_skills_waiting_count_and_times(personas, running):
    event, team = running
    minutes = datetime.timedelta(minutes=1)
    with time_machine.travel(START, tick=False):
        ask(team, personas.employee, "storytelling")
    with time_machine.travel(START + 10 * minutes, tick=False):
        ask(team, personas.employee, "storytelling")
    with time_machine.travel(START + 20 * minutes, tick=False):
        ask(team, personas.employee, "iteration")
    with time_machine.travel(START + 30 * minutes, tick=False):
        # The storytelling mentor takes the first request, after 30 minutes.
        services.help_request_pull(mentor_user=personas.line_manager, event=event)
    with time_machine.travel(START + 35 * minutes, tick=False):
        ask(team, personas.employee, "storytelling")

    with time_machine.travel(START + 40 * minutes, tick=False):
        figures = {f.skill.slug: f for f in selectors.help_queue_figures(event=event)}

    storytelling, iteration = figures["storytelling"], figures["iteration"]
    # Waiting: the second (30 minutes) and the fourth (5 minutes).
    assert storytelling.waiting == 2
    assert storytelling.median_wait == 17 * minutes + datetime.timedelta(seconds=30)
    assert storytelling.longest_wait == 30 * minutes
    assert storytelling.median_to_taken == 30 * minutes
    assert (iteration.waiting, iteration.median_wait, iteration.longest_wait) == (
        1,
        20 * minutes,
        20 * minutes,
    )
    assert iteration.median_to_taken is None
