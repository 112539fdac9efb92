# SPDX-License-Identifier: EUPL-1.2
"""Survey campaigns, who was invited and who took part, what was answered, and the guard's
published decisions.

The privacy model in one paragraph (docs/privacy-insights.md has the long form). *Who took
part* (``Participation``: a person, a round, the day they answered) is stored apart from *what
was answered* (``Response`` and ``Answer``). A response row holds no user, no IP address and no
time finer than the day; only the group keys worked out when the round opened, coarsened so that
each stored combination (unit code, language, level band) is shared by at least the campaign's
minimum of invited people (``elan.core.anonymity.coarsening``). Its primary key is a random UUID,
so no counter ties it to the participation row written in the same transaction. *Who was invited
where* (``Invitee``, under a pseudonym that is the same in every round of a campaign) is what the
guard counts invited people and joiners and leavers with; it never says who answered. Reports
never read responses directly: when a round closes, the anonymity guard decides once, over every
group anyone could see in every round, and its decisions are stored in ``GroupResult``; every
page, export and API call reads those.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.models import AnonymityThresholds, AppendedEvent
from elan.insights.constants import (
    ACTION_TITLE_MAX,
    CampaignStatus,
    CheckStatus,
    GroupFamily,
    InstrumentCode,
    Scope,
)
from elan.organisations.models import Unit
from elan.skills.multilingual import LocalizedText, language_codes, localize

CAMPAIGN_TITLE_MAX_LENGTH = 200
CAMPAIGN_DESCRIPTION_MAX_LENGTH = 2000


def default_team_first_days() -> int:
    return settings.INSIGHTS_TEAM_FIRST_DAYS


def _validate_texts(value, *, max_length: int) -> None:
    if not isinstance(value, dict) or any(not isinstance(t, str) for t in value.values()):
        raise ValidationError(_("Give the text as an object of language codes and texts."))
    unknown = sorted(set(value) - set(language_codes()))
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."), params={"codes": ", ".join(unknown)}
        )
    if any(len(text) > max_length for text in value.values()):
        raise ValidationError(
            _("Keep each language's text to %(max)s characters."), params={"max": max_length}
        )


def validate_campaign_titles(value) -> None:
    """A title in at least one language; no language is required, unlike the shipped content
    (English there is the fallback): HR writes in the languages its people read."""
    _validate_texts(value, max_length=CAMPAIGN_TITLE_MAX_LENGTH)
    if not any(text.strip() for text in value.values()):
        raise ValidationError(_("Give the campaign a title in at least one language."))


def validate_campaign_descriptions(value) -> None:
    _validate_texts(value, max_length=CAMPAIGN_DESCRIPTION_MAX_LENGTH)


class Campaign(AnonymityThresholds):
    """A survey run for a unit and everything below it, in one or more rounds.

    Purpose: measure team climate or innovation in units, for the teams themselves first.
    Retention: the campaign and its published aggregates are kept; see Response for answers.

    Its title and description are written per language, as ``{"nl": ..., "fr": ...}`` objects
    like the frameworks' texts (elan.skills.multilingual): each reader, and each invitation
    e-mail, gets its own language, else English, else any language written.
    """

    titles = models.JSONField(
        _("title in each language"), default=dict, validators=[validate_campaign_titles]
    )
    descriptions = models.JSONField(
        _("description in each language"),
        default=dict,
        blank=True,
        validators=[validate_campaign_descriptions],
    )
    instrument = models.CharField(
        _("questionnaire"),
        max_length=32,
        choices=InstrumentCode.choices,
        default=InstrumentCode.CLIMATE,
    )
    instrument_version = models.PositiveSmallIntegerField(_("questionnaire version"), default=1)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("The survey covers this unit and every unit below it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    opens_on = models.DateField(_("first round opens on"))
    closes_on = models.DateField(_("first round closes on"))
    planned_rounds = models.PositiveSmallIntegerField(
        _("number of rounds"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    round_interval_days = models.PositiveSmallIntegerField(
        _("days between rounds"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
    )
    team_first_days = models.PositiveSmallIntegerField(
        _("days a team sees its results first"), default=default_team_first_days
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    # A random key drawn when the first round opens: it turns a person into the same pseudonym
    # in every round of this campaign (Invitee), and into a different one in any other campaign.
    population_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def localized_title(self) -> LocalizedText:
        """The title in the active language or its fallback, saying which language it is in
        (``{% localized campaign.localized_title %}`` marks a fallback with ``lang``)."""
        return localize(self.titles)

    @property
    def localized_description(self) -> LocalizedText:
        return localize(self.descriptions)

    @property
    def title(self) -> str:
        """The title as plain text in the active language: an e-mail rendered in the invitee's
        language (``translation.override``) gets the invitee's title."""
        return self.localized_title.text

    @property
    def description(self) -> str:
        return self.localized_description.text

    @property
    def round_length(self) -> datetime.timedelta:
        return max(self.closes_on - self.opens_on, datetime.timedelta(days=1))


