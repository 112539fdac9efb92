# SPDX-License-Identifier: EUPL-1.2
"""Hackathons and innovation sprints: the event, the challenges units bring to it, the
registrations, the mentors and the teams formed from them, the help queue while the event runs,
and each team's result and retrospectives (issue 19, points 1 to 5; team formation in
``formation.py``).

Who sees what (docs/access.md): an event and its challenges are read by every member of staff
once it is open; a registration is its owner's and the organisers'; a team is its members',
its mentor's, its challenge's problem owner's and the organisers', and only once published
for all but the organisers. A help request is its team's, the event's mentors' and the
organisers'; a retrospective is its team's and the organisers'.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.models import AppendedEvent
from elan.events.constants import (
    GROUP_CODE_LENGTH,
    MAX_RANKING,
    MENTOR_CAPACITY_MAX,
    PLACE_MAX,
    TEAM_SIZE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EventKind,
    HelpStatus,
    Kind,
    Mode,
    Status,
)


class Event(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("what the event is for"), max_length=TEXT_MAX, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=PLACE_MAX, blank=True)
    online = models.BooleanField(_("online"), default=False)
    # Codes among settings.LANGUAGES, in that order: the teams' possible working languages.
    languages = models.JSONField(_("languages"), default=list)
    min_team_size = models.PositiveSmallIntegerField(
        _("smallest team"), default=4, validators=[MinValueValidator(1)]
    )
    max_team_size = models.PositiveSmallIntegerField(
        _("largest team"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(TEAM_SIZE_MAX)],
    )
    max_per_unit = models.PositiveSmallIntegerField(
        _("at most this many members of one unit in a team"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    required_skills = models.ManyToManyField(
        "skills.Competency",
        blank=True,
        related_name="+",
        verbose_name=_("skills every team needs"),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_events", verbose_name=_("organisers")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_team_size__lte=models.F("max_team_size")),
                name="event_team_size_bounds",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            ),
            # A place to go to, or online, or both; never neither.
            models.CheckConstraint(
                condition=models.Q(online=True) | ~models.Q(place=""),
                name="event_has_a_place_or_is_online",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventEvent(AppendedEvent):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(_("what"), max_length=16, choices=EventKind.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    count = models.PositiveIntegerField(_("teams"), null=True, blank=True)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("event history entry")
        verbose_name_plural = _("event history")


class Challenge(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="challenges")
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("posted for"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    problem = models.TextField(_("the problem"), max_length=TEXT_MAX)
    # Stays with the team after the event: who takes the result further.
    problem_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="owned_challenges",
        verbose_name=_("problem owner"),
    )
    max_teams = models.PositiveSmallIntegerField(
        _("at most this many teams"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    posted_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["posted_at", "pk"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    # A snapshot taken at registration: the approved strengths the person chose to bring, so
    # that a later self-assessment does not change the teams formed from it.
    strengths = models.ManyToManyField(
        "skills.Competency", blank=True, related_name="+", verbose_name=_("strengths")
    )
    practise = models.ManyToManyField(
        "skills.Competency",
        blank=True,
        related_name="+",
        verbose_name=_("skills I want to practise"),
    )
    languages = models.JSONField(_("languages I can work in"), default=list)
    mode = models.CharField(
        _("how I come"), max_length=16, choices=Mode.choices, default=Mode.FREE_AGENT
    )
    group_code = models.CharField(
        _("group code"), max_length=GROUP_CODE_LENGTH, blank=True, db_index=True
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_event"),
            models.CheckConstraint(
                condition=(
                    models.Q(mode=Mode.FREE_AGENT, group_code="")
                    | (models.Q(mode=Mode.GROUP) & ~models.Q(group_code=""))
                ),
                name="registration_group_code_with_group",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class ChallengeChoice(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="choices")
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="+", verbose_name=_("challenge")
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), validators=[MinValueValidator(1), MaxValueValidator(MAX_RANKING)]
    )

    # The person is reached through the registration.
    holds_personal_data = True

    class Meta:
        ordering = ["rank"]
        verbose_name = _("challenge choice")
        verbose_name_plural = _("challenge choices")
        constraints = [
            models.UniqueConstraint(fields=["registration", "rank"], name="one_choice_per_rank"),
            models.UniqueConstraint(
                fields=["registration", "challenge"], name="one_rank_per_challenge"
            ),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=MAX_RANKING),
                name="choice_rank_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.challenge}"


class Team(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="teams")
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="teams", verbose_name=_("challenge")
    )
    number = models.PositiveSmallIntegerField(_("team number"))
    working_language = models.CharField(
        _("working language"), max_length=8, choices=settings.LANGUAGES
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_event_teams",
        verbose_name=_("mentor"),
    )
    # Why the plan left the team without a mentor, as a code and parameters (formation.Reason)
    # that the organiser's page words; empty when it has one.
    mentor_gap = models.JSONField(_("why no mentor"), default=dict, blank=True)
    # Proposed teams are the organisers' draft; publishing shows them to their members.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="one_team_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.challenge} #{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="team_membership"
    )
    # Why this person is in this team, as codes and parameters (formation.Reason) that the
    # page words in the reader's language.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)

    # The person is reached through the registration.
    holds_personal_data = True

    class Meta:
        ordering = ["team", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return str(self.registration)


class EventMentor(models.Model):
    """A person who offers to mentor teams of an event: as many as ``capacity``, speaking
    ``languages``, holding ``strengths`` (a snapshot, as a registration's)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mentors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_mentoring",
        verbose_name=_("mentor"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("teams I can mentor"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MENTOR_CAPACITY_MAX)],
    )
    strengths = models.ManyToManyField(
        "skills.Competency", blank=True, related_name="+", verbose_name=_("strengths")
    )
    languages = models.JSONField(_("languages I can work in"), default=list)
    volunteered_at = models.DateTimeField(_("volunteered"), auto_now_add=True)

    class Meta:
        ordering = ["volunteered_at", "pk"]
        verbose_name = _("event mentor")
        verbose_name_plural = _("event mentors")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_mentor_offer_per_event"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=MENTOR_CAPACITY_MAX),
                name="mentor_capacity_bounds",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class HelpRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="help_requests")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    # Blank only once its author's account is erased: the request stays for the waiting times.
    question = models.TextField(_("question"), max_length=TEXT_MAX, blank=True)
    skill = models.ForeignKey(
        "skills.Competency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skill it needs"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HelpStatus.choices, default=HelpStatus.WAITING
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.team}: {self.skill}"


class HelpRequestEvent(AppendedEvent):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("help request history entry")
        verbose_name_plural = _("help request history")


class TeamResult(models.Model):
    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="result")
    summary = models.TextField(_("what the team achieved"), max_length=TEXT_MAX)
    # The card the problem owner or a member opened to take the result further. One way only:
    # an experiment has no field for where it came from besides an idea, and experiments sit
    # below events.
    experiment = models.ForeignKey(
        "experiments.Experiment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("experiment card"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("team result")
        verbose_name_plural = _("team results")

    def __str__(self) -> str:
        return str(self.team)


class TeamRetrospective(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="retrospectives")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_retrospectives",
        verbose_name=_("author"),
    )
    went_well = models.TextField(_("what went well"), max_length=TEXT_MAX, blank=True)
    to_change = models.TextField(_("what to change"), max_length=TEXT_MAX, blank=True)
    next_step = models.TextField(_("my next step"), max_length=TEXT_MAX, blank=True)
    written_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["team", "written_at", "pk"]
        verbose_name = _("team retrospective")
        verbose_name_plural = _("team retrospectives")
        constraints = [
            models.UniqueConstraint(fields=["team", "author"], name="one_retrospective_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.author}"
