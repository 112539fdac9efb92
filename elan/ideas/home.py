# SPDX-License-Identifier: EUPL-1.2
"""Ideas on the home page (``elan.core.modules``): a link for everyone at the loop's step
"Speak up", with where the person stands, and the ideas waiting for a team lead's or a line
manager's answer.

As an author, the person sees their named ideas: each one waiting for its answer (in
progress, with the day the answer is due), or else the last one answered (done, on the day of
its answer). An anonymous idea is never shown: Elan does not know whose it is. They also see the
open campaigns that ask their unit for ideas, until the day each closes, and with none of
these an invitation to speak up. As the owner of a campaign, they see how many of its ideas wait
for their answer, until the earliest deadline.

With the team's open items, a team lead sees the ideas of the idea boxes they own that wait for
their answer, and a line manager (or a team lead above, without one) the ideas escalated to them
past their owner's deadline. Escalated ones come first, so that they are never the ones left
out when there are more than the home page shows (the ideas' home page lists them all); the
portal then orders the team's items by their dates, soonest first, as it does every module's.
The rule ``ideas.answer_idea`` decides for each one shown, so nobody sees here an idea they
could not open.

A few queries, whatever the number of ideas: the person's named ideas, their campaigns' ideas
waiting (one more to count them when there are several), the campaigns asking them, and the
ideas waiting for them as team lead or line manager.
"""

from __future__ import annotations

import rules
from django.db.models import Case, DateField, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from elan.core.modules import (
    Audience,
    DateKind,
    ModuleLink,
    ModuleState,
    ModuleStatus,
    TeamItem,
    module_register,
    team_items_register,
)
from elan.core.vocabulary import LoopStep
from elan.ideas import selectors
from elan.ideas.constants import CLOCK_STATUSES, CampaignStatus, Status
from elan.ideas.models import Campaign, Idea
from elan.organisations.models import StaffRecord

# At most this many items of one kind on the home page; the ideas' home page lists them all.
LIMIT = 5


def _idea_page(idea_public_id) -> str:
    return reverse("ideas:idea", kwargs={"public_id": idea_public_id})


def _waiting_list() -> str:
    return reverse("ideas:home") + "#waiting-heading"


def own_state(user) -> list[ModuleState]:
    """The campaigns' ideas waiting for the person's answer, their own named ideas, and the
    campaigns that ask them for ideas; an invitation to speak up when there is nothing yet."""
    states = _campaign_ideas_to_answer(user)
    authored = _named_ideas(user)
    states += authored
    asking = _campaigns_asking(user)
    states += asking
    if not authored and not asking:
        states.append(
            ModuleState(
                ModuleStatus.NOT_STARTED,
                _("Speak up with an idea"),
                reverse("ideas:home"),
                detail=_(
                    "Your unit's idea box is always open. An idea you post anonymously is not "
                    "shown here: Elan does not know it is yours."
                ),
            )
        )
    return states


def _campaign_ideas_to_answer(user) -> list[ModuleState]:
    """One line for every idea of the person's campaigns that waits for their answer, until
    the earliest deadline. Box ideas and escalated ones are the team's items (``role_items``)."""
    waiting = Idea.objects.filter(
        status__in=CLOCK_STATUSES, owner=user, campaign__isnull=False
    ).exclude(escalated_to=user)
    first = list(waiting.order_by("answer_due", "pk").values_list("public_id", "answer_due")[:2])
    if not first:
        return []
    count = 1 if len(first) == 1 else waiting.count()
    return [
        ModuleState(
            ModuleStatus.WAITING,
            ngettext(
                "%(count)s idea in your campaigns waits for your answer",
                "%(count)s ideas in your campaigns wait for your answer",
                count,
            )
            % {"count": count},
            _idea_page(first[0][0]) if count == 1 else _waiting_list(),
            date=first[0][1],
            date_kind=DateKind.DUE_ON,
            detail=_("Each answer has a reason its author reads."),
        )
    ]


def _named_ideas(user) -> list[ModuleState]:
    """The person's named ideas waiting for an answer, soonest deadline first; with none, the
    last one answered. One query: waiting ideas first, then the most recently answered."""
    waits = Case(When(status__in=CLOCK_STATUSES, then=Value(0)), default=Value(1))
    deadline = Case(When(status__in=CLOCK_STATUSES, then=F("answer_due")), output_field=DateField())
    ideas = list(
        Idea.objects.filter(author=user)
        .annotate(waits=waits, deadline=deadline)
        .order_by(
            "waits",
            F("deadline").asc(nulls_last=True),
            F("answered_on").desc(nulls_last=True),
            "-pk",
        )
        .only("public_id", "title", "status", "answer_due", "answered_on")[:LIMIT]
    )
    waiting = [idea for idea in ideas if idea.status in CLOCK_STATUSES]
    if waiting:
        return [
            ModuleState(
                ModuleStatus.IN_PROGRESS,
                _("Your idea “%(title)s” waits for its answer") % {"title": idea.title},
                _idea_page(idea.public_id),
                date=idea.answer_due,
                date_kind=DateKind.DUE_ON,
            )
            for idea in waiting
        ]
    if not ideas:
        return []
    last = ideas[0]
    return [
        ModuleState(
            ModuleStatus.DONE,
            _("Your idea “%(title)s” has its answer: %(outcome)s")
            % {"title": last.title, "outcome": Status(last.status).label},
            _idea_page(last.public_id),
            date=last.answered_on,
            date_kind=DateKind.DONE_ON if last.answered_on else None,
        )
    ]


