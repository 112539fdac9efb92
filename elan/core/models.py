# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, ngettext
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


class ThresholdsLockedError(Exception):
    """Raised when a write would change anonymity thresholds after they were locked."""


class AnonymityThresholds(models.Model):
    """The guard's thresholds, stored with each campaign or report context.

    They are copied from the defaults when the context is created and locked when it opens:
    a threshold that could be lowered once the answers are in would protect nobody. The lock is
    enforced in ``save()`` because it is an invariant of the row, whatever path writes it.
    """

    min_group = models.PositiveSmallIntegerField(
        _("minimum group for scores, counts and rates"), default=5
    )
    min_comments = models.PositiveSmallIntegerField(_("minimum group for comments"), default=10)
    min_raters = models.PositiveSmallIntegerField(_("minimum raters per rater group"), default=3)
    thresholds_locked_at = models.DateTimeField(_("thresholds locked at"), null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values("min_group", "min_comments", "min_raters", "thresholds_locked_at")
                .first()
            )
            if stored and stored["thresholds_locked_at"] is not None:
                changed = [
                    name
                    for name in ("min_group", "min_comments", "min_raters")
                    if stored[name] != getattr(self, name)
                ]
                if changed:
                    raise ThresholdsLockedError(
                        f"thresholds {', '.join(changed)} are locked since "
                        f"{stored['thresholds_locked_at']:%Y-%m-%d}"
                    )
                self.thresholds_locked_at = stored["thresholds_locked_at"]
        super().save(*args, **kwargs)

    @classmethod
    def default_thresholds(cls) -> dict[str, int]:
        from django.conf import settings

        return {
            "min_group": settings.ANONYMITY_MIN_GROUP,
            "min_comments": settings.ANONYMITY_MIN_COMMENTS,
            "min_raters": settings.ANONYMITY_MIN_RATERS,
        }

    def guard_context(self):
        from elan.core.anonymity import GuardContext

        return GuardContext(
            min_group=self.min_group, min_comments=self.min_comments, min_raters=self.min_raters
        )

    def lock_thresholds(self) -> None:
        from django.utils import timezone

        if self.thresholds_locked_at is None:
            self.thresholds_locked_at = timezone.now()

    def clean(self) -> None:
        from django.conf import settings
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.min_group < 3:
            errors["min_group"] = _("A group of fewer than 3 people cannot stay anonymous.")
        if self.min_comments < self.min_group:
            errors["min_comments"] = _(
                "Comments identify people more easily than scores: use at least the group minimum."
            )
        if self.min_raters < settings.ANONYMITY_MIN_RATERS:
            errors["min_raters"] = _("Use at least the platform's minimum number of raters.")
        if errors:
            raise ValidationError(errors)
