# SPDX-License-Identifier: EUPL-1.2
import pytest

from elan.skills.models import Framework

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/skills_frameworks/"


@pytest.mark.parametrize("persona", ["hr", "content_editor", "administrator"])
def test_hr_editors_and_administrators_manage_frameworks_in_the_back_office(persona, client_for):
    assert client_for(persona).get(LIST_URL).status_code == 200


@pytest.mark.parametrize("persona", ["employee", "team_lead", "outsider"])
def test_other_staff_cannot_reach_the_framework_back_office(persona, client_for):
    response = client_for(persona).get(LIST_URL)
    assert response.status_code in (302, 403)


def test_hr_creates_a_framework_with_one_field_per_language(client_for):
    client = client_for("hr")
    response = client.post(
        f"{LIST_URL}new/",
        {
            "slug": "team-skills",
            "version": "1.0",
            "licence": "CC-BY-SA-4.0",
            "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/",
            "is_published": "on",
            "title__en": "Team skills",
            "title__fr": "Compétences d'équipe",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    framework = Framework.objects.get(slug="team-skills")
    assert framework.title == {"en": "Team skills", "fr": "Compétences d'équipe"}


def test_the_english_title_is_required_in_the_back_office(client_for):
    response = client_for("hr").post(
        f"{LIST_URL}new/", {"slug": "x", "version": "1.0", "title__nl": "Alleen NL"}
    )
    assert response.status_code == 200
    assert not Framework.objects.filter(slug="x").exists()
