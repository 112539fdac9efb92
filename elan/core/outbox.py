# SPDX-License-Identifier: EUPL-1.2
"""The e-mail outbox: production's EMAIL_BACKEND writes each e-mail to a table, and
``deliver_due_emails`` hands them to the real backend (SMTP) with retries.

Why: an e-mail sent inside a request or a task is lost when the mail server is down, and a task
retried after a partial batch sends the first half twice. Here each message is its own row,
written in the transaction of whatever caused it; delivery claims a row (``sending``) in a
committed transaction before talking to the mail server, and marks it ``sent`` after. A failure
puts it back with a later attempt time (1, 2, 4 … 60 minutes); after ``MAX_ATTEMPTS`` it stays
``failed`` for the operator. A process that dies between the claim and the mark leaves the row
``sending``: it is never sent again by itself, because "maybe twice" is worse than "check this
one" (docs/deployment.md, "What to monitor").
"""

from __future__ import annotations

import datetime
import email
import email.message
import email.policy
import email.utils
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from elan.core.models import OutgoingEmail
from elan.core.personal_data import (
    register_eraser,
    register_exporter,
    register_retention_task,
)

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
LONGEST_WAIT = datetime.timedelta(minutes=60)
BATCH = 100


def wait_after(attempts: int) -> datetime.timedelta:
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), LONGEST_WAIT)


class OutboxBackend(BaseEmailBackend):
    """Stores the messages; ``send_messages`` returns how many were stored, as a backend does."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        rows = []
        now = timezone.now()
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            rows.append(
                OutgoingEmail(
                    next_attempt_at=now,
                    sender=message.from_email or settings.DEFAULT_FROM_EMAIL,
                    recipient_emails=list(recipients),
                    message=message.message().as_bytes(linesep="\r\n"),
                )
            )
        if not rows:
            return 0
        OutgoingEmail.objects.bulk_create(rows)
        # After the commit, so the worker sees the rows; the scheduler's every-minute delivery
        # catches anything this misses (a worker that is down, a failed enqueue).
        transaction.on_commit(_enqueue_delivery)
        return len(rows)


def _enqueue_delivery() -> None:
    try:
        deliver_due_emails.enqueue()
    except Exception:  # the scheduler delivers within a minute anyway
        logger.warning("Could not queue the e-mail delivery; the scheduler will.", exc_info=True)


class _StoredMIME(email.message.EmailMessage):
    """Django's SMTP backend asks for ``as_bytes(linesep=...)``, which the standard library's
    message does not take; without this every delivery over SMTP failed."""

    def as_bytes(self, unixfrom=False, policy=None, linesep=None):
        if linesep is not None:
            policy = (policy or self.policy).clone(linesep=linesep)
        return super().as_bytes(unixfrom, policy)


class StoredMessage:
    """A stored MIME message with the interface Django's backends read from an EmailMessage."""

    encoding = None

    def __init__(self, row: OutgoingEmail) -> None:
        self.from_email = row.sender
        self._recipients = list(row.recipient_emails)
        self._message = email.message_from_bytes(
            bytes(row.message), _class=_StoredMIME, policy=email.policy.SMTP
        )
        self.subject = self._message.get("Subject", "")
        self.to = self._recipients
        self.body = ""

    def recipients(self) -> list[str]:
        return self._recipients

    def message(self) -> Any:
        return self._message


def _claim(now: datetime.datetime) -> list[int]:
    with transaction.atomic():
        ids = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(
            status=OutgoingEmail.Status.SENDING, claimed_at=timezone.now()
        )
    return ids


