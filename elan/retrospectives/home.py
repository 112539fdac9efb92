# SPDX-License-Identifier: EUPL-1.2
"""Retrospectives on the home page (``elan.core.modules``): a link for everyone at the loop's
step "Speak up", with the team's board that waits for the person's cards
or dots, if one does.

Three queries: the units the person leads and the one they are placed in, and their boards
open for cards or votes.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elan.core.modules import ModuleLink, ModuleState, ModuleStatus, module_register
from elan.core.vocabulary import LoopStep
from elan.retrospectives import selectors
from elan.retrospectives.constants import BoardStatus

# At most this many boards on the home page; the retrospectives' page lists them all.
LIMIT = 3


def own_state(user) -> list[ModuleState]:
    """The open boards of the person's teams, oldest first: add cards, or place dots."""
    return [
        ModuleState(
            ModuleStatus.WAITING,
            (
                _("Add your cards to “%(title)s”")
                if board.status == BoardStatus.COLLECTING
                else _("Place your dots on “%(title)s”")
            )
            % {"title": board.title},
            reverse("retrospectives:board", kwargs={"pk": board.pk}),
        )
        for board in selectors.open_boards_for(user=user)[:LIMIT]
    ]


def register() -> None:
    """Announce the module to the home page; called from ``RetrospectivesConfig.ready``."""
    module_register(
        ModuleLink(
            LoopStep.SPEAK_UP,
            gettext_lazy("Team retrospectives"),
            ("retrospectives:index",),
            gettext_lazy(
                "Look back with your team, with cards that can be anonymous, dot votes and "
                "actions that join the team's plan."
            ),
            state=own_state,
        )
    )
