# SPDX-License-Identifier: EUPL-1.2
"""Accessibility barrier reports as personal data: export, erasure, retention (docs/privacy.md).

A report is not tied to an account; the one link to a person is the optional contact address.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from elan.accounts.personal_data import (
    register_eraser,
    register_exporter,
    register_retention_task,
)


def _reports_of(user):
    from elan.core.models import BarrierReport

    if not user.email:
        return BarrierReport.objects.none()
    return BarrierReport.objects.filter(contact_email__iexact=user.email)


def export_barrier_reports(user) -> list:
    return [
        {
            "page": report.page_url,
            "description": report.description,
            "contact_email": report.contact_email,
            "reported_at": report.created_at.isoformat(),
            "resolved_at": report.resolved_at.isoformat() if report.resolved_at else None,
        }
        for report in _reports_of(user).order_by("created_at")
    ]


def erase_barrier_report_contacts(*, user, now) -> None:
    _reports_of(user).update(contact_email="")


def purge_resolved_barrier_reports(*, now) -> int:
    from elan.core.models import BarrierReport

    limit = now - timedelta(days=settings.RETENTION_BARRIER_REPORT_DAYS)
    return BarrierReport.objects.filter(resolved_at__lt=limit).delete()[0]


register_exporter("barrier_reports", export_barrier_reports)
register_eraser("barrier_reports", erase_barrier_report_contacts)
register_retention_task("resolved_barrier_reports", purge_resolved_barrier_reports)
