# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elan.core.anonymity import GuardContext


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AppendedEvent(models.Model):
    """A row of some object's history: appended, never changed (docs/architecture.md).

    Each app's event names what moved (its own ``from_status``/``to_status`` or kind); who moved
    it and when are the same everywhere. ``by`` is forgotten when that person's account is
    erased; ``at`` is not ``auto_now_add`` so that rows moved from an older history keep their
    own time.
    """

    # History is read where it belongs, never followed from the back office's usage reports.
    wagtail_reference_index_ignore = True

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


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
        return {
            "min_group": settings.ANONYMITY_MIN_GROUP,
            "min_comments": settings.ANONYMITY_MIN_COMMENTS,
            "min_raters": settings.ANONYMITY_MIN_RATERS,
        }

    def guard_context(self):
        return GuardContext(
            min_group=self.min_group, min_comments=self.min_comments, min_raters=self.min_raters
        )

    def lock_thresholds(self) -> None:
        if self.thresholds_locked_at is None:
            self.thresholds_locked_at = timezone.now()

    def clean(self) -> None:
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


class ScheduledRun(models.Model):
    """One run of a scheduled job, claimed before it starts (elan/core/scheduling.py).

    The unique pair (job, due_at) is the claim: a scheduler on another node that tries to claim
    the same run gets an integrity error and leaves it, so two nodes never run a job twice.
    The rows are the jobs' history, appended.
    """

    class Outcome(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    job = models.CharField(_("job"), max_length=64)
    due_at = models.DateTimeField(_("due at"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.RUNNING
    )
    # The exception's class only: a message may quote personal data.
    error = models.CharField(_("error"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="core_scheduledrun_one_claim")
        ]
        ordering = ["-due_at", "job"]

    def __str__(self) -> str:
        return f"{self.job} {self.due_at:%Y-%m-%d %H:%M}"


class OutgoingEmail(models.Model):
    """An e-mail waiting to be handed to the mail server, or the trace of one that was.

    Written in the same transaction as what caused it, delivered by the worker or the scheduler
    with retries, so a mail server that is down delays e-mails and loses none; claimed before
    it is sent, so none is sent twice (elan/core/outbox.py). Once sent, its content and
    addresses are erased and only the trace stays, for the retention period.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    # When a delivery took it; a row "being sent" long after this was cut off mid-send.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    sender = models.CharField(_("sender"), max_length=500, blank=True)
    recipient_emails = models.JSONField(_("recipients"), default=list, blank=True)
    # The whole message as the mail server will receive it (MIME), so every backend sends
    # exactly what was written, attachments and alternatives included.
    message = models.BinaryField(_("message"), blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due")]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"
