# SPDX-License-Identifier: EUPL-1.2
"""The learning network as personal data: the download holds the profile, the programmes, the
pairs with the pair's whole log, and the introductions; erasure takes the profile, the pairs
and their logs, and leaves the partner's other pairs, the anonymous survey answers and the
programmes a person organised."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from elan.accounts.services import user_pseudonymise
from elan.core import personal_data
from elan.network import services
from elan.network.constants import CheckInKind, ProgrammeStatus, Progress, Role
from elan.network.models import (
    CheckIn,
    Introduction,
    Match,
    MatchEvent,
    Meeting,
    NetworkProfile,
    Participant,
    Programme,
    ProgrammeEvent,
    SurveyParticipation,
    SurveyResponse,
)
from elan.network.tests.factories import ProgrammeFactory, join, profile_for, skill
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

DOWNLOAD = "/en/me/data/download/"
NOW = datetime(2030, 1, 1, tzinfo=UTC)
NOTE = "Walked through the pitch deck for the okapi project"
OTHER_NOTE = "First talk about the pangolin dashboard"
CHECK_IN = "Going well, two meetings so far"
INTRO = "Could you show me how you pitch a project in five minutes?"
SCORES = {"useful": 4, "learnt": 4, "across": 5, "recommend": 4}


def download(user) -> dict:
    client = Client()
    client.force_login(user)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return json.loads(response.content)["sections"]["network"]


def accepted(match: Match) -> Match:
    services.match_answer(match=match, by=match.mentee.user, accept=True)
    services.match_answer(match=match, by=match.mentor.user, accept=True)
    match.refresh_from_db()
    return match


@pytest.fixture
def programme(personas):
    """A closed programme organised by HR: Anna mentored the employee and a colleague; each
    pair logged a meeting (Anna wrote the employee's); the employee answered the survey."""
    other = UnitFactory(parent=personas.organisation, code="FPS-ONE-DATA")
    anna = person_in(other, email="anna@elan.test", first_name="Anna", last_name="Janssens")
    colleague = person_in(personas.team, email="colleague@elan.test", first_name="Cleo")
    profile_for(personas.employee, wishes=["storytelling"], wish_sentence="Pitch better")
    profile_for(colleague, wishes=["storytelling"])
    profile_for(anna, strengths=["storytelling"], mentor=True, capacity=2)
    programme = ProgrammeFactory(
        open=True, scope=personas.organisation, organiser=personas.hr, title="Walls down"
    )
    join(programme, personas.employee)
    join(programme, colleague)
    join(programme, anna, Role.MENTOR, capacity=2)
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    mine = accepted(Match.objects.get(mentee__user=personas.employee))
    theirs = accepted(Match.objects.get(mentee__user=colleague))
    today = timezone.localdate()
    services.meeting_log(match=mine, by=anna, held_on=today, note=NOTE)
    services.meeting_log(match=theirs, by=colleague, held_on=today, note=OTHER_NOTE)
    services.check_in(
        match=mine,
        by=personas.employee,
        kind=CheckInKind.MIDPOINT,
        progress=Progress.GOING_WELL,
        note=CHECK_IN,
    )
    programme = services.programme_move(
        programme=programme, to=ProgrammeStatus.CLOSED, by=personas.hr
    )
    services.survey_answer(programme=programme, user=personas.employee, scores=SCORES)
    services.introduction_send(
        sender=personas.employee, recipient=anna, competency=skill("storytelling"), message=INTRO
    )
    return programme


def test_the_register_names_every_network_model_with_a_person():
    assert "network" in personal_data.exporters()
    assert "network" in personal_data.erasers()
    for label in ("network.NetworkProfile", "network.Participant", "network.Meeting"):
        assert "network" in personal_data.exported_models()[label]
        assert "network" in personal_data.erased_models()[label]


def test_the_download_holds_the_profile_the_pair_and_the_pairs_whole_log(programme, personas):
    mine = download(personas.employee)

    profile = mine["network_profile"]
    assert profile["what_i_would_like_to_learn"] == "Pitch better"
    assert profile["learning_wishes"] == [str(skill("storytelling"))]
    assert profile["working_languages"] == ["en"]
    assert profile["paused"] is False
    (place,) = mine["programmes_joined"]
    assert (place["programme"], place["role"]) == ("Walls down", Role.MENTEE)
    (pair,) = mine["pairs"]
    assert pair["partner"] == "Anna Janssens"
    assert pair["status"] == "ended"
    assert "Anna" in pair["why_this_pair"]
    # The partner wrote the meeting; it is the pair's, so it is in the download too.
    (meeting,) = pair["meetings"]
    assert (meeting["what_was_discussed"], meeting["logged_by"]) == (NOTE, "your partner")
    (check_in,) = pair["check_ins"]
    assert (check_in["note"], check_in["by"]) == (CHECK_IN, "you")
    (sent,) = mine["introductions_you_sent"]
    assert (sent["to"], sent["message"]) == ("Anna Janssens", INTRO)
    assert mine["end_surveys_you_answered"] == ["Walls down"]
    # Nothing of the other pair of the same mentor.
    assert OTHER_NOTE not in json.dumps(mine)


def test_the_mentors_download_holds_both_pairs_and_the_introduction_received(programme, personas):
    people = get_user_model().objects
    anna = people.get(email="anna@elan.test")
    colleague = people.get(email="colleague@elan.test")

    theirs = download(anna)

    assert sorted(pair["partner"] for pair in theirs["pairs"]) == sorted(
        [personas.employee.get_full_name(), colleague.get_full_name()]
    )
    notes = {
        meeting["what_was_discussed"] for pair in theirs["pairs"] for meeting in pair["meetings"]
    }
    assert notes == {NOTE, OTHER_NOTE}
    (received,) = theirs["introductions_you_received"]
    assert (received["from"], received["message"]) == (personas.employee.get_full_name(), INTRO)


def test_erasure_takes_the_profile_and_pairs_and_leaves_the_partners_other_pair(
    programme, personas
):
    responses = SurveyResponse.objects.count()

    user_pseudonymise(user=personas.employee, now=NOW)

    assert not NetworkProfile.objects.filter(owner=personas.employee).exists()
    assert not Participant.objects.filter(user=personas.employee).exists()
    assert not Meeting.objects.filter(note=NOTE).exists()
    assert not CheckIn.objects.filter(note=CHECK_IN).exists()
    assert not Introduction.objects.filter(message=INTRO).exists()
    assert not SurveyParticipation.objects.filter(user=personas.employee).exists()
    # The mentor's other pair and its log are untouched.
    (other,) = Match.objects.all()
    assert other.mentee.user.email == "colleague@elan.test"
    assert other.meetings.get().note == OTHER_NOTE
    # The anonymous survey answer names nobody, so it stays.
    assert SurveyResponse.objects.count() == responses == 1


def test_erasing_the_organiser_keeps_the_programme_without_them(programme, personas):
    user_pseudonymise(user=personas.hr, now=NOW)

    kept = Programme.objects.get(pk=programme.pk)
    assert kept.organiser is None
    assert Match.objects.filter(programme=kept).count() == 2
    assert not ProgrammeEvent.objects.filter(by=personas.hr).exists()
    assert not MatchEvent.objects.filter(by=personas.hr).exists()
    assert ProgrammeEvent.objects.filter(programme=kept, by=None).exists()
