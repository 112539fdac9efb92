# SPDX-License-Identifier: EUPL-1.2
"""django-axes through allauth's real login form: 5 failures for one account from one address
lock that pair for 15 minutes; nobody else is locked out (docs/access.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import translation

from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OFFICE = "192.0.2.10"
HOME = "198.51.100.7"
START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def attempt(client, email: str, password: str, *, address: str = OFFICE, language: str = "en"):
    return client.post(
        f"/{language}/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, email: str, times: int, *, address: str = OFFICE) -> list[int]:
    return [
        attempt(client, email, "not-the-password", address=address).status_code
        for _ in range(times)
    ]


def is_logged_in(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" not in response["Location"]


@pytest.fixture
def person():
    return UserFactory(email="anna.peeters@elan.test")


def test_four_failures_leave_the_account_open(client, person):
    assert fail(client, person.email, 4) == [200, 200, 200, 200]
    assert is_logged_in(attempt(client, person.email, DEFAULT_TEST_PASSWORD))


def test_the_fifth_failure_locks_the_account_from_that_address(client, person):
    assert fail(client, person.email, 5) == [200, 200, 200, 200, 429]
    response = attempt(client, person.email, DEFAULT_TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_sixth_attempt_is_refused_even_with_the_right_password(client, person):
    fail(client, person.email, 5)
    assert fail(client, person.email, 1) == [429]
    assert attempt(client, person.email, DEFAULT_TEST_PASSWORD).status_code == 429


def test_the_lockout_counts_the_address_whatever_its_capitals(client, person):
    fail(client, "Anna.Peeters@elan.test", 3)
    fail(client, "ANNA.PEETERS@ELAN.TEST", 2)
    assert attempt(client, person.email, DEFAULT_TEST_PASSWORD).status_code == 429


def test_a_colleague_behind_the_same_address_still_logs_in(client, person):
    colleague = UserFactory(email="colleague@elan.test")
    fail(client, person.email, 6)
    assert is_logged_in(attempt(client, colleague.email, DEFAULT_TEST_PASSWORD))


def test_failures_for_other_accounts_from_one_address_do_not_add_up(client, person):
    for number in range(5):
        attempt(client, f"someone{number}@elan.test", "not-the-password")
    assert is_logged_in(attempt(client, person.email, DEFAULT_TEST_PASSWORD))


def test_the_same_account_from_another_address_still_logs_in(client, person):
    fail(client, person.email, 6, address=OFFICE)
    assert is_logged_in(attempt(client, person.email, DEFAULT_TEST_PASSWORD, address=HOME))


def test_the_account_opens_again_after_fifteen_minutes(client, person):
    with time_machine.travel(START, tick=False) as traveller:
        fail(client, person.email, 5)
        traveller.move_to(START + timedelta(minutes=15, seconds=1))
        assert is_logged_in(attempt(client, person.email, DEFAULT_TEST_PASSWORD))


def test_the_account_is_still_locked_just_before_fifteen_minutes(client, person):
    with time_machine.travel(START, tick=False) as traveller:
        fail(client, person.email, 5)
        traveller.move_to(START + timedelta(minutes=14, seconds=59))
        assert attempt(client, person.email, DEFAULT_TEST_PASSWORD).status_code == 429


def test_tries_during_the_lockout_neither_get_in_nor_prolong_it(client, person):
    with time_machine.travel(START, tick=False) as traveller:
        fail(client, person.email, 5)
        traveller.move_to(START + timedelta(minutes=10))
        assert fail(client, person.email, 1) == [429]
        assert attempt(client, person.email, DEFAULT_TEST_PASSWORD).status_code == 429
        traveller.move_to(START + timedelta(minutes=15, seconds=1))
        assert is_logged_in(attempt(client, person.email, DEFAULT_TEST_PASSWORD))


@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_the_locked_out_page_is_translated_and_not_an_error(client, person, language):
    for _ in range(5):
        response = attempt(client, person.email, "not-the-password", language=language)
    assert response.status_code == 429
    page = response.content.decode()
    with translation.override(language):
        from django.utils.translation import gettext

        title = gettext("Too many failed attempts")
    if language != "en":
        assert title != "Too many failed attempts"
    assert f"<h1>{title}</h1>" in page
    assert f'<html lang="{language}"' in page
    assert "15" in page


def test_a_busy_office_behind_one_address_is_not_turned_away(client):
    # Forty people log in within the same minute from the building's one address.
    people = [UserFactory(email=f"office{number}@elan.test") for number in range(40)]
    with time_machine.travel(START, tick=False):
        for person in people:
            client.logout()
            assert is_logged_in(attempt(client, person.email, DEFAULT_TEST_PASSWORD))


# --- Behind the proxy (deploy/nginx/elan-proxy.conf sets X-Forwarded-For to the visitor) -----

PROXY = "10.0.0.2"


def attempt_through_proxy(client, email: str, password: str, *, visitor: str):
    return client.post(
        "/en/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=visitor,
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_behind_the_proxy_the_lockout_counts_the_visitor_not_the_proxy(
    client, person, behind_one_proxy
):
    statuses = [
        attempt_through_proxy(client, person.email, "wrong", visitor=OFFICE).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}
    # The same account from another visitor behind the same proxy is not locked out.
    response = attempt_through_proxy(client, person.email, DEFAULT_TEST_PASSWORD, visitor=HOME)
    assert is_logged_in(response)


def test_a_request_that_reaches_a_node_without_the_proxy_header_is_counted_not_refused(
    client, person, behind_one_proxy
):
    response = client.post(
        "/en/accounts/login/", {"login": person.email, "password": "wrong"}, REMOTE_ADDR=HOME
    )
    assert response.status_code == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HOME]