class CampaignEvent(AppendedEvent):
    """Append-only history of a campaign's life cycle: its creation and every move, with the
    round a move opened or closed. Rows are never changed; ``by`` is forgotten when that
    person's account is erased."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="events", verbose_name=_("campaign")
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=CampaignStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=CampaignStatus.choices)
    round_number = models.PositiveSmallIntegerField(_("round"), null=True, blank=True)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("campaign event")
        verbose_name_plural = _("campaign events")

    def __str__(self) -> str:
        return f"{self.campaign}: {self.from_status or '–'} → {self.to_status}"


class Round(models.Model):
    """One wave of a campaign. The chart is snapshotted when it opens, so that reports keep
    using the groups people answered in, even after the organisation chart changes."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("campaign")
    )
    number = models.PositiveSmallIntegerField(_("round"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # [[unit code, materialised path], ...] of the campaign's subtree when the round opened. The
    # paths only say which unit lies below which in this snapshot; units are always compared by
    # code, since treebeard renumbers paths when a unit is added or moved.
    chart = models.JSONField(_("organisation chart at opening"), default=list, blank=True)
    # Codes of the units answers are stored with (each with at least min_group invited people),
    # and of the units whose subtree is not stored whole (elan.core.anonymity.coarsening); both
    # are worked out from the invited people when the round opens, never from the answers.
    pooled_units = models.JSONField(default=list, blank=True, editable=False)
    partial_units = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="one_round_number"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.number}"

    @property
    def goes_up_on(self) -> datetime.date | None:
        """The day the results go up the line whatever the team decided."""
        if self.closed_on is None:
            return None
        return self.closed_on + datetime.timedelta(days=self.campaign.team_first_days)


class Participation(models.Model):
    """Who was invited to a round and whether they answered: for invitations, reminders and
    turnout only. Nothing here says what anyone answered, and nothing in Response points here.

    Purpose: send invitations and reminders; count turnout. Retention: ``responded_on`` is
    coarsened to the closing day when the round closes; rows are deleted
    ``INSIGHTS_PARTICIPATION_RETENTION_DAYS`` after that (docs/privacy-insights.md).
    """

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="participations", verbose_name=_("round")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    # The person's own unit when the round opened, for the preview of who will see what. The
    # keys stored with the answer are the coarser ones of Invitee.
    unit_code = models.CharField(max_length=64)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    responded_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            # One answer per person and round, whatever the browser does (double submit).
            models.UniqueConstraint(fields=["round", "user"], name="one_participation_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.user_id}"


class Invitee(models.Model):
    """Who was invited where in a round: the population the guard protects.

    One row per invited person, with the keys their answer would be stored with (coarsened so
    that each combination is shared by at least ``min_group`` people) under a pseudonym, a keyed
    hash of the account that is the same in every round of the campaign. The guard reads these
    rows to count invited people (response rates) and to follow the same people from one round
    to the next (joiners, leavers, stayers; docs/adr/0011). Nothing here says whether the person
    answered, and nothing in Response points here.

    Purpose: protect counts, rates and trends. Retention: with the campaign (its published
    figures were decided against these people).
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitees")
    pseudonym = models.BigIntegerField()
    unit_code = models.CharField(max_length=64)
    language = models.CharField(max_length=8, blank=True)
    grade_band = models.CharField(max_length=2, blank=True)

    class Meta:
        verbose_name = _("invited person (pseudonymous)")
        verbose_name_plural = _("invited people (pseudonymous)")
        constraints = [
            models.UniqueConstraint(fields=["round", "pseudonym"], name="one_invitee_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.unit_code}"


class Response(models.Model):
    """One anonymous answer set. No user, no IP address, no time finer than the day.

    The primary key is a random UUID: an auto-increment would rank responses in the order
    they came in, next to participations answered on the same day. Purpose: the aggregates of
    the campaign. Retention: ``INSIGHTS_RESPONSE_RETENTION_DAYS`` (3 years) after the round
    closed; the published aggregates (GroupResult) are kept.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    # The stored keys of the person's Invitee row: a unit code (the person's unit, or the lowest
    # unit above it with enough invited people) and the attributes enough people share.
    unit_code = models.CharField(max_length=64)
    language = models.CharField(max_length=8, blank=True)
    grade_band = models.CharField(max_length=2, blank=True)
    answered_on = models.DateField()
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("anonymous response")
        verbose_name_plural = _("anonymous responses")
        indexes = [models.Index(fields=["round", "unit_code"])]

    def __str__(self) -> str:
        return str(_("anonymous response"))


class Answer(models.Model):
    """One scored answer of a response: the item, the measure it counts towards, the score."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=64)
    measure = models.CharField(max_length=64)
    value = models.SmallIntegerField()
    score = models.FloatField()

    class Meta:
        verbose_name = _("anonymous answer")
        verbose_name_plural = _("anonymous answers")

    def __str__(self) -> str:
        return self.item


class GroupResult(models.Model):
    """The guard's decision for one group of one round, frozen when the round closed.

    Storing the decision (rather than re-running the guard per page) means every page, export
    and API call, today and next year, shows the same groups: comparing two outputs can never
    reveal what one of them hid. Suppressed rows carry no count and no figures.

    ``figures`` holds the mean of each measure and the response rate; ``favourable`` the share
    of favourable answers of each measure scored on the agreement scale (4 or 5 once reversed
    statements are keyed back, ``constants.FAVOURABLE_FROM``). Both are computed when the round
    closes, for released groups only, and both are emptied when a group is hidden.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    family = models.CharField(max_length=16, choices=GroupFamily.choices)
    scope = models.CharField(max_length=16, choices=Scope.choices)
    unit_code = models.CharField(max_length=64)
    unit_path = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField(default=0)
    attribute = models.CharField(max_length=32, blank=True)
    value = models.CharField(max_length=32, blank=True)
    released = models.BooleanField(default=False)
    reason = models.CharField(max_length=32, blank=True)
    n = models.PositiveIntegerField(null=True, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    favourable = models.JSONField(_("share of favourable answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("published group result")
        verbose_name_plural = _("published group results")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "family", "scope", "unit_code", "attribute", "value"],
                name="one_result_per_group",
            ),
        ]
        indexes = [models.Index(fields=["round", "family", "scope", "attribute", "value"])]

    def __str__(self) -> str:
        return f"{self.round} {self.family} {self.scope} {self.unit_code} {self.attribute}"


class Release(models.Model):
    """What a team chose to share up the line before the team-first period ended.

    Parts only ever grow: once shared, a figure stays shared. Each share appends a
    ``ReleaseEvent``.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="releases")
    unit_code = models.CharField(max_length=64)
    parts = models.JSONField(default=list, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    released_on = models.DateField()
    note = models.TextField(_("message for up the line"), blank=True)

    class Meta:
        verbose_name = _("team release")
        verbose_name_plural = _("team releases")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit_code"], name="one_release_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.round or '-'} {self.unit_code}"


class ReleaseEvent(models.Model):
    """Append-only history of a release: who shared which parts on which day. Rows are never
    changed; ``by`` is forgotten when that person's account is erased."""

    wagtail_reference_index_ignore = True

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="events", verbose_name=_("team release")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    on = models.DateField(_("on"))
    # The parts this share asked for (measure codes, "comments"), sorted.
    added = models.JSONField(_("parts shared"), default=list)

    class Meta:
        verbose_name = _("team release event")
        verbose_name_plural = _("team release events")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.release} {self.on}: {', '.join(self.added)}"


class ActionPlan(models.Model):
    """Up to three actions a team picked after a round, for its weakest measures; or, without a
    round, the team's standing plan, which gathers the actions the team decides elsewhere (its
    retrospectives), so that one list holds everything the team committed to
    (docs/adr/0019-retrospective-actions-join-the-team-plan.md)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="action_plans"
    )
    unit_code = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit_code"], name="one_plan_per_unit"),
            models.UniqueConstraint(
                fields=["unit_code"],
                condition=models.Q(round__isnull=True),
                name="one_standing_plan_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round or '-'} {self.unit_code}"


class Action(models.Model):
    """One action of a team's plan, with an owner and a check a month later.

    Purpose: follow up on the team's results. Retention: with the campaign; the owner link is
    removed when the owner's account is erased.
    """

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    # Blank for an action of the standing plan: it answers a retrospective, not a measure.
    measure = models.CharField(_("what it works on"), max_length=64, blank=True)
    title = models.CharField(_("action"), max_length=ACTION_TITLE_MAX)
    url = models.CharField(_("link"), max_length=500, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    created_on = models.DateField(_("added on"))
    check_due_on = models.DateField(_("check due on"))
    check_status = models.CharField(
        _("how it went"), max_length=16, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    check_note = models.TextField(_("what the team learned"), blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["created_on", "pk"]

    def __str__(self) -> str:
        return self.title
