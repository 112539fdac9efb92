# SPDX-License-Identifier: EUPL-1.2
"""The retrospectives' vocabulary (issue 20): a board's formats and their columns, its life
cycle, and the bounds the forms and services keep (docs/retrospectives.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from elan.core.lifecycle import Transitions
from elan.insights.constants import ACTION_TITLE_MAX as INSIGHTS_ACTION_TITLE_MAX

TITLE_MAX = 200
COLUMN_TITLE_MAX = 80
CARD_MAX = 500
GROUP_TITLE_MAX = 120
# An action's title is the insights action's own bound.
ACTION_TITLE_MAX = INSIGHTS_ACTION_TITLE_MAX
# A custom board has two to six columns: one is a list, more than six no longer fit a screen.
COLUMNS_MIN = 2
COLUMNS_MAX = 6
# Dot voting: each person spends this many dots on a board, one per card at most.
DEFAULT_DOTS = 3
DOTS_MAX = 10
# A board this full is not a retrospective any more; the cap stops a runaway script, and it
# counts cards, never who wrote them, so that anonymous cards stay anonymous.
CARDS_MAX = 300


class BoardFormat(models.TextChoices):
    START_STOP_CONTINUE = "start_stop_continue", _("Start, stop, continue")
    FOUR_LS = "four_ls", _("The four Ls: liked, learned, lacked, longed for")
    CUSTOM = "custom", _("Your own columns")


# The columns of the ready-made formats, by key: a column's title is shown in the reader's
# language, so it is stored as its key and translated when shown.
# A context of their own: the same English words mean other things elsewhere in Elan.
COLUMN_LABELS = {
    "start": pgettext_lazy("retrospective column", "Start"),
    "stop": pgettext_lazy("retrospective column", "Stop"),
    "continue": pgettext_lazy("retrospective column", "Continue"),
    "liked": pgettext_lazy("retrospective column", "Liked"),
    "learned": pgettext_lazy("retrospective column", "Learned"),
    "lacked": pgettext_lazy("retrospective column", "Lacked"),
    "longed_for": pgettext_lazy("retrospective column", "Longed for"),
}
FORMAT_COLUMNS = {
    BoardFormat.START_STOP_CONTINUE: ("start", "stop", "continue"),
    BoardFormat.FOUR_LS: ("liked", "learned", "lacked", "longed_for"),
    BoardFormat.CUSTOM: (),
}


class BoardStatus(models.TextChoices):
    COLLECTING = "collecting", _("Adding cards")
    VOTING = "voting", _("Dot voting")
    ACTING = "acting", _("Agreeing on actions")
    CLOSED = "closed", _("Closed")


# A retrospective goes forward step by step, and one step back when the team needs it (a card
# it forgot, a vote to redo, an action to add after closing).
BOARD_TRANSITIONS: Transitions[BoardStatus] = {
    BoardStatus.COLLECTING: frozenset({BoardStatus.VOTING}),
    BoardStatus.VOTING: frozenset({BoardStatus.COLLECTING, BoardStatus.ACTING}),
    BoardStatus.ACTING: frozenset({BoardStatus.VOTING, BoardStatus.CLOSED}),
    BoardStatus.CLOSED: frozenset({BoardStatus.ACTING}),
}
# The statuses in which the team's votes are counted and shown: once voting is over.
TOTALS_SHOWN = (BoardStatus.ACTING, BoardStatus.CLOSED)
# Cards are grouped while they are collected and before the votes are in.
GROUPING_STATUSES = (BoardStatus.COLLECTING, BoardStatus.VOTING)
