# SPDX-License-Identifier: EUPL-1.2
"""The network profile's pages (issue 18, point 1): opt-in, strengths only from one's own
self-assessment, bad input shown back, and a pause or a deletion that leaves every programme at
once; the network's home shows where the person stands."""

from __future__ import annotations

import pytest
from django.urls import reverse

from elan.assessments.tests.factories import submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.network.constants import MatchStatus, Role
from elan.network.models import Match, NetworkProfile, Participant
from elan.network.tests.factories import ProgrammeFactory, join, profile_for, skill
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def url(name: str) -> str:
    return reverse(f"network:{name}")


def profile_post(**overrides) -> dict:
    return {
        "strengths": [str(skill("storytelling").pk)],
        "wish_1": str(skill("data-literacy").pk),
        "wish_2": "",
        "wish_3": str(skill("iteration").pk),
        "wish_sentence": "Reading a dashboard without fear.",
        "languages": ["fr", "en"],
        "availability": "fortnightly",
        "offers_mentoring": "on",
        "mentor_capacity": "2",
        **overrides,
    }


def strong_in(slug: str) -> dict[str, int]:
    return {value: 5 if value == slug else 2 for value in InnovationSkill.values}


@pytest.fixture
def assessed(personas):
    submitted_assessment(personas.employee, strong_in("storytelling"))
    return personas.employee


def test_a_profile_is_created_and_edited_through_its_form(assessed, client_for):
    client = client_for("employee")
    assert not NetworkProfile.objects.exists()

    response = client.post(url("profile"), profile_post())

    assert response.status_code == 302
    profile = NetworkProfile.objects.get(owner=assessed)
    assert [s.competency.slug for s in profile.strengths.all()] == ["storytelling"]
    # The blank second wish closes up: the third becomes the second.
    assert [(w.competency.slug, w.rank) for w in profile.wishes.all()] == [
        ("data-literacy", 0),
        ("iteration", 1),
    ]
    assert (profile.languages, profile.availability, profile.mentor_capacity) == (
        ["fr", "en"],
        "fortnightly",
        2,
    )
    page = client.get(url("profile"))
    assert page.context["form"].initial["wish_2"] == str(skill("iteration").pk)
    assert "Reading a dashboard without fear." in page.content.decode()

    client.post(url("profile"), profile_post(strengths=[], offers_mentoring="", languages=["nl"]))
    profile.refresh_from_db()
    assert (profile.strengths.count(), profile.offers_mentoring, profile.languages) == (
        0,
        False,
        ["nl"],
    )


def test_the_profile_page_says_who_sees_what_and_nobody_has_a_profile_before_saving(
    assessed, client_for
):
    html = client_for("employee").get(url("profile")).content.decode()

    assert 'id="who-sees"' in html
    assert "Nobody is in the network until they save this form." in html
    assert not NetworkProfile.objects.exists()


def test_without_a_self_assessment_the_page_explains_where_strengths_come_from(client_for):
    html = client_for("employee").get(url("profile")).content.decode()

    assert 'id="no-strengths"' in html
    assert reverse("assessments:start") in html


def test_a_strength_not_from_one_s_own_self_assessment_is_refused_with_the_input_back(
    personas, client_for
):
    # A colleague's self-assessment loads the skills; the employee has none to show.
    submitted_assessment(personas.line_manager, strong_in("storytelling"))
    response = client_for("employee").post(
        url("profile"), profile_post(wish_sentence="Learning to tell a story.")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert "A strength must be a skill of your own self-assessment profile." in html
    assert "Learning to tell a story." in html
    assert not NetworkProfile.objects.exists()


def test_the_same_wish_twice_and_no_language_are_refused_with_messages(assessed, client_for):
    wish = str(skill("iteration").pk)
    response = client_for("employee").post(
        url("profile"), profile_post(wish_1=wish, wish_3=wish, languages=[])
    )

    html = response.content.decode()
    assert "Choose three different learning wishes, or leave some blank." in html
    assert "Choose at least one working language." in html
    assert not NetworkProfile.objects.exists()


def test_pausing_leaves_every_programme_and_withdraws_the_live_pair(personas, client_for):
    mentor = person_in(UnitFactory(parent=personas.organisation), email="mentor@elan.test")
    profile_for(personas.employee, wishes=["storytelling"])
    profile_for(mentor, strengths=["storytelling"], mentor=True)
    programme = ProgrammeFactory(open=True, choice=True, scope=personas.organisation)
    mentee = join(programme, personas.employee)
    mentor_place = join(programme, mentor, Role.MENTOR)
    match = Match.objects.create(
        programme=programme, mentee=mentee, mentor=mentor_place, status=MatchStatus.OFFERED
    )

    response = client_for("employee").post(url("profile_pause"))

    assert response.status_code == 302
    mentee.refresh_from_db()
    match.refresh_from_db()
    assert mentee.left_at is not None
    assert match.status == MatchStatus.WITHDRAWN
    assert NetworkProfile.objects.get(owner=personas.employee).paused_at is not None
    home = client_for("employee").get(url("home")).content.decode()
    assert 'id="profile-state-paused"' in home

    client_for("employee").post(url("profile_resume"))
    assert NetworkProfile.objects.get(owner=personas.employee).is_active


def test_deleting_asks_first_then_removes_the_profile_and_its_places(personas, client_for):
    profile_for(personas.employee, wishes=["storytelling"])
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    join(programme, personas.employee)
    client = client_for("employee")

    confirm = client.get(url("profile_delete")).content.decode()
    assert programme.title in confirm
    assert NetworkProfile.objects.exists()

    client.post(url("profile_delete"))
    assert not NetworkProfile.objects.exists()
    assert Participant.objects.get().left_at is not None
    assert 'id="profile-state-none"' in client.get(url("home")).content.decode()


def test_pause_resume_and_delete_take_no_get_and_anonymous_people_go_to_log_in(client_for):
    client = client_for("employee")
    assert client.get(url("profile_pause")).status_code == 405
    assert client.get(url("profile_resume")).status_code == 405

    anonymous = client_for("visitor")
    for name in ("home", "profile", "profile_delete", "help", "introduce"):
        response = anonymous.get(url(name))
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_the_home_shows_one_s_programmes_those_open_and_the_organiser_link_for_hr(
    personas, client_for
):
    profile_for(personas.employee, wishes=["storytelling"])
    joined = ProgrammeFactory(open=True, scope=personas.organisation, title="Joined one")
    ProgrammeFactory(open=True, scope=personas.organisation, title="Open one")
    ProgrammeFactory(open=True, scope=personas.other_organisation, title="Elsewhere")
    join(joined, personas.employee)

    html = client_for("employee").get(url("home")).content.decode()

    mine = html.split('id="my-programmes"')[1].split("</ul>")[0]
    open_ones = html.split('id="open-programmes"')[1].split("</ul>")[0]
    assert "Joined one" in mine and "Open one" not in mine
    assert "Open one" in open_ones and "Joined one" not in open_ones
    assert "Elsewhere" not in html
    assert 'id="organiser-link"' not in html
    assert 'id="organiser-link"' in client_for("hr").get(url("home")).content.decode()
