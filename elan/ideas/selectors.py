# SPDX-License-Identifier: EUPL-1.2
"""Reads of the ideas (issue 20): who sees which campaign and idea, the owners of a unit's idea
box, the response clock's rules and calendar, similar ideas, and an anonymous idea found by
its private link.

Who sees what (docs/access.md): a campaign and its ideas are read by everyone in the
campaign's unit and below, by its owners, by HR whose role covers the unit, and by moderators;
an idea box's ideas by everyone in the box's organisation. An idea's author, owner and the line
manager it was escalated to always read it.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from elan.goals.calendar import ONE_DAY, add_worked_days, is_worked_day
from elan.goals.selectors import holidays_for
from elan.ideas.constants import (
    CLOCK_STATUSES,
    DEFAULT_ANSWER_WORKED_DAYS,
    DEFAULT_REMINDER_WORKED_DAYS,
    SIMILAR_IDEAS_SHOWN,
    CampaignStatus,
)
from elan.ideas.models import Campaign, Comment, Idea, IdeaEvent, IdeaRules
from elan.organisations.constants import Role
from elan.organisations.models import RoleAssignment, StaffRecord, Unit
from elan.organisations.selectors import ancestor_paths, coverage_of, has_role, unit_of


def today() -> datetime.date:
    return timezone.localdate()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- the response clock -------------------------------------------------------------------------


@dataclass(frozen=True)
class RulesValues:
    answer_worked_days: int = DEFAULT_ANSWER_WORKED_DAYS
    reminder_worked_days: int = DEFAULT_REMINDER_WORKED_DAYS


def rules_for(*, unit: Unit | None) -> RulesValues:
    """The rules of the organisation above ``unit`` (a unit at the top of the chart), else the
    defaults."""
    if unit is None:
        return RulesValues()
    rules = (
        IdeaRules.objects.filter(organisation__path__in=ancestor_paths(unit.path))
        .order_by("-organisation__depth")
        .first()
    )
    if rules is None:
        return RulesValues()
    return RulesValues(
        answer_worked_days=rules.answer_worked_days,
        reminder_worked_days=rules.reminder_worked_days,
    )


def home_unit(idea: Idea) -> Unit:
    """The unit an idea belongs to: its campaign's, or the box's (a constraint holds that it
    has exactly one of them)."""
    if idea.campaign is not None:
        return idea.campaign.unit
    assert idea.box_unit is not None
    return idea.box_unit


@dataclass(frozen=True)
class ClockCalendar:
    """A unit's response clock: its organisation's rules and the days nobody works there, read
    once and then used for as many deadlines as needed."""

    rules: RulesValues
    holidays: frozenset[datetime.date]

    def after(self, start: datetime.date, worked_days: int | None = None) -> datetime.date:
        """``worked_days`` (the answer time by default) after ``start``."""
        days = self.rules.answer_worked_days if worked_days is None else worked_days
        return add_worked_days(start, days, self.holidays)

    def before(self, end: datetime.date, worked_days: int) -> datetime.date:
        """The day ``worked_days`` worked days before ``end``: when the owner is reminded."""
        day, remaining = end, worked_days
        while remaining > 0:
            day -= ONE_DAY
            if is_worked_day(day, self.holidays):
                remaining -= 1
        return day


def calendar_for(*, unit: Unit) -> ClockCalendar:
    """The clock of ``unit``, on the evaluation cycle's calendar: weekends, the shipped federal
    holidays and those of the organisations above it do not count. Two queries."""
    return ClockCalendar(rules=rules_for(unit=unit), holidays=holidays_for(unit=unit))


def deadline_after(*, start: datetime.date, unit: Unit, worked_days: int | None = None):
    return calendar_for(unit=unit).after(start, worked_days)


def deadline_before(*, end: datetime.date, unit: Unit, worked_days: int) -> datetime.date:
    return calendar_for(unit=unit).before(end, worked_days)


# --- campaigns and boxes --------------------------------------------------------------------------


def campaign_for(*, public_id) -> Campaign | None:
    return Campaign.objects.select_related("unit").filter(public_id=public_id).first()


def accepts_ideas(campaign: Campaign, on: datetime.date | None = None) -> bool:
    day = on or today()
    return campaign.status == CampaignStatus.OPEN and campaign.opens_on <= day <= campaign.closes_on


def is_campaign_owner(*, user, campaign: Campaign) -> bool:
    return campaign.owners.filter(pk=user.pk).exists()


def in_unit_subtree(*, user, unit: Unit) -> bool:
    """The person's place on the chart is ``unit`` or below it."""
    own = unit_of(user=user)
    return own is not None and own.path.startswith(unit.path)


