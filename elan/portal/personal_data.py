# SPDX-License-Identifier: EUPL-1.2
"""Accessibility barrier reports as personal data (docs/privacy.md): export, erasure and
retention. Registered with the register in elan/core/personal_data.py.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from elan.core.personal_data import register_eraser, register_exporter, register_retention_task
from elan.portal.models import BarrierReport


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _reports_of(user):
    """The reports filed from the person's account; never those that merely carry an address
    they hold, which anyone can type into the form."""
    return BarrierReport.objects.filter(reporter=user)


def export_barrier_reports(user) -> list:
    return [
        {
            "page": report.page_url,
            "description": report.description,
            "contact_email": report.contact_email,
            "reported_at": report.created_at.isoformat(),
            "resolved_at": _iso(report.resolved_at),
        }
        for report in _reports_of(user).order_by("created_at")
    ]


def erase_barrier_report_contacts(*, user, now) -> None:
    """Keep the barrier (it may not be fixed yet), forget who reported it and their address."""
    _reports_of(user).update(contact_email="", reporter=None)


def purge_resolved_barrier_reports(*, now) -> int:
    limit = now - timedelta(days=settings.RETENTION_BARRIER_REPORT_DAYS)
    return BarrierReport.objects.filter(resolved_at__lt=limit).delete()[0]


register_exporter("barrier_reports", export_barrier_reports, models=("portal.BarrierReport",))
register_eraser("barrier_reports", erase_barrier_report_contacts, models=("portal.BarrierReport",))
register_retention_task("resolved_barrier_reports", purge_resolved_barrier_reports)
