# SPDX-License-Identifier: EUPL-1.2
"""The demo's second factors: privileged personas come with an authenticator enrolled.

Administrators, HR, editors and moderators must log in with a second factor. So that the demo
stays easy to try, each of them has a TOTP secret fixed by their address, printed by
``make run`` (``demo_data``) to add to any authenticator app; ``manage.py demo_totp <address>``
prints the current code instead. These secrets are public: nothing here runs outside the demo
(``demo_totp`` refuses to, and production enrols people through allauth's pages).
"""

from __future__ import annotations

import base64
import hashlib

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.db import transaction

from elan.accounts import encryption, second_factor


def demo_totp_secret(email: str) -> str:
    """The fixed, public base32 secret of a demo account."""
    digest = hashlib.sha256(f"elan-demo-totp:{email.lower()}".encode()).digest()
    return base64.b32encode(digest[:20]).decode("ascii")


def demo_totp_code(secret: str, *, at: float) -> str:
    return format_hotp_value(hotp_value(secret, int(at) // mfa_settings.TOTP_PERIOD))


def is_demo_secret(user) -> bool:
    """Whether ``user``'s enrolled TOTP is their demo secret (never a secret a person chose)."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return False
    try:
        stored = encryption.decrypt(authenticator.data.get("secret", ""))
    except encryption.SecretNotReadable:
        return False
    return stored == demo_totp_secret(user.email)


@transaction.atomic
def enrol_demo_second_factors(emails: list[str]) -> dict[str, str]:
    """Enrol the demo secret for each account that needs a second factor and has none.

    Returns the demo secret of every one of them whose enrolled authenticator is it; an
    authenticator someone set up in the demo themselves is left alone.
    """
    secrets = {}
    for user in get_user_model().objects.filter(email__in=emails).order_by("email"):
        if not second_factor.is_required_for(user):
            continue
        secret = demo_totp_secret(user.email)
        if not second_factor.has_second_factor(user):
            TOTP.activate(user, secret)
            RecoveryCodes.activate(user)
        if is_demo_secret(user):
            secrets[user.email] = secret
    return secrets


def demo_addresses_verified() -> int:
    """Give every demo account made in bulk (no signals) its verified login address."""
    users = (
        get_user_model()
        .objects.filter(pseudonymised_at__isnull=True, emailaddress__isnull=True)
        .values_list("pk", "email")
    )
    created = EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email.lower(), verified=True, primary=True)
            for pk, email in users
        ]
    )
    return len(created)
