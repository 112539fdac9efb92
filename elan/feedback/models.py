# SPDX-License-Identifier: EUPL-1.2
"""360 feedback: a round asked for by the owner of a skills profile, its rater links, the
answers, and who the owner lets read the report.

Privacy (docs/access.md, docs/feedback.md):

- an ``Invitation`` knows who was asked and whether they answered, for the link and for
  reminders; the owner is shown counts only. Its ``rater_key`` (a keyed hash of the colleague's
  account, the same in every round of one owner) lets the report guard the owner's rounds
  together without knowing who gave which answers (docs/adr/0011);
- a ``RaterResponse`` holds the answers and has no link to its invitation or to any person:
  it keeps only the rater group and the day. The line manager's answers and those of raters
  from outside the organisation are the exception, attributed by design, and their forms say so;
- the report is private to the owner until the owner shares it (``ReportShare``, revocable).

Purpose and retention: the answers exist so that their owner can compare how others see their
skills with how they see them; they are erased with the owner's account. An invitation's
address, name, link to an account and exact times exist only to send the link and the reminders
and to know who still has to answer. When the round closes (by its owner or by
``feedback_daily``) they are erased (``services.round_erase_rater_details``, recorded as a
``RoundEvent``); what remains until the owner's account is erased is the rater group, whether
the link was used, and the link's fingerprint, so that a closed link still says why it no longer
works.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.models import AnonymityThresholds
from elan.feedback.constants import Relationship, RoundEventKind, RoundStatus


class FeedbackRound(AnonymityThresholds):
    """One 360: the owner's raters answer the instrument of their self-assessment until a date.

    The anonymity thresholds are copied and locked when the round opens, so they cannot be
    lowered once answers come in. The owner first chooses the raters (``DRAFT``); the line
    manager, or HR, reviews the list (``IN_REVIEW``) before the invitations go out (``OPEN``).

    ``rater_secret`` is the owner's random secret for rater keys, the same in each of their
    rounds, stored wrapped (XOR) with a key derived from ``SECRET_KEY`` (``rater_secret_wrap``
    names which one): the database alone cannot recompute a rater key from an account.
    ``rater_secret_id`` (a hash of the secret) says which rounds' keys can be compared.
    """

    wagtail_reference_index_ignore = True

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feedback_rounds",
        verbose_name=_("owner"),
    )
    instrument = models.ForeignKey(
        "assessments.Instrument",
        on_delete=models.PROTECT,
        related_name="feedback_rounds",
        verbose_name=_("instrument"),
    )
    token = models.UUIDField(_("idempotency token"), unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    closes_on = models.DateField(_("closing date"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    rater_secret = models.CharField(_("wrapped rater-key secret"), max_length=64, blank=True)
    rater_secret_wrap = models.CharField(_("wrapping key"), max_length=16, blank=True)
    rater_secret_id = models.CharField(_("rater-key secret id"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("360 feedback round")
        verbose_name_plural = _("360 feedback rounds")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "closes_on"])]

    def __str__(self) -> str:
        return f"{self.owner} – {self.closes_on:%Y-%m-%d} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_draft(self) -> bool:
        return self.status == RoundStatus.DRAFT

    @property
    def in_review(self) -> bool:
        return self.status == RoundStatus.IN_REVIEW

    @property
    def invitations_sent(self) -> bool:
        return self.status in (RoundStatus.OPEN, RoundStatus.CLOSED)


class RoundEvent(models.Model):
    """Append-only history of a round: started, raters added, reviewed, reminders, closed,
    shared. ``note`` holds the reviewer's note when a list is sent back, and why a round went
    out without a review."""

    wagtail_reference_index_ignore = True

    round = models.ForeignKey(
        FeedbackRound, on_delete=models.CASCADE, related_name="events", verbose_name=_("round")
    )
    kind = models.CharField(_("what happened"), max_length=24, choices=RoundEventKind.choices)
    count = models.PositiveIntegerField(_("how many"), default=0)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("round event")
        verbose_name_plural = _("round events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"


class Invitation(models.Model):
    """One rater's link. Only a hash of the link's secret is stored (see ``tokens.py``).

    ``user`` is set for a colleague (an active account with a staff record); an outside rater
    has none and answers in the attributed "outside the organisation" group. ``answered`` makes
    the link single-use; no answer time is kept, so nothing orders the invitations by when
    they were used. Purpose: sending the link and the reminders, counting answers.

    ``rater_key`` is a keyed hash of the colleague's account under the owner's secret: the same
    person has the same key in each of the owner's rounds, so the report can tell who answered
    in which rounds (to guard the rounds together, docs/adr/0011) without knowing who they are
    or which answers are theirs. One invitation per person per round.

    Retention: when the round closes, ``email``, ``name``, ``user``, ``invited_at`` and
    ``reminded_at`` are erased (``services.round_erase_rater_details``): their purpose is over.
    ``relationship`` (the owner's counts per group), ``answered`` (the answer count, and the used
    link's page), ``rater_key`` (the guard over later rounds) and ``token_hash`` (the closed
    link's page) stay until the round is deleted with its owner's account.
    """

    wagtail_reference_index_ignore = True

    round = models.ForeignKey(
        FeedbackRound,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("round"),
    )
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    token_hash = models.CharField(_("link fingerprint"), max_length=64, unique=True)
    relationship = models.CharField(_("relationship"), max_length=16, choices=Relationship.choices)
    email = models.EmailField(_("e-mail address"), blank=True)  # blank once erased
    name = models.CharField(_("name"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_invitations",
        verbose_name=_("colleague"),
    )
    language = models.CharField(_("language of the e-mails"), max_length=8, default="en")
    # When the invitation went out: the reviewer's approval, not when the owner listed them.
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    answered = models.BooleanField(_("answered"), default=False)
    rater_key = models.CharField(_("rater key"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("rater invitation")
        verbose_name_plural = _("rater invitations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "rater_key"],
                condition=~models.Q(rater_key=""),
                name="feedback_one_invitation_per_person",
            ),
            # Erased addresses are blank, and a closed round has several.
            models.UniqueConstraint(
                fields=["round", "email"],
                condition=~models.Q(email=""),
                name="feedback_one_invitation_per_address",
            ),
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(relationship="manager"),
                name="feedback_one_manager_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email or '–'} ({self.get_relationship_display()})"


class RaterResponse(models.Model):
    """One rater's answers. Deliberately unlinked from the invitation and from any person.

    The primary key is a random UUID: an increasing id would rank answers in the order they came
    in, next to the invitations' answer times. ``scores`` is a snapshot taken on submission.
    """

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        FeedbackRound,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("round"),
    )
    relationship = models.CharField(_("rater group"), max_length=16, choices=Relationship.choices)
    language = models.CharField(_("language"), max_length=8, default="en")
    answered_on = models.DateField(_("answered on"))
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("360 response")
        verbose_name_plural = _("360 responses")
        indexes = [models.Index(fields=["round", "relationship"])]

    def __str__(self) -> str:
        return str(_("360 response"))


class RaterAnswer(models.Model):
    """One statement's answer. A random UUID key, like the response's: an increasing id would
    number the answers in the order they came in."""

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        RaterResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    item = models.ForeignKey(
        "assessments.Item",
        on_delete=models.PROTECT,
        related_name="rater_answers",
        verbose_name=_("item"),
    )
    value = models.PositiveSmallIntegerField(_("answer"))

    class Meta:
        verbose_name = _("360 answer")
        verbose_name_plural = _("360 answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "item"], name="feedback_one_answer_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"


class ReportShare(models.Model):
    """Read-only access to one round's report, given by its owner, until revoked.

    Like the profile's ``Share``: rows are never reused or deleted, so they are the history of
    who could read the report, and when.
    """

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        FeedbackRound, on_delete=models.CASCADE, related_name="shares", verbose_name=_("round")
    )
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feedback_reports_shared_with_me",
        verbose_name=_("shared with"),
    )
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("sharing ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report share")
        verbose_name_plural = _("report shares")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "grantee"],
                condition=models.Q(revoked_at__isnull=True),
                name="feedback_one_open_share_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} → {self.grantee}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class QualitySource(models.TextChoices):
    """Where an instrument's answer sets come from, for its psychometrics."""

    SELF_ASSESSMENT = "self", _("Self-assessments")
    FEEDBACK = "360", _("360 feedback")
    SURVEY = "survey", _("Surveys")


class QualitySnapshot(models.Model):
    """One step of an instrument's psychometrics in one organisation: the moments (n, item sums,
    sums of item products per scale) of every answer set taken in so far. HR's page reads only
    these rows, never the answers (docs/feedback.md, "Instrument quality").

    Appended, never changed: each step adds the answer sets that came in since the last one, and
    a step is taken only when they hold at least ``min_step`` new people (the guard's minimum,
    copied when the step is taken), so two looks at the page differ by a group, never by one
    person. Self-assessments count once submitted; 360 answers and survey answers only once
    their round is closed. ``covers_until`` is the moment up to which submissions and closings
    were taken in; ``added_rounds`` lists the survey rounds taken in by this step (survey
    rounds close on a day, not at a moment, so they are tracked by id).

    No person is named: the figures are sums over at least ``PSYCHOMETRICS_MIN_RESPONSES``
    people before anything is shown. Kept while the instrument is in use; the published
    figures outlive the answers' own retention, like survey results.
    """

    wagtail_reference_index_ignore = True

    source = models.CharField(_("source"), max_length=8, choices=QualitySource.choices)
    instrument_key = models.CharField(_("instrument"), max_length=120)
    organisation = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    taken_at = models.DateTimeField(_("taken at"))
    covers_until = models.DateTimeField(_("answers taken in up to"))
    min_step = models.PositiveSmallIntegerField(_("minimum of new people per step"))
    n = models.PositiveIntegerField(_("complete answer sets"))
    step_n = models.PositiveIntegerField(_("complete answer sets added by this step"))
    moments = models.JSONField(_("moments per scale"), default=dict)
    added_rounds = models.JSONField(_("survey rounds added by this step"), default=list)

    class Meta:
        verbose_name = _("instrument quality snapshot")
        verbose_name_plural = _("instrument quality snapshots")
        ordering = ["source", "instrument_key", "organisation", "-taken_at", "-pk"]
        indexes = [
            models.Index(
                fields=["source", "instrument_key", "organisation", "-taken_at"],
                name="feedback_quality_latest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.instrument_key} ({self.taken_at:%Y-%m-%d})"
