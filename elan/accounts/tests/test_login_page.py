# SPDX-License-Identifier: EUPL-1.2
"""The login page: accounts come from the staff records or single sign-on, so it never invites
anyone to sign up, and it says where an account comes from, in the page's language."""

from __future__ import annotations

from html import unescape

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

WHERE_ACCOUNTS_COME_FROM = (
    "Sign in with your work e-mail address. Your account comes from your organisation's staff "
    "records; if you cannot sign in, ask your HR service."
)


@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_the_login_page_says_where_accounts_come_from_and_offers_no_sign_up(client, language):
    response = client.get(f"/{language}/accounts/login/")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    with translation.override(language):
        explanation = translation.gettext(WHERE_ACCOUNTS_COME_FROM)
    assert explanation in html
    assert "/accounts/signup/" not in html


def signed_in_message(language: str, person) -> str:
    with translation.override(language):
        return translation.gettext("Successfully signed in as %(name)s.") % {"name": str(person)}


@pytest.mark.parametrize(
    ("login_page", "next_url", "lands_on", "language"),
    [
        ("/en/accounts/login/", "/fr/me/", "/fr/me/", "fr"),
        ("/fr/accounts/login/", "/de/me/", "/de/me/", "de"),
        ("/en/accounts/login/", None, "/nl/", "nl"),
    ],
)
def test_the_signed_in_message_is_in_the_language_of_the_page_the_person_lands_on(
    client, login_page, next_url, lands_on, language
):
    from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD, UserFactory

    person = UserFactory(preferred_language="nl", first_name="Els", last_name="Peeters")
    url = f"{login_page}?next={next_url}" if next_url else login_page
    response = client.post(url, {"login": person.email, "password": DEFAULT_TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == lands_on
    page = unescape(client.get(lands_on, follow=True).content.decode())
    assert signed_in_message(language, person) in page
    assert signed_in_message("en", person) not in page
