# SPDX-License-Identifier: EUPL-1.2
"""The main navigation leads each role to its pages, and to no page it may not open."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def main_navigation(client_for, persona: str, url_name: str = "portal:home") -> str:
    with translation.override("en"):
        url = reverse(url_name)
    response = client_for(persona).get(url)
    assert response.status_code == 200
    found = re.search(r'<nav class="main-nav".*?</nav>', response.content.decode(), re.S)
    assert found, "no main navigation"
    return found.group(0)


def quality_link() -> str:
    with translation.override("en"):
        return f'href="{reverse("feedback:psychometrics")}"'


def test_hr_finds_the_instrument_quality_page_in_the_main_navigation(client_for):
    navigation = main_navigation(client_for, "hr")
    assert quality_link() in navigation
    assert "Instrument quality" in navigation


def test_the_instrument_quality_link_is_marked_as_the_current_page_there(client_for):
    navigation = main_navigation(client_for, "hr", "feedback:psychometrics")
    assert f'{quality_link()} aria-current="page"' in navigation


@pytest.mark.parametrize(
    "persona",
    [
        "visitor",
        "employee",
        "line_manager",
        "team_lead",
        "content_editor",
        "moderator",
        "administrator",
        "outsider",
    ],
)
def test_nobody_else_is_shown_the_instrument_quality_page(client_for, persona):
    assert quality_link() not in main_navigation(client_for, persona)


def footer(client_for, persona: str) -> str:
    with translation.override("en"):
        url = reverse("portal:accessibility")
    content = client_for(persona).get(url).content.decode()
    found = re.search(r'<footer class="site-footer".*?</footer>', content, re.S)
    assert found, "no footer"
    return found.group(0)


@pytest.mark.parametrize("persona", ["visitor", "employee"])
def test_everyone_finds_how_answers_stay_anonymous_from_every_page(client_for, persona):
    with translation.override("en"):
        anonymity = reverse("core:anonymity")
    assert f'href="{anonymity}"' in footer(client_for, persona)
