# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with retrospectives, one rule per line (docs/access.md).

A retrospective belongs to its team: the people placed in the unit and its team leads see its
boards, start one, add cards and vote. Nobody else does, HR and the leads above included: what
a team says to itself stays with the team; what it decides is in its action plan, with the
owners who carry it out. The facilitator (who started the board) and the team's leads run it:
they move it from step to step, group cards, remove a card and agree actions; a board whose
facilitator is gone is run by any member of the team. A named card's author may
remove it too. Views answer 404 to whoever may not see a board, and 403 to a team member who
may not do what the page does.
"""

from __future__ import annotations

import rules

from elan.organisations.rules import is_team_lead_of
from elan.organisations.selectors import unit_of


@rules.predicate
def is_on_team(user, unit) -> bool:
    if unit is None:
        return False
    placed = unit_of(user=user)
    return (placed is not None and placed.pk == unit.pk) or is_team_lead_of(user, unit.code)


@rules.predicate
def is_on_board_team(user, board) -> bool:
    return board is not None and is_on_team(user, board.unit)


@rules.predicate
def facilitates(user, board) -> bool:
    # A board whose facilitator is gone (erased, or moved to another unit) is run by any member
    # of the team, so that no board is left stuck at its step in a team without a team lead.
    return board is not None and (
        board.facilitator_id == user.pk
        or is_team_lead_of(user, board.unit.code)
        or board.facilitator is None
        or not is_on_team(board.facilitator, board.unit)
    )


@rules.predicate
def wrote_card(user, card) -> bool:
    return card is not None and card.author_id is not None and card.author_id == user.pk


@rules.predicate
def facilitates_board_of_card(user, card) -> bool:
    return card is not None and is_on_team(user, card.board.unit) and facilitates(user, card.board)


rules.add_perm("retrospectives.run_retrospective", rules.is_authenticated & is_on_team)
rules.add_perm("retrospectives.view_board", rules.is_authenticated & is_on_board_team)
rules.add_perm("retrospectives.facilitate", rules.is_authenticated & is_on_board_team & facilitates)
rules.add_perm(
    "retrospectives.remove_card", rules.is_authenticated & (wrote_card | facilitates_board_of_card)
)
