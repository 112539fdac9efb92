# SPDX-License-Identifier: EUPL-1.2
"""Where the person stands with 360 feedback, and the rater lists waiting for their review, for
the home page (``elan.core.modules``).

The owner sees the state of their own round, never how many raters answered while it is open
(the round page tells them that). A colleague sees the invitations to rate someone that wait
for them; the link itself is in their e-mail and nowhere else. A line manager, or HR within
scope when there is no line manager, sees the rater lists waiting for their review
(``rules.py``: ``feedback.review_raters``).
"""

from __future__ import annotations

import datetime

import rules
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from elan.core.modules import Audience, DateKind, ModuleState, ModuleStatus, TeamItem
from elan.feedback.constants import RoundStatus
from elan.feedback.models import FeedbackRound, Invitation
from elan.organisations.constants import Role
from elan.organisations.selectors import coverage_of

# At most this many items of one kind on the home page; the feedback pages list them all.
LIMIT = 5


def own_state(user) -> list[ModuleState]:
    """The person's latest round (at most one is not closed), and invitations to rate others."""
    day = timezone.localdate()
    states = [_own_round_state(user, day)]
    invitations = (
        Invitation.objects.filter(
            user=user,
            answered=False,
            round__status=RoundStatus.OPEN,
            round__closes_on__gte=day,
        )
        .select_related("round__owner")
        .order_by("round__closes_on", "pk")[:LIMIT]
    )
    for invitation in invitations:
        owner = invitation.round.owner
        states.append(
            ModuleState(
                ModuleStatus.WAITING,
                _("Give %(name)s your 360 feedback")
                % {"name": owner.get_full_name() or owner.email},
                date=invitation.round.closes_on,
                date_kind=DateKind.OPEN_UNTIL,
                detail=_("Use the link in the e-mail you received."),
            )
        )
    return states


def _own_round_state(user, day: datetime.date) -> ModuleState:
    round_ = (
        FeedbackRound.objects.filter(owner=user)
        .order_by("-created_at", "-pk")
        .only("public_id", "status", "closes_on", "closed_at", "owner_id")
        .first()
    )
    if round_ is None:
        return ModuleState(
            ModuleStatus.NOT_STARTED,
            _("Ask colleagues for 360 feedback"),
            reverse("feedback:home"),
            detail=_("They answer the statements of your self-assessment, anonymously."),
        )
    page = reverse("feedback:round", kwargs={"public_id": round_.public_id})
    report = reverse("feedback:report", kwargs={"public_id": round_.public_id})
    if round_.status == RoundStatus.CLOSED or (
        round_.status == RoundStatus.OPEN and day > round_.closes_on
    ):
        done_on = localtime(round_.closed_at).date() if round_.closed_at else round_.closes_on
        return ModuleState(
            ModuleStatus.DONE, _("Your 360 feedback report"), report, done_on, DateKind.DONE_ON
        )
    if round_.status == RoundStatus.OPEN:
        return ModuleState(
            ModuleStatus.IN_PROGRESS,
            _("Your 360 feedback is open for answers"),
            page,
            round_.closes_on,
            DateKind.OPEN_UNTIL,
            _("The report opens when the round closes."),
        )
    if round_.status == RoundStatus.IN_REVIEW:
        return ModuleState(
            ModuleStatus.IN_PROGRESS,
            _("Your rater list is waiting for review"),
            page,
            round_.closes_on,
            DateKind.OPEN_UNTIL,
        )
    return ModuleState(
        ModuleStatus.IN_PROGRESS,
        _("Choose your raters and send the list"),
        page,
        round_.closes_on,
        DateKind.OPEN_UNTIL,
    )


def role_items(user) -> list[TeamItem]:
    """Rater lists waiting for the person's review: as line manager (their team), or as HR for
    people in scope who have no active line manager."""
    waiting = FeedbackRound.objects.filter(status=RoundStatus.IN_REVIEW).exclude(owner=user)
    as_manager = waiting.filter(owner__staff_record__line_manager=user)
    items = _review_items(user, as_manager, Audience.TEAM)
    hr = coverage_of(user=user, role=Role.HR)
    if not hr.is_empty:
        no_manager = Q(owner__staff_record__line_manager__isnull=True) | Q(
            owner__staff_record__line_manager__is_active=False
        )
        as_hr = waiting.filter(no_manager).filter(hr.unit_filter("owner__staff_record__unit__"))
        items += _review_items(user, as_hr, Audience.ORGANISATION)
    return items


def _review_items(user, rounds, audience: Audience) -> list[TeamItem]:
    found = list(rounds.select_related("owner").order_by("created_at", "pk")[: LIMIT + 1])
    items = []
    # The rule decides for each round shown; the query above only narrows the candidates.
    for round_ in found[:LIMIT]:
        if not rules.has_perm("feedback.review_raters", user, round_):
            continue
        owner = round_.owner
        items.append(
            TeamItem(
                audience,
                ModuleState(
                    ModuleStatus.WAITING,
                    _("Review the rater list of %(name)s")
                    % {"name": owner.get_full_name() or owner.email},
                    reverse("feedback:review", kwargs={"public_id": round_.public_id}),
                    detail=_("You see who is asked, never what they answer."),
                ),
            )
        )
    if len(found) > LIMIT:
        items.append(
            TeamItem(
                audience,
                ModuleState(
                    ModuleStatus.WAITING,
                    _("More rater lists waiting for your review"),
                    reverse("feedback:reviews"),
                ),
            )
        )
    return items
