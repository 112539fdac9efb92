# SPDX-License-Identifier: EUPL-1.2
"""What the accounts app holds about a person: the account, and how they sign in.

Registered with the register of personal data (elan/core/personal_data.py); docs/privacy.md
lists each kind of data with its purpose and retention.
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from elan.accounts.models import Session
from elan.accounts.services import accounts_pseudonymise_expired
from elan.core.personal_data import register_eraser, register_exporter, register_retention_task


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_account(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "active": user.is_active,
        "back_office_access": user.is_staff,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "deactivated_at": _iso(user.deactivated_at),
    }


def export_sign_in(user) -> dict:
    username = user.email.lower()
    return {
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "single_sign_on": [
            {
                "provider": account.provider,
                "subject": account.uid,
                "linked_at": _iso(account.date_joined),
                "last_login": _iso(account.last_login),
                "claims": account.extra_data,
            }
            for account in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
        "second_factors": [
            # The type and dates only: the secrets are not data about the person, and a
            # download must never become a way to copy them.
            {
                "type": authenticator.type,
                "created_at": _iso(authenticator.created_at),
                "last_used_at": _iso(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "open_sessions": [
            {"expires_at": _iso(session.expire_date)}
            for session in Session.objects.filter(
                user_id=user.pk, expire_date__gt=timezone.now()
            ).order_by("expire_date")
        ],
        "failed_logins": [
            {
                "address": attempt.ip_address,
                "browser": attempt.user_agent,
                "last_attempt_at": _iso(attempt.attempt_time),
                "failures": attempt.failures_since_start,
            }
            for attempt in AccessAttempt.objects.filter(username=username).order_by("pk")
        ]
        + [
            {
                "address": failure.ip_address,
                "browser": failure.user_agent,
                "last_attempt_at": _iso(failure.attempt_time),
                "failures": 1,
            }
            for failure in AccessFailureLog.objects.filter(username=username).order_by("pk")
        ],
        "logins": [
            {
                "address": entry.ip_address,
                "browser": entry.user_agent,
                "at": _iso(entry.attempt_time),
                "logged_out_at": _iso(entry.logout_time),
            }
            for entry in AccessLog.objects.filter(username=username).order_by("attempt_time")
        ],
    }


def erase_sign_in(*, user, now) -> None:
    """Remove every way to sign in as the person, and the records of their sign-ins."""
    username = user.email.lower()
    SocialAccount.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Session.objects.filter(user_id=user.pk).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()


def purge_login_records(*, now) -> int:
    """Login attempts and the login log, after ``LOGIN_RECORDS_RETENTION_DAYS``."""
    limit = now - timedelta(days=settings.LOGIN_RECORDS_RETENTION_DAYS)
    removed = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        removed += model.objects.filter(attempt_time__lt=limit).delete()[0]
    return removed


def purge_expired_sessions(*, now) -> int:
    return Session.objects.filter(expire_date__lt=now).delete()[0]


def pseudonymise_deactivated_accounts(*, now) -> int:
    return accounts_pseudonymise_expired(now=now)


SIGN_IN_MODELS = (
    "account.EmailAddress",
    "accounts.Session",
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
    "mfa.Authenticator",
    "socialaccount.SocialAccount",
)

# The account row itself is erased by ``services.user_pseudonymise`` after every eraser has run.
register_exporter("account", export_account, models=("accounts.User",))
register_exporter("sign_in", export_sign_in, models=SIGN_IN_MODELS)
register_eraser("sign_in", erase_sign_in, models=SIGN_IN_MODELS)
register_retention_task("deactivated_accounts", pseudonymise_deactivated_accounts)
register_retention_task("login_records", purge_login_records)
register_retention_task("expired_sessions", purge_expired_sessions)
