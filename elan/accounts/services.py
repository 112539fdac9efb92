# SPDX-License-Identifier: EUPL-1.2
"""Writes about accounts. Deactivation lives here so that every path (the HR import, the
back office, the retention job) ends sessions and records the moment the same way."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from elan.accounts.models import Session, User
from elan.core.personal_data import erasers

log = logging.getLogger(__name__)

PSEUDONYM_DOMAIN = "erased.invalid"


def sessions_end_for(*, user: User) -> int:
    """End every session of ``user``; returns how many there were.

    The session table records whose session it is (``elan.accounts.sessions``), so this is
    one indexed delete, cheap enough for an import that deactivates hundreds of people.
    """
    ended, _details = Session.objects.filter(user_id=user.pk).delete()
    return ended


@transaction.atomic
def user_deactivate(*, user: User, actor: User | None = None, reason: str = "") -> User:
    if not user.is_active:
        return user
    user.is_active = False
    user.deactivated_at = timezone.now()
    user.save(update_fields=["is_active", "deactivated_at"])
    transaction.on_commit(lambda: sessions_end_for(user=user))
    log.info("Account %s deactivated by %s.", user.pk, actor.pk if actor else "the system")
    return user


@transaction.atomic
def user_reactivate(*, user: User, actor: User | None = None) -> User:
    if user.is_active:
        return user
    if user.pseudonymised_at is not None:
        # Nothing is left to reactivate: the person's identity was erased. HR imports them
        # again as a new account.
        raise ValueError("A pseudonymised account cannot be reactivated.")
    user.is_active = True
    user.deactivated_at = None
    user.save(update_fields=["is_active", "deactivated_at"])
    log.info("Account %s reactivated by %s.", user.pk, actor.pk if actor else "the system")
    return user


@transaction.atomic
def email_address_sync(*, user: User) -> None:
    """Make allauth's address rows of ``user`` say exactly what ``User.email`` says.

    Login addresses come from the staff records (the HR import) or single sign-on, never from
    the person, so the address on the account is verified by where it came from. Allauth
    refuses a second factor to an account with an unverified address, and its password reset
    reads these rows: one row, verified and primary, equal to ``User.email``, and no other
    address anyone could reset a password by. Runs on every save that creates an account or
    changes its address (``elan.accounts.signals``); call it after bulk writes, which send no
    signals.
    """
    # Lower case, as allauth stores and looks addresses up.
    address = (user.email or "").strip().lower()
    if user.pseudonymised_at is not None or not address:
        EmailAddress.objects.filter(user=user).delete()
        return
    if User.objects.filter(email__iexact=address).exclude(pk=user.pk).exists():
        # Two accounts with one address differing in case: neither may reset a password by it
        # until someone decides whose it is.
        log.warning("Account %s shares its login address with another account.", user.pk)
        EmailAddress.objects.filter(user=user).delete()
        return
    # A row of another account for this address is left over from an address that account no
    # longer has; it would keep the address from being verified here (allauth's unique
    # verified address) and let that account reset a password by it.
    EmailAddress.objects.filter(email__iexact=address).exclude(user=user).delete()
    EmailAddress.objects.filter(user=user).exclude(email=address).delete()
    EmailAddress.objects.update_or_create(
        user=user, email=address, defaults={"verified": True, "primary": True}
    )


@transaction.atomic
def user_preferred_language_set(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}.")
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def user_pseudonymise(*, user: User, now: datetime) -> User:
    """Replace what identifies ``user`` and let every module erase its part.

    The row itself stays, with its primary key, so that what the person contributed under
    aggregates keeps its shape; nothing left on it names the person (docs/privacy.md).
    """
    for eraser in erasers().values():
        eraser(user=user, now=now)
    user.email = f"erased-{user.pk}@{PSEUDONYM_DOMAIN}"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.pseudonymised_at = now
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return user


def accounts_pseudonymise_expired(*, now: datetime) -> int:
    """Pseudonymise every account deactivated longer ago than the retention period.

    One transaction per person, so that a failure leaves the others done and the job can
    simply run again.
    """
    limit = now - timedelta(days=settings.RETENTION_DEACTIVATED_ACCOUNT_DAYS)
    due = User.objects.filter(
        is_active=False, deactivated_at__lte=limit, pseudonymised_at__isnull=True
    ).order_by("pk")
    count = 0
    for user in due.iterator():
        user_pseudonymise(user=user, now=now)
        count += 1
    if count:
        log.info("Pseudonymised %d accounts deactivated before %s.", count, limit.date())
    return count
