# SPDX-License-Identifier: EUPL-1.2
"""Writes to the organisation chart. Other apps call these, never the models' save()."""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from elan.accounts import services as account_services
from elan.organisations.constants import ADDRESS_CONFIRMATION_DAYS, UNIT_SCOPED_ROLES, Role
from elan.organisations.models import ImportRun, PendingEmailChange, RoleAssignment, Unit

if TYPE_CHECKING:
    from elan.accounts.models import User

logger = logging.getLogger(__name__)

# Hub roles map onto Wagtail's own groups, so the back office's workflow and permissions
# follow the role data instead of a second, hand-kept list of group memberships.
WAGTAIL_GROUP_FOR_ROLE = {
    Role.CONTENT_EDITOR: "Editors",
    Role.MODERATOR: "Moderators",
}


@transaction.atomic
def role_assign(*, user, role: str, unit: Unit | None = None) -> RoleAssignment:
    if role in UNIT_SCOPED_ROLES and role == Role.TEAM_LEAD and unit is None:
        raise ValueError("A team-lead role needs a unit.")
    if role not in UNIT_SCOPED_ROLES:
        unit = None
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    _sync_back_office_access(user=user)
    return assignment


@transaction.atomic
def role_revoke(*, user, role: str, unit: Unit | None = None) -> None:
    RoleAssignment.objects.filter(user=user, role=role, unit=unit).delete()
    _sync_back_office_access(user=user)


def _sync_back_office_access(*, user) -> None:
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    for role, group_name in WAGTAIL_GROUP_FOR_ROLE.items():
        # The group may not exist yet (a database emptied by a flush has none); the hub's
        # editorial setup gives it its permissions whenever it runs, before or after.
        group, _created = Group.objects.get_or_create(name=group_name)
        if role in roles:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    is_admin = Role.ADMINISTRATOR in roles
    if user.is_superuser != is_admin or user.is_staff != is_admin:
        user.is_superuser = is_admin
        user.is_staff = is_admin
        user.save(update_fields=["is_superuser", "is_staff"])


# --- Login addresses: changed only once the new address confirms (docs/security.md) -----------
class AddressChangeUnavailable(Exception):
    """The link is unknown, expired, or its account can no longer change address."""


class AddressTaken(Exception):
    """Another account has the new address since the change was asked for."""


def address_token_fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def email_changes_request(
    *,
    changes: list[tuple[User, str]],
    import_run: ImportRun | None = None,
    requested_by=None,
) -> list[PendingEmailChange]:
    """Ask each ``(user, new address)`` to confirm; tell each current address it was asked.

    Nothing about the login changes here. The token of each link exists only in the e-mail
    to the new address and, until it is sent, in memory: the database keeps its hash.
    """
    if not changes:
        return []
    now = timezone.now()
    expires_at = now + datetime.timedelta(days=ADDRESS_CONFIRMATION_DAYS)
    # One waiting change per person: a newer request replaces the older one and its link.
    PendingEmailChange.objects.filter(user__in=[user for user, _email in changes]).delete()
    tokens: dict[str, str] = {}
    rows = []
    for user, new_email in changes:
        token = secrets.token_urlsafe(32)
        fingerprint = address_token_fingerprint(token)
        tokens[fingerprint] = token
        rows.append(
            PendingEmailChange(
                user=user,
                new_email=new_email,
                token_hash=fingerprint,
                expires_at=expires_at,
                import_run=import_run,
            )
        )
    created = PendingEmailChange.objects.bulk_create(rows, batch_size=2000)
    requester = (requested_by.get_full_name() or requested_by.email) if requested_by else ""
    transaction.on_commit(lambda: _send_address_change_emails(tokens=tokens, requester=requester))
    return created


def _send_address_change_emails(*, tokens: dict[str, str], requester: str) -> None:
    """The notice to the current address and the link to the new one, in the person's language.

    Sent right after the commit rather than through the task queue, so the token never rests
    in a queue table. A change whose e-mails could not go out is withdrawn: a link nobody
    received cannot be followed, and the next import asks again.
    """
    pending = list(
        PendingEmailChange.objects.filter(token_hash__in=list(tokens)).select_related("user")
    )
    # One connection for every change of the import; each change succeeds or fails alone.
    connection = get_connection()
    for change in pending:
        user = change.user
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            path = reverse(
                "organisations:confirm_address", kwargs={"token": tokens[change.token_hash]}
            )
            context = {
                "name": user.get_full_name(),
                "old_email": user.email,
                "new_email": change.new_email,
                "requester": requester,
                "expires_at": change.expires_at,
                "url": settings.SITE_URL.rstrip("/") + path,
            }
            # The current address hears first: if that cannot be sent, neither is the link.
            messages = [
                _email("address_notice", context, to=user.email, language=language),
                _email("address_confirm", context, to=change.new_email, language=language),
            ]
        try:
            connection.send_messages(messages)
        except Exception:
            logger.exception("The address change e-mails of account %s could not be sent", user.pk)
            PendingEmailChange.objects.filter(pk=change.pk).delete()
    connection.close()


def _email(kind: str, context: dict, *, to: str, language: str) -> EmailMessage:
    subject = render_to_string(f"organisations/email/{kind}_subject.txt", context)
    body = render_to_string(f"organisations/email/{kind}_body.txt", context)
    return EmailMessage(
        " ".join(subject.split()), body, to=[to], headers={"Content-Language": language}
    )


def pending_email_change_for(*, token: str) -> PendingEmailChange:
    """The change a link confirms, or AddressChangeUnavailable."""
    change = (
        PendingEmailChange.objects.select_related("user")
        .filter(token_hash=address_token_fingerprint(token), expires_at__gt=timezone.now())
        .first()
    )
    if change is None or not change.user.is_active or change.user.pseudonymised_at is not None:
        raise AddressChangeUnavailable
    return change


@transaction.atomic
def email_change_confirm(*, token: str):
    """Make the confirmed address the person's login address; the link then stops working."""
    change = pending_email_change_for(token=token)
    change = PendingEmailChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    user = change.user
    if get_user_model().objects.filter(email__iexact=change.new_email).exclude(pk=user.pk).exists():
        raise AddressTaken
    user.email = change.new_email
    try:
        # A savepoint, so that an address taken between the check above and this write (the
        # unique index refuses it) leaves the caller's transaction usable.
        with transaction.atomic():
            user.save(update_fields=["email"])
            # allauth's address rows decide password resets and enrolment: they follow at once.
            account_services.email_address_sync(user=user)
    except IntegrityError as error:
        raise AddressTaken from error
    change.delete()
    return user
