# SPDX-License-Identifier: EUPL-1.2
"""The "My account" page and the language preference."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def test_my_account_shows_the_person_and_links_to_every_account_task(personas, client_for):
    page = client_for("employee").get("/en/me/").content.decode()
    employee = personas.employee
    assert employee.email in page
    assert personas.team.name_en in page
    assert personas.line_manager.get_full_name() in page
    for target in ("/en/accounts/password/change/", "/en/accounts/2fa/", "/en/me/data/"):
        assert f'href="{target}"' in page


def test_my_account_shows_no_one_elses_email_address(personas, client_for):
    page = client_for("employee").get("/en/me/").content.decode()
    assert personas.line_manager.email not in page


def test_choosing_a_language_saves_it_and_answers_in_that_language(personas, client_for):
    client = client_for("employee")
    response = client.post("/en/me/", {"preferred_language": "fr"}, follow=True)
    personas.employee.refresh_from_db()
    assert personas.employee.preferred_language == "fr"
    assert response.redirect_chain[-1][0] == "/fr/me/"
    with translation.override("fr"):
        confirmation = gettext("Elan now uses your chosen language.")
    assert confirmation != "Elan now uses your chosen language."
    assert confirmation in response.content.decode()


def test_the_root_address_then_opens_in_the_chosen_language(personas, client_for):
    client = client_for("employee")
    client.post("/en/me/", {"preferred_language": "de"})
    assert client.get("/")["Location"] == "/de/"


@pytest.mark.parametrize("value", ["", "xx", "<script>"])
def test_an_impossible_language_is_refused_with_a_message_and_nothing_changes(
    personas, client_for, value
):
    response = client_for("employee").post("/nl/me/", {"preferred_language": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    personas.employee.refresh_from_db()
    assert personas.employee.preferred_language == "en"


def test_a_language_with_a_nul_byte_is_refused_as_a_bad_request_and_nothing_changes(
    personas, client_for
):
    # No form can type a NUL byte; the malformed-input guard refuses it before any view
    # (docs/security.md), with the translated bad-request page.
    response = client_for("employee").post("/nl/me/", {"preferred_language": "nl\x00"})
    assert response.status_code == 400
    assert 'lang="nl"' in response.content.decode()
    personas.employee.refresh_from_db()
    assert personas.employee.preferred_language == "en"
