# SPDX-License-Identifier: EUPL-1.2
"""Whether a session has passed the second factor, and whether its account needs one.

Allauth asks for the code on its own login only; any other view that calls Django's
``login()`` (the back office's login page was one) would let a password alone in. The
middleware in ``elan.accounts.middleware`` therefore judges the session itself, with what
allauth records there at each authentication step (``allauth.account.authentication``):

- a step ``mfa`` (a TOTP or recovery code at login, at reauthentication, or the code that
  enrolled the authenticator in this session, ``elan.accounts.views.ActivateTOTPView``), or
- a single sign-on whose provider asserted a second factor (``amr``/``acr`` in the ID token,
  noted at login by ``SocialAccountAdapter``) counts as passed.

A session of an account with an authenticator that passed neither is refused. Administrators,
HR, editors and moderators need one (docs/security.md): until they have passed it they reach
only the pages that enrol one.
"""

from __future__ import annotations

import time

import rules
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest

# What a single sign-on provider asserted for this login: {"user": "<pk>", "provider": "…"}.
SINGLE_SIGN_ON_SESSION_KEY = "elan_sso_second_factor"
# The answer of ``account_state`` for a session that has not passed it, kept for a minute so
# that a person without a second factor does not cost four queries on every page.
STATE_SESSION_KEY = "elan_second_factor_state"
STATE_CACHE_SECONDS = 60

# Authenticators that are a second factor; recovery codes only stand in for one.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

ENROLLED = "enrolled"  # has a second factor: the session must have passed it
REQUIRED = "required"  # a privileged role without one: enrol before anything else
OPTIONAL = "optional"  # may use a password alone


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()


def is_required_for(user) -> bool:
    return rules.test_rule("accounts.second_factor_required", user)


def passed(request: HttpRequest, user) -> bool:
    """Whether this session authenticated ``user`` with a second factor."""
    records = get_authentication_records(request, user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    asserted = request.session.get(SINGLE_SIGN_ON_SESSION_KEY) or {}
    return isinstance(asserted, dict) and asserted.get("user") == str(user.pk)


def account_state(request: HttpRequest, user, *, fresh: bool = False) -> str:
    """ENROLLED, REQUIRED or OPTIONAL, for a session that has not passed the second factor."""
    now = time.time()
    cached = request.session.get(STATE_SESSION_KEY)
    if (
        not fresh
        and isinstance(cached, dict)
        and cached.get("user") == str(user.pk)
        and now - cached.get("at", 0) < STATE_CACHE_SECONDS
    ):
        return cached["state"]
    if has_second_factor(user):
        state = ENROLLED
    elif is_required_for(user):
        state = REQUIRED
    else:
        state = OPTIONAL
    request.session[STATE_SESSION_KEY] = {"user": str(user.pk), "at": now, "state": state}
    return state


def forget_state(request: HttpRequest) -> None:
    """At every login: what the last account of this session needed says nothing now."""
    request.session.pop(STATE_SESSION_KEY, None)


def provider_asserts_second_factor(extra_data: dict) -> bool:
    """Whether an OpenID Connect login's claims say the person used a second factor.

    ``amr`` (RFC 8176) lists the methods used; ``acr`` names the assurance level, whose
    meaning is each provider's own, so the operator lists the ones that include a second
    factor (docs/configuration.md). The ID token is signed and checked; userinfo comes from
    the same provider over TLS, and is read only when the token says nothing.
    """
    accepted_amr = {value.lower() for value in settings.OIDC_SECOND_FACTOR_AMR}
    accepted_acr = set(settings.OIDC_SECOND_FACTOR_ACR)
    for source in ("id_token", "userinfo"):
        claims = extra_data.get(source) if isinstance(extra_data, dict) else None
        if not isinstance(claims, dict):
            continue
        amr = claims.get("amr")
        methods = [amr] if isinstance(amr, str) else amr if isinstance(amr, list) else []
        if any(isinstance(method, str) and method.lower() in accepted_amr for method in methods):
            return True
        acr = claims.get("acr")
        if isinstance(acr, str) and acr in accepted_acr:
            return True
    return False


def note_single_sign_on(request: HttpRequest, *, user, provider: str, extra_data: dict) -> None:
    """Called at each single sign-on, before allauth logs the person in."""
    if provider_asserts_second_factor(extra_data):
        request.session[SINGLE_SIGN_ON_SESSION_KEY] = {"user": str(user.pk), "provider": provider}
    else:
        request.session.pop(SINGLE_SIGN_ON_SESSION_KEY, None)
