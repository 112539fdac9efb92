# SPDX-License-Identifier: EUPL-1.2
"""How django-axes names the account behind a login attempt (``AXES_USERNAME_CALLABLE``).

Allauth authenticates with ``authenticate(request, email=..., password=...)``. Axes, given
credentials, looks only for ``AXES_USERNAME_FORM_FIELD`` in them and finds nothing, so every
attempt was recorded with no account at all: the "account + address" rule silently became
"address only", and five typos by one person locked out a whole office behind the same
address. This reads the e-mail address allauth passes, then the login form's field, and
lower-cases it, since an address is matched without regard to case.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render

CREDENTIAL_KEYS = ("email", "username", "login")


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    value = None
    for key in CREDENTIAL_KEYS:
        value = (credentials or {}).get(key)
        if value:
            break
    if not value and request is not None:
        data = getattr(request, "POST", None) or {}
        value = data.get("login")
    if not isinstance(value, str):
        return None
    return value.strip().lower() or None


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The translated "locked out" page, with the real cool-off time (``AXES_LOCKOUT_CALLABLE``).

    429 Too Many Requests: the request was refused for what came before it, not for who asks.
    """
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    return render(
        request,
        "accounts/locked_out.html",
        {"lockout_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
