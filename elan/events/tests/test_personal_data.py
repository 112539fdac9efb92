# SPDX-License-Identifier: EUPL-1.2
"""What the events hold about a person is in their download, and goes with their account."""

from __future__ import annotations

import pytest
from django.utils import timezone

from elan.events.models import (
    Challenge,
    ChallengeChoice,
    Event,
    EventEvent,
    EventMentor,
    HelpRequest,
    HelpRequestEvent,
    Registration,
    Team,
    TeamMember,
    TeamResult,
    TeamRetrospective,
)
from elan.events.personal_data import erase_events, export_events
from elan.events.tests.factories import ChallengeFactory, EventFactory, register, skill, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(personas):
    event = EventFactory(open=True, organisers=[personas.hr], title="Open data hackathon")
    challenge = ChallengeFactory(event=event, problem_owner=personas.team_lead, title="Fewer forms")
    registration = register(
        event, personas.employee, strengths=["storytelling"], challenges=[challenge], group="ABCDEF"
    )
    colleague = register(event, personas.line_manager, challenges=[challenge])
    team = Team.objects.create(
        event=event,
        challenge=challenge,
        number=1,
        working_language="en",
        mentor=personas.hr,
        published_at=timezone.now(),
    )
    TeamMember.objects.create(
        team=team, registration=registration, reasons=[{"code": "choice", "params": {"rank": 1}}]
    )
    TeamMember.objects.create(team=team, registration=colleague)
    EventEvent.objects.create(event=event, by=personas.hr, kind="status", to_status="open")
    return event, team


def test_the_download_holds_the_registration_the_team_and_why(personas, placed):
    exported = export_events(personas.employee)

    (registration,) = exported["registrations"]
    assert registration["event"] == "Open data hackathon"
    assert registration["challenges_ranked"] == ["Fewer forms"]
    assert registration["group_code"] == "ABCDEF"
    assert len(registration["strengths"]) == 1
    team = registration["team"]
    assert team["challenge"] == "Fewer forms"
    assert team["other_members"] == [personas.line_manager.get_full_name()]
    assert team["why_you_are_in_this_team"] == [{"code": "choice", "params": {"rank": 1}}]


def test_a_proposed_team_is_in_no_download_until_the_organisers_publish_it(personas, placed):
    _event, team = placed
    Team.objects.filter(pk=team.pk).update(published_at=None)

    (registration,) = export_events(personas.employee)["registrations"]
    assert registration["team"] is None
    assert export_events(personas.hr)["teams_you_mentor"] == []


def test_the_organisers_download_holds_their_events_teams_mentored_and_actions(personas, placed):
    exported = export_events(personas.hr)

    assert exported["events_you_organise"] == ["Open data hackathon"]
    assert len(exported["teams_you_mentor"]) == 1
    assert exported["your_actions_on_events"][0]["to"] == "open"
    assert exported["challenges_you_own"] == []
    assert export_events(personas.team_lead)["challenges_you_own"][0]["title"] == "Fewer forms"


def test_erasure_takes_the_registration_and_keeps_events_and_teams_without_the_person(
    personas, placed
):
    event, team = placed

    erase_events(user=personas.employee, now=None)
    erase_events(user=personas.hr, now=None)
    erase_events(user=personas.team_lead, now=None)

    assert not Registration.objects.filter(user=personas.employee).exists()
    assert not ChallengeChoice.objects.filter(registration__user=personas.employee).exists()
    assert list(
        TeamMember.objects.filter(team=team).values_list("registration__user", flat=True)
    ) == [personas.line_manager.pk]
    assert not TeamMember.objects.filter(registration__user=personas.employee).exists()
    assert Event.objects.filter(pk=event.pk).exists()
    assert not event.organisers.exists()
    assert Team.objects.get(pk=team.pk).mentor is None
    assert Challenge.objects.get(event=event).problem_owner is None
    assert not EventEvent.objects.filter(by=personas.hr).exists()


@pytest.fixture
def after_the_event(personas, placed):
    """The outsider mentored: they took the employee's help request; the employee recorded the
    team's result and wrote a retrospective."""
    event, team = placed
    volunteer(event, personas.outsider, strengths=["storytelling"], capacity=2)
    request = HelpRequest.objects.create(
        team=team,
        asked_by=personas.employee,
        question="Who has tried this in another service?",
        skill=skill("storytelling"),
        status="taken",
        taken_by=personas.outsider,
    )
    HelpRequestEvent.objects.create(request=request, by=personas.outsider, to_status="taken")
    TeamResult.objects.create(
        team=team, summary="A form filled in once.", recorded_by=personas.employee
    )
    TeamRetrospective.objects.create(
        team=team, author=personas.employee, went_well="Pairing.", next_step="Show my unit."
    )
    return event, team, request


def test_the_download_holds_the_help_asked_the_result_and_the_retrospective(
    personas, after_the_event
):
    exported = export_events(personas.employee)

    (asked,) = exported["help_requests_you_asked"]
    assert asked["question"] == "Who has tried this in another service?"
    assert asked["status"] == "taken"
    assert exported["results_you_recorded"][0]["summary"] == "A form filled in once."
    assert exported["retrospectives_you_wrote"][0]["next_step"] == "Show my unit."
    assert exported["your_offers_to_mentor"] == []


def test_the_mentors_download_holds_their_offer_and_the_help_they_took(personas, after_the_event):
    exported = export_events(personas.outsider)

    (offer,) = exported["your_offers_to_mentor"]
    assert (offer["teams"], offer["languages"], len(offer["strengths"])) == (2, ["en"], 1)
    assert exported["help_requests_you_took"][0]["team"] == 1
    assert exported["your_actions_on_help_requests"][0]["to"] == "taken"


def test_erasure_takes_offers_retrospectives_and_questions_and_keeps_the_waiting_times(
    personas, after_the_event
):
    _event, team, request = after_the_event

    asked_at = request.created_at
    erase_events(user=personas.employee, now=None)
    erase_events(user=personas.outsider, now=None)

    kept = HelpRequest.objects.get(pk=request.pk)
    assert (kept.asked_by, kept.taken_by, kept.question) == (None, None, "")
    assert kept.created_at == asked_at
    assert not EventMentor.objects.filter(user=personas.outsider).exists()
    assert not HelpRequestEvent.objects.filter(by=personas.outsider).exists()
    assert not TeamRetrospective.objects.filter(team=team).exists()
    result = TeamResult.objects.get(team=team)
    assert (result.recorded_by, result.summary) == (None, "A form filled in once.")
