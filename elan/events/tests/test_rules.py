# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with an event, as a matrix over the personas: the organiser (HR), the
problem owner (the team lead), a participant (the employee) and the outsider."""

from __future__ import annotations

import pytest
import rules
from django.utils import timezone

from elan.events.constants import Status
from elan.events.models import Team, TeamMember
from elan.events.tests.factories import ChallengeFactory, EventFactory, register

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
