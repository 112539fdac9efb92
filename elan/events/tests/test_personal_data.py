# SPDX-License-Identifier: EUPL-1.2
"""What the events hold about a person is in their download, and goes with their account."""

from __future__ import annotations

import pytest

from elan.events.models import (
    Challenge,
    ChallengeChoice,
    Event,
    EventEvent,
    Registration,
    Team,
    TeamMember,
)
from elan.events.personal_data import erase_events, export_events
from elan.events.tests.factories import ChallengeFactory, EventFactory, register

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
        event=event, challenge=challenge, number=1, working_language="en", mentor=personas.hr
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
    assert list(TeamMember.objects.filter(team=team).values_list("registration__user", flat=True))
    assert not TeamMember.objects.filter(registration__user=personas.employee).exists()
    assert Event.objects.filter(pk=event.pk).exists()
    assert not event.organisers.exists()
    assert Team.objects.get(pk=team.pk).mentor is None
    assert Challenge.objects.get(event=event).problem_owner is None
    assert not EventEvent.objects.filter(by=personas.hr).exists()
