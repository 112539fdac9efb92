# SPDX-License-Identifier: EUPL-1.2
"""The retrospectives in the personal data download and erasure: named cards and dots go out
and go away; anonymous cards hold nothing of anyone; the boards stay for the team."""

from __future__ import annotations

import pytest

from elan.retrospectives.models import Board, BoardEvent, Card, Vote
from elan.retrospectives.personal_data import erase_retrospectives, export_retrospectives
from elan.retrospectives.tests.factories import BoardFactory, CardFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(personas):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, title="Sprint 9")
    CardFactory(board=board, author=personas.employee, text="Named by Emile")
    CardFactory(board=board, anonymous=True, text="Nobody's")
    other = CardFactory(board=board, author=personas.line_manager, text="Lena's")
    VoteFactory(card=other, voter=personas.employee)
    return board


def test_the_download_holds_the_named_cards_the_dots_and_the_boards_facilitated(board, personas):
    data = export_retrospectives(personas.employee)
    assert [card["card"] for card in data["your_named_cards"]] == ["Named by Emile"]
    assert data["your_dots"] == [{"retrospective": "Sprint 9", "dots": 1}]
    assert data["retrospectives_you_facilitate"] == ["Sprint 9"]
    assert data["your_steps_on_retrospectives"][0]["to"] == "collecting"
    assert "Nobody's" not in str(data) and "Lena's" not in str(data)


def test_erasure_deletes_named_cards_and_dots_and_keeps_the_board_without_its_facilitator(
    board, personas
):
    erase_retrospectives(user=personas.employee, now=None)
    assert set(Card.objects.values_list("text", flat=True)) == {"Nobody's", "Lena's"}
    assert not Vote.objects.exists()
    board = Board.objects.get(pk=board.pk)
    assert board.facilitator is None
    assert not BoardEvent.objects.filter(by=personas.employee).exists()


def test_dots_on_two_boards_of_the_same_title_are_counted_per_board(personas):
    for _ in range(2):
        board = BoardFactory(unit=personas.team, facilitator=personas.team_lead, title="Retro")
        VoteFactory(card=CardFactory(board=board), voter=personas.employee)
    assert export_retrospectives(personas.employee)["your_dots"] == [
        {"retrospective": "Retro", "dots": 1},
        {"retrospective": "Retro", "dots": 1},
    ]
