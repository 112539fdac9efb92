# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from elan.core.models import TimeStampedModel


class BarrierReport(TimeStampedModel):
    """An accessibility barrier someone reported through the accessibility statement.

    Purpose: fix the barrier and answer the reporter. Retention: one year after it is closed
    (docs/privacy.md). The contact address is optional so that anyone can report.

    ``reporter`` is the account that filed it, when someone logged in did; it is what ties the
    report to a person's data (export, erasure), never the typed address, which anyone can type.
    The report is stored before the accessibility contact is told by e-mail; the ``notification``
    fields say whether that e-mail went out, so that nothing reported is lost with it.
    """

    # Nothing links to a report, and what it links to (an account) needs no usage listing.
    wagtail_reference_index_ignore = True

    page_url = models.CharField(_("page"), max_length=500)
    description = models.TextField(_("what went wrong"))
    contact_email = models.EmailField(_("e-mail address for our answer"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by (account)"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    notification_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    notification_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    notification_last_error = models.CharField(_("last e-mail error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("accessibility barrier report")
        verbose_name_plural = _("accessibility barrier reports")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(notification_sent_at__isnull=True),
                name="barrier_report_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_url} ({self.created_at:%Y-%m-%d})"

    @property
    def delivery_state(self) -> str:
        if self.notification_sent_at is not None:
            return gettext("E-mail sent")
        if self.notification_attempts == 0:
            return gettext("E-mail waiting to be sent")
        return ngettext(
            "E-mail not sent: %(count)d attempt failed",
            "E-mail not sent: %(count)d attempts failed",
            self.notification_attempts,
        ) % {"count": self.notification_attempts}

    delivery_state.fget.short_description = _("e-mail to the accessibility contact")
