# SPDX-License-Identifier: EUPL-1.2
"""Peer help (issue 18, point 4): "who can help me with …?" finds colleagues across units whose
shown strengths hold the skill, only those who opted in and are not paused, never the asker, with
no figure that ranks people; a short introduction is sent, a few a day at most."""

from __future__ import annotations

import pytest
from django.urls import reverse

from elan.network import services
from elan.network.constants import INTRODUCTIONS_PER_DAY
from elan.network.models import Introduction
from elan.network.tests.factories import profile_for, skill
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

HELP = reverse("network:help")
INTRODUCE = reverse("network:introduce")


@pytest.fixture
def colleagues(personas):
    """The employee asks; Anna (another unit) shows storytelling, Paul shows it but paused,
    Ivo shows iteration only, and Nina has no profile at all."""
    other = UnitFactory(parent=personas.organisation, code="FPS-ONE-COMMS", name_en="Comms")
    anna = person_in(other, email="anna@elan.test", first_name="Anna")
    paul = person_in(other, email="paul@elan.test", first_name="Paul")
    ivo = person_in(other, email="ivo@elan.test", first_name="Ivo")
    person_in(other, email="nina@elan.test", first_name="Nina")
    profile_for(personas.employee, strengths=["storytelling"], wishes=["iteration"])
    profile_for(
        anna,
        strengths=["storytelling", "curiosity"],
        languages=["fr", "en"],
        wish_sentence="Anna's private wish",
    )
    profile_for(paul, strengths=["storytelling"])
    services.profile_pause(owner=paul)
    profile_for(ivo, strengths=["iteration"])
    return anna


def test_peer_help_lists_only_active_opted_in_colleagues_with_the_strength(
    personas, colleagues, client_for
):
    response = client_for("employee").get(HELP, {"skill": skill("storytelling").pk})

    html = response.content.decode()
    helpers = html.split('id="helpers"')[1].split("</ul>")[0]
    assert [row.user for row in response.context["helpers"]] == [colleagues]
    assert "Anna" in helpers and "Comms" in helpers and "French" in helpers
    assert "Curiosity" in helpers
    for absent in ("Paul", "Ivo", "Nina", "Emile"):
        assert absent not in helpers
    assert "Anna's private wish" not in html


def test_without_an_active_profile_peer_help_explains_and_links_to_the_profile(
    personas, client_for
):
    response = client_for("line_manager").get(HELP, {"skill": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="help-needs-profile"' in html
    assert reverse("network:profile") in html
    assert 'id="helpers"' not in html


def test_a_skill_that_is_not_in_the_list_is_said_on_the_page(personas, colleagues, client_for):
    response = client_for("employee").get(HELP, {"skill": "999999"})

    assert response.status_code == 200
    assert "Choose a skill from the list." in response.content.decode()


def test_an_introduction_is_sent_and_the_asker_comes_back_to_peer_help(
    personas, colleagues, client_for
):
    client = client_for("employee")
    storytelling = skill("storytelling").pk
    form = client.get(INTRODUCE, {"to": colleagues.pk, "skill": storytelling})
    assert form.status_code == 200

    response = client.post(
        INTRODUCE, {"to": colleagues.pk, "skill": storytelling, "message": "Hello Anna!"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{HELP}?skill={storytelling}"
    sent = Introduction.objects.get()
    assert (sent.sender, sent.recipient, sent.message) == (
        personas.employee,
        colleagues,
        "Hello Anna!",
    )
    assert "on its way to Anna" in client.get(response["Location"]).content.decode()


def test_the_sixth_introduction_in_a_day_is_refused_and_the_message_kept(
    personas, colleagues, client_for
):
    storytelling = skill("storytelling")
    for number in range(INTRODUCTIONS_PER_DAY):
        services.introduction_send(
            sender=personas.employee,
            recipient=colleagues,
            competency=storytelling,
            message=f"Message {number}",
        )

    response = client_for("employee").post(
        INTRODUCE, {"to": colleagues.pk, "skill": storytelling.pk, "message": "One more, please"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Try again tomorrow." in html
    assert "One more, please" in html
    assert Introduction.objects.count() == INTRODUCTIONS_PER_DAY


def test_every_bad_id_in_an_introduction_gives_404_never_an_error(personas, colleagues, client_for):
    anna, storytelling = colleagues.pk, skill("storytelling").pk
    paul = type(colleagues).objects.get(email="paul@elan.test").pk
    queries = [
        {"to": "abc", "skill": storytelling},
        {"to": "999999", "skill": storytelling},
        {"to": "99999999999999999999", "skill": storytelling},
        {"to": anna, "skill": "999999"},
        {"to": anna},
        {"to": anna, "skill": skill("iteration").pk},  # not one of Anna's strengths
        {"to": paul, "skill": storytelling},  # paused
        {"to": personas.employee.pk, "skill": storytelling},  # oneself
    ]
    client = client_for("employee")

    for query in queries:
        assert client.get(INTRODUCE, query).status_code == 404, query
        assert client.post(INTRODUCE, {**query, "message": "Hi"}).status_code == 404, query
    assert not Introduction.objects.exists()
