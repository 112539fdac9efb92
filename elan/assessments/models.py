# SPDX-License-Identifier: EUPL-1.2
"""Instruments as item banks, self-assessments, sharing, and development plans.

Privacy (docs/access.md): a self-assessment, the profile made from it and the development plan are
private to their owner. Nobody else reads them unless the owner shares them (read-only,
revocable: ``Share``), and they reach the performance evaluation only through the owner's own
act (``Assessment.included_in_evaluation_at``). Team figures use them only in aggregate, through
the anonymity guard.

Purpose and retention: answers and scores exist so that their owner can see and follow their
own development; they are kept while the account exists and erased with it (docs/privacy.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elan.assessments.constants import (
    ACTIVE_STEP_STATUSES,
    AssessmentStatus,
    ProfileEventKind,
    ShareKind,
    StepStatus,
    SuggestionKind,
)
from elan.core.models import AnonymityThresholds, TimeStampedModel
from elan.core.vocabulary import InnovationSkill
from elan.skills.models import multilingual_field
from elan.skills.multilingual import localize


class ResponseScale(models.Model):
    """A rating scale with a label (anchor) for every point, in every language."""

    wagtail_reference_index_ignore = True

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = multilingual_field(_("name"))
    minimum = models.PositiveSmallIntegerField(_("lowest value"), default=1)
    maximum = models.PositiveSmallIntegerField(_("highest value"), default=5)
    anchors = models.JSONField(
        _("anchors"),
        default=dict,
        help_text=_('One label per point: {"1": {"en": "…"}, "2": {…}}.'),
    )

    class Meta:
        verbose_name = _("response scale")
        verbose_name_plural = _("response scales")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(maximum__gt=models.F("minimum")), name="scale_goes_up"
            )
        ]

    def __str__(self) -> str:
        return localize(self.name).text

    @property
    def values(self) -> range:
        return range(self.minimum, self.maximum + 1)

    def anchor(self, value: int, language: str | None = None):
        return localize(self.anchors.get(str(value), {}), language)


class Instrument(TimeStampedModel):
    """A questionnaire: items grouped into subscales, each subscale measuring one competency."""

    wagtail_reference_index_ignore = True

    slug = models.SlugField(_("slug"), max_length=80)
    version = models.CharField(_("version"), max_length=20, default="1.0")
    title = multilingual_field(_("title"))
    introduction = multilingual_field(_("introduction"), required=False)
    framework = models.ForeignKey(
        "skills.Framework",
        on_delete=models.PROTECT,
        related_name="instruments",
        verbose_name=_("framework"),
    )
    scale = models.ForeignKey(
        ResponseScale, on_delete=models.PROTECT, related_name="instruments", verbose_name=_("scale")
    )
    items_per_page = models.PositiveSmallIntegerField(_("statements per step"), default=6)
    estimated_minutes = models.PositiveSmallIntegerField(_("minutes it takes"), default=6)
    # A subscale is scored only when at least this share of its items was answered.
    complete_numerator = models.PositiveSmallIntegerField(_("completeness: numerator"), default=2)
    complete_denominator = models.PositiveSmallIntegerField(
        _("completeness: denominator"), default=3
    )
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=60, default="CC-BY-SA-4.0")
    credits = multilingual_field(_("credits"), required=False)
    is_active = models.BooleanField(_("open for new assessments"), default=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="one_instrument_per_version"),
            models.CheckConstraint(
                condition=models.Q(complete_denominator__gte=models.F("complete_numerator"))
                & models.Q(complete_numerator__gt=0),
                name="completeness_is_a_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{localize(self.title).text} ({self.version})"


class Subscale(models.Model):
    wagtail_reference_index_ignore = True

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="subscales", verbose_name=_("instrument")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    name = multilingual_field(_("name"))
    competency = models.ForeignKey(
        "skills.Competency",
        on_delete=models.PROTECT,
        related_name="subscales",
        verbose_name=_("competency measured"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("subscale")
        verbose_name_plural = _("subscales")
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "slug"], name="subscale_slug_per_instrument"
            )
        ]

    def __str__(self) -> str:
        return localize(self.name).text


class Item(models.Model):
    wagtail_reference_index_ignore = True

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="items", verbose_name=_("instrument")
    )
    subscale = models.ForeignKey(
        Subscale, on_delete=models.CASCADE, related_name="items", verbose_name=_("subscale")
    )
    code = models.SlugField(_("code"), max_length=40)
    text = multilingual_field(_("statement"))
    reverse = models.BooleanField(
        _("reverse-scored"),
        default=False,
        help_text=_("Agreeing shows less of the skill, so the answer is mirrored when scored."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="item_code_per_instrument")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {localize(self.text).text}"


class Assessment(TimeStampedModel):
    """One person's self-assessment with one instrument, from start to submission.

    ``token`` comes from the start form: a double click or a replayed form carries the same
    token, and the unique constraint makes it one assessment. ``scores`` is a snapshot taken on
    submission, so the history means what it meant even if the item bank changes later.
    """

    wagtail_reference_index_ignore = True

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("owner"),
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("instrument"),
    )
    token = models.UUIDField(_("idempotency token"), unique=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.IN_PROGRESS,
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    current_step = models.PositiveSmallIntegerField(_("current step"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    included_in_evaluation_at = models.DateTimeField(
        _("added to the performance evaluation at"),
        null=True,
        blank=True,
        help_text=_("Set only by the owner; nothing else ever sets it."),
    )

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "instrument"],
                condition=models.Q(status="in_progress"),
                name="one_open_assessment_per_instrument",
            ),
            models.CheckConstraint(
                condition=models.Q(status="in_progress", submitted_at__isnull=True)
                | models.Q(status="submitted", submitted_at__isnull=False),
                name="submitted_assessments_have_a_date",
            ),
        ]
        indexes = [models.Index(fields=["owner", "status", "-submitted_at"])]

    def __str__(self) -> str:
        return f"{self.owner} – {self.instrument} ({self.get_status_display()})"

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


class Answer(models.Model):
    wagtail_reference_index_ignore = True
    # The owner is on the assessment; the register must still answer for every answer.
    holds_personal_data = True

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="answers", verbose_name=_("item")
    )
    value = models.PositiveSmallIntegerField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item.code}={self.value}"


class Share(models.Model):
    """Read-only access to a person's profile and plan, given by that person, until revoked.

    Rows are never reused or deleted: sharing again makes a new row, so the rows are the history
    of who could read the profile, and when.
    """

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile_shares",
        verbose_name=_("owner"),
    )
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profiles_shared_with_me",
        verbose_name=_("shared with"),
    )
    kind = models.CharField(_("as"), max_length=16, choices=ShareKind.choices)
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("sharing ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("profile share")
        verbose_name_plural = _("profile shares")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "grantee"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_open_share_per_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("grantee")), name="no_share_with_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} → {self.grantee} ({self.get_kind_display()})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ProfileEvent(models.Model):
    """Append-only history of the owner's choices about who sees the profile."""

    wagtail_reference_index_ignore = True

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile_events",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("what happened"), max_length=32, choices=ProfileEventKind.choices)
    share = models.ForeignKey(
        Share, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("share")
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("assessment")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("profile event")
        verbose_name_plural = _("profile events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.owner}: {self.get_kind_display()} ({self.at:%Y-%m-%d})"


class PlanStep(TimeStampedModel):
    """One of the (at most three active) next steps a person picked from the suggestions.

    The suggestion is kept as a key (re-rendered in the reader's language when it is one of
    Elan's own) plus a snapshot of its title and link (for hub items, whose text lives there).
    """

    wagtail_reference_index_ignore = True

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="plan_steps",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SuggestionKind.choices)
    skill = models.CharField(_("skill"), max_length=40, choices=InnovationSkill.choices)
    suggestion_key = models.CharField(_("suggestion"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    title_language = models.CharField(_("language of the title"), max_length=8, default="en")
    url = models.CharField(_("link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    # The owner's own target, optional: a plan without dates is still a plan. Set only through
    # ``services.plan_step_set_due``, which keeps it between today and a year ahead.
    due_on = models.DateField(_("target date"), null=True, blank=True)
    source_assessment = models.ForeignKey(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_steps",
        verbose_name=_("from the assessment"),
    )

    class Meta:
        verbose_name = _("development step")
        verbose_name_plural = _("development steps")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STEP_STATUSES

    @property
    def is_overdue(self) -> bool:
        """Past its target date and not finished: the day itself still counts as on time."""
        return self.is_active and self.due_on is not None and self.due_on < timezone.localdate()


class PlanStepEvent(models.Model):
    """Append-only history of a step's status: progress is the sequence of these rows."""

    wagtail_reference_index_ignore = True
    holds_personal_data = True  # the owner is on the step

    step = models.ForeignKey(
        PlanStep, on_delete=models.CASCADE, related_name="events", verbose_name=_("step")
    )
    from_status = models.CharField(_("from"), max_length=16, choices=StepStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=StepStatus.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("step event")
        verbose_name_plural = _("step events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.step}: {self.from_status or '–'} → {self.to_status}"


class TeamMixConsent(models.Model):
    """A person's choice to count in their team's skill mix. Off until they choose it.

    Rows are never reused or deleted (like ``Share``): choosing again makes a new row, and
    withdrawing sets ``withdrawn_at``, so the rows plus ``ProfileEvent`` are the history of the
    choice. Either way it takes effect at the next snapshot (``TeamMixPeriod``): a snapshot
    already taken is not recomputed. Purpose: counting the person's latest self-assessment in
    the team's averages; erased with the account.
    """

    wagtail_reference_index_ignore = True

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_mix_consents",
        verbose_name=_("person"),
    )
    given_at = models.DateTimeField(_("included since"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("included until"), null=True, blank=True)

    class Meta:
        verbose_name = _("choice to count in the team's skill mix")
        verbose_name_plural = _("choices to count in the team's skill mix")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_open_team_mix_consent_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.owner} ({self.given_at:%Y-%m-%d})"


class TeamMixPeriod(AnonymityThresholds):
    """The snapshot of every team's skill mix for one month, with its thresholds locked.

    Taken once per month (``team.snapshot_take``, by ``assessments_daily``) from the people who
    chose to be included then; the team pages read only its ``TeamMixGroup`` rows, never the
    self-assessments. ``members`` (account id, unit path) and ``chart`` (unit code, path) are what
    the guard needs to check later months against this one: a figure shown once can be
    subtracted from any later one. ``holds_personal_data``: ``members`` names accounts; erasing
    an account replaces its id with a number that names nobody (``team.erase_team_mix``).
    """

    wagtail_reference_index_ignore = True
    holds_personal_data = True

    starts_on = models.DateField(_("month"), unique=True)
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="team_mix_periods",
        verbose_name=_("instrument"),
    )
    chart = models.JSONField(_("organisation chart"), default=list)
    members = models.JSONField(_("people counted"), default=list)

    class Meta:
        verbose_name = _("team skill mix snapshot")
        verbose_name_plural = _("team skill mix snapshots")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m}"


class TeamMixGroup(models.Model):
    """The guard's decision for one unit (and everything below it) in one month's snapshot:
    its averages per skill and how many people, or why it is hidden. A unit without a row had
    nobody included ("too few")."""

    wagtail_reference_index_ignore = True

    period = models.ForeignKey(
        TeamMixPeriod, on_delete=models.CASCADE, related_name="groups", verbose_name=_("month")
    )
    unit_code = models.CharField(_("unit"), max_length=64)
    released = models.BooleanField(_("shown"), default=False)
    reason = models.CharField(_("why hidden"), max_length=32, blank=True)
    n = models.PositiveIntegerField(_("people"), null=True, blank=True)
    figures = models.JSONField(_("averages per skill"), default=dict, blank=True)

    class Meta:
        verbose_name = _("team skill mix")
        verbose_name_plural = _("team skill mixes")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit_code"], name="one_mix_per_unit_and_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_code} {self.period}"
