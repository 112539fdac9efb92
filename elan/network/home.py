# SPDX-License-Identifier: EUPL-1.2
"""The learning network on the home page (``elan.core.modules``): a link for everyone at the
loop's step "Connect", with where the person stands.

Someone without a profile is invited to create one (nobody is in the network until they opt
in); a paused profile says so; a pair waiting for the person's answer waits for them, with the
day it is due; an accepted pair is in progress. Nobody sees here a pair they are not in.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elan.core.modules import DateKind, ModuleLink, ModuleState, ModuleStatus, module_register
from elan.core.vocabulary import LoopStep
from elan.network import selectors
from elan.network.constants import Answer, MatchStatus
from elan.network.models import Match

LIMIT = 5


def _pair(match: Match) -> str:
    return reverse("network:pair", kwargs={"public_id": match.public_id})


def own_state(user) -> list[ModuleState]:
    profile = selectors.profile_of(owner=user)
    if profile is None:
        return [
            ModuleState(
                ModuleStatus.NOT_STARTED,
                _("Create your network profile"),
                reverse("network:profile"),
                detail=_(
                    "Show your strengths, say what you would like to learn, and find colleagues "
                    "across departments."
                ),
            )
        ]
    if not profile.is_active:
        return [
            ModuleState(
                ModuleStatus.IN_PROGRESS,
                _("Your network profile is paused"),
                reverse("network:home"),
                detail=_("Resume it to take part in programmes and peer help again."),
            )
        ]
    pairs = Match.objects.filter(
        Q(mentee__user=user) | Q(mentor__user=user),
        status__in=(MatchStatus.OFFERED, MatchStatus.ACCEPTED),
    ).select_related("programme", "mentee", "mentor")
    states = []
    for match in pairs.order_by("answer_due", "created_at", "pk")[: LIMIT * 2]:
        side = match.mentee_answer if match.mentee.user_id == user.pk else match.mentor_answer
        if match.status == MatchStatus.OFFERED and side == Answer.WAITING:
            states.append(
                ModuleState(
                    ModuleStatus.WAITING,
                    _("Answer your pair in “%(programme)s”") % {"programme": match.programme},
                    _pair(match),
                    date=match.answer_due,
                    date_kind=DateKind.DECIDE_BY if match.answer_due else None,
                )
            )
        elif match.status == MatchStatus.ACCEPTED:
            states.append(
                ModuleState(
                    ModuleStatus.IN_PROGRESS,
                    _("Your pair in “%(programme)s”") % {"programme": match.programme},
                    _pair(match),
                )
            )
    return states[:LIMIT]


def register() -> None:
    """Announce the module to the home page; called from ``NetworkConfig.ready``."""
    module_register(
        ModuleLink(
            LoopStep.CONNECT,
            gettext_lazy("Learning network"),
            ("network:home",),
            gettext_lazy("Find a mentor or a colleague who can help, across departmental walls."),
            state=own_state,
        )
    )
