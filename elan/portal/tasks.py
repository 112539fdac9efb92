# SPDX-License-Identifier: EUPL-1.2
"""Telling the accessibility contact about a barrier report, through the task queue.

The report is stored before this runs, so a mail server that is down or a message it refuses
loses nothing: the attempt is recorded on the report, and the task tries again later on a queue
that can wait (the database queue of production), or at the next ``barrier_reports_resend``
otherwise. The argument is the report's id, so the queue never carries what was reported.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from elan.portal.models import BarrierReport

log = logging.getLogger(__name__)

SUBJECT_PAGE_LENGTH = 80
# Five minutes, then twice as long each time: eight tries cover about ten hours of outage.
FIRST_RETRY_AFTER = timedelta(minutes=5)
LONGEST_RETRY_AFTER = timedelta(hours=6)
MAX_AUTOMATIC_ATTEMPTS = 8


def single_line(text: str, *, limit: int) -> str:
    """``text`` with every run of white space, line breaks included, made one space.

    A header is one line: a line break typed into the form must not start another header.
    Control characters go too, for the same reason.
    """
    words = "".join(char if char.isprintable() else " " for char in text).split()
    line = " ".join(words)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def notification_for(report: BarrierReport) -> EmailMessage:
    # The contact reads every language; the labels stay in English, the text as typed.
    return EmailMessage(
        subject="[Elan] Accessibility barrier on "
        + single_line(report.page_url, limit=SUBJECT_PAGE_LENGTH),
        body=(
            f"Page: {report.page_url}\nLanguage: {report.language}\n"
            f"Reply to: {report.contact_email or '(no address given)'}\n"
            f"Reported at: {report.created_at.isoformat()}\n\n"
            f"{report.description}"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.ACCESSIBILITY_CONTACT_EMAIL],
    )


def retry_delay(attempts: int) -> timedelta:
    return min(FIRST_RETRY_AFTER * 2 ** max(attempts - 1, 0), LONGEST_RETRY_AFTER)


@task()
def send_barrier_report_notification(*, report_id: int) -> bool:
    """Mail the report to the accessibility contact once; returns whether it is sent."""
    report = BarrierReport.objects.filter(pk=report_id).first()
    if report is None or report.notification_sent_at is not None:
        return report is not None  # deleted meanwhile, or already sent by an earlier try
    try:
        notification_for(report).send(fail_silently=False)
    except Exception as error:  # whatever the mail path raises, the report stays
        BarrierReport.objects.filter(pk=report.pk).update(
            notification_attempts=F("notification_attempts") + 1,
            notification_last_error=single_line(f"{type(error).__name__}: {error}", limit=300),
        )
        log.warning(
            "Barrier report %s: the e-mail to the accessibility contact failed (%s).",
            report.pk,
            type(error).__name__,
        )
        _retry_later(report)
        return False
    BarrierReport.objects.filter(pk=report.pk).update(
        notification_attempts=F("notification_attempts") + 1,
        notification_sent_at=timezone.now(),
        notification_last_error="",
    )
    return True


def _retry_later(report: BarrierReport) -> None:
    """Queue the next try, if the queue can wait; ``barrier_reports_resend`` catches the rest."""
    attempts = report.notification_attempts + 1
    if attempts >= MAX_AUTOMATIC_ATTEMPTS:
        return
    if not send_barrier_report_notification.get_backend().supports_defer:
        return
    send_barrier_report_notification.using(
        run_after=timezone.now() + retry_delay(attempts)
    ).enqueue(report_id=report.pk)


def resend_unsent() -> int:
    """Try again every report whose e-mail has not gone out; returns how many were sent."""
    sent = 0
    for report_id in (
        BarrierReport.objects.filter(notification_sent_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)
    ):
        if send_barrier_report_notification.call(report_id=report_id):
            sent += 1
    return sent
