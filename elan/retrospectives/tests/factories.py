# SPDX-License-Identifier: EUPL-1.2
"""Factories of the retrospectives.

- ``BoardFactory(unit=…, facilitator=…)``: a board made through ``services.board_create``, so
  its columns and first history row exist as in life; start, stop, continue by default, traits
  ``four_ls`` and ``custom`` (columns "Good" and "Better"), and ``status=`` (or the traits
  ``voting``, ``acting``, ``closed``) walks it there step by step through ``board_move``. Left
  out, the unit is a new one and the facilitator a new person placed in it.
- ``CardFactory(board=…, author=…)``: a card in the board's first column (``column=`` for
  another), written straight to the table, whatever the board's step; trait ``anonymous``
  stores no author.
- ``CardGroupFactory(board=…)``, ``VoteFactory(card=…, voter=…)``: a group, a dot.
- ``agree_action(board, owner=…)``: an action agreed through the service, in the team's plan.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from elan.organisations.tests.factories import UnitFactory, person_in
from elan.retrospectives import services
from elan.retrospectives.constants import DEFAULT_DOTS, BoardFormat, BoardStatus
from elan.retrospectives.models import Board, BoardAction, Card, CardGroup, Vote

# The way forward from a new board to each step.
STEPS_TO = {
    BoardStatus.COLLECTING: (),
    BoardStatus.VOTING: (BoardStatus.VOTING,),
    BoardStatus.ACTING: (BoardStatus.VOTING, BoardStatus.ACTING),
    BoardStatus.CLOSED: (BoardStatus.VOTING, BoardStatus.ACTING, BoardStatus.CLOSED),
}


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    unit = factory.SubFactory(UnitFactory)
    facilitator = factory.LazyAttribute(lambda board: person_in(board.unit))
    title = factory.Sequence(lambda n: f"Retrospective {n}")
    format = BoardFormat.START_STOP_CONTINUE
    custom_columns: tuple[str, ...] = ()
    dots_per_person = DEFAULT_DOTS
    held_on = factory.LazyFunction(timezone.localdate)
    status = BoardStatus.COLLECTING

    class Params:
        four_ls = factory.Trait(format=BoardFormat.FOUR_LS)
        custom = factory.Trait(format=BoardFormat.CUSTOM, custom_columns=("Good", "Better"))
        voting = factory.Trait(status=BoardStatus.VOTING)
        acting = factory.Trait(status=BoardStatus.ACTING)
        closed = factory.Trait(status=BoardStatus.CLOSED)

    @classmethod
    def _create(cls, model_class, *args, facilitator, custom_columns=(), status, **kwargs):
        board = services.board_create(by=facilitator, custom_columns=list(custom_columns), **kwargs)
        for step in STEPS_TO[BoardStatus(status)]:
            board = services.board_move(board=board, by=facilitator, to=step)
        return board


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Card

    board = factory.SubFactory(BoardFactory)
    column = factory.LazyAttribute(lambda card: card.board.columns.order_by("position").first())
    text = factory.Sequence(lambda n: f"Card {n}: the stand-up runs long.")
    language = "en"
    author = factory.LazyAttribute(lambda card: card.board.facilitator)

    class Params:
        anonymous = factory.Trait(author=None)


class CardGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CardGroup

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Group {n}")


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    card = factory.SubFactory(CardFactory)
    voter = factory.LazyAttribute(lambda vote: vote.card.board.facilitator)


def agree_action(
    board: Board,
    *,
    owner,
    by=None,
    title: str = "Meeting-free Tuesday afternoons",
    due_on: datetime.date | None = None,
) -> BoardAction:
    """Agree an action on a board at the step "Agreeing on actions", through the service."""
    return services.action_add(
        board=board,
        by=by or board.facilitator,
        title=title,
        owner=owner,
        due_on=due_on or timezone.localdate() + datetime.timedelta(days=30),
    )
