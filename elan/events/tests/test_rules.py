# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with an event, as a matrix over the personas: the organiser (HR), the
problem owner (the team lead), a participant (the employee) and the outsider."""

from __future__ import annotations

import pytest
import rules
from django.utils import timezone

from elan.events.constants import HelpStatus, Status
from elan.events.models import HelpRequest, Team, TeamMember
from elan.events.tests.factories import ChallengeFactory, EventFactory, register, skill, volunteer

pytestmark = pytest.mark.django_db

PERSONAS = ("hr", "team_lead", "employee", "outsider", "visitor")


@pytest.fixture
def event_with_a_team(personas):
    event = EventFactory(open=True, organisers=[personas.hr])
    challenge = ChallengeFactory(event=event, unit=personas.team, problem_owner=personas.team_lead)
    registration = register(event, personas.employee, challenges=[challenge])
    team = Team.objects.create(event=event, challenge=challenge, number=1, working_language="en")
    TeamMember.objects.create(team=team, registration=registration)
    return event, team


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("events.create", {"hr"}),
        ("events.manage_event", {"hr"}),
        ("events.view_event", {"hr", "team_lead", "employee", "outsider"}),
        ("events.post_challenge", {"hr", "team_lead"}),
        ("events.register", {"hr", "team_lead", "employee", "outsider"}),
        ("events.volunteer_as_mentor", {"hr", "team_lead", "employee", "outsider"}),
    ],
)
def test_each_persona_may_do_with_an_open_event_what_the_matrix_says(
    personas, event_with_a_team, perm, allowed
):
    event, _team = event_with_a_team
    for name in PERSONAS:
        assert rules.has_perm(perm, personas.get(name), event) == (name in allowed), (perm, name)


def test_a_draft_event_is_its_organisers_alone(personas):
    event = EventFactory(status=Status.DRAFT, organisers=[personas.hr])
    for name in PERSONAS:
        expected = name == "hr"
        assert rules.has_perm("events.view_event", personas.get(name), event) == expected, name
        assert rules.has_perm("events.register", personas.get(name), event) is False, name


def test_a_team_is_the_organisers_until_published_then_its_members_and_problem_owners_too(
    personas, event_with_a_team
):
    _event, team = event_with_a_team
    seen = {n for n in PERSONAS if rules.has_perm("events.view_team", personas.get(n), team)}
    assert seen == {"hr"}

    team.published_at = timezone.now()
    team.save()

    seen = {n for n in PERSONAS if rules.has_perm("events.view_team", personas.get(n), team)}
    assert seen == {"hr", "team_lead", "employee"}


def test_a_teams_mentor_reads_the_team_once_it_is_published_and_not_before(
    personas, event_with_a_team
):
    _event, team = event_with_a_team
    team.mentor = personas.line_manager
    team.save()
    assert not rules.has_perm("events.view_team", personas.line_manager, team)

    team.published_at = timezone.now()
    team.save()

    assert rules.has_perm("events.view_team", personas.line_manager, team)


# The line manager mentors the running event.
RUNNING_PERSONAS = (*PERSONAS, "line_manager")


@pytest.fixture
def running_event(personas, event_with_a_team):
    """The event runs: its team is published, and the line manager, who volunteered to mentor,
    has taken the employee's help request."""
    event, team = event_with_a_team
    volunteer(event, personas.line_manager, strengths=["storytelling"])
    team.published_at = timezone.now()
    team.save()
    event.status = Status.TEAMS_PUBLISHED
    event.save()
    request = HelpRequest.objects.create(
        team=team,
        asked_by=personas.employee,
        question="How do we test this?",
        skill=skill("storytelling"),
        status=HelpStatus.TAKEN,
        taken_by=personas.line_manager,
        taken_at=timezone.now(),
    )
    return event, team, request


@pytest.mark.parametrize(
    ("perm", "on", "allowed"),
    [
        ("events.post_help_request", "team", {"employee"}),
        ("events.pull_help_request", "event", {"line_manager"}),
        ("events.answer_help_request", "request", {"line_manager"}),
        ("events.record_result", "team", {"employee", "team_lead"}),
        ("events.write_retrospective", "team", {"employee"}),
        ("events.volunteer_as_mentor", "event", set()),
    ],
)
def test_each_persona_may_do_with_a_running_event_what_the_matrix_says(
    personas, running_event, perm, on, allowed
):
    event, team, request = running_event
    target = {"event": event, "team": team, "request": request}[on]
    for name in RUNNING_PERSONAS:
        assert rules.has_perm(perm, personas.get(name), target) == (name in allowed), (perm, name)


def test_results_and_retrospectives_wait_for_the_teams_and_help_stops_when_the_event_ends(
    personas, running_event
):
    event, team, _request = running_event
    event.status = Status.FINISHED
    event.save()
    assert rules.has_perm("events.record_result", personas.team_lead, team)
    assert rules.has_perm("events.write_retrospective", personas.employee, team)
    assert not rules.has_perm("events.post_help_request", personas.employee, team)
    assert not rules.has_perm("events.pull_help_request", personas.line_manager, event)

    team.published_at = None
    team.save()
    assert not rules.has_perm("events.record_result", personas.team_lead, team)
    assert not rules.has_perm("events.write_retrospective", personas.employee, team)
