# SPDX-License-Identifier: EUPL-1.2
import html

import pytest

from elan.skills.shipped import load_shipped_frameworks
from elan.skills.tests.factories import CompetencyFactory, FrameworkFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_reads_a_framework_with_its_levels_and_behaviours(client):
    load_shipped_frameworks()
    response = client.get("/fr/skills/frameworks/elan-innovation-skills/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Compétences d'innovation Elan" in page
    assert "Sensibilisation" in page and "Promotion" in page
    assert "Leadership" in page or "leadership" in page


def test_text_missing_in_german_is_shown_in_english_with_its_language(client):
    framework = FrameworkFactory(slug="english-only", title={"en": "Only in English"})
    CompetencyFactory(framework=framework, name={"en": "Tinkering"})
    page = client.get("/de/skills/frameworks/english-only/").content.decode()
    assert '<span lang="en">Tinkering</span>' in page


def test_an_unpublished_framework_does_not_exist_for_readers(client):
    FrameworkFactory(slug="draft", unpublished=True)
    assert client.get("/en/skills/frameworks/draft/").status_code == 404


def test_the_downloads_are_json_attachments(client):
    load_shipped_frameworks()
    response = client.get("/nl/skills/frameworks/states-of-change/case.json")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert response.json()["CFDocument"]["language"] == "nl"
    exported = client.get("/en/skills/frameworks/states-of-change/export.json").json()
    assert exported["format"] == "elan-framework/1"
