# SPDX-License-Identifier: EUPL-1.2
"""The retrospectives' pages in the persona × URL matrix (tests/access_table.py).

The matrix board is the personas' team's, facilitated by the employee: the team (the employee,
the line manager and the team lead, who are placed in it) sees it and may start one; everyone
else, HR and the administrator included, gets 404. The index answers everyone logged in, with
their own teams' boards only.
"""

from __future__ import annotations

from tests.access_table import ANSWERED, Row, logged_in_only, only

TEAM = ("employee", "line_manager", "team_lead")
MATRIX_TITLE = "Matrix retrospective"


def matrix_board(p):
    from elan.retrospectives.models import Board
    from elan.retrospectives.tests.factories import BoardFactory

    board = Board.objects.filter(unit=p.team, title=MATRIX_TITLE).first()
    return board or BoardFactory(unit=p.team, facilitator=p.employee, title=MATRIX_TITLE)


def _board(p) -> dict:
    return {"pk": matrix_board(p).pk}


def _card(p) -> dict:
    from elan.retrospectives.tests.factories import CardFactory

    return {"pk": CardFactory(board=matrix_board(p), anonymous=True).pk}


def _group(p) -> dict:
    from elan.retrospectives.tests.factories import CardGroupFactory

    return {"pk": CardGroupFactory(board=matrix_board(p)).pk}


def _team(p) -> dict:
    return {"code": p.team.code}


SCOPE = "the team: its members and its team lead; nobody else learns the board exists"

RETROSPECTIVE_ROWS: dict[str, Row] = {
    "retrospectives:index": Row(logged_in_only(), why="the boards of one's own teams"),
    "retrospectives:board_new": Row(only(*TEAM), kwargs=_team, why=SCOPE),
    "retrospectives:board": Row(only(*TEAM), kwargs=_board, why=SCOPE),
    "retrospectives:card_add": Row(logged_in_only(ANSWERED), kwargs=_board, why="POST only"),
    "retrospectives:group_add": Row(logged_in_only(ANSWERED), kwargs=_board, why="POST only"),
    "retrospectives:board_move": Row(logged_in_only(ANSWERED), kwargs=_board, why="POST only"),
    "retrospectives:action_add": Row(logged_in_only(ANSWERED), kwargs=_board, why="POST only"),
    "retrospectives:card_remove": Row(logged_in_only(ANSWERED), kwargs=_card, why="POST only"),
    "retrospectives:vote": Row(logged_in_only(ANSWERED), kwargs=_card, why="POST only"),
    "retrospectives:group_dissolve": Row(logged_in_only(ANSWERED), kwargs=_group, why="POST only"),
}
