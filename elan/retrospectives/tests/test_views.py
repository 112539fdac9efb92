# SPDX-License-Identifier: EUPL-1.2
"""The retrospectives' pages as the team uses them: who sees a board and who runs it, input
refused with what was typed kept, dots counted only once voting is over, and actions that reach
the team's plan in insights."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from elan.insights.models import Action
from elan.retrospectives.constants import BoardStatus
from elan.retrospectives.models import Board, Card, CardGroup, Vote
from elan.retrospectives.tests.factories import (
    BoardFactory,
    CardFactory,
    VoteFactory,
    agree_action,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(personas):
    return BoardFactory(unit=personas.team, facilitator=personas.employee, title="Sprint 7")


def _url(name: str, **kwargs) -> str:
    return reverse(f"retrospectives:{name}", kwargs=kwargs)


def test_a_team_member_starts_a_board_and_becomes_its_facilitator(personas, client_for):
    client = client_for("line_manager")
    response = client.post(
        _url("board_new", code=personas.team.code),
        {"title": "Quarter review", "format": "four_ls", "dots_per_person": "4"},
    )
    board = Board.objects.get(title="Quarter review")
    assert response.status_code == 302 and response["Location"] == _url("board", pk=board.pk)
    assert board.facilitator == personas.line_manager and board.dots_per_person == 4
    assert board.columns.count() == 4


def test_a_refused_board_comes_back_with_what_was_typed(personas, client_for):
    response = client_for("employee").post(
        _url("board_new", code=personas.team.code),
        {
            "title": "Our own",
            "format": "custom",
            "custom_columns": "Only one",
            "dots_per_person": "3",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Name 2 to 6 columns, one per line." in content
    assert 'value="Our own"' in content and "Only one" in content
    assert not Board.objects.exists()


def test_nobody_outside_the_team_starts_or_sees_its_boards_hr_and_the_leads_above_included(
    board, personas, client_for
):
    for name in ("hr", "outsider", "administrator"):
        client = client_for(name)
        assert client.get(_url("board", pk=board.pk)).status_code == 404
        assert client.get(_url("board_new", code=personas.team.code)).status_code == 404
        assert client.post(_url("card_add", pk=board.pk), {"text": "x"}).status_code == 404
        assert "Sprint 7" not in client.get(_url("index")).content.decode()


def test_the_index_lists_the_boards_of_ones_teams(board, client_for):
    content = client_for("team_lead").get(_url("index")).content.decode()
    assert "Sprint 7" in content and _url("board", pk=board.pk) in content


def test_a_member_adds_an_anonymous_card_which_shows_without_a_name(board, personas, client_for):
    client = client_for("line_manager")
    column = board.columns.first()
    response = client.post(
        _url("card_add", pk=board.pk),
        {"column": column.pk, "text": "The stand-up runs long", "anonymous": "on"},
    )
    assert response.status_code == 302
    card = Card.objects.get(text="The stand-up runs long")
    assert card.author_id is None
    page = client_for("team_lead").get(_url("board", pk=board.pk)).content.decode()
    item = page[page.index(f'id="card-{card.pk}"') :]
    item = item[: item.index("</li>")]
    assert "Anonymous" in item and personas.line_manager.first_name not in item


def test_a_refused_card_comes_back_on_the_board_with_its_text(board, client_for):
    column = board.columns.first()
    response = client_for("employee").post(
        _url("card_add", pk=board.pk), {"column": column.pk, "text": "x" * 501}
    )
    assert response.status_code == 400
    assert "x" * 501 in response.content.decode()
    response = client_for("employee").post(
        _url("card_add", pk=board.pk), {"column": "999999", "text": "Kept text"}
    )
    assert response.status_code == 400
    assert "Choose a column of this board." in response.content.decode()
    assert "Kept text" in response.content.decode()
    assert not Card.objects.exists()


def test_only_the_facilitator_and_the_team_lead_move_the_board(board, client_for):
    refused = client_for("line_manager").post(_url("board_move", pk=board.pk), {"to": "voting"})
    assert refused.status_code == 403
    for name, to in (("team_lead", "voting"), ("employee", "collecting")):
        response = client_for(name).post(_url("board_move", pk=board.pk), {"to": to})
        assert response.status_code == 302
        board.refresh_from_db()
        assert board.status == to


def test_a_move_the_table_does_not_allow_is_refused_with_a_message(board, client_for):
    response = client_for("employee").post(
        _url("board_move", pk=board.pk), {"to": "closed"}, follow=True
    )
    assert "cannot go to that step" in response.content.decode()
    board.refresh_from_db()
    assert board.status == BoardStatus.COLLECTING


def test_before_the_votes_are_in_a_reader_sees_only_their_own_dots(personas, client_for):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, voting=True)
    card = CardFactory(board=board, text="Pair more")
    VoteFactory(card=card, voter=personas.line_manager)
    VoteFactory(card=card, voter=personas.team_lead)
    page = client_for("employee").get(_url("board", pk=board.pk)).content.decode()
    assert "2 dots" not in page and "Place a dot" in page
    response = client_for("employee").post(_url("vote", pk=card.pk))
    assert response.status_code == 302
    assert Vote.objects.filter(card=card).count() == 3
    services_move = client_for("employee").post(_url("board_move", pk=board.pk), {"to": "acting"})
    assert services_move.status_code == 302
    page = client_for("line_manager").get(_url("board", pk=board.pk)).content.decode()
    assert "3 dots" in page
    # Who placed them is never on the page.
    item = page[page.index(f'id="card-{card.pk}"') :]
    item = item[: item.index("</li>")]
    assert personas.team_lead.first_name not in item


def test_the_facilitator_groups_ticked_cards_and_a_refusal_keeps_the_ticks(board, client_for):
    first, second = CardFactory(board=board), CardFactory(board=board)
    refused = client_for("employee").post(
        _url("group_add", pk=board.pk), {"title": "", "cards": [first.pk, second.pk]}
    )
    assert refused.status_code == 400
    assert f'value="{first.pk}" id="tick-{first.pk}" form="group-form" checked' in (
        refused.content.decode()
    )
    response = client_for("employee").post(
        _url("group_add", pk=board.pk), {"title": "Meetings", "cards": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    group = CardGroup.objects.get(board=board)
    assert set(group.cards.all()) == {first, second}
    assert client_for("line_manager").post(_url("group_dissolve", pk=group.pk)).status_code == 403
    assert client_for("team_lead").post(_url("group_dissolve", pk=group.pk)).status_code == 302
    assert not CardGroup.objects.exists()


def test_a_named_card_is_removed_by_its_author_or_the_facilitator_and_no_one_else(
    board, personas, client_for
):
    own = CardFactory(board=board, author=personas.line_manager)
    anonymous = CardFactory(board=board, anonymous=True)
    other = CardFactory(board=board, author=personas.team_lead)
    assert client_for("line_manager").post(_url("card_remove", pk=other.pk)).status_code == 403
    assert client_for("line_manager").post(_url("card_remove", pk=anonymous.pk)).status_code == 403
    assert client_for("line_manager").post(_url("card_remove", pk=own.pk)).status_code == 302
    assert client_for("employee").post(_url("card_remove", pk=anonymous.pk)).status_code == 302
    assert list(Card.objects.all()) == [other]


def test_the_facilitator_agrees_an_action_that_reaches_the_teams_plan(board, personas, client_for):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    due = timezone.localdate() + datetime.timedelta(days=20)
    response = client_for("employee").post(
        _url("action_add", pk=board.pk),
        {"title": "Demo on Fridays", "owner": personas.line_manager.pk, "due_on": due.isoformat()},
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Demo on Fridays")
    assert action.owner == personas.line_manager and action.check_due_on == due
    page = client_for("line_manager").get(_url("board", pk=board.pk)).content.decode()
    assert "Demo on Fridays" in page


def test_a_refused_action_comes_back_with_what_was_typed(personas, client_for):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    response = client_for("employee").post(
        _url("action_add", pk=board.pk),
        {"title": "Kept title", "owner": personas.outsider.pk, "due_on": "2020-01-01"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Kept title" in content and "Choose an owner from the team." in content
    assert not Action.objects.exists()
    member = client_for("line_manager").post(
        _url("action_add", pk=board.pk),
        {"title": "Not mine to add", "owner": personas.line_manager.pk, "due_on": "2030-01-01"},
    )
    assert member.status_code == 403


def test_the_insights_plan_of_a_round_shows_the_retrospectives_actions(personas, client_for):
    from elan.insights.tests.factories import insights_matrix_campaign

    campaign = insights_matrix_campaign(personas, "published")
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    agree_action(board, owner=personas.employee, title="Quiet Tuesdays")
    url = reverse("insights:action_plan", kwargs={"pk": campaign.pk, "code": personas.team.code})
    content = client_for("team_lead").get(url).content.decode()
    title = content[content.index("<title>") : content.index("</title>")]
    assert "retrospectives" not in title
    main = content[content.index("<main") :]
    assert main.count("<h2>From the team's retrospectives</h2>") == 1
    assert "Quiet Tuesdays" in main


def test_the_owner_checks_a_retrospective_action_on_its_due_date_and_returns_to_its_board(
    personas, client_for
):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    action = agree_action(board, owner=personas.line_manager, due_on=timezone.localdate()).action
    url = reverse("insights:action_check", kwargs={"pk": action.pk})
    assert client_for("outsider").get(url).status_code == 404
    response = client_for("line_manager").post(url, {"status": "done", "note": "It worked."})
    assert response.status_code == 302
    assert response["Location"] == _url("board", pk=board.pk)
    action.refresh_from_db()
    assert action.check_status == "done"


def test_a_board_whose_facilitator_is_gone_is_run_by_any_member_of_the_team(board, client_for):
    from elan.retrospectives.personal_data import erase_retrospectives

    erase_retrospectives(user=board.facilitator, now=None)
    response = client_for("line_manager").post(_url("board_move", pk=board.pk), {"to": "voting"})
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.status == BoardStatus.VOTING
    assert (
        client_for("outsider")
        .post(_url("board_move", pk=board.pk), {"to": "collecting"})
        .status_code
        == 404
    )


def test_a_board_whose_facilitator_moved_to_another_unit_is_run_by_the_team(
    board, personas, client_for
):
    from elan.organisations.models import StaffRecord

    StaffRecord.objects.filter(user=personas.employee).update(unit=personas.organisation)
    response = client_for("line_manager").post(_url("board_move", pk=board.pk), {"to": "voting"})
    assert response.status_code == 302
    # The former facilitator no longer sees the team's board at all.
    assert client_for("employee").get(_url("board", pk=board.pk)).status_code == 404


def _without_tokens(content: bytes) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def test_while_the_team_votes_another_persons_dot_moves_nothing_on_ones_board(personas, client_for):
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, voting=True)
    cards = [CardFactory(board=board, text=f"Card {n}") for n in range(3)]
    url = _url("board", pk=board.pk)
    before = _without_tokens(client_for("employee").get(url).content)
    assert client_for("line_manager").post(_url("vote", pk=cards[1].pk)).status_code == 302
    assert client_for("team_lead").post(_url("vote", pk=cards[1].pk)).status_code == 302
    after = _without_tokens(client_for("employee").get(url).content)
    assert after == before
    index_before = _without_tokens(client_for("employee").get(_url("index")).content)
    client_for("line_manager").post(_url("vote", pk=cards[2].pk))
    assert _without_tokens(client_for("employee").get(_url("index")).content) == index_before


def test_each_button_says_on_the_board_what_it_did_or_why_it_was_refused(board, client_for):
    card = CardFactory(board=board, text="Kept")
    done = client_for("employee").post(_url("card_remove", pk=card.pk), follow=True)
    assert "The card is removed." in done.content.decode()
    refused = client_for("employee").post(_url("vote", pk=CardFactory(board=board).pk), follow=True)
    assert "Dots are placed while the team votes." in refused.content.decode()
    moved = client_for("employee").post(
        _url("board_move", pk=board.pk), {"to": "voting"}, follow=True
    )
    assert "The retrospective is now at the step “Dot voting”." in moved.content.decode()


def test_an_action_links_back_to_its_board_in_the_readers_language(personas, client_for):
    from elan.insights.tests.factories import insights_matrix_campaign

    campaign = insights_matrix_campaign(personas, "published")
    board = BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)
    action = agree_action(board, owner=personas.line_manager, due_on=timezone.localdate()).action
    assert action.url.startswith("/en/")
    plan = reverse("insights:action_plan", kwargs={"pk": campaign.pk, "code": personas.team.code})
    content = client_for("team_lead").get(plan.replace("/en/", "/fr/")).content.decode()
    assert f'href="/fr/retrospectives/{board.pk}/"' in content
    check = f"/nl/insights/actions/{action.pk}/check/"
    response = client_for("line_manager").post(check, {"status": "done", "note": ""})
    assert response["Location"] == f"/nl/retrospectives/{board.pk}/"
