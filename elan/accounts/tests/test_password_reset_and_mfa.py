# SPDX-License-Identifier: EUPL-1.2
"""Password reset by e-mail, end to end, and the optional TOTP second factor (allauth.mfa)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation

from elan.accounts import services
from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "tulip-harbour-granite-9"
START = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def log_in(client: Client, email: str, password: str, *, language: str = "en"):
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


def is_logged_in(client: Client) -> bool:
    return client.get("/en/me/").status_code == 200


def reset_link(message) -> str:
    found = re.search(r"https?://testserver(/\S+/accounts/password/reset/key/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


# --- Password reset --------------------------------------------------------------------------


def test_a_person_resets_a_forgotten_password_by_email_and_logs_in_with_the_new_one(client):
    person = UserFactory(email="jan.wouters@elan.test")
    response = client.post("/en/accounts/password/reset/", {"email": "Jan.Wouters@elan.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jan.wouters@elan.test"]

    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert not is_logged_in(client), "a reset sets the password and logs nobody in"

    assert log_in(Client(), person.email, DEFAULT_TEST_PASSWORD).status_code == 200, (
        "the old password no longer works"
    )
    fresh = Client()
    assert log_in(fresh, person.email, NEW_PASSWORD).status_code == 302
    assert is_logged_in(fresh)


def test_a_reset_link_works_only_once(client):
    person = UserFactory()
    client.post("/en/accounts/password/reset/", {"email": person.email})
    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    again = Client().get(link, follow=True)
    assert again.status_code == 200
    assert 'name="password1"' not in again.content.decode()


def test_the_reset_mail_is_in_the_persons_own_language(client):
    UserFactory(email="els@elan.test", preferred_language="nl")
    client.post("/en/accounts/password/reset/", {"email": "els@elan.test"})
    with translation.override("en"):
        english = mail.outbox[0]
    client.post("/en/accounts/password/reset/", {"email": UserFactory().email})
    english = mail.outbox[1]
    assert mail.outbox[0].subject != english.subject


def test_asking_for_an_unknown_address_sends_nothing_and_reads_the_same(client):
    UserFactory(email="known@elan.test")
    known = client.post("/en/accounts/password/reset/", {"email": "known@elan.test"})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@elan.test"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [message.to for message in mail.outbox] == [["known@elan.test"]]


def test_a_deactivated_person_gets_no_reset_mail(client):
    person = UserFactory()
    services.user_deactivate(user=person)
    client.post("/en/accounts/password/reset/", {"email": person.email})
    assert mail.outbox == []


def test_reset_requests_for_one_address_are_rate_limited(client):
    person = UserFactory()
    # Each request differs by one field the form ignores, as a script's would: identical ones
    # would only be answered as the first (elan/portal/middleware.py) and send nothing.
    statuses = [
        client.post(
            "/en/accounts/password/reset/", {"email": person.email, "try": str(attempt)}
        ).status_code
        for attempt in range(6)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    assert len(mail.outbox) == 5


# --- TOTP second factor ------------------------------------------------------------------------


def code_at(secret: str, moment: datetime) -> str:
    return format_hotp_value(hotp_value(secret, int(moment.timestamp()) // 30))


def activate_totp(client: Client, person, moment: datetime) -> str:
    assert log_in(client, person.email, DEFAULT_TEST_PASSWORD).status_code == 302
    # Allauth asks for the password again before a security setting changes.
    page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 302 and "/accounts/reauthenticate/" in page["Location"]
    confirmed = client.post(page["Location"], {"password": DEFAULT_TEST_PASSWORD})
    assert confirmed["Location"] == "/en/accounts/2fa/totp/activate/"
    page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": code_at(secret, moment)})
    assert response.status_code == 302, response.content.decode()[:1000]
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    return secret


def test_the_settings_offer_no_bypass_code():
    assert not getattr(settings, "MFA_TOTP_INSECURE_BYPASS_CODE", None)


def test_a_person_turns_on_totp_and_then_logs_in_with_a_code():
    person = UserFactory()
    with time_machine.travel(START, tick=False) as traveller:
        secret = activate_totp(Client(), person, START)

        traveller.move_to(START + timedelta(minutes=2))
        browser = Client()
        response = log_in(browser, person.email, DEFAULT_TEST_PASSWORD)
        assert response.status_code == 302
        assert "/accounts/2fa/authenticate/" in response["Location"]
        assert not is_logged_in(browser), "the password alone is not enough any more"

        response = browser.post(
            "/en/accounts/2fa/authenticate/",
            {"code": code_at(secret, START + timedelta(minutes=2))},
        )
        assert response.status_code == 302
        assert is_logged_in(browser)


def test_a_wrong_or_replayed_code_is_refused():
    person = UserFactory()
    with time_machine.travel(START, tick=False) as traveller:
        secret = activate_totp(Client(), person, START)
        traveller.move_to(START + timedelta(minutes=2))
        code = code_at(secret, START + timedelta(minutes=2))

        browser = Client()
        log_in(browser, person.email, DEFAULT_TEST_PASSWORD)
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        assert browser.post("/en/accounts/2fa/authenticate/", {"code": wrong}).status_code == 200
        assert not is_logged_in(browser)
        assert browser.post("/en/accounts/2fa/authenticate/", {"code": code}).status_code == 302

        replay = Client()
        log_in(replay, person.email, DEFAULT_TEST_PASSWORD)
        assert replay.post("/en/accounts/2fa/authenticate/", {"code": code}).status_code == 200
        assert not is_logged_in(replay)


def test_my_account_says_whether_the_second_factor_is_on():
    person = UserFactory()
    client = Client()
    with time_machine.travel(START, tick=False):
        before = client.get("/en/me/")
        activate_totp(client, person, START)
        after = client.get("/en/me/").content.decode()
    assert before.status_code == 302  # not logged in yet
    assert "Two-step verification" in after
    assert re.search(r"Two-step verification[^<]*</a>:\s*on", after)
