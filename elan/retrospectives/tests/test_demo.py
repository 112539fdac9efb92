# SPDX-License-Identifier: EUPL-1.2
"""The demo retrospectives show what the README names to each persona, keep the anonymous
cards anonymous, put the agreed actions in Nido's plan, and add nothing when loaded again.

The organisation and the boards are loaded once for the module, inside a transaction rolled
back afterwards, so that no other test sees them.
"""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth import get_user_model
from django.db import transaction

from elan.insights.selectors import standing_actions
from elan.organisations.demo import load_demo_organisation
from elan.retrospectives import home
from elan.retrospectives.constants import BoardStatus
from elan.retrospectives.demo import (
    EMPLOYEE,
    NIDO,
    QUARTER,
    QUARTER_CARDS,
    SPRINT,
    TEAM_LEAD,
    load_demo_retrospectives,
)
from elan.retrospectives.models import Board, Card, Vote


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_organisation()
        first = load_demo_retrospectives()
        counts = (Board.objects.count(), Card.objects.count(), Vote.objects.count())
        again = load_demo_retrospectives()
        yield {
            "first": first,
            "again": again,
            "counts": counts,
            "counts_again": (Board.objects.count(), Card.objects.count(), Vote.objects.count()),
        }
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def user(email: str):
    return get_user_model().objects.get(email=email)


def test_loading_twice_adds_nothing(loaded):
    assert loaded["first"].title == SPRINT
    assert loaded["again"] is None
    assert loaded["counts_again"] == loaded["counts"]


def test_the_quarter_review_waits_for_actions_with_its_anonymous_cards_kept_anonymous(loaded):
    board = Board.objects.get(title=QUARTER)
    assert board.status == BoardStatus.ACTING
    anonymous = [text for _column, who, _language, text in QUARTER_CARDS if who is None]
    assert set(
        Card.objects.filter(board=board, author__isnull=True).values_list("text", flat=True)
    ) == set(anonymous)
    assert board.groups.count() == 1 and Vote.objects.filter(card__board=board).exists()


def test_nidos_plan_holds_the_two_actions_and_eva_owns_one(loaded):
    actions = standing_actions(code=NIDO)
    assert len(actions) == 2
    assert user(EMPLOYEE) in [action.owner for action in actions]


def test_eva_and_tom_are_invited_to_the_sprint_board_and_hanne_and_the_outsider_see_nothing(
    loaded,
):
    sprint = Board.objects.get(title=SPRINT)
    for email in (EMPLOYEE, TEAM_LEAD, "manager@elan.example"):
        person = user(email)
        assert rules.has_perm("retrospectives.view_board", person, sprint)
        assert any(SPRINT in str(state.label) for state in home.own_state(person))
    for email in ("hr@elan.example", "outsider@elan.example"):
        assert not rules.has_perm("retrospectives.view_board", user(email), sprint)
