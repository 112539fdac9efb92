# SPDX-License-Identifier: EUPL-1.2
"""Writing retrospectives: a board and its columns, cards, dot votes, groups, the board's
steps, and the actions it agrees, which join the team's plan in insights (docs/retrospectives.md).

Each function takes keyword arguments and checks what the forms cannot: the board's step, the
dots left, that a card belongs to the board. A refusal is a ``ValidationError``, by field when
one field is at fault, which the view shows on the form beside what was typed. Who may call
them is the views' business (``rules.py``).

An anonymous card is written without its author and without a time, and no history row, log
line or count ties it to them.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.insights import services as insights_services
from elan.retrospectives.constants import (
    BOARD_TRANSITIONS,
    CARD_MAX,
    CARDS_MAX,
    COLUMN_TITLE_MAX,
    COLUMNS_MAX,
    COLUMNS_MIN,
    DOTS_MAX,
    FORMAT_COLUMNS,
    GROUP_TITLE_MAX,
    GROUPING_STATUSES,
    TITLE_MAX,
    BoardFormat,
    BoardStatus,
)
from elan.retrospectives.models import (
    Board,
    BoardAction,
    BoardEvent,
    Card,
    CardGroup,
    Column,
    Vote,
)
from elan.retrospectives.selectors import today as _today


def _locked(board: Board) -> Board:
    """The board's row, locked: steps, votes and cards wait for one another."""
    return Board.objects.select_for_update().get(pk=board.pk)