def deliver_due(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Hand every e-mail that is due to the delivery backend; returns counts by outcome."""
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "failed": 0}
    while ids := _claim(now):
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        rows = list(OutgoingEmail.objects.filter(pk__in=ids).order_by("pk"))
        refused = False
        for index, row in enumerate(rows):
            outcome = _deliver_one(connection, row, now=now)
            counts[outcome] += 1
            if outcome != "sent":
                # The server is refusing: the rest go back untried, rather than each waiting
                # for the same timeout while it stays claimed.
                untried = [other.pk for other in rows[index + 1 :]]
                OutgoingEmail.objects.filter(pk__in=untried).update(
                    status=OutgoingEmail.Status.PENDING, claimed_at=None
                )
                refused = True
                break
        connection.close()
        if refused:
            break
    return counts


def _deliver_one(connection, row: OutgoingEmail, *, now: datetime.datetime) -> str:
    try:
        connection.send_messages([StoredMessage(row)])
    except Exception as error:  # every way a mail server can fail is a reason to try later
        row.attempts += 1
        row.last_error = type(error).__name__[:200]
        if row.attempts >= MAX_ATTEMPTS:
            row.status = OutgoingEmail.Status.FAILED
            logger.error("E-mail %s failed %s times; giving up.", row.pk, row.attempts)
        else:
            row.status = OutgoingEmail.Status.PENDING
            row.next_attempt_at = now + wait_after(row.attempts)
        row.claimed_at = None
        row.save(
            update_fields=["attempts", "last_error", "status", "next_attempt_at", "claimed_at"]
        )
        return "failed" if row.status == OutgoingEmail.Status.FAILED else "retry"
    row.attempts += 1
    row.status = OutgoingEmail.Status.SENT
    row.sent_at = timezone.now()
    # Sent: what it said and to whom is no longer ours to keep.
    row.message = b""
    row.recipient_emails = []
    row.last_error = ""
    row.save(
        update_fields=["attempts", "status", "sent_at", "message", "recipient_emails", "last_error"]
    )
    return "sent"


@task()
def deliver_due_emails() -> dict[str, int]:
    return deliver_due()


def erase_emails_to(*, user, now) -> None:
    """An erased account's e-mails still waiting are not sent to it. One it shares with others
    still goes to them, with its address gone from the envelope and from the headers."""
    address = (user.email or "").lower()
    if not address:
        return
    waiting = OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT)
    for row in waiting.only("pk", "recipient_emails", "message"):
        if address not in {_address_of(recipient) for recipient in row.recipient_emails}:
            continue
        others = [
            recipient for recipient in row.recipient_emails if _address_of(recipient) != address
        ]
        if not others:
            row.delete()
            continue
        row.recipient_emails = others
        row.message = _without_address(bytes(row.message), address)
        row.save(update_fields=["recipient_emails", "message"])


def _address_of(recipient: str) -> str:
    """The bare address of "Eva Janssens <Eva.Janssens@elan.test>", in lower case."""
    return email.utils.parseaddr(recipient)[1].lower()


def _without_address(raw: bytes, address: str) -> bytes:
    message = email.message_from_bytes(raw, policy=email.policy.SMTP)
    for header in ("To", "Cc", "Reply-To"):
        if header not in message:
            continue
        kept = [
            email.utils.formataddr(pair)
            for pair in email.utils.getaddresses(message.get_all(header, []))
            if pair[1].lower() != address
        ]
        del message[header]
        if kept:
            message[header] = ", ".join(kept)
    return message.as_bytes()


def purge_old_traces(*, now) -> int:
    limit = now - datetime.timedelta(days=settings.RETENTION_EMAIL_TRACE_DAYS)
    return OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED], created_at__lt=limit
    ).delete()[0]


def export_emails_to(user) -> list:
    """E-mails to the person that are still waiting or failed: what they said is theirs to see."""
    address = (user.email or "").lower()
    if not address:
        return []
    rows = OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).order_by("created_at")
    return [
        {
            "created_at": row.created_at.isoformat(),
            "status": row.status,
            "subject": StoredMessage(row).subject,
        }
        for row in rows
        if address in {_address_of(recipient) for recipient in row.recipient_emails}
    ]


register_exporter("outgoing_emails", export_emails_to, models=("core.OutgoingEmail",))
register_eraser("outgoing_emails", erase_emails_to, models=("core.OutgoingEmail",))
register_retention_task("outgoing_email_traces", purge_old_traces)