def _campaigns_asking(user) -> list[ModuleState]:
    """The open campaigns put to the person's unit or a unit above it, soonest closing first;
    not those they own, nor those they already answered with a named idea."""
    today = selectors.today()
    in_its_units = StaffRecord.objects.filter(
        user=user, unit__path__startswith=OuterRef("unit__path")
    )
    campaigns = (
        Campaign.objects.filter(
            status=CampaignStatus.OPEN, opens_on__lte=today, closes_on__gte=today
        )
        .filter(Exists(in_its_units))
        .exclude(owners=user)
        .exclude(ideas__author=user)
        .order_by("closes_on", "pk")
        .only("public_id", "title", "closes_on")[:LIMIT]
    )
    return [
        ModuleState(
            ModuleStatus.NOT_STARTED,
            _("“%(title)s” asks for your ideas") % {"title": campaign.title},
            reverse("ideas:campaign", kwargs={"public_id": campaign.public_id}),
            date=campaign.closes_on,
            date_kind=DateKind.OPEN_UNTIL,
        )
        for campaign in campaigns
    ]


def role_items(user) -> list[TeamItem]:
    """The ideas waiting for the viewer as a team lead (their boxes' ideas) or as a line
    manager (ideas escalated to them), escalated ones first."""
    escalated_first = Case(
        When(status=Status.ESCALATED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    found = list(
        Idea.objects.filter(status__in=CLOCK_STATUSES)
        .filter(Q(owner=user, box_unit__isnull=False) | Q(escalated_to=user))
        .select_related("owner", "escalated_to", "box_unit")
        .annotate(escalated_first=escalated_first)
        .order_by("escalated_first", "answer_due", "pk")[: LIMIT + 1]
    )
    items = []
    # The rule decides for each idea shown; the query above only narrows the candidates.
    for idea in found[:LIMIT]:
        if not rules.has_perm("ideas.answer_idea", user, idea):
            continue
        items.append(
            TeamItem(
                Audience.TEAM,
                ModuleState(
                    ModuleStatus.WAITING,
                    _label(user, idea),
                    _idea_page(idea.public_id),
                    date=idea.answer_due,
                    date_kind=DateKind.DUE_ON,
                    detail=_detail(user, idea),
                ),
            )
        )
    if len(found) > LIMIT:
        items.append(
            TeamItem(
                Audience.TEAM,
                ModuleState(
                    ModuleStatus.WAITING, _("More ideas wait for your answer"), _waiting_list()
                ),
            )
        )
    return items


def _label(user, idea: Idea) -> str:
    if idea.escalated_to_id == user.pk:
        return _("Answer the idea “%(title)s”, escalated to you") % {"title": idea.title}
    if idea.status == Status.ESCALATED:
        return _("Answer the idea “%(title)s”, past its deadline") % {"title": idea.title}
    return _("Answer the idea “%(title)s”") % {"title": idea.title}


def _name(person) -> str:
    return person.get_full_name() or person.email


def _detail(user, idea: Idea) -> str:
    if idea.escalated_to_id == user.pk:
        if idea.owner is None:
            return _("Its owner did not answer it by its deadline.")
        return _("%(name)s, its owner, did not answer it by its deadline.") % {
            "name": _name(idea.owner)
        }
    if idea.status == Status.ESCALATED:
        if idea.escalated_to is None:
            return ""
        return _("It went to %(name)s, who may answer it too.") % {"name": _name(idea.escalated_to)}
    if idea.box_unit is None:
        return ""
    return _("Posted to the idea box of %(unit)s.") % {"unit": idea.box_unit}


def register() -> None:
    """Announce the module to the home page; called from ``IdeasConfig.ready``."""
    module_register(
        ModuleLink(
            LoopStep.SPEAK_UP,
            gettext_lazy("Ideas"),
            ("ideas:home",),
            gettext_lazy(
                "Speak up with an idea, named or anonymously: every idea gets an owner, a "
                "deadline and an answer with a reason."
            ),
            state=own_state,
        )
    )
    team_items_register("ideas", role_items)