def _required(value: str, *, field: str, message: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    if len(value) > limit:
        raise ValidationError({field: _("Keep it to %(limit)s characters.") % {"limit": limit}})
    return value


@transaction.atomic
def board_create(
    *,
    unit,
    by,
    title: str,
    format: str,
    custom_columns: list[str] | tuple[str, ...] = (),
    dots_per_person: int,
    held_on: datetime.date | None = None,
) -> Board:
    title = _required(
        title, field="title", message=_("Give the retrospective a title."), limit=TITLE_MAX
    )
    if format not in BoardFormat.values:
        raise ValidationError({"format": _("Choose the board's columns.")})
    if not 1 <= dots_per_person <= DOTS_MAX:
        raise ValidationError(
            {"dots_per_person": _("Give each person 1 to %(max)s dots.") % {"max": DOTS_MAX}}
        )
    columns: list[tuple[str, str]]
    if format == BoardFormat.CUSTOM:
        titles = [name.strip() for name in custom_columns if name.strip()]
        if not COLUMNS_MIN <= len(titles) <= COLUMNS_MAX:
            raise ValidationError(
                {
                    "custom_columns": _("Name %(min)s to %(max)s columns, one per line.")
                    % {"min": COLUMNS_MIN, "max": COLUMNS_MAX}
                }
            )
        if any(len(name) > COLUMN_TITLE_MAX for name in titles):
            raise ValidationError(
                {
                    "custom_columns": _("Keep each column's name to %(limit)s characters.")
                    % {"limit": COLUMN_TITLE_MAX}
                }
            )
        if len({name.casefold() for name in titles}) != len(titles):
            raise ValidationError({"custom_columns": _("Give each column a different name.")})
        columns = [("", name) for name in titles]
    else:
        columns = [(key, "") for key in FORMAT_COLUMNS[BoardFormat(format)]]
    board = Board.objects.create(
        unit=unit,
        title=title,
        format=format,
        dots_per_person=dots_per_person,
        facilitator=by,
        held_on=held_on or _today(),
    )
    Column.objects.bulk_create(
        Column(board=board, position=position, key=key, title=name)
        for position, (key, name) in enumerate(columns, start=1)
    )
    BoardEvent.objects.create(board=board, by=by, to_status=board.status)
    return board


@transaction.atomic
def board_move(*, board: Board, by, to: str) -> Board:
    board = _locked(board)
    try:
        ensure_transition(BOARD_TRANSITIONS, board.status, to)
    except TransitionNotAllowed:
        raise ValidationError(
            _("The retrospective cannot go to that step from where it is.")
        ) from None
    BoardEvent.objects.create(board=board, by=by, from_status=board.status, to_status=to)
    board.status = to
    board.save(update_fields=["status"])
    return board


@transaction.atomic
def card_add(*, board: Board, column_id, author, text: str, anonymous: bool, language: str) -> Card:
    """Add a card; an anonymous one is written without its author."""
    board = _locked(board)
    if board.status != BoardStatus.COLLECTING:
        raise ValidationError(_("Cards are added while the team collects them."))
    text = _required(text, field="text", message=_("Write something on the card."), limit=CARD_MAX)
    column = Column.objects.filter(board=board, pk=column_id).first() if column_id else None
    if column is None:
        raise ValidationError({"column": _("Choose a column of this board.")})
    if Card.objects.filter(board=board).count() >= CARDS_MAX:
        raise ValidationError(
            _("The board holds %(max)s cards, its most. Remove some first.") % {"max": CARDS_MAX}
        )
    return Card.objects.create(
        board=board,
        column=column,
        text=text,
        language=language,
        author=None if anonymous else author,
    )


@transaction.atomic
def card_remove(*, card: Card) -> None:
    board = _locked(card.board)
    if board.status != BoardStatus.COLLECTING:
        raise ValidationError(_("Cards are removed while the team collects them."))
    card.delete()


@transaction.atomic
def vote_toggle(*, card: Card, voter) -> bool:
    """Put a dot on the card, or take it back; say whether the card now has the voter's dot."""
    board = _locked(card.board)
    if board.status != BoardStatus.VOTING:
        raise ValidationError(_("Dots are placed while the team votes."))
    removed, _kinds = Vote.objects.filter(card=card, voter=voter).delete()
    if removed:
        return False
    if Vote.objects.filter(card__board=board, voter=voter).count() >= board.dots_per_person:
        raise ValidationError(
            _("You have placed your %(dots)s dots. Take one back to place it elsewhere.")
            % {"dots": board.dots_per_person}
        )
    Vote.objects.create(card=card, voter=voter)
    return True


def card_keys(values) -> list[uuid.UUID]:
    """The card keys among what a form sent; anything else is left out."""
    keys = []
    for value in values:
        try:
            keys.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return keys


@transaction.atomic
def group_create(*, board: Board, title: str, card_ids) -> CardGroup:
    board = _locked(board)
    if board.status not in GROUPING_STATUSES:
        raise ValidationError(_("Cards are grouped before the votes are counted."))
    title = _required(title, field="title", message=_("Name the group."), limit=GROUP_TITLE_MAX)
    ids = set(card_keys(card_ids))
    cards = Card.objects.filter(board=board, pk__in=ids)
    if len(ids) < 2 or cards.count() != len(ids):
        raise ValidationError({"cards": _("Tick at least two cards of this board to group.")})
    group = CardGroup.objects.create(board=board, title=title)
    cards.update(group=group)
    return group


@transaction.atomic
def group_dissolve(*, group: CardGroup) -> None:
    board = _locked(group.board)
    if board.status not in GROUPING_STATUSES:
        raise ValidationError(_("Cards are grouped before the votes are counted."))
    group.delete()


@transaction.atomic
def action_add(*, board: Board, by, title: str, owner, due_on: datetime.date | None) -> BoardAction:
    """Agree an action: it joins the team's plan in insights, linked back to this board, and is
    checked on its due date with the team's other actions."""
    board = _locked(board)
    if board.status != BoardStatus.ACTING:
        raise ValidationError(_("Actions are agreed once the votes are in."))
    if due_on is None:
        raise ValidationError({"due_on": _("Give the action a due date.")})
    try:
        action = insights_services.team_action_add(
            unit_code=board.unit.code,
            by=by,
            title=title,
            owner=owner,
            due_on=due_on,
            url=reverse("retrospectives:board", kwargs={"pk": board.pk}),
            today=_today(),
        )
    except insights_services.InsightsError as error:
        raise ValidationError(
            {error.field: error.message} if error.field else error.message
        ) from None
    return BoardAction.objects.create(board=board, action=action)
