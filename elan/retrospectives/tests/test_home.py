# SPDX-License-Identifier: EUPL-1.2
"""The home page invites a team to the board that waits for its cards or dots, and nobody
else."""

from __future__ import annotations

import pytest

from elan.retrospectives.home import own_state
from elan.retrospectives.tests.factories import BoardFactory

pytestmark = pytest.mark.django_db


def test_a_board_waiting_for_cards_or_dots_is_on_the_home_page_of_its_team_only(personas):
    BoardFactory(unit=personas.team, facilitator=personas.employee, title="Collecting")
    BoardFactory(unit=personas.team, facilitator=personas.employee, title="Voting", voting=True)
    BoardFactory(unit=personas.team, facilitator=personas.employee, title="Done", closed=True)
    for name in ("employee", "line_manager", "team_lead"):
        labels = [str(state.label) for state in own_state(personas.get(name))]
        assert len(labels) == 2
        assert any("Collecting" in label and "cards" in label for label in labels)
        assert any("Voting" in label and "dots" in label for label in labels)
    for name in ("hr", "outsider"):
        assert own_state(personas.get(name)) == []
