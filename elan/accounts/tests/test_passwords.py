# SPDX-License-Identifier: EUPL-1.2
"""Passwords: at least 12 characters and not a common password (docs/access.md), through the real
allauth forms, with the messages in the person's language."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core import mail
from django.utils import translation

from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD, UserFactory
from elan.accounts.validators import MinimumLengthValidator

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "larch-otter-quarry-7"


def expected_messages(language: str) -> tuple[str, str]:
    with translation.override(language):
        too_short = str(MinimumLengthValidator(12).get_error_message())
        too_common = str(CommonPasswordValidator().get_error_message())
    return too_short, too_common


def change_password(client, language: str, new_password: str):
    return client.post(
        f"/{language}/accounts/password/change/",
        {
            "oldpassword": DEFAULT_TEST_PASSWORD,
            "password1": new_password,
            "password2": new_password,
        },
    )


def test_the_settings_ask_for_twelve_characters_and_refuse_common_passwords(settings):
    names = {item["NAME"]: item for item in settings.AUTH_PASSWORD_VALIDATORS}
    assert names["elan.accounts.validators.MinimumLengthValidator"]["OPTIONS"] == {"min_length": 12}
    assert "django.contrib.auth.password_validation.CommonPasswordValidator" in names


@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_changing_to_an_eleven_character_password_is_refused_in_the_page_language(client, language):
    user = UserFactory()
    client.force_login(user)
    response = change_password(client, language, "abcdefghijk")
    assert response.status_code == 200
    too_short, _too_common = expected_messages(language)
    assert too_short in response.content.decode()
    if language != "en":
        # Really translated, not the English fallback Django 5.2's Dutch catalogue gave.
        assert too_short != expected_messages("en")[0]
    user.refresh_from_db()
    assert user.check_password(DEFAULT_TEST_PASSWORD)


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_changing_to_a_common_password_of_twelve_characters_is_refused(client, language):
    user = UserFactory()
    client.force_login(user)
    response = change_password(client, language, "password1234")
    _too_short, too_common = expected_messages(language)
    assert response.status_code == 200
    assert too_common in response.content.decode()
    assert too_common != expected_messages("en")[1]
    user.refresh_from_db()
    assert user.check_password(DEFAULT_TEST_PASSWORD)


def test_the_refused_password_field_is_tied_to_its_message_for_screen_readers(client):
    client.force_login(UserFactory())
    page = change_password(client, "en", "short").content.decode()
    field = re.search(r'<input[^>]*id="id_password1"[^>]*>', page).group(0)
    assert re.search(r'aria-describedby="[^"]*id_password1_error', field)
    assert 'aria-invalid="true"' in field


def test_a_twelve_character_uncommon_password_is_accepted(client):
    user = UserFactory()
    client.force_login(user)
    response = change_password(client, "en", "larch-otter-")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("larch-otter-")


@pytest.mark.parametrize(("password", "language"), [("abcdefghijk", "fr"), ("password1234", "nl")])
def test_the_password_reset_form_applies_the_same_rules(client, password, language):
    user = UserFactory(email="reset.rules@elan.test")
    client.post(f"/{language}/accounts/password/reset/", {"email": user.email})
    link = re.search(r"http://testserver(/\S+/password/reset/key/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    form_page = client.get(link.group(1), follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1)
    response = client.post(action, {"password1": password, "password2": password})
    assert response.status_code == 200
    too_short, too_common = expected_messages(language)
    assert (too_short if len(password) < 12 else too_common) in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEFAULT_TEST_PASSWORD)


# A password from the breach corpus that Django's own list of common passwords lets through.
BREACHED_BUT_NOT_COMMON = "SystemOfADown"


def test_a_breached_password_that_djangos_common_list_misses_is_refused(client):
    CommonPasswordValidator().validate(BREACHED_BUT_NOT_COMMON)  # Django's list lets it pass
    user = UserFactory()
    client.force_login(user)
    response = change_password(client, "en", BREACHED_BUT_NOT_COMMON)
    assert response.status_code == 200
    assert "leaked in data breaches" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEFAULT_TEST_PASSWORD)


def test_the_breached_password_list_ships_with_the_project_and_is_larger_than_djangos():
    from elan.accounts.validators import breached_passwords

    assert len(breached_passwords()) > len(CommonPasswordValidator().passwords)
    assert "1234qwerasdfzxcv" in breached_passwords()
