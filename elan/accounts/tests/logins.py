# SPDX-License-Identifier: EUPL-1.2
"""Logging test clients in, with or without the second factor."""

from __future__ import annotations

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.test import Client
from django.test.client import ClientMixin

BACKEND = "django.contrib.auth.backends.ModelBackend"


def mark_second_factor_passed(client: Client, user) -> None:
    """Write into the client's session what allauth writes after a password and a code."""
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


def force_login_password_only(client: Client, user) -> Client:
    """A session as a login that skipped the second factor would leave it."""
    ClientMixin.force_login(client, user, backend=BACKEND)
    return client


def log_in(client: Client, email: str, password: str, *, language: str = "en", next_url=None):
    """Post allauth's login form, as a person would."""
    url = f"/{language}/accounts/login/"
    if next_url:
        url += f"?next={next_url}"
    return client.post(url, {"login": email, "password": password})


def code_at(secret: str, moment) -> str:
    """The TOTP code an authenticator app shows for ``secret`` at ``moment``."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(moment.timestamp()) // 30))


def enrol_totp(user, secret: str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") -> str:
    """Enrol ``secret`` as ``user``'s authenticator, as allauth's enrolment stores it."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return secret


def logged_in_user_id(client: Client) -> str | None:
    from django.contrib.auth import SESSION_KEY

    return client.session.get(SESSION_KEY)
