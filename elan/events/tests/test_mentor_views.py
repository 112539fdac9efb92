# SPDX-License-Identifier: EUPL-1.2
"""The mentors' pages (issue 19): offering to mentor and withdrawing the offer, and, while the
event runs, the help queue: a member's question is taken by one mentor only, then answered."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from elan.assessments.tests.factories import submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.events.constants import HelpStatus, Status
from elan.events.models import EventMentor, HelpRequest, Team, TeamMember
from elan.events.tests.factories import ChallengeFactory, EventFactory, register, skill, volunteer

pytestmark = pytest.mark.django_db


def url(name: str, obj) -> str:
    return reverse(f"events:{name}", kwargs={"public_id": obj.public_id})


def as_user(client, user):
    client.logout()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


# --- offering to mentor -----------------------------------------------------------------------


@pytest.fixture
def event(personas):
    return EventFactory(open=True, organisers=[personas.hr])


def test_a_colleague_offers_to_mentor_with_an_approved_strength_and_withdraws(
    personas, client, event
):
    submitted_assessment(
        personas.line_manager,
        {slug: 5 if slug == "storytelling" else 2 for slug in InnovationSkill.values},
    )
    client = as_user(client, personas.line_manager)
    assert "Strengths I bring" in page(client.get(url("mentor_volunteer", event)))

    response = client.post(
        url("mentor_volunteer", event),
        {"strengths": [str(skill("storytelling").pk)], "languages": ["en"], "capacity": "2"},
    )

    assert response.status_code == 302
    mentor = EventMentor.objects.get(event=event, user=personas.line_manager)
    assert (mentor.capacity, list(mentor.strengths.all())) == (2, [skill("storytelling")])
    assert "Thank you: your offer to mentor is saved." in page(client.get(response["Location"]))
    assert client.get(url("mentor_volunteer", event)).context["form"]["capacity"].value() == 2

    client.post(url("mentor_withdraw", event))
    assert not EventMentor.objects.filter(event=event).exists()


@pytest.mark.parametrize("capacity", ["7", "0", "9" * 30, "two"])
def test_a_capacity_out_of_bounds_is_refused_and_the_input_kept(personas, client, event, capacity):
    response = as_user(client, personas.line_manager).post(
        url("mentor_volunteer", event), {"languages": ["fr"], "capacity": capacity}
    )

    content = page(response)
    assert 'class="error-summary"' in content
    assert 'href="#id_capacity"' in content
    assert response.context["form"]["languages"].value() == ["fr"]
    assert not EventMentor.objects.exists()


def test_without_a_self_assessment_the_page_explains_where_strengths_come_from(
    personas, client, event
):
    content = page(as_user(client, personas.line_manager).get(url("mentor_volunteer", event)))

    assert 'id="no-strengths"' in content
    assert reverse("network:profile") in content


def test_a_participant_cannot_mentor_the_same_event(personas, client, event):
    register(event, personas.employee)

    response = as_user(client, personas.employee).post(
        url("mentor_volunteer", event), {"languages": ["en"], "capacity": "1"}
    )

    assert "You take part in this event: you cannot mentor its teams too." in page(response)
    assert not EventMentor.objects.exists()


# --- the help queue ---------------------------------------------------------------------------


@pytest.fixture
def running(personas):
    """A running event: the employee's team is published; the line manager mentors with
    storytelling, the team lead with nothing in particular."""
    event = EventFactory(open=True, organisers=[personas.hr])
    challenge = ChallengeFactory(event=event, problem_owner=personas.hr)
    registration = register(event, personas.employee, challenges=[challenge])
    volunteer(event, personas.line_manager, strengths=["storytelling"], capacity=2)
    volunteer(event, personas.team_lead, capacity=2)
    team = Team.objects.create(
        event=event,
        challenge=challenge,
        number=7,
        working_language="en",
        published_at=timezone.now(),
    )
    TeamMember.objects.create(team=team, registration=registration)
    event.status = Status.TEAMS_PUBLISHED
    event.save()
    return event, team


@pytest.mark.parametrize(
    "persona, status",
    [("line_manager", 200), ("team_lead", 200), ("employee", 404), ("hr", 404), ("outsider", 404)],
)
def test_the_queue_is_the_events_mentors_alone(personas, client, running, persona, status):
    event, _team = running

    assert (
        as_user(client, personas.get(persona)).get(url("mentor_queue", event)).status_code == status
    )


def test_a_question_is_posted_taken_by_one_mentor_only_and_answered(personas, client, running):
    event, team = running
    as_user(client, personas.employee).post(
        url("help_post", team),
        {"question": "How do we tell this story?", "skill": str(skill("storytelling").pk)},
    )
    request = HelpRequest.objects.get(team=team)

    client = as_user(client, personas.line_manager)
    content = page(client.get(url("mentor_queue", event)))
    assert "1 question is waiting." in content
    assert "(one of your strengths)" in content

    response = client.post(url("help_pull", event))
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.taken_by) == (HelpStatus.TAKEN, personas.line_manager)
    content = page(client.get(response["Location"]))
    assert "You took team 7's question" in content
    assert "How do we tell this story?" in content
    assert "Mark as answered" in content

    second = as_user(client, personas.team_lead).post(url("help_pull", event), follow=True)
    assert "Nothing is waiting: no team has a question right now." in page(second)
    request.refresh_from_db()
    assert request.taken_by == personas.line_manager

    # Only the mentor who took it answers it; to anyone else it does not exist.
    assert client.post(url("help_answer", request)).status_code == 404

    response = as_user(client, personas.line_manager).post(url("help_answer", request))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == HelpStatus.ANSWERED
    assert "You have no question to answer." in page(client.get(response["Location"]))


def test_before_the_event_runs_the_queue_says_when_it_opens(personas, client, running):
    event, _team = running
    event.status = Status.CLOSED
    event.save()

    client = as_user(client, personas.line_manager)
    assert 'id="queue-closed"' in page(client.get(url("mentor_queue", event)))
    response = client.post(url("help_pull", event), follow=True)
    assert "The help queue is open while the event runs" in page(response)
