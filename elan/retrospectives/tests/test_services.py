# SPDX-License-Identifier: EUPL-1.2
"""The retrospectives' services: a board's columns, its steps as a table, cards, dots, groups,
and actions that join the team's plan in insights."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from elan.insights.constants import CheckStatus
from elan.insights.models import Action
from elan.insights.selectors import standing_actions
from elan.insights.services import InsightsError, action_check
from elan.retrospectives import services
from elan.retrospectives.constants import (
    BOARD_TRANSITIONS,
    CARDS_MAX,
    BoardFormat,
    BoardStatus,
)
from elan.retrospectives.models import BoardEvent, Card, Vote
from elan.retrospectives.tests.factories import BoardFactory, CardFactory, agree_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(personas):
    return BoardFactory(unit=personas.team, facilitator=personas.employee)


def test_a_ready_made_board_stores_its_columns_as_keys_shown_in_the_readers_language(personas):
    from django.utils import translation

    board = BoardFactory(unit=personas.team, facilitator=personas.employee, four_ls=True)
    assert [c.key for c in board.columns.all()] == ["liked", "learned", "lacked", "longed_for"]
    with translation.override("en"):
        assert [c.label for c in board.columns.all()][0] == "Liked"


def test_a_custom_board_takes_two_to_six_distinct_columns(personas):
    def create(columns):
        return services.board_create(
            unit=personas.team,
            by=personas.employee,
            title="Our retro",
            format=BoardFormat.CUSTOM,
            custom_columns=columns,
            dots_per_person=3,
        )

    assert [c.title for c in create(["Mad", "Sad", "Glad"]).columns.all()] == [
        "Mad",
        "Sad",
        "Glad",
    ]
    for refused in (["Only one"], [f"C{n}" for n in range(7)], ["Same", "same"], ["x" * 81, "y"]):
        with pytest.raises(ValidationError) as error:
            create(refused)
        assert "custom_columns" in error.value.error_dict


def test_dots_per_person_are_one_to_ten(personas):
    for dots in (0, 11):
        with pytest.raises(ValidationError):
            services.board_create(
                unit=personas.team,
                by=personas.employee,
                title="Retro",
                format=BoardFormat.START_STOP_CONTINUE,
                dots_per_person=dots,
            )


@pytest.mark.parametrize("current", list(BoardStatus))
@pytest.mark.parametrize("to", list(BoardStatus))
def test_a_board_moves_only_along_its_table_and_each_move_is_appended(personas, current, to):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, status=current)
    before = BoardEvent.objects.filter(board=board).count()
    if to in BOARD_TRANSITIONS[current]:
        moved = services.board_move(board=board, by=personas.team_lead, to=to)
        assert moved.status == to
        event = BoardEvent.objects.filter(board=board).last()
        assert (event.from_status, event.to_status, event.by) == (current, to, personas.team_lead)
    else:
        with pytest.raises(ValidationError):
            services.board_move(board=board, by=personas.team_lead, to=to)
        assert BoardEvent.objects.filter(board=board).count() == before


def test_an_anonymous_card_is_written_without_its_author(board, personas):
    card = services.card_add(
        board=board,
        column_id=board.columns.first().pk,
        author=personas.line_manager,
        text="Too many meetings",
        anonymous=True,
        language="en",
    )
    assert card.author_id is None
    named = services.card_add(
        board=board,
        column_id=board.columns.first().pk,
        author=personas.line_manager,
        text="Shorter stand-ups",
        anonymous=False,
        language="en",
    )
    assert named.author == personas.line_manager


def test_cards_are_added_only_while_collecting_and_only_in_the_boards_own_columns(personas):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee)
    other = BoardFactory(unit=personas.team, facilitator=personas.employee)
    with pytest.raises(ValidationError) as error:
        services.card_add(
            board=board,
            column_id=other.columns.first().pk,
            author=personas.employee,
            text="Wrong board",
            anonymous=False,
            language="en",
        )
    assert "column" in error.value.error_dict
    for text in ("", "   ", "x" * 501):
        with pytest.raises(ValidationError):
            services.card_add(
                board=board,
                column_id=board.columns.first().pk,
                author=personas.employee,
                text=text,
                anonymous=False,
                language="en",
            )
    services.board_move(board=board, by=personas.employee, to=BoardStatus.VOTING)
    with pytest.raises(ValidationError):
        services.card_add(
            board=board,
            column_id=board.columns.first().pk,
            author=personas.employee,
            text="Late",
            anonymous=True,
            language="en",
        )
    assert not Card.objects.filter(board=board).exists()


def test_a_full_board_takes_no_more_cards(board, personas):
    column = board.columns.first()
    Card.objects.bulk_create(
        Card(board=board, column=column, text=f"Card {n}") for n in range(CARDS_MAX)
    )
    with pytest.raises(ValidationError):
        services.card_add(
            board=board,
            column_id=column.pk,
            author=None,
            text="One more",
            anonymous=True,
            language="en",
        )


def test_each_person_spends_at_most_their_dots_one_per_card_and_can_take_one_back(personas):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, dots_per_person=2)
    cards = [CardFactory(board=board) for _ in range(3)]
    services.board_move(board=board, by=personas.employee, to=BoardStatus.VOTING)
    assert services.vote_toggle(card=cards[0], voter=personas.line_manager) is True
    assert services.vote_toggle(card=cards[1], voter=personas.line_manager) is True
    with pytest.raises(ValidationError):
        services.vote_toggle(card=cards[2], voter=personas.line_manager)
    # Clicking a card with one's dot takes it back, freeing it for another card.
    assert services.vote_toggle(card=cards[0], voter=personas.line_manager) is False
    assert services.vote_toggle(card=cards[2], voter=personas.line_manager) is True
    assert Vote.objects.filter(voter=personas.line_manager).count() == 2
    # Another person has their own dots.
    assert services.vote_toggle(card=cards[0], voter=personas.team_lead) is True


def test_dots_are_placed_only_while_the_team_votes(board, personas):
    card = CardFactory(board=board)
    with pytest.raises(ValidationError):
        services.vote_toggle(card=card, voter=personas.employee)
    assert not Vote.objects.exists()


def test_grouping_takes_two_or_more_cards_of_the_same_board_before_the_votes_are_counted(
    board, personas
):
    cards = [CardFactory(board=board) for _ in range(2)]
    stranger = CardFactory()
    with pytest.raises(ValidationError):
        services.group_create(board=board, title="Meetings", card_ids=[cards[0].pk])
    with pytest.raises(ValidationError):
        services.group_create(board=board, title="Meetings", card_ids=[cards[0].pk, stranger.pk])
    with pytest.raises(ValidationError):
        services.group_create(board=board, title="  ", card_ids=[c.pk for c in cards])
    group = services.group_create(board=board, title="Meetings", card_ids=[c.pk for c in cards])
    assert set(group.cards.all()) == set(cards)
    services.group_dissolve(group=group)
    assert all(Card.objects.get(pk=c.pk).group_id is None for c in cards)
    acting = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    acting_cards = [CardFactory(board=acting) for _ in range(2)]
    with pytest.raises(ValidationError):
        services.group_create(board=acting, title="Late", card_ids=[c.pk for c in acting_cards])


def test_an_agreed_action_joins_the_teams_standing_plan_linked_to_its_board(personas):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    due = timezone.localdate() + datetime.timedelta(days=14)
    linked = agree_action(board, owner=personas.line_manager, due_on=due)
    action = linked.action
    assert action.plan.round is None and action.plan.unit_code == personas.team.code
    assert (action.owner, action.check_due_on, action.measure) == (personas.line_manager, due, "")
    assert action.url.endswith(f"/retrospectives/{board.pk}/")
    assert standing_actions(code=personas.team.code) == [action]
    # A second board's action joins the same standing plan.
    second = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    other = agree_action(second, owner=personas.employee).action
    assert other.plan_id == action.plan_id


def test_an_action_needs_an_owner_of_the_team_and_a_due_date_within_a_year(personas):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    today = timezone.localdate()
    for owner, due, field in (
        (personas.outsider, today + datetime.timedelta(days=7), "owner"),
        (personas.hr, today + datetime.timedelta(days=7), "owner"),
        (personas.employee, today - datetime.timedelta(days=1), "due_on"),
        (personas.employee, today + datetime.timedelta(days=400), "due_on"),
        (personas.employee, None, "due_on"),
    ):
        with pytest.raises(ValidationError) as error:
            services.action_add(
                board=board, by=personas.employee, title="X", owner=owner, due_on=due
            )
        assert field in error.value.error_dict
    assert not Action.objects.exists()


def test_actions_are_agreed_only_once_the_votes_are_in(personas):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, voting=True)
    with pytest.raises(ValidationError):
        agree_action(board, owner=personas.employee)


def test_a_standing_action_is_checked_on_its_due_date_not_before(personas):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    today = timezone.localdate()
    action = agree_action(
        board, owner=personas.employee, due_on=today + datetime.timedelta(days=3)
    ).action
    with pytest.raises(InsightsError):
        action_check(action=action, by=personas.employee, status=CheckStatus.DONE, today=today)
    checked = action_check(
        action=action,
        by=personas.employee,
        status=CheckStatus.DONE,
        note="Tuesdays are quiet now.",
        today=today + datetime.timedelta(days=3),
    )
    assert checked.check_status == CheckStatus.DONE
