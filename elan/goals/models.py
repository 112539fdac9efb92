# SPDX-License-Identifier: EUPL-1.2
"""The evaluation cycle: cycles, talks, goals, the unit's objectives, templates and calendars.

Who sees what (docs/access.md, docs/goals.md):

- a cycle, its talks, goals and evidence belong to the person and their evaluators (the line
  manager from the chart, and a second evaluator if one was added). A goal in ``DRAFT`` is its
  owner's alone; the evaluators see it once proposed;
- HR sees that talks took place and when (``Talk.status``, ``due_on``, ``held_on``), never notes
  or goals; its figures per unit pass the anonymity guard;
- ``Evidence`` is the only way a self-assessment, a 360 report or a hub item reaches a cycle:
  its owner adds it and may withdraw it, and withdrawn evidence is shown to nobody but them.

Goals carry a ``version``, and a talk one per side of its notes, that every save raises: a save
made from an older version is refused (``services.StaleEdit``), so two people editing at once
never overwrite each other.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from elan.core.models import AppendedEvent
from elan.goals.constants import (
    DEFAULT_FIRST_REMINDER_DAYS,
    DEFAULT_LAST_REMINDER_DAYS,
    DEFAULT_LENGTH_MONTHS,
    DEFAULT_MINIMUM_GAP_WORKED_DAYS,
    DEFAULT_PLANNING_DUE_DAYS,
    OPEN_CYCLE_STATUSES,
    Agreement,
    CycleEventKind,
    CycleStatus,
    EvidenceKind,
    GoalEventKind,
    GoalKind,
    GoalProgress,
    InnovationKind,
    TalkKind,
    TalkStatus,
    TemplateAudience,
)
from elan.organisations.models import Unit
from elan.skills.multilingual import localize, validate_multilingual, validate_optional_multilingual


class CycleRules(models.Model):
    """An organisation's own cycle rules; units below it follow them (``selectors.rules_for``)."""

    organisation = models.OneToOneField(
        Unit,
        on_delete=models.CASCADE,
        related_name="cycle_rules",
        verbose_name=_("organisation"),
    )
    length_months = models.PositiveSmallIntegerField(
        _("cycle length (months)"),
        default=DEFAULT_LENGTH_MONTHS,
        validators=[MinValueValidator(3), MaxValueValidator(24)],
    )
    minimum_gap_worked_days = models.PositiveSmallIntegerField(
        _("minimum worked days between two talks"),
        default=DEFAULT_MINIMUM_GAP_WORKED_DAYS,
        validators=[MaxValueValidator(120)],
    )
    planning_due_days = models.PositiveSmallIntegerField(
        _("planning talk due within (days of the start)"),
        default=DEFAULT_PLANNING_DUE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    first_reminder_days = models.PositiveSmallIntegerField(
        _("first reminder (days before a talk)"),
        default=DEFAULT_FIRST_REMINDER_DAYS,
        validators=[MaxValueValidator(60)],
    )
    last_reminder_days = models.PositiveSmallIntegerField(
        _("last reminder (days before a talk)"),
        default=DEFAULT_LAST_REMINDER_DAYS,
        validators=[MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("cycle rules")
        verbose_name_plural = _("cycle rules")

    def __str__(self) -> str:
        return str(self.organisation)


class PublicHoliday(models.Model):
    """A day nobody works. Without an organisation it is a shipped Belgian federal holiday that
    applies everywhere; with one, HR added it to that organisation's calendar."""

    organisation = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="public_holidays",
        verbose_name=_("organisation"),
        help_text=_("Empty for the federal holidays Elan ships, which apply everywhere."),
    )
    on = models.DateField(_("date"))
    name = models.JSONField(_("name"), default=dict, validators=[validate_multilingual])

    class Meta:
        ordering = ["on"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "on"], name="goals_holiday_once_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["on"],
                condition=Q(organisation__isnull=True),
                name="goals_shipped_holiday_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {localize(self.name)}"


class Objective(models.Model):
    """One objective of a unit's objectives tree; a performance goal may link to one.

    Each objective has at most one parent, in the same unit or a unit above it, so the tree
    cascades down the organisation chart.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("unit")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("contributes to"),
    )
    title = models.CharField(_("objective"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["unit__path", "title"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title


class GoalTemplate(models.Model):
    """A well-formed innovation goal to start from, kept by HR in the back office."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=GoalKind.choices)
    innovation = models.CharField(_("about"), max_length=16, choices=InnovationKind.choices)
    audience = models.CharField(
        _("for"), max_length=16, choices=TemplateAudience.choices, default=TemplateAudience.EVERYONE
    )
    title = models.JSONField(_("title"), default=dict, validators=[validate_multilingual])
    indicator = models.JSONField(
        _("indicator (what we will see)"), default=dict, validators=[validate_multilingual]
    )
    target = models.JSONField(_("target"), default=dict, validators=[validate_multilingual])
    guidance = models.JSONField(
        _("guidance"), default=dict, blank=True, validators=[validate_optional_multilingual]
    )
    skill = models.CharField(
        _("innovation skill"),
        max_length=32,
        blank=True,
        help_text=_("The OPSI skill the goal applies, for development goals."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("goal template")
        verbose_name_plural = _("goal templates")

    def __str__(self) -> str:
        return str(localize(self.title))


class Cycle(models.Model):
    """One person's evaluation cycle: a planning talk, interim talks, an evaluation talk."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="goal_cycles",
        verbose_name=_("person"),
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluated_cycles",
        verbose_name=_("evaluator"),
    )
    second_evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="second_evaluated_cycles",
        verbose_name=_("second evaluator"),
    )
    # The person's unit when the cycle started: HR's scope and the process figures' group.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goal_cycles",
        verbose_name=_("unit"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=16, choices=CycleStatus.choices, default=CycleStatus.PLANNING
    )
    # Whether the person's self-assessment summary goes on the goals sheet: theirs to choose.
    sheet_shows_self_assessment = models.BooleanField(
        _("show my self-assessment summary on the goals sheet"), default=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=list(OPEN_CYCLE_STATUSES)),
                name="goals_one_open_cycle_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.starts_on.isoformat()}–{self.ends_on.isoformat()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CYCLE_STATUSES


class Talk(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="talks", verbose_name=_("cycle")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TalkKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=TalkStatus.choices, default=TalkStatus.SCHEDULED
    )
    planned_on = models.DateField(_("planned on"))
    # The day by which it should take place: what "held on time" is measured against.
    due_on = models.DateField(_("due on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    person_notes = models.TextField(_("notes of the person"), max_length=10000, blank=True)
    evaluator_notes = models.TextField(_("notes of the evaluator"), max_length=10000, blank=True)
    # One counter per side: the person and the evaluators write their own notes, so only two
    # people writing the same side's notes can overwrite each other (``services.StaleEdit``).
    person_notes_version = models.PositiveIntegerField(default=1, editable=False)
    evaluator_notes_version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_on.isoformat()}"

    @property
    def date(self):
        """The day it took place, or else the day it is planned for."""
        return self.held_on or self.planned_on


class CycleEvent(AppendedEvent):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="events", verbose_name=_("cycle")
    )
    kind = models.CharField(_("what"), max_length=32, choices=CycleEventKind.choices)
    talk = models.ForeignKey(
        Talk,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("talk"),
    )
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    previous_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous evaluator"),
    )
    new_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new evaluator"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("cycle event")
        verbose_name_plural = _("cycle history")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"

    @property
    def note_display(self) -> str:
        """The note in the reader's language. Notes the platform writes are stored untranslated
        (an evidence kind, a date, a message id); a person's own words come back as written."""
        if not self.note:
            return ""
        evidence_kinds = (CycleEventKind.EVIDENCE_ADDED, CycleEventKind.EVIDENCE_WITHDRAWN)
        if self.kind in evidence_kinds and self.note in EvidenceKind.values:
            return str(EvidenceKind(self.note).label)
        if self.kind == CycleEventKind.TALK_RESCHEDULED:
            try:
                earlier = datetime.date.fromisoformat(self.note)
            except ValueError:
                return self.note
            return gettext("It was planned for %(date)s.") % {
                "date": date_format(earlier, "DATE_FORMAT")
            }
        return gettext(self.note)


class Goal(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="goals", verbose_name=_("cycle")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=GoalKind.choices)
    innovation = models.CharField(
        _("innovation goal about"),
        max_length=16,
        choices=InnovationKind.choices,
        blank=True,
        help_text=_("Leave empty for a goal that is not an innovation goal."),
    )
    title = models.CharField(_("goal"), max_length=200)
    indicator = models.TextField(_("indicator: what we will see"), max_length=1000, blank=True)
    target = models.CharField(_("target"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    progress = models.CharField(
        _("status"), max_length=16, choices=GoalProgress.choices, default=GoalProgress.ON_TRACK
    )
    agreement = models.CharField(
        _("agreement"), max_length=16, choices=Agreement.choices, default=Agreement.DRAFT
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("unit objective"),
    )
    competency = models.ForeignKey(
        "skills.Competency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skill"),
    )
    hub_pages = models.ManyToManyField(
        "wagtailcore.Page", blank=True, related_name="+", verbose_name=_("hub items")
    )
    template = models.ForeignKey(
        GoalTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started from"),
    )
    # An enabling goal may follow the team's "support for innovation" climate measure; its
    # trend is shown on the goal only where the anonymity guard released it.
    follows_climate = models.BooleanField(
        _("follow my team's climate for innovation"), default=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    @property
    def is_innovation_goal(self) -> bool:
        return bool(self.innovation)


class GoalEvent(AppendedEvent):
    """A goal's history; a change after agreement names its interim talk and its reason."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="events", verbose_name=_("goal")
    )
    kind = models.CharField(_("what"), max_length=16, choices=GoalEventKind.choices)
    talk = models.ForeignKey(
        Talk,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("talk"),
    )
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    # The goal's fields before and after a change, as the people saw them.
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("goal event")
        verbose_name_plural = _("goal history")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class Evidence(models.Model):
    """Something its owner chose to bring into a cycle; withdrawn, it is shown to nobody else."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("cycle")
    )
    talk = models.ForeignKey(
        Talk,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("talk"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=EvidenceKind.choices)
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("self-assessment"),
    )
    feedback_round = models.ForeignKey(
        "feedback.FeedbackRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("360 feedback round"),
    )
    hub_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hub item"),
    )
    # An experiment deleted later leaves the evidence in the cycle, saying it no longer exists.
    experiment = models.ForeignKey(
        "experiments.Experiment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("experiment"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class TalkReminder(models.Model):
    """A reminder that went out, so that the daily task never sends the same one twice."""

    talk = models.ForeignKey(
        Talk, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("talk")
    )
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("talk reminder")
        verbose_name_plural = _("talk reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "days_before"], name="goals_reminder_once_per_lead_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.talk} −{self.days_before}"
