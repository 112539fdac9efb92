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
