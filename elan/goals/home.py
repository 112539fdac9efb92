# SPDX-License-Identifier: EUPL-1.2
"""Where the person stands in their evaluation cycle, and what waits for an evaluator, for the
home page (``elan.core.modules``).

The person sees their own cycle: goals to propose, the next talk and its date. An evaluator sees
the goals waiting for their agreement and the talks they have to record, by person; never a
draft. HR sees nothing here: its figures are on the process page.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from elan.core.modules import Audience, DateKind, ModuleState, ModuleStatus, TeamItem
from elan.goals import selectors
from elan.goals.constants import OPEN_CYCLE_STATUSES, Agreement, TalkStatus
from elan.goals.models import Talk

LIMIT = 5


def own_state(user) -> list[ModuleState]:
    cycle = selectors.current_cycle(person=user)
    if cycle is None:
        return [
            ModuleState(
                ModuleStatus.NOT_STARTED,
                _("Set your innovation goals for the evaluation cycle"),
                reverse("goals:home"),
                detail=_("Start from a template: one skill to apply, one result to reach."),
            )
        ]
    page = reverse("goals:cycle", kwargs={"public_id": cycle.public_id})
    states = []
    drafts = cycle.goals.filter(agreement=Agreement.DRAFT).count()
    if drafts:
        states.append(
            ModuleState(
                ModuleStatus.WAITING,
                _("Propose your draft goals to your evaluator"),
                page,
                detail=_("Drafts are yours alone until you propose them."),
            )
        )
    talk = selectors.next_talk(cycle=cycle)
    if talk is not None:
        states.append(
            ModuleState(
                ModuleStatus.IN_PROGRESS,
                _("Prepare this talk: %(talk)s") % {"talk": talk.get_kind_display()},
                reverse("goals:talk", kwargs={"public_id": talk.public_id}),
                date=talk.planned_on,
                date_kind=DateKind.DUE_ON,
            )
        )
    if not states:
        states.append(ModuleState(ModuleStatus.IN_PROGRESS, _("Your evaluation cycle"), page))
    return states


def role_items(user) -> list[TeamItem]:
    """What waits for the viewer as an evaluator: goals to agree and talks to record."""
    items = []
    waiting = (
        selectors.goals_waiting_for(evaluator=user)
        .select_related("cycle__person")
        .order_by("cycle__person__last_name", "pk")
    )
    seen: set[int] = set()
    for goal in waiting:
        if goal.cycle_id in seen or len(seen) >= LIMIT:
            continue
        seen.add(goal.cycle_id)
        person = goal.cycle.person
        items.append(
            TeamItem(
                Audience.TEAM,
                ModuleState(
                    ModuleStatus.WAITING,
                    _("Agree goals with %(name)s")
                    % {"name": person.get_full_name() or person.email},
                    reverse("goals:cycle", kwargs={"public_id": goal.cycle.public_id}),
                ),
            )
        )
    today = timezone.localdate()
    talks = (
        Talk.objects.filter(
            status=TalkStatus.SCHEDULED,
            planned_on__lte=today,
            cycle__status__in=OPEN_CYCLE_STATUSES,
        )
        .filter(cycle__in=selectors.cycles_evaluated_by(evaluator=user).values("pk"))
        .select_related("cycle__person")
        .order_by("planned_on", "pk")[:LIMIT]
    )
    for talk in talks:
        person = talk.cycle.person
        items.append(
            TeamItem(
                Audience.TEAM,
                ModuleState(
                    ModuleStatus.WAITING,
                    _("Record the talk with %(name)s: %(talk)s")
                    % {
                        "talk": talk.get_kind_display(),
                        "name": person.get_full_name() or person.email,
                    },
                    reverse("goals:talk", kwargs={"public_id": talk.public_id}),
                    date=talk.planned_on,
                    date_kind=DateKind.DUE_ON,
                ),
            )
        )
    return items
