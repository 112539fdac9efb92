# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BarrierReport(TimeStampedModel):
    """An accessibility barrier someone reported through the accessibility statement.

    Purpose: fix the barrier and answer the reporter. Retention: one year after it is closed
    (docs/privacy.md). The contact address is optional so that anyone can report.
    """

    page_url = models.CharField(_("page"), max_length=500)
    description = models.TextField(_("what went wrong"))
    contact_email = models.EmailField(_("e-mail address for our answer"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("accessibility barrier report")
        verbose_name_plural = _("accessibility barrier reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.page_url} ({self.created_at:%Y-%m-%d})"
