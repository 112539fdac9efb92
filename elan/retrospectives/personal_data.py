# SPDX-License-Identifier: EUPL-1.2
"""Retrospectives as personal data: export and erasure (docs/privacy.md).

Registered with the register in elan/core/personal_data.py, which core's ``ready`` fills by
importing every app's ``personal_data`` module.

The download holds the person's **named cards** (board, column, text), **how many dots they
placed** on each board, the boards they facilitate, and the steps they moved boards through.
An anonymous card holds no author, so there is nothing of it to export: Elan does not know whose
it is. The actions they own are in the insights part of the download, where the team's plan
keeps them.

Erasure: their named cards and dots go; the boards they facilitate stay, without a facilitator
(the team lead runs them); the history keeps what happened, no longer by whom.
"""

from __future__ import annotations

from django.db.models import Count

from elan.core.personal_data import register_eraser, register_exporter
from elan.retrospectives.models import Board, BoardEvent, Card, Vote


def export_retrospectives(user) -> dict:
    return {
        "your_named_cards": [
            {"retrospective": card.board.title, "column": card.column.label, "card": card.text}
            for card in Card.objects.filter(author=user)
            .select_related("board", "column")
            .order_by("pk")
        ],
        "your_dots": [
            {"retrospective": title, "dots": dots}
            for _board, title, dots in Vote.objects.filter(voter=user)
            .values_list("card__board", "card__board__title")
            .annotate(dots=Count("pk"))
            .order_by("card__board")
        ],
        "retrospectives_you_facilitate": sorted(
            Board.objects.filter(facilitator=user).values_list("title", flat=True)
        ),
        "your_steps_on_retrospectives": [
            {"retrospective": title, "to": to_status, "at": at.isoformat()}
            for title, to_status, at in BoardEvent.objects.filter(by=user)
            .order_by("at", "pk")
            .values_list("board__title", "to_status", "at")
        ],
    }


def erase_retrospectives(*, user, now) -> None:
    """Delete the person's named cards and dots; keep the boards and their history, without
    them."""
    Card.objects.filter(author=user).delete()
    Vote.objects.filter(voter=user).delete()
    Board.objects.filter(facilitator=user).update(facilitator=None)
    BoardEvent.objects.filter(by=user).update(by=None)


RETROSPECTIVES_MODELS = (
    "retrospectives.Board",
    "retrospectives.BoardEvent",
    "retrospectives.Card",
    "retrospectives.Vote",
)

register_exporter("retrospectives", export_retrospectives, models=RETROSPECTIVES_MODELS)
register_eraser("retrospectives", erase_retrospectives, models=RETROSPECTIVES_MODELS)
