# SPDX-License-Identifier: EUPL-1.2
"""A session ends after 30 idle minutes and after 10 hours in all; deactivation ends every
session of the person (docs/access.md, ASVS 7.2-7.4). Time moves with time-machine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from elan.accounts import services
from elan.accounts.middleware import expiry_message
from elan.accounts.models import Session
from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
PAGE = "/en/me/"


def log_in(client: Client, user, *, language: str = "en") -> None:
    response = client.post(
        f"/{language}/accounts/login/", {"login": user.email, "password": DEFAULT_TEST_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]


def is_served(client: Client, path: str = PAGE) -> bool:
    response = client.get(path)
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    return False


@pytest.fixture
def person():
    return UserFactory(email="sam.maes@elan.test")


def test_a_request_after_exactly_thirty_idle_minutes_is_still_served(client, person):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, person)
        traveller.move_to(START + timedelta(minutes=30))
        assert is_served(client)


def test_a_request_after_thirty_idle_minutes_and_a_second_finds_the_session_ended(client, person):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, person)
        traveller.move_to(START + timedelta(minutes=30, seconds=1))
        assert not is_served(client)
        # Ended for good: going back in time or retrying does not revive it.
        assert not is_served(client)
        assert not Session.objects.filter(user_id=person.pk).exists()


def test_activity_keeps_the_session_open_past_thirty_minutes(client, person):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, person)
        for minutes in (20, 40, 60, 80):
            traveller.move_to(START + timedelta(minutes=minutes))
            assert is_served(client), f"ended at minute {minutes}"


def test_the_session_ends_after_ten_hours_however_active_the_person_is(client, person):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, person)
        for minutes in range(20, 10 * 60 + 1, 20):
            traveller.move_to(START + timedelta(minutes=minutes))
            assert is_served(client), f"ended at minute {minutes}"
        traveller.move_to(START + timedelta(hours=10, seconds=1))
        assert not is_served(client)


@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_after_the_idle_logout_the_login_page_says_the_session_expired(client, person, language):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, person, language=language)
        traveller.move_to(START + timedelta(minutes=31))
        response = client.get(f"/{language}/me/", follow=True)
    with translation.override(language):
        message = expiry_message("idle")
    if language != "en":
        with translation.override("en"):
            assert message != expiry_message("idle")
    assert response.redirect_chain[-1][0].startswith(f"/{language}/accounts/login/")
    assert message in response.content.decode()


def test_after_ten_hours_the_login_page_says_why(client, person):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, person)
        for minutes in range(20, 10 * 60 + 1, 20):
            traveller.move_to(START + timedelta(minutes=minutes))
            client.get(PAGE)
        traveller.move_to(START + timedelta(hours=10, minutes=1))
        response = client.get(PAGE, follow=True)
    assert expiry_message("absolute") in response.content.decode()


def test_logging_in_issues_a_new_session_key(client, person):
    client.get("/en/accounts/login/")
    client.session.save()
    before = client.session.session_key
    log_in(client, person)
    assert client.session.session_key != before


def test_the_old_session_cookie_is_dead_after_logout(client, person):
    log_in(client, person)
    cookie = client.cookies["sessionid"].value
    client.post("/en/accounts/logout/")
    thief = Client()
    thief.cookies["sessionid"] = cookie
    assert not is_served(thief)


def test_deactivating_an_account_ends_all_its_open_sessions(
    person, django_capture_on_commit_callbacks
):
    laptop, phone, colleague_client = Client(), Client(), Client()
    colleague = UserFactory()
    log_in(laptop, person)
    log_in(phone, person)
    log_in(colleague_client, colleague)
    assert is_served(laptop) and is_served(phone)
    with django_capture_on_commit_callbacks(execute=True):
        services.user_deactivate(user=person)
    assert not is_served(laptop)
    assert not is_served(phone)
    assert not Session.objects.filter(user_id=person.pk).exists()
    assert is_served(colleague_client), "someone else's session must survive"


def test_clearing_active_in_the_back_office_ends_the_sessions_too(
    person, django_capture_on_commit_callbacks
):
    laptop = Client()
    log_in(laptop, person)
    with django_capture_on_commit_callbacks(execute=True):
        person.is_active = False
        person.save()  # what Wagtail's user form does, bypassing our service
    person.refresh_from_db()
    assert person.deactivated_at is not None
    assert not Session.objects.filter(user_id=person.pk).exists()
    assert not is_served(laptop)


def test_a_deactivated_person_cannot_log_in_again(client, person):
    services.user_deactivate(user=person)
    response = client.post(
        "/en/accounts/login/", {"login": person.email, "password": DEFAULT_TEST_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "inactive" in response["Location"]
