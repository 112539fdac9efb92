# SPDX-License-Identifier: EUPL-1.2
"""Innovation fellowship cohorts (issue 19, point 6): people from different units who meet
over months. A cohort has organisers and members, a calendar of sessions, a shared board of
what each member works on (optionally linked to one of their experiment cards), and a
retrospective by each member after each session.

Who sees what (docs/access.md): a cohort, its calendar, its board, its experiments and its
retrospectives are read by its organisers, and by its members once it has started; nobody else
learns that it exists. A board item and a retrospective are written by their author alone.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.cohorts.constants import (
    DEFAULT_MAX_PER_UNIT,
    MAX_PER_UNIT_LIMIT,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Column,
    HistoryKind,
    Status,
)
from elan.core.models import AppendedEvent


class Cohort(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("what the cohort is for"), max_length=TEXT_MAX, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    max_per_unit = models.PositiveSmallIntegerField(
        _("members of one unit before you are told"),
        default=DEFAULT_MAX_PER_UNIT,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PER_UNIT_LIMIT)],
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_cohorts", verbose_name=_("organisers")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title", "pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CohortEvent(AppendedEvent):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(_("what"), max_length=16, choices=HistoryKind.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    # Whom a membership change was about; forgotten with their account, like ``by``.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )

    class Meta(AppendedEvent.Meta):
        verbose_name = _("cohort history entry")
        verbose_name_plural = _("cohort history")


class CohortMember(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cohort_memberships",
        verbose_name=_("person"),
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_membership_per_cohort"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class CohortSession(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=PLACE_MAX, blank=True)
    online = models.BooleanField(_("online"), default=False)
    agenda = models.TextField(_("agenda"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="cohort_session_ends_after_start",
            ),
            # A place to go to, or online, or both; never neither.
            models.CheckConstraint(
                condition=models.Q(online=True) | ~models.Q(place=""),
                name="cohort_session_has_a_place_or_is_online",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BoardItem(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="board_items")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cohort_board_items",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    work = models.TextField(_("what I work on"), max_length=TEXT_MAX, blank=True)
    column = models.CharField(
        _("where it stands"), max_length=16, choices=Column.choices, default=Column.EXPLORING
    )
    next_step = models.TextField(_("next step"), max_length=TEXT_MAX, blank=True)
    # One of the owner's own cards; the card keeps its own readers (experiments.selectors).
    experiment = models.ForeignKey(
        "experiments.Experiment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("experiment"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("board item")
        verbose_name_plural = _("board items")

    def __str__(self) -> str:
        return self.title


class SessionRetrospective(models.Model):
    session = models.ForeignKey(
        CohortSession, on_delete=models.CASCADE, related_name="retrospectives"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cohort_retrospectives",
        verbose_name=_("author"),
    )
    went_well = models.TextField(_("what went well"), max_length=TEXT_MAX, blank=True)
    to_change = models.TextField(_("what to change"), max_length=TEXT_MAX, blank=True)
    next_step = models.TextField(_("my next step"), max_length=TEXT_MAX, blank=True)
    written_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["written_at", "pk"]
        verbose_name = _("session retrospective")
        verbose_name_plural = _("session retrospectives")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "author"], name="one_retrospective_per_session_and_author"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} – {self.author}"