def _hr_covers(user, unit: Unit) -> bool:
    return coverage_of(user=user, role=Role.HR).covers(unit)


def may_read_campaign(*, user, campaign: Campaign) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if is_campaign_owner(user=user, campaign=campaign):
        return True
    if campaign.opens_on > today():
        return False
    return (
        in_unit_subtree(user=user, unit=campaign.unit)
        or has_role(user=user, role=Role.MODERATOR)
        or _hr_covers(user, campaign.unit)
    )


def organisation_of(unit: Unit) -> Unit:
    return unit if unit.depth == 1 else unit.get_root()


def may_read_box(*, user, unit: Unit) -> bool:
    """A unit's idea box is read by everyone in its organisation, and by moderators."""
    if not getattr(user, "is_authenticated", False):
        return False
    own = unit_of(user=user)
    root_path = unit.path[: Unit.steplen]
    return (own is not None and own.path.startswith(root_path)) or has_role(
        user=user, role=Role.MODERATOR
    )


def box_owners(*, unit: Unit) -> QuerySet:
    """The team leads of the unit itself; where it has none, those of the nearest unit above
    that has one. The box's owner is a role on the unit, so it follows whoever holds it."""
    holders = RoleAssignment.objects.filter(
        role=Role.TEAM_LEAD, unit__path__in=ancestor_paths(unit.path), user__is_active=True
    ).order_by("-unit__depth", "user_id")
    nearest = holders.values_list("unit__depth", flat=True).first()
    if nearest is None:
        return get_user_model().objects.none()
    ids = holders.filter(unit__depth=nearest).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("pk")


def hr_covering(*, unit: Unit):
    """Someone whose HR role covers ``unit``, the nearest scope first: the last to take an idea
    nobody else can answer."""
    holders = (
        RoleAssignment.objects.filter(role=Role.HR, user__is_active=True)
        .filter(Q(unit__isnull=True) | Q(unit__path__in=ancestor_paths(unit.path)))
        .select_related("user")
        .order_by(F("unit__depth").desc(nulls_last=True), "user_id")
    )
    first = holders.first()
    return first.user if first is not None else None


def unit_by_code(code: str) -> Unit | None:
    return Unit.objects.filter(code=code, is_active=True).first()


def campaigns_for_reader(*, user) -> list[Campaign]:
    """The campaigns the person reads, open ones first."""
    own = unit_of(user=user)
    condition = Q(owners=user)
    if own is not None:
        condition |= Q(unit__path__in=ancestor_paths(own.path), opens_on__lte=today())
    hr = coverage_of(user=user, role=Role.HR)
    if hr.whole_organisation:
        condition |= Q(opens_on__lte=today())
    else:
        for path in hr.root_paths:
            condition |= Q(unit__path__startswith=path, opens_on__lte=today())
    campaigns = (
        Campaign.objects.filter(condition)
        .distinct()
        .select_related("unit")
        .annotate(idea_count=Count("ideas", distinct=True))
    )
    return sorted(
        campaigns,
        key=lambda c: (not accepts_ideas(c), -c.opens_on.toordinal(), c.title, c.pk),
    )


# --- ideas ---------------------------------------------------------------------------------------


def idea_for(*, public_id) -> Idea | None:
    return (
        Idea.objects.select_related("campaign__unit", "box_unit", "owner", "escalated_to")
        .filter(public_id=public_id)
        .first()
    )


def idea_by_token(*, token: str) -> Idea | None:
    if not token or len(token) > 200:
        return None
    return (
        Idea.objects.select_related("campaign__unit", "box_unit", "owner")
        .filter(is_anonymous=True, token_hash=token_hash(token))
        .first()
    )


def answers(*, user, idea: Idea) -> bool:
    """The owner, or the line manager it was escalated to."""
    return user.pk is not None and user.pk in (idea.owner_id, idea.escalated_to_id)


def may_read_idea(*, user, idea: Idea) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if answers(user=user, idea=idea) or (idea.author_id and idea.author_id == user.pk):
        return True
    if idea.campaign is not None:
        return may_read_campaign(user=user, campaign=idea.campaign)
    return may_read_box(user=user, unit=home_unit(idea))


