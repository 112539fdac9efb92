# SPDX-License-Identifier: EUPL-1.2
"""Ideas that always get an answer (issue 20; docs/ideas.md).

An idea is posted to a campaign (a question put to a unit and everything below it, between two
dates, with owners) or to a unit's idea box, which is always open and whose owners are the
team leads of that unit. Every idea gets an owner and an answer deadline; every answer has a
reason its author reads.

An anonymous idea stores no author anywhere: its row has no user, its posting leaves no row
that names anyone, and it keeps only the day it was posted, never the time. Its author holds a
private link, shown once; only a hash of the link's token is stored (``token_hash``). The daily
quota is kept apart (``DailyQuota``) as a keyed hash of the person and the day that expires
with the day and is never joined to an idea.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.models import AppendedEvent
from elan.ideas.constants import (
    COMMENT_MAX,
    DEFAULT_ANSWER_WORKED_DAYS,
    DEFAULT_REMINDER_WORKED_DAYS,
    LINK_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    CampaignStatus,
    HistoryKind,
    Status,
)


class IdeaRules(models.Model):
    """What HR sets for an organisation's response clock; units below it follow it. An
    organisation without a row uses the defaults (``selectors.rules_for``)."""

    organisation = models.OneToOneField(
        "organisations.Unit",
        on_delete=models.CASCADE,
        related_name="idea_rules",
        verbose_name=_("organisation"),
    )
    answer_worked_days = models.PositiveSmallIntegerField(
        _("worked days to answer an idea"),
        default=DEFAULT_ANSWER_WORKED_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    reminder_worked_days = models.PositiveSmallIntegerField(
        _("reminder before the deadline, in worked days"),
        default=DEFAULT_REMINDER_WORKED_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("idea rules")
        verbose_name_plural = _("idea rules")

    def __str__(self) -> str:
        return str(self.organisation)


class Campaign(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    question = models.TextField(_("the question"), max_length=TEXT_MAX)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="idea_campaigns",
        verbose_name=_("unit and everything below it"),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="owned_idea_campaigns", verbose_name=_("owners")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "title", "pk"]
        verbose_name = _("idea campaign")
        verbose_name_plural = _("idea campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="idea_campaign_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Idea(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("campaign"),
    )
    # The unit whose idea box the idea was posted to, when it answers no campaign.
    box_unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="box_ideas",
        verbose_name=_("idea box of"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("the idea"), max_length=TEXT_MAX)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    # A named idea's author; always empty for an anonymous one (a constraint holds it).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("author"),
    )
    # SHA-256 of the private link's token, for an anonymous idea only.
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The day only: an exact time could be matched against who was online.
    posted_on = models.DateField(_("posted on"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_ideas",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WAITING
    )
    answer_due = models.DateField(_("answer due on"))
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalated_ideas",
        verbose_name=_("escalated to"),
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX, blank=True)
    covered_by = models.CharField(_("what covers it"), max_length=LINK_MAX, blank=True)
    look_again_on = models.DateField(_("look again on"), null=True, blank=True)
    experiment = models.OneToOneField(
        "experiments.Experiment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
        verbose_name=_("experiment"),
    )
    hidden_reason = models.TextField(_("why it is hidden"), max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["-posted_on", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(campaign__isnull=False, box_unit__isnull=True)
                    | models.Q(campaign__isnull=True, box_unit__isnull=False)
                ),
                name="idea_in_a_campaign_or_a_box",
            ),
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False) | models.Q(author__isnull=True),
                name="anonymous_idea_has_no_author",
            ),
            models.UniqueConstraint(
                fields=["token_hash"],
                condition=~models.Q(token_hash=""),
                name="idea_private_link_unique",
            ),
        ]
        indexes = [models.Index(fields=["status", "answer_due"], name="idea_clock")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)


class IdeaEvent(AppendedEvent):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(_("what"), max_length=16, choices=HistoryKind.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    # For a reminder, the deadline it was about, so that no reminder goes out twice.
    about_date = models.DateField(null=True, blank=True)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("idea history entry")
        verbose_name_plural = _("idea history")


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    supported_on = models.DateField(_("supported on"))

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_support_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.idea}"


class Comment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    # Empty for the reply of an anonymous idea's author, written through the private link.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="idea_comments",
        verbose_name=_("author"),
    )
    by_idea_author = models.BooleanField(_("by the idea's author"), default=False)
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    posted_on = models.DateField(_("posted on"))
    hidden_reason = models.TextField(_("why it is hidden"), max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(author__isnull=False) | models.Q(by_idea_author=True),
                name="idea_comment_has_an_author_or_is_the_ideas",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)


class DailyQuota(models.Model):
    """How many ideas one person posted today, under a keyed hash of the person and the day.
    Never joined to an idea; yesterday's rows are deleted by the daily job."""

    key_hash = models.CharField(max_length=64, unique=True)
    day = models.DateField()
    count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("daily idea quota")
        verbose_name_plural = _("daily idea quotas")

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"
