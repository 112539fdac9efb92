# SPDX-License-Identifier: EUPL-1.2
"""One login, and it asks for the second factor; privileged roles must have one.

The walk over every URL of the project is in tests/test_login_paths.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.test import Client

from elan.accounts import second_factor
from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD, UserFactory
from elan.accounts.tests.logins import (
    code_at,
    enrol_totp,
    force_login_password_only,
    log_in,
    logged_in_user_id,
)

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
ENROL_PAGE = "/en/accounts/2fa/totp/activate/"


# --- The other login pages lead to the one login ---------------------------------------------


def test_the_back_office_login_page_sends_to_the_one_login_and_a_password_there_opens_nothing():
    person = UserFactory()
    enrol_totp(person)
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/pages/",
        {"username": person.email, "password": DEFAULT_TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert logged_in_user_id(client) is None


def test_wagtails_private_page_login_sends_to_the_one_login_and_keeps_only_a_local_next():
    client = Client()
    local = client.get("/fr/_util/login/?next=/fr/hub/a-private-page/")
    assert local["Location"] == "/fr/accounts/login/?next=%2Ffr%2Fhub%2Fa-private-page%2F"
    elsewhere = client.get("/fr/_util/login/?next=https://attacker.example/")
    assert elsewhere["Location"] == "/fr/accounts/login/"


# --- The middleware: a session that skipped the second factor is refused -------------------


def test_a_session_that_skipped_the_second_factor_of_an_enrolled_account_is_logged_out():
    person = UserFactory()
    enrol_totp(person)
    client = force_login_password_only(Client(), person)
    response = client.get("/en/me/")
    assert response.status_code == 302 and "/en/accounts/login/" in response["Location"]
    assert logged_in_user_id(client) is None


@pytest.mark.urls("elan.accounts.tests.rogue_login_urls")
def test_a_view_that_logs_in_by_password_alone_has_its_login_undone_when_a_factor_was_due():
    enrolled, other = UserFactory(), UserFactory()
    enrol_totp(enrolled)

    client = Client()
    assert client.post("/rogue-login/", {"email": enrolled.email}).status_code == 200
    assert logged_in_user_id(client) is None, "the view ran login(); the answer undid it"
    assert client.get("/en/me/").status_code == 302

    client = Client()
    client.post("/rogue-login/", {"email": other.email})
    assert logged_in_user_id(client) == str(other.pk), "no second factor: nothing to undo"


# --- Privileged roles enrol before anything else --------------------------------------------


@pytest.mark.parametrize("name", ["administrator", "hr", "content_editor", "moderator"])
def test_a_privileged_person_without_a_second_factor_is_sent_to_enrol_before_any_page(
    name, personas
):
    client = Client()
    assert log_in(client, personas.get(name).email, DEFAULT_TEST_PASSWORD).status_code == 302
    for url in ("/en/me/", "/en/", "/en/hub/", "/admin/"):
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (302, ENROL_PAGE), url
    assert client.get("/en/accounts/2fa/").status_code == 200
    assert client.get("/nl/accounts/2fa/").status_code == 200, "the language switcher works"
    assert client.post("/en/accounts/logout/").status_code == 302
    assert logged_in_user_id(client) is None


def test_only_the_privileged_roles_must_have_a_second_factor(personas):
    pages = {}
    for name in ("employee", "line_manager", "team_lead", "outsider", "hr", "administrator"):
        client = Client()
        log_in(client, personas.get(name).email, DEFAULT_TEST_PASSWORD)
        pages[name] = client.get("/en/me/").status_code
    assert pages == {
        "employee": 200,
        "line_manager": 200,
        "team_lead": 200,
        "outsider": 200,
        "hr": 302,
        "administrator": 302,
    }


def test_a_privileged_person_enrols_is_offered_recovery_codes_and_then_reaches_every_page(
    personas,
):
    client = Client()
    with time_machine.travel(START, tick=False):
        log_in(client, personas.hr.email, DEFAULT_TEST_PASSWORD)
        page = client.get(ENROL_PAGE)
        # Allauth asks for the password again before a security setting changes.
        assert "/accounts/reauthenticate/" in page["Location"]
        assert client.post(page["Location"], {"password": DEFAULT_TEST_PASSWORD})["Location"] == (
            ENROL_PAGE
        )
        assert client.get(ENROL_PAGE).status_code == 200
        secret = client.session[SECRET_SESSION_KEY]
        enrolled = client.post(ENROL_PAGE, {"code": code_at(secret, START)})

        assert enrolled.status_code == 302
        assert enrolled["Location"] == "/en/accounts/2fa/recovery-codes/"
        codes_page = client.get(enrolled["Location"]).content.decode()
        codes = RecoveryCodes(
            Authenticator.objects.get(user=personas.hr, type=Authenticator.Type.RECOVERY_CODES)
        ).get_unused_codes()
        assert len(codes) >= 10 and all(code in codes_page for code in codes)
        assert client.get("/en/me/").status_code == 200
        assert client.get("/en/").status_code == 200

        # Each recovery code logs in once, in place of the app's code.
        for code, outcome in ((codes[0], 302), (codes[0], 200), (codes[1], 302)):
            browser = Client()
            log_in(browser, personas.hr.email, DEFAULT_TEST_PASSWORD)
            assert browser.post("/en/accounts/2fa/authenticate/", {"code": code}).status_code == (
                outcome
            )
            assert browser.get("/en/me/").status_code == (200 if outcome == 302 else 302)


def test_a_single_sign_on_that_asserts_a_second_factor_counts_as_one(personas):
    client = Client()
    log_in(client, personas.hr.email, DEFAULT_TEST_PASSWORD)
    assert client.get("/en/me/")["Location"] == ENROL_PAGE
    session = client.session
    session[second_factor.SINGLE_SIGN_ON_SESSION_KEY] = {
        "user": str(personas.hr.pk),
        "provider": "fas",
    }
    session.save()
    assert client.get("/en/me/").status_code == 200


@pytest.mark.parametrize(
    ("claims", "asserted"),
    [
        ({"id_token": {"amr": ["pwd", "otp"]}}, True),
        ({"id_token": {"amr": ["hwk"]}}, True),
        ({"id_token": {"amr": "mfa"}}, True),
        ({"id_token": {"amr": ["pwd"]}}, False),
        ({"id_token": {}, "userinfo": {"amr": ["mfa"]}}, True),
        ({"id_token": {"acr": "urn:be:fedict:iam:fas:Level450"}}, True),
        ({"id_token": {"acr": "urn:be:fedict:iam:fas:Level100"}}, False),
        ({"id_token": {"amr": [None, 3]}}, False),
        ({}, False),
    ],
)
def test_a_provider_asserts_a_second_factor_by_amr_or_by_a_level_the_operator_lists(
    claims, asserted, settings
):
    settings.OIDC_SECOND_FACTOR_ACR = ["urn:be:fedict:iam:fas:Level450"]
    assert second_factor.provider_asserts_second_factor(claims) is asserted


def test_a_privileged_person_who_removes_their_authenticator_enrols_a_new_one_at_once(personas):
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        secret = enrol_totp(personas.moderator)
        log_in(client, personas.moderator.email, DEFAULT_TEST_PASSWORD)
        client.post("/en/accounts/2fa/authenticate/", {"code": code_at(secret, START)})
        assert client.get("/en/me/").status_code == 200

        traveller.move_to(START + timedelta(minutes=1))
        deactivate = "/en/accounts/2fa/totp/deactivate/"
        reauth = client.get(deactivate)["Location"]
        client.post(reauth, {"password": DEFAULT_TEST_PASSWORD})
        assert client.post(deactivate).status_code == 302
        assert not second_factor.has_second_factor(personas.moderator)
        assert client.get("/en/me/")["Location"] == ENROL_PAGE