def with_counts(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    return ideas.annotate(
        support_count=Count("supports", distinct=True),
        comment_count=Count("comments", filter=Q(comments__hidden_reason=""), distinct=True),
    )


def listed_ideas(*, campaign: Campaign | None = None, box_unit: Unit | None = None, reader):
    """A campaign's or a box's ideas as its readers see them: hidden ones are left out but for
    moderators, who see them with their reason."""
    ideas = Idea.objects.select_related("owner")
    ideas = ideas.filter(campaign=campaign) if campaign else ideas.filter(box_unit=box_unit)
    if not has_role(user=reader, role=Role.MODERATOR):
        ideas = ideas.filter(Q(hidden_reason="") | Q(author=reader))
    return with_counts(ideas).order_by("-posted_on", "-pk")


def comments_of(*, idea: Idea) -> list[Comment]:
    return list(idea.comments.select_related("author").order_by("pk"))


def history_of(*, idea: Idea) -> list[IdeaEvent]:
    return list(idea.history.select_related("by").order_by("at", "pk"))


def support_count(*, idea: Idea) -> int:
    return idea.supports.count()


def has_supported(*, idea: Idea, user) -> bool:
    return idea.supports.filter(user=user).exists()


def ideas_waiting_for(*, user) -> QuerySet[Idea]:
    """The ideas the person must answer: as owner, or as the line manager it went to."""
    return (
        Idea.objects.filter(status__in=CLOCK_STATUSES)
        .filter(Q(owner=user) | Q(escalated_to=user))
        .select_related("campaign", "box_unit")
        .order_by("answer_due", "pk")
    )


def named_ideas_of(*, user) -> QuerySet[Idea]:
    return Idea.objects.filter(author=user).select_related("campaign", "box_unit")


def line_manager_of(*, person):
    record = StaffRecord.objects.filter(user=person).select_related("line_manager").first()
    return record.line_manager if record and record.line_manager_id else None


# --- similar ideas ------------------------------------------------------------------------------

SEARCH_CONFIGS = {"nl": "dutch", "fr": "french", "de": "german", "en": "english"}


def _words(text: str) -> list[str]:
    return [
        word
        for word in "".join(c if c.isalnum() else " " for c in text.lower()).split()
        if len(word) > 3
    ][:20]


def similar_ideas(*, text: str, language: str, among: QuerySet[Idea]) -> list[Idea]:
    """Ideas like ``text`` among those the person may read, best first. On PostgreSQL, full-text
    search in the person's language (stemming, stop words); on SQLite, which has no stemmer,
    ideas sharing a significant word."""
    words = _words(text)
    if not words:
        return []
    among = among.filter(hidden_reason="")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        config = SEARCH_CONFIGS.get(language, "simple")
        vector = SearchVector("title", weight="A", config=config) + SearchVector(
            "body", weight="B", config=config
        )
        query = SearchQuery(" OR ".join(words), search_type="websearch", config=config)
        found = (
            among.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0.01)
            .order_by("-rank", "-pk")
        )
        return list(found[:SIMILAR_IDEAS_SHOWN])
    condition = Q()
    for word in words:
        condition |= Q(title__icontains=word) | Q(body__icontains=word)
    return list(among.filter(condition).order_by("-pk")[:SIMILAR_IDEAS_SHOWN])


def readable_ideas_like(*, campaign: Campaign | None, box_unit: Unit | None):
    """Where to look for a similar idea: the same campaign, or every box of the organisation."""
    if campaign is not None:
        return Idea.objects.filter(campaign=campaign)
    if box_unit is None:
        return Idea.objects.none()
    root_path = box_unit.path[: Unit.steplen]
    return Idea.objects.filter(box_unit__path__startswith=root_path)


def box_units_of_organisation(*, unit: Unit) -> list[Unit]:
    """Every active unit of the person's organisation, each with its box's ideas that wait for
    an answer, in the chart's order."""
    root_path = unit.path[: Unit.steplen]
    return list(
        Unit.objects.filter(path__startswith=root_path, is_active=True)
        .annotate(
            waiting_count=Count(
                "box_ideas",
                filter=Q(box_ideas__status__in=CLOCK_STATUSES, box_ideas__hidden_reason=""),
            ),
            idea_count=Count("box_ideas", filter=Q(box_ideas__hidden_reason="")),
        )
        .order_by("path")
    )
