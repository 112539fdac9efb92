# SPDX-License-Identifier: EUPL-1.2
"""Experiments on the home page (``elan.core.modules``): a link for everyone at the loop's step
"Try", with where the person stands with their own experiments, and what waits for an answer.

The person sees their own cards (owned or co-owned): a draft to finish, a test under way with
the day its time box ends, or an invitation to try one. A manager sees how many permission
requests wait for their answer, with the team's open items; a data protection officer asked
on Elan sees theirs with their decisions. Nobody sees here a card they could not open.
"""

from __future__ import annotations

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
from elan.experiments import selectors
from elan.experiments.constants import AskWhom, Status

LIMIT = 5


def _detail(experiment) -> str:
    return reverse("experiments:detail", kwargs={"public_id": experiment.public_id})


def own_state(user) -> list[ModuleState]:
    """The person's open cards, soonest time box first; an invitation when they have none."""
    own = selectors.owned_by(viewer=user)
    running = list(own.filter(status=Status.RUNNING).order_by("ends_on", "pk")[:LIMIT])
    states = [
        ModuleState(
            ModuleStatus.IN_PROGRESS,
            _("Your experiment: %(title)s") % {"title": experiment.title},
            _detail(experiment),
            date=experiment.ends_on,
            date_kind=DateKind.DECIDE_BY if experiment.ends_on else None,
        )
        for experiment in running
    ]
    drafts = list(own.filter(status=Status.DRAFT).order_by("-updated_at", "-pk")[: LIMIT - 1])
    states += [
        ModuleState(
            ModuleStatus.IN_PROGRESS,
            _("Finish the card: %(title)s") % {"title": experiment.title},
            _detail(experiment),
            detail=_("A draft is yours alone until you start and share it."),
        )
        for experiment in drafts
    ]
    if not states and not own.exists():
        states.append(
            ModuleState(
                ModuleStatus.NOT_STARTED,
                _("Try a small experiment"),
                reverse("experiments:home"),
                detail=_(
                    "One card: the problem, what you believe, the smallest test, and when to stop."
                ),
            )
        )
    return states


def role_items(user) -> list[TeamItem]:
    """How many permission requests wait for the viewer's answer: a line manager's with the
    team's items, a data protection officer's with their decisions."""
    waiting = list(selectors.requests_waiting_for(viewer=user).order_by("asked_at", "pk"))
    items = []
    for whom, audience in (
        (AskWhom.LINE_MANAGER, Audience.TEAM),
        (AskWhom.DATA_PROTECTION, Audience.ORGANISATION),
    ):
        asked = [request for request in waiting if request.whom == whom]
        if not asked:
            continue
        if len(asked) == 1:
            url = reverse("experiments:permission", kwargs={"public_id": asked[0].public_id})
        else:
            url = reverse("experiments:team")
        items.append(
            TeamItem(
                audience,
                ModuleState(
                    ModuleStatus.WAITING,
                    ngettext(
                        "%(count)s permission request waits for your answer",
                        "%(count)s permission requests wait for your answer",
                        len(asked),
                    )
                    % {"count": len(asked)},
                    url,
                ),
            )
        )
    return items


def register() -> None:
    """Announce the module to the home page; called from ``ExperimentsConfig.ready``."""
    module_register(
        ModuleLink(
            LoopStep.TRY,
            gettext_lazy("Experiments"),
            ("experiments:home",),
            gettext_lazy(
                "Test an idea small and safe, within your mandate, and share what you learnt."
            ),
            state=own_state,
        )
    )
    team_items_register("experiments", role_items)
