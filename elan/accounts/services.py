# SPDX-License-Identifier: EUPL-1.2
"""Writes about accounts. Deactivation lives here so that every path (the HR import, the
back office, the retention job) ends sessions and records the moment the same way."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from elan.accounts.models import User


def sessions_end_for(*, user: User) -> int:
    """End every session of ``user``; returns how many there were.

    Database sessions are not indexed by user, so this decodes them. Deactivation is rare
    compared to page views, which is why the cost sits here and not on every request.
    """
    ended = 0
    user_pk = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_pk:
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User, actor: User | None = None, reason: str = "") -> User:
    if not user.is_active:
        return user
    user.is_active = False
    user.deactivated_at = timezone.now()
    user.save(update_fields=["is_active", "deactivated_at"])
    transaction.on_commit(lambda: sessions_end_for(user=user))
    return user


@transaction.atomic
def user_reactivate(*, user: User, actor: User | None = None) -> User:
    if user.is_active:
        return user
    user.is_active = True
    user.deactivated_at = None
    user.save(update_fields=["is_active", "deactivated_at"])
    return user
