# SPDX-License-Identifier: EUPL-1.2
"""Experiments: the card, the mandate check and its permission requests, iterations, the
decision and the step that makes a success official, with an appended history.

Who sees what (docs/access.md, docs/experiments.md):

- a card in draft, and any card shared with nobody, is its owner's and co-owners' alone;
- shared with the team: the people of the owner's unit and the line above it;
- shared with the organisation: every member of the owner's organisation, and nobody outside;
- a permission request is also read by the person asked, and only as far as the question goes.

Cards carry a ``version`` that every save raises: a save made from an older version is refused
(``services.StaleEdit``), so two owners editing at once never overwrite each other.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.models import AppendedEvent
from elan.experiments.constants import (
    DEFAULT_REMINDER_DAYS,
    DEFAULT_SPEND_LIMIT_EUROS,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AskWhom,
    Criterion,
    Decision,
    EventKind,
    MandateOutcome,
    PermissionStatus,
    Sharing,
    Status,
    Template,
)
from elan.knowledge.fields import TagListField


class ExperimentRules(models.Model):
    """What HR sets for an organisation: the spend that needs the line manager's yes, and the
    data protection officer's address. An organisation without a row uses the defaults."""

    organisation = models.OneToOneField(
        "organisations.Unit",
        on_delete=models.CASCADE,
        related_name="experiment_rules",
        verbose_name=_("organisation"),
    )
    spend_limit_euros = models.PositiveIntegerField(
        _("spend without asking, in euros"),
        default=DEFAULT_SPEND_LIMIT_EUROS,
        help_text=_("A test that costs more than this needs the line manager's permission."),
    )
    data_protection_email = models.EmailField(
        _("data protection officer's address"),
        blank=True,
        help_text=_("A test that handles personal data asks this person first."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder before the time box ends, in days"),
        default=DEFAULT_REMINDER_DAYS,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("experiment rules")
        verbose_name_plural = _("experiment rules")

    def __str__(self) -> str:
        return str(self.organisation)


class Experiment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiments",
        verbose_name=_("owner"),
    )
    co_owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_owned_experiments",
        verbose_name=_("co-owners"),
    )
    # The owner's unit when the card was started: the team it is shared with, the organisation
    # it belongs to, and the group HR's figures count it in.
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiments",
        verbose_name=_("unit"),
    )
    template = models.CharField(_("template"), max_length=32, choices=Template.choices, blank=True)
    # The language it is written in: the learning wall searches it with that language's rules.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    problem = models.TextField(_("problem"), max_length=TEXT_MAX, blank=True)
    audience = models.TextField(_("who it is for"), max_length=TEXT_MAX, blank=True)
    belief = models.TextField(_("we believe that"), max_length=TEXT_MAX, blank=True)
    expected_outcome = models.TextField(_("will lead to"), max_length=TEXT_MAX, blank=True)
    what_we_try = models.TextField(_("what we try"), max_length=TEXT_MAX, blank=True)
    smallest_test = models.TextField(
        _("the smallest test that could show it"), max_length=TEXT_MAX, blank=True
    )
    success_criterion = models.TextField(_("success criterion"), max_length=TEXT_MAX, blank=True)
    stop_criterion = models.TextField(_("stop criterion"), max_length=TEXT_MAX, blank=True)
    guardrails = models.TextField(_("guardrails"), max_length=TEXT_MAX, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("time box ends on"), null=True, blank=True)
    cost_euros = models.PositiveIntegerField(_("cost in euros"), null=True, blank=True)
    people_involved = models.TextField(_("people involved"), max_length=TEXT_MAX, blank=True)
    principles = TagListField(_("principles"), vocabulary="principle")
    skills = TagListField(_("skills"), vocabulary="skill")
    # "|principle:slug|skill:slug|": filtered with a plain contains on SQLite and PostgreSQL
    # alike, rather than a JSON query only one of them answers.
    tags = models.CharField(max_length=500, blank=True, editable=False, db_index=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    sharing = models.CharField(
        _("shared with"), max_length=16, choices=Sharing.choices, default=Sharing.PRIVATE
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(
        _("reason for the decision"), max_length=REASON_MAX, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    lessons = models.TextField(
        _("what we learnt, and what others should know"), max_length=TEXT_MAX, blank=True
    )
    # Regularising: who approved the new way of working, when, and what changed officially.
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    official_change = models.TextField(
        _("what changed in the official way of working"), max_length=TEXT_MAX, blank=True
    )

    # The latest mandate check, kept as answered; ``mandate_outcome`` is derived from it.
    mandate_changes_rights = models.BooleanField(null=True, blank=True)
    mandate_personal_data = models.BooleanField(null=True, blank=True)
    mandate_spend_euros = models.PositiveIntegerField(null=True, blank=True)
    mandate_other_unit = models.BooleanField(null=True, blank=True)
    mandate_outcome = models.CharField(
        _("mandate check"), max_length=16, choices=MandateOutcome.choices, blank=True
    )
    mandate_checked_at = models.DateTimeField(null=True, blank=True)

    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="built_on_by",
        verbose_name=_("built on"),
    )
    # The seam for the ideas module (issue 20): the idea an experiment was opened from.
    from_idea = models.UUIDField(_("opened from the idea"), null=True, blank=True, editable=False)
    # The hub case drafted from it, once proposed (knowledge.CasePage, kept by the hub's editors).
    hub_case = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hub case"),
    )
    # Whether the skills its iterations exercised may show on the owner's skills profile.
    skills_on_profile = models.BooleanField(_("show on my skills profile"), default=False)

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["sharing", "status"]),
            models.Index(fields=["unit", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (Status.DRAFT, Status.RUNNING)


class PermissionRequest(models.Model):
    """A question the mandate check sent to the line manager or the data protection officer;
    the answer, its reason and its date are kept."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="permission_requests"
    )
    whom = models.CharField(_("asked"), max_length=16, choices=AskWhom.choices)
    asked_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiment_permission_requests",
        verbose_name=_("asked of"),
    )
    # When nobody on Elan holds that address: the question is e-mailed there and answered by
    # the owner, who records the answer they received.
    asked_email = models.EmailField(_("asked at"), blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    question = models.TextField(_("question"), max_length=REASON_MAX)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PermissionStatus.choices,
        default=PermissionStatus.WAITING,
    )
    answer_reason = models.TextField(_("reason for the answer"), max_length=REASON_MAX, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("permission request")
        verbose_name_plural = _("permission requests")
        ordering = ["-asked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.experiment} ({self.get_whom_display()})"


class Iteration(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="iterations")
    number = models.PositiveSmallIntegerField(_("number"))
    tried_on = models.DateField(_("date"))
    what_we_tried = models.TextField(_("what we tried"), max_length=TEXT_MAX)
    what_we_saw = models.TextField(_("what we saw"), max_length=TEXT_MAX)
    success = models.CharField(
        _("against the success criterion"),
        max_length=16,
        choices=Criterion.choices,
        default=Criterion.UNCLEAR,
    )
    stop_met = models.BooleanField(_("the stop criterion is met"), default=False)
    guardrail_breached = models.BooleanField(_("a guardrail was breached"), default=False)
    learnt = models.TextField(_("what we learnt"), max_length=TEXT_MAX, blank=True)
    change_next = models.TextField(_("what we change next"), max_length=TEXT_MAX, blank=True)
    skills = TagListField(_("skills exercised"), vocabulary="skill")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("iteration")
        verbose_name_plural = _("iterations")
        ordering = ["experiment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "number"], name="experiments_one_number_per_iteration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.experiment} #{self.number}"

    @property
    def prompts_a_decision(self) -> bool:
        return self.stop_met or self.guardrail_breached


class TimeBoxReminder(models.Model):
    """One row per reminder sent, so that none goes out twice."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="reminders")
    ends_on = models.DateField()
    lead_days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "ends_on", "lead_days"],
                name="experiments_one_reminder_per_lead_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.experiment} {self.ends_on} -{self.lead_days}"


class ExperimentEvent(AppendedEvent):
    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=32, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    # Stored untranslated where the platform writes it (a decision, a sharing level); a
    # person's own words as written.
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("experiment event")
        verbose_name_plural = _("experiment history")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
