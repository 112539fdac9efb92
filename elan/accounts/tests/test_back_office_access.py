# SPDX-License-Identifier: EUPL-1.2
"""The back office: a 403 in the person's language for whoever may not enter, never a loop.

Wagtail sends someone without back-office access to its login, which is the one login; that
login sends someone already logged in back to the back office (issue 15, point 5). Visitors
still go to the one login, and the privileged roles still give their second factor first.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD
from elan.accounts.tests.logins import code_at, enrol_totp, log_in, logged_in_user_id

pytestmark = pytest.mark.django_db

WITHOUT_ACCESS = ["employee", "line_manager", "team_lead", "outsider"]
WITH_ACCESS = ["hr", "content_editor", "moderator", "administrator"]
START = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
BACK_OFFICE_PAGES = ["/admin/", "/admin/pages/", "/admin/organisation/import/", "/admin/account/"]


@pytest.mark.parametrize("name", WITHOUT_ACCESS)
def test_someone_without_back_office_access_gets_a_403_in_their_own_language(
    name, personas, client_for
):
    person = personas.get(name)
    person.preferred_language = "nl"
    person.save(update_fields=["preferred_language"])
    client = client_for(name)
    for url in BACK_OFFICE_PAGES:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 403, url
        page = html.unescape(response.content.decode())
        assert "Je hebt geen toegang tot deze pagina" in page, url
        assert '<html lang="nl"' in page
    assert logged_in_user_id(client) == str(person.pk), "the refusal logs nobody out"


@pytest.mark.parametrize("name", WITHOUT_ACCESS)
def test_the_back_office_and_the_one_login_no_longer_send_someone_round_in_a_loop(name, client_for):
    client = client_for(name)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 0
    # Arriving from the login with the back office as ``next`` ends on the same refusal.
    response = client.get("/en/accounts/login/?next=/admin/", follow=True)
    assert response.status_code == 403
    assert [url for url, _status in response.redirect_chain] == ["/admin/"]


@pytest.mark.parametrize("name", WITH_ACCESS)
def test_the_roles_that_work_in_the_back_office_enter_it(name, client_for):
    client = client_for(name)
    assert client.get("/admin/").status_code == 200


def test_a_visitor_is_still_sent_to_the_one_login(client):
    for url in ("/admin/", "/admin/organisation/import/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={url}"


@pytest.mark.parametrize("name", WITH_ACCESS)
def test_a_privileged_person_gives_the_second_factor_before_the_back_office(name, personas):
    person = personas.get(name)
    secret = enrol_totp(person)
    client = Client()
    with time_machine.travel(START, tick=False):
        response = log_in(client, person.email, DEFAULT_TEST_PASSWORD, next_url="/admin/")
        assert "/accounts/2fa/authenticate/" in response["Location"]
        # The password alone opens nothing: the back office sends back to the one login.
        early = client.get("/admin/")
        assert early.status_code == 302 and "/accounts/" in early["Location"]
        response = client.post(
            "/en/accounts/2fa/authenticate/", {"code": code_at(secret, START)}, follow=True
        )
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200


@pytest.mark.parametrize("name", WITHOUT_ACCESS[:1])
def test_someone_without_access_who_enrolled_a_second_factor_is_asked_for_it_first(name, personas):
    person = personas.get(name)
    secret = enrol_totp(person)
    client = Client()
    with time_machine.travel(START, tick=False):
        log_in(client, person.email, DEFAULT_TEST_PASSWORD, next_url="/admin/")
        assert client.get("/admin/").status_code == 302
        response = client.post(
            "/en/accounts/2fa/authenticate/", {"code": code_at(secret, START)}, follow=True
        )
    assert response.status_code == 403
