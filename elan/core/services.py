# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from elan.core.models import BarrierReport


@transaction.atomic
def barrier_report_create(
    *, page_url: str, description: str, contact_email: str, language: str
) -> BarrierReport:
    report = BarrierReport.objects.create(
        page_url=page_url.strip(),
        description=description.strip(),
        contact_email=contact_email.strip(),
        language=language,
    )
    # The mail goes out only once the report is stored, so nobody is told about a report
    # that a rollback erased.
    transaction.on_commit(
        lambda: send_mail(
            subject=f"[Elan] Accessibility barrier on {report.page_url}",
            message=(
                f"Page: {report.page_url}\nLanguage: {report.language}\n"
                f"Reply to: {report.contact_email or '(no address given)'}\n\n"
                f"{report.description}"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[settings.ACCESSIBILITY_CONTACT_EMAIL],
            fail_silently=True,
        )
    )
    return report
