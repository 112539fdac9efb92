# SPDX-License-Identifier: EUPL-1.2
"""The learning network: opt-in profiles, mentor programmes and their pairs, the pair's own
meeting log and check-ins, an anonymous end survey, and peer-help introductions.

Who sees what (docs/access.md, docs/network.md):

- a profile is its owner's until they opt in; then its strengths, wishes, languages and
  availability are read by the participants and organisers of the programmes it joined, and by
  colleagues who ask peer help for one of its strengths. A paused profile is read by nobody;
- a pair's meetings and check-in notes are the pair's alone; the organiser sees that they took
  place, never what they say;
- the end survey's answers hold no person: who answered is stored apart (``SurveyParticipation``)
  from what was answered (``SurveyResponse``), which keeps a department and a week, no more.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.models import AppendedEvent
from elan.network.constants import (
    DEFAULT_ANSWER_DAYS,
    INTRO_MESSAGE_MAX,
    MAX_CAPACITY,
    MEETING_NOTE_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    WISH_SENTENCE_MAX,
    Answer,
    Availability,
    CheckInKind,
    Department,
    EventKind,
    MatchStatus,
    Mode,
    ProgrammeStatus,
    Progress,
    Role,
)


class NetworkProfile(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_profile",
        verbose_name=_("owner"),
    )
    wish_sentence = models.CharField(
        _("what I would like to learn, in a sentence"), max_length=WISH_SENTENCE_MAX, blank=True
    )
    languages = models.JSONField(_("working languages"), default=list)
    availability = models.CharField(
        _("availability"),
        max_length=16,
        choices=Availability.choices,
        default=Availability.MONTHLY,
    )
    offers_mentoring = models.BooleanField(_("I am willing to mentor"), default=False)
    mentor_capacity = models.PositiveSmallIntegerField(
        _("how many mentees at once"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    paused_at = models.DateTimeField(_("paused since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("network profile")
        verbose_name_plural = _("network profiles")

    def __str__(self) -> str:
        return str(self.owner)

    @property
    def is_active(self) -> bool:
        return self.paused_at is None


class ProfileStrength(models.Model):
    """A skill of the owner's self-assessment profile that the owner chose to show."""

    profile = models.ForeignKey(NetworkProfile, on_delete=models.CASCADE, related_name="strengths")
    competency = models.ForeignKey(
        "skills.Competency", on_delete=models.CASCADE, related_name="+", verbose_name=_("skill")
    )

    class Meta:
        verbose_name = _("strength")
        verbose_name_plural = _("strengths")
        constraints = [
            models.UniqueConstraint(fields=["profile", "competency"], name="one_strength_per_skill")
        ]

    def __str__(self) -> str:
        return str(self.competency)


class LearningWish(models.Model):
    profile = models.ForeignKey(NetworkProfile, on_delete=models.CASCADE, related_name="wishes")
    competency = models.ForeignKey(
        "skills.Competency", on_delete=models.CASCADE, related_name="+", verbose_name=_("skill")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        ordering = ["rank"]
        verbose_name = _("learning wish")
        verbose_name_plural = _("learning wishes")
        constraints = [
            models.UniqueConstraint(fields=["profile", "rank"], name="one_wish_per_rank"),
            models.UniqueConstraint(fields=["profile", "competency"], name="one_wish_per_skill"),
        ]

    def __str__(self) -> str:
        return str(self.competency)


class Programme(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("what the programme is for"), max_length=TEXT_MAX, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    scope = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("for the people of"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    mode = models.CharField(
        _("matching"), max_length=16, choices=Mode.choices, default=Mode.ORGANISER
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    department_rule = models.CharField(
        _("departments"), max_length=16, choices=Department.choices, default=Department.PREFERRED
    )
    shared_language = models.BooleanField(
        _("mentor and mentee share a working language"), default=True
    )
    grade_gap_min = models.SmallIntegerField(
        _("mentor at least this many levels above the mentee"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-3), MaxValueValidator(3)],
    )
    grade_gap_max = models.SmallIntegerField(
        _("mentor at most this many levels above the mentee"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-3), MaxValueValidator(3)],
    )
    wish_required = models.BooleanField(
        _("the mentor holds one of the mentee's learning wishes"), default=True
    )
    honour_preferences = models.BooleanField(_("honour mentees' ranked preferences"), default=True)
    answer_days = models.PositiveSmallIntegerField(
        _("days a mentor has to answer a request"),
        default=DEFAULT_ANSWER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("mentor programme")
        verbose_name_plural = _("mentor programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def midpoint(self):
        return self.starts_on + timedelta(days=(self.ends_on - self.starts_on).days // 2)


class ProgrammeEvent(AppendedEvent):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=16, choices=EventKind.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    count = models.PositiveIntegerField(_("pairs"), null=True, blank=True)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("programme event")
        verbose_name_plural = _("programme events")


class Participant(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_participations"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    capacity = models.PositiveSmallIntegerField(
        _("mentees at once"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    # Why the last matching left this mentee without a mentor, as codes and counts that the
    # page words in the reader's language (explain.unmatched_explanation).
    diagnosis = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_place_per_programme")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class Preference(models.Model):
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="preferences")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "rank"], name="one_preference_per_rank"),
            models.UniqueConstraint(fields=["mentee", "mentor"], name="one_preference_per_mentor"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor} ({self.rank + 1})"


class Match(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matches")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="as_mentee")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="as_mentor")
    status = models.CharField(
        _("status"), max_length=16, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    mentee_answer = models.CharField(max_length=16, choices=Answer.choices, default=Answer.WAITING)
    mentor_answer = models.CharField(max_length=16, choices=Answer.choices, default=Answer.WAITING)
    # True when a mentee asked this mentor (programmes where mentees choose).
    requested = models.BooleanField(default=False)
    fit = models.IntegerField(_("fit"), default=0)
    # The facts the explanation names (matching.Pair): the skill, languages, departments.
    reasons = models.JSONField(default=dict, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=REASON_MAX, blank=True)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.mentee} – {self.mentor}"


class MatchEvent(AppendedEvent):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("match event")
        verbose_name_plural = _("match events")


class Meeting(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    note = models.CharField(_("what we discussed"), max_length=MEETING_NOTE_MAX)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.held_on}"


class CheckIn(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="check_ins")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("check-in"), max_length=16, choices=CheckInKind.choices)
    progress = models.CharField(_("how it is going"), max_length=16, choices=Progress.choices)
    note = models.CharField(_("a line for your pair"), max_length=MEETING_NOTE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "participant", "kind"], name="one_check_in_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.progress}"


class SurveyParticipation(models.Model):
    """Who answered the end survey: to answer once, and for nothing else."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_survey_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}:{self.user_id}"


class SurveyResponse(models.Model):
    """What was answered: no person, no address, no exact time."""

    # A random key, so that no sequence lines an answer up with its SurveyParticipation row.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="responses")
    # The respondent's department's path in the chart, for figures per unit under the guard.
    unit_path = models.CharField(max_length=255)
    scores = models.JSONField(default=dict)
    comment = models.TextField(max_length=TEXT_MAX, blank=True)
    week = models.DateField(_("week"))

    def __str__(self) -> str:
        return f"{self.programme_id}:{self.week}"


class Introduction(models.Model):
    """A peer-help message: who asked whom about which skill, kept for the sender's limit."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    competency = models.ForeignKey(
        "skills.Competency", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=INTRO_MESSAGE_MAX)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.recipient_id}"
