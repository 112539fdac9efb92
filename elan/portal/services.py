# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from elan.portal.models import BarrierReport
from elan.portal.tasks import send_barrier_report_notification

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from elan.accounts.models import User


@transaction.atomic(durable=True)
def barrier_report_create(
    *,
    page_url: str,
    description: str,
    contact_email: str,
    language: str,
    reporter: User | AnonymousUser | None = None,
) -> BarrierReport:
    """Store the report, then queue the e-mail to the accessibility contact.

    Durable: the report is committed in a transaction of its own, whatever happens to the
    e-mail after it. ``reporter`` is the logged-in account that filed it, if any.
    """
    report = BarrierReport.objects.create(
        page_url=page_url.strip(),
        description=description.strip(),
        contact_email=contact_email.strip(),
        language=language,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
    )
    # Queued only once the report is stored, so nobody is told about a report that a rollback
    # erased; robust, so that a queue that refuses the task still leaves the report and the
    # thanks page, and ``barrier_reports_resend`` sends it later.
    transaction.on_commit(
        lambda: send_barrier_report_notification.enqueue(report_id=report.pk), robust=True
    )
    return report
