# SPDX-License-Identifier: EUPL-1.2
"""Reading retrospectives: the teams a person belongs to and their boards, and a board as one
reader sees it (docs/retrospectives.md).

The team's dot votes are counted once voting is over; until then a reader sees only their own
dots, so that nobody votes with the crowd. Nobody ever sees who voted for what.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from elan.insights.selectors import actions_by_pk
from elan.organisations.constants import Role
from elan.organisations.models import Unit
from elan.organisations.selectors import coverage_of, unit_of
from elan.retrospectives.constants import TOTALS_SHOWN, BoardStatus
from elan.retrospectives.models import Board, BoardAction, Card, CardGroup, Column


def today() -> datetime.date:
    return timezone.localdate()


def _team_codes(user) -> list[str]:
    codes = set(coverage_of(user=user, role=Role.TEAM_LEAD).root_codes)
    placed = unit_of(user=user)
    if placed is not None:
        codes.add(placed.code)
    return sorted(codes)


def teams_of(*, user) -> list[Unit]:
    """The units whose retrospectives the person takes part in: where they are placed, and
    those they lead as team lead, in the chart's order."""
    return list(Unit.objects.filter(code__in=_team_codes(user), is_active=True).order_by("path"))


def boards_of(*, units) -> list[Board]:
    """The units' boards, newest first, with how many cards each holds."""
    return list(
        Board.objects.filter(unit__in=units)
        .select_related("unit", "facilitator")
        .annotate(card_count=Count("cards"))
        .order_by("-held_on", "-pk")
    )


def board_for(*, pk: int) -> Board | None:
    return Board.objects.select_related("unit", "facilitator").filter(pk=pk).first()


def card_for(*, pk) -> Card | None:
    return Card.objects.select_related("board__unit").filter(pk=pk).first()


def group_for(*, pk: int) -> CardGroup | None:
    return CardGroup.objects.select_related("board__unit").filter(pk=pk).first()


@dataclass
class CardView:
    card: Card
    votes: int | None
    mine: bool


@dataclass
class ColumnView:
    column: Column
    cards: list[CardView] = field(default_factory=list)


@dataclass
class GroupView:
    group: CardGroup
    cards: list[CardView] = field(default_factory=list)
    votes: int | None = None


@dataclass
class BoardView:
    board: Board
    columns: list[ColumnView]
    groups: list[GroupView]
    dots_used: int
    totals_shown: bool
    actions: list

    @property
    def dots_left(self) -> int:
        return max(self.board.dots_per_person - self.dots_used, 0)

    @property
    def card_count(self) -> int:
        return sum(len(column.cards) for column in self.columns)


def board_view(*, board: Board, user) -> BoardView:
    """The board's columns with their cards (the team's totals once voting is over, the
    reader's own dots always), its groups, and the actions it agreed."""
    totals_shown = board.status in TOTALS_SHOWN
    cards = list(
        Card.objects.filter(board=board)
        .select_related("author", "group")
        .annotate(vote_count=Count("votes"), mine=Count("votes", filter=Q(votes__voter=user)))
        .order_by("pk")
    )
    views = [
        CardView(card, card.vote_count if totals_shown else None, bool(card.mine)) for card in cards
    ]
    if totals_shown:
        views.sort(key=lambda view: -(view.votes or 0))
    columns = [ColumnView(column) for column in board.columns.all()]
    by_column = {column.column.pk: column for column in columns}
    groups = [GroupView(group) for group in board.groups.all()]
    by_group = {group.group.pk: group for group in groups}
    for view in views:
        if view.card.group_id is not None:
            by_group[view.card.group_id].cards.append(view)
        else:
            by_column[view.card.column_id].cards.append(view)
    for group in groups:
        if totals_shown:
            group.votes = sum(view.votes or 0 for view in group.cards)
    if totals_shown:
        groups.sort(key=lambda group: -(group.votes or 0))
    linked = list(BoardAction.objects.filter(board=board).values_list("action_id", flat=True))
    found = actions_by_pk(pks=linked)
    return BoardView(
        board=board,
        columns=columns,
        groups=groups,
        dots_used=sum(1 for view in views if view.mine),
        totals_shown=totals_shown,
        actions=[found[pk] for pk in linked if pk in found],
    )


def open_boards_for(*, user) -> list[Board]:
    """The boards of the person's teams waiting for them: collecting cards or votes."""
    return list(
        Board.objects.filter(
            unit__code__in=_team_codes(user),
            unit__is_active=True,
            status__in=(BoardStatus.COLLECTING, BoardStatus.VOTING),
        )
        .select_related("unit")
        .order_by("held_on", "pk")
    )
