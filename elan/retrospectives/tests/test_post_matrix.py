# SPDX-License-Identifier: EUPL-1.2
"""Every write of the retrospectives, by every persona: the matrix of tests/access_table.py
reads pages, and these pages only take a POST. Outside the team each one answers 404 and writes
nothing; inside, the facilitator's and the team lead's writes answer 403 to the other members.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from elan.retrospectives.models import Board, BoardEvent, Card, CardGroup, Vote
from elan.retrospectives.tests.factories import BoardFactory, CardFactory, CardGroupFactory

pytestmark = pytest.mark.django_db

OUTSIDE = ("hr", "content_editor", "moderator", "administrator", "outsider")


def _writes(board, card, group) -> dict[str, tuple[str, dict, dict]]:
    """Each write: its URL, what it posts, and who of the team may (the others get 403)."""
    everyone = ("employee", "line_manager", "team_lead")
    runners = ("employee", "team_lead")
    return {
        "card_add": (
            reverse("retrospectives:card_add", kwargs={"pk": board.pk}),
            {"column": board.columns.first().pk, "text": "Posted"},
            everyone,
        ),
        "vote": (reverse("retrospectives:vote", kwargs={"pk": card.pk}), {}, everyone),
        "card_remove": (reverse("retrospectives:card_remove", kwargs={"pk": card.pk}), {}, runners),
        "group_add": (
            reverse("retrospectives:group_add", kwargs={"pk": board.pk}),
            {"title": "G", "cards": [card.pk]},
            runners,
        ),
        "group_dissolve": (
            reverse("retrospectives:group_dissolve", kwargs={"pk": group.pk}),
            {},
            runners,
        ),
        "board_move": (
            reverse("retrospectives:board_move", kwargs={"pk": board.pk}),
            {"to": "voting"},
            runners,
        ),
        "action_add": (
            reverse("retrospectives:action_add", kwargs={"pk": board.pk}),
            {"title": "A"},
            runners,
        ),
    }


def _state() -> tuple:
    return (
        list(Board.objects.values_list("status", flat=True)),
        Card.objects.count(),
        Vote.objects.count(),
        CardGroup.objects.count(),
        BoardEvent.objects.count(),
    )


@pytest.mark.parametrize(
    "write",
    ["card_add", "vote", "card_remove", "group_add", "group_dissolve", "board_move", "action_add"],
)
def test_each_write_answers_404_outside_the_team_403_to_members_it_is_not_for(
    write, personas, client_for
):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee)
    card = CardFactory(board=board, author=personas.team_lead)
    group = CardGroupFactory(board=board)
    url, data, allowed = _writes(board, card, group)[write]
    before = _state()
    for name in OUTSIDE:
        assert client_for(name).post(url, data).status_code == 404, name
    assert _state() == before
    for name in ("employee", "line_manager", "team_lead"):
        if name not in allowed:
            assert client_for(name).post(url, data).status_code == 403, name
    assert _state() == before
    assert client_for("visitor").post(url, data).status_code == 302
    assert _state() == before
