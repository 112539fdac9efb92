# SPDX-License-Identifier: EUPL-1.2
"""Team retrospectives in a real browser (issue 20).

1. An employee working in Dutch adds an anonymous card by keyboard alone: the empty card is
   refused (the focus lands on the error summary), then the card is posted to the column she
   chose, and its row holds no author. She cannot remove it; the facilitator, who works in
   French, reads it as anonymous and can.
2. A whole retrospective: the line manager, in French, starts a board of the four Ls with two
   dots per person by keyboard; the team's cards arrive; she groups two of them and moves the
   board to the dots. The employee, in Dutch, places her two dots by keyboard, without seeing
   how the others voted, and a third is refused. The facilitator moves the board to the
   actions, reads the counted dots, agrees an action with an owner and a due date, which then
   stands in the board's actions table and in the team's action plan in insights, and closes
   the board.
3. Every page and state of the retrospectives, in Dutch and in French, as the team lead reads
   them: the index, the new-board form (and refused), a board collecting cards (with a card and
   a group refused), voting, agreeing on actions (with an action refused) and closed. The
   states only a POST reaches are also measured at 320 px.

axe-core is clean on every page and state of each.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from elan.insights.models import Action
from elan.insights.tests.factories import insights_matrix_campaign
from elan.retrospectives import services
from elan.retrospectives.constants import COLUMN_LABELS, BoardFormat, BoardStatus
from elan.retrospectives.models import Board, BoardAction, Card, CardGroup, Vote
from elan.retrospectives.tests.factories import (
    BoardFactory,
    CardFactory,
    CardGroupFactory,
    VoteFactory,
    agree_action,
)
from tests.e2e.support import (
    active,
    assert_no_axe_violations,
    focused_id,
    gettext_in,
    login_as,
    press_enter_and_wait,
    tab_to_button,
    tab_to_link,
    tab_until,
    type_date,
    type_into,
    visit,
)
from tests.e2e.test_reflow_and_links import REFLOW_SCRIPT, VIEWPORT

pytestmark = pytest.mark.browser

SPRINT = "Sprint 42"
CARD_TEXT = "Te veel vergaderingen op dinsdag."
QUARTER = "Retour sur le trimestre"
ACTION = "Pas de réunion le mardi après-midi"


def _tab_to_card_button(page, text: str, card) -> None:
    """A card's button: its visible text, then the card's text, hidden but for screen readers."""
    tab_until(
        page,
        lambda state: (
            state["tag"] == "BUTTON"
            and state["text"].startswith(text)
            and state["text"].endswith(f": {card.text}")
        ),
    )


def _arrow_to(page, name: str, value: str) -> None:
    """A select or a radio group by keyboard: Tab into it, then arrows down to the value."""
    tab_until(page, lambda state: state["name"] == name)
    for _ in range(12):
        if active(page)["value"] == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{name} never reached {value}: {active(page)}")


def _enter_expecting(page, status: int) -> None:
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == status, (
        f"{page.url} answered {navigation.value.status}, expected {status}"
    )


def _ngettext_in(language: str, singular: str, plural: str, number: int, **values) -> str:
    with translation.override(language):
        return translation.ngettext(singular, plural, number) % {**values}


def _go_to(language: str, status: BoardStatus) -> str:
    return gettext_in(language, "Go to: %(step)s", step=gettext_in(language, status.label))


def _dots_left(language: str, left: int, total: int) -> str:
    return _ngettext_in(
        language, "%(dots)s of %(total)s", "%(dots)s of %(total)s", left, dots=left, total=total
    )


def _assert_reflows(page, context: str) -> None:
    """The page as it is now, on a 320 px wide screen: nothing scrolls sideways but a table in
    its labelled region (the walk of test_reflow_and_links.py, for the states only a POST
    reaches)."""
    size = page.viewport_size
    page.set_viewport_size(VIEWPORT)
    try:
        reflow = page.evaluate(REFLOW_SCRIPT)
    finally:
        page.set_viewport_size(size)
    assert reflow["scrollWidth"] <= VIEWPORT["width"] and not reflow["badScrollers"], (
        f"{context} does not reflow at {VIEWPORT['width']} px: {reflow}"
    )


def _speaks(user, language: str) -> None:
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _label(language: str, key: str) -> str:
    """A ready-made column's title, as a reader of ``language`` sees it."""
    with translation.override(language):
        return str(COLUMN_LABELS[key])


def _column(board: Board, key: str):
    return board.columns.get(key=key)


# --- 1. an anonymous card, by keyboard, in Dutch -----------------------------------------------


def test_an_employee_adds_an_anonymous_card_by_keyboard_alone_in_dutch_and_the_facilitator_reads_it_as_anonymous(  # noqa: E501
    browser_page, live_server, personas
):
    page = browser_page
    employee, lead = personas.employee, personas.team_lead
    _speaks(employee, "nl")
    _speaks(lead, "fr")
    board = BoardFactory(unit=personas.team, facilitator=lead, title=SPRINT)
    stop = _column(board, "stop")

    login_as(page, live_server, employee, personas.password, language="nl")
    visit(page, f"{live_server.url}/nl/retrospectives/")
    expect(page.locator("h1")).to_have_text(gettext_in("nl", "Team retrospectives"))
    assert_no_axe_violations(page, context="the retrospectives of an employee's team (nl)")
    tab_to_link(page, SPRINT)
    press_enter_and_wait(page)
    assert page.url == f"{live_server.url}/nl/retrospectives/{board.pk}/"
    assert_no_axe_violations(page, context="a board collecting cards, as an employee (nl)")

    # Sent empty: refused, the focus on the error summary, and no card written.
    add = gettext_in("nl", "Add the card")
    tab_to_button(page, add)
    _enter_expecting(page, 400)
    expect(page.locator("#error-summary")).to_contain_text(
        gettext_in("nl", "Write something on the card.")
    )
    assert focused_id(page) == "error-summary", f"focus is on {active(page)}"
    assert not Card.objects.exists()
    assert_no_axe_violations(page, context="an empty card refused (nl)")
    _assert_reflows(page, "an empty card refused (nl)")

    # In the column "Stop", anonymously.
    _arrow_to(page, "column", str(stop.pk))
    type_into(page, "text", CARD_TEXT)
    tab_until(page, lambda state: state["name"] == "anonymous")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    tab_to_button(page, add)
    _enter_expecting(page, 200)

    card = Card.objects.get()
    assert (card.board, card.column, card.text, card.author) == (board, stop, CARD_TEXT, None)
    assert card.author_id is None
    expect(page.locator(".messages")).to_contain_text(
        gettext_in("nl", "Your card is on the board, without your name.")
    )
    shown = page.locator(f"#card-{card.pk}")
    expect(shown).to_contain_text(CARD_TEXT)
    expect(shown.locator(".retro-meta")).to_have_text(gettext_in("nl", "Anonymous"))
    expect(page.locator(f"#column-{stop.pk}")).to_contain_text("(1)")
    # Nothing on the card says it is hers, so she cannot remove it either.
    expect(shown.locator("button")).to_have_count(0)
    assert employee.get_full_name() not in page.locator("#board").inner_text()
    assert_no_axe_violations(page, context="a board with one's anonymous card (nl)")

    # -- The facilitator, in French: the card is anonymous to her too, and she may remove it.
    page.context.clear_cookies()
    login_as(page, live_server, lead, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/retrospectives/{board.pk}/")
    shown = page.locator(f"#card-{card.pk}")
    expect(shown.locator(".retro-meta")).to_have_text(gettext_in("fr", "Anonymous"))
    assert employee.get_full_name() not in page.locator("main").inner_text()
    expect(shown.get_by_role("button")).to_have_text(f"{gettext_in('fr', 'Remove')}: {CARD_TEXT}")
    assert_no_axe_violations(page, context="a board with an anonymous card, as its facilitator")


# --- 2. a whole retrospective: cards, groups, dots, actions --------------------------------------


def test_the_team_votes_with_dots_and_the_facilitator_takes_the_board_from_cards_to_dots_to_actions_by_keyboard(  # noqa: E501
    browser_page, live_server, personas
):
    page = browser_page
    team = personas.team
    facilitator, employee, lead = personas.line_manager, personas.employee, personas.team_lead
    _speaks(facilitator, "fr")
    _speaks(employee, "nl")
    # A survey round whose results are out: the team's action plan in insights is reachable.
    campaign = insights_matrix_campaign(personas)

    # -- The line manager starts a board of the four Ls, two dots each, by keyboard.
    login_as(page, live_server, facilitator, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/retrospectives/")
    expect(page.locator(f'section[aria-labelledby="team-{team.pk}"]')).to_contain_text(
        gettext_in("fr", "This team has not held a retrospective in Elan yet.")
    )
    tab_to_link(page, gettext_in("fr", "Start a retrospective"))
    press_enter_and_wait(page)
    assert page.url == f"{live_server.url}/fr/retrospectives/teams/{team.code}/new/"
    type_into(page, "title", QUARTER)
    _arrow_to(page, "format", BoardFormat.FOUR_LS.value)
    tab_until(page, lambda state: state["name"] == "dots_per_person")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    tab_to_button(page, gettext_in("fr", "Open the board"))
    press_enter_and_wait(page)

    board = Board.objects.get()
    assert (board.unit, board.title, board.format, board.dots_per_person) == (
        team,
        QUARTER,
        BoardFormat.FOUR_LS,
        2,
    )
    assert (board.facilitator, board.status) == (facilitator, BoardStatus.COLLECTING)
    assert page.url == f"{live_server.url}/fr/retrospectives/{board.pk}/"
    expect(page.locator(".retro-column h3")).to_have_count(4)
    expect(page.locator(".retro-column h3").first).to_contain_text(_label("fr", "liked"))
    assert_no_axe_violations(page, context="a new board of the four Ls, no card yet (fr)")

    # -- The team's cards: two anonymous ones that say the same, and two named ones.
    lacked, liked = _column(board, "lacked"), _column(board, "liked")
    tuesday = CardFactory(
        board=board, column=lacked, text="Trop de réunions le mardi.", anonymous=True
    )
    meetings = CardFactory(
        board=board, column=lacked, text="Vergaderingen op dinsdag.", anonymous=True
    )
    standup = CardFactory(board=board, column=liked, text="De korte stand-up.", author=employee)
    pairing = CardFactory(
        board=board, column=liked, text="Le binôme avec l'équipe data.", author=lead
    )

    # The facilitator groups the two cards about Tuesdays: tick, name, group.
    visit(page, f"{live_server.url}/fr/retrospectives/{board.pk}/")
    for card in (tuesday, meetings):
        tab_until(
            page,
            lambda state, card=card: state["name"] == "cards" and state["value"] == str(card.pk),
        )
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
    type_into(page, "title", "Les mardis")
    tab_to_button(page, gettext_in("fr", "Group the ticked cards"))
    _enter_expecting(page, 200)
    group = CardGroup.objects.get(board=board)
    assert group.title == "Les mardis"
    assert set(group.cards.values_list("pk", flat=True)) == {tuesday.pk, meetings.pk}
    grouped = page.locator(f"#group-{group.pk}").locator("xpath=..")
    expect(grouped.locator(".retro-card")).to_have_count(2)
    expect(page.locator(f"#column-{lacked.pk}")).to_contain_text("(0)")
    assert_no_axe_violations(page, context="a board with a group of two cards (fr)")

    # On to the dots.
    tab_to_button(page, _go_to("fr", BoardStatus.VOTING))
    press_enter_and_wait(page)
    board.refresh_from_db()
    assert board.status == BoardStatus.VOTING
    expect(page.locator('.steps [aria-current="step"]')).to_have_text(
        gettext_in("fr", BoardStatus.VOTING.label)
    )
    assert_no_axe_violations(page, context="a board at the dots, as its facilitator (fr)")

    # -- The team lead has voted already; the employee, in Dutch, does not see how.
    services.vote_toggle(card=tuesday, voter=lead)
    services.vote_toggle(card=pairing, voter=lead)
    page.context.clear_cookies()
    login_as(page, live_server, employee, personas.password, language="nl")
    visit(page, f"{live_server.url}/nl/retrospectives/{board.pk}/")
    expect(page.locator("#dots-left")).to_have_text(_dots_left("nl", 2, 2))
    one_dot = _ngettext_in("nl", "%(votes)s dot", "%(votes)s dots", 1, votes=1)
    assert one_dot not in page.locator("#board").inner_text()
    assert one_dot not in page.locator("#groups").inner_text()
    assert_no_axe_violations(page, context="a board at the dots, as an employee (nl)")

    place = gettext_in("nl", "Place a dot")
    for card, left in ((tuesday, 1), (pairing, 0)):
        _tab_to_card_button(page, place, card)
        press_enter_and_wait(page)
        expect(page.locator("#dots-left")).to_have_text(_dots_left("nl", left, 2))
        expect(page.locator(f"#card-{card.pk}")).to_contain_text(
            gettext_in("nl", "your dot is on it")
        )
    # A third dot is refused: two per person.
    _tab_to_card_button(page, place, standup)
    press_enter_and_wait(page)
    expect(page.locator(".messages")).to_contain_text(
        gettext_in(
            "nl",
            "You have placed your %(dots)s dots. Take one back to place it elsewhere.",
            dots=2,
        )
    )
    assert set(Vote.objects.filter(voter=employee).values_list("card", flat=True)) == {
        tuesday.pk,
        pairing.pk,
    }
    assert_no_axe_violations(page, context="a board with all one's dots placed (nl)")

    # -- The facilitator moves on to the actions: the dots are counted, the chosen cards first.
    page.context.clear_cookies()
    login_as(page, live_server, facilitator, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/retrospectives/{board.pk}/")
    tab_to_button(page, _go_to("fr", BoardStatus.ACTING))
    press_enter_and_wait(page)
    board.refresh_from_db()
    assert board.status == BoardStatus.ACTING
    two_dots = _ngettext_in("fr", "%(votes)s dot", "%(votes)s dots", 2, votes=2)
    expect(page.locator(f"#group-{group.pk}")).to_contain_text(two_dots)
    expect(page.locator(f"#card-{tuesday.pk} .retro-meta")).to_contain_text(two_dots)
    liked_cards = page.locator(f"#column-{liked.pk}").locator("xpath=..").locator(".retro-card")
    expect(liked_cards.first).to_contain_text(pairing.text)
    expect(page.locator("#card-form")).to_have_count(0)
    expect(page.locator("#group-form")).to_have_count(0)
    assert_no_axe_violations(page, context="a board agreeing on actions, as its facilitator (fr)")

    # She agrees an action, owned by the employee, due in a month.
    due_on = timezone.localdate() + datetime.timedelta(days=30)
    type_into(page, "title", ACTION)
    _arrow_to(page, "owner", str(employee.pk))
    type_date(page, "due_on", due_on)
    tab_to_button(page, gettext_in("fr", "Add to the team's action plan"))
    _enter_expecting(page, 200)

    agreed = BoardAction.objects.select_related("action__plan").get(board=board)
    action = agreed.action
    assert (action.title, action.owner, action.check_due_on) == (ACTION, employee, due_on)
    assert (action.plan.round, action.plan.unit_code) == (None, team.code)
    assert action.url == f"/fr/retrospectives/{board.pk}/"
    expect(page.locator(".messages")).to_contain_text(
        gettext_in("fr", "The action is in the team's action plan.")
    )
    with translation.override("fr"):
        due_text = date_format(due_on, "DATE_FORMAT")
    row = page.locator("#actions tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_have_text(ACTION)
    expect(row.locator("td").nth(0)).to_have_text(employee.get_full_name())
    expect(row.locator("td").nth(1)).to_have_text(due_text)
    assert_no_axe_violations(page, context="a board with an agreed action (fr)")

    # The team's action plan in insights lists it, linked back to the board.
    visit(
        page,
        f"{live_server.url}/fr/insights/campaigns/{campaign.pk}/units/{team.code}/actions/",
    )
    standing = page.locator("table:has(caption#standing-caption)")
    link = standing.get_by_role("link", name=ACTION)
    expect(link).to_have_attribute("href", f"/fr/retrospectives/{board.pk}/")
    expect(standing.locator("tbody tr td").nth(1)).to_have_text(due_text)
    assert_no_axe_violations(page, context="the team's action plan with a retrospective's action")

    # Back on the board, she closes it.
    visit(page, f"{live_server.url}/fr/retrospectives/{board.pk}/")
    tab_to_button(page, _go_to("fr", BoardStatus.CLOSED))
    press_enter_and_wait(page)
    board.refresh_from_db()
    assert board.status == BoardStatus.CLOSED
    assert list(board.history.order_by("pk").values_list("to_status", flat=True)) == [
        BoardStatus.COLLECTING,
        BoardStatus.VOTING,
        BoardStatus.ACTING,
        BoardStatus.CLOSED,
    ]
    expect(page.locator("#action-form")).to_have_count(0)
    expect(page.locator("#actions tbody tr")).to_have_count(1)
    assert Action.objects.filter(plan__round__isnull=True).count() == 1
    assert_no_axe_violations(page, context="a closed board (fr)")


# --- 3. every page and state, in Dutch and in French -------------------------------------------


def _boards(personas) -> dict[str, Board]:
    """A board at each step, of each format: cards named and anonymous, a group, dots, an
    action agreed."""
    team, lead, manager = personas.team, personas.team_lead, personas.line_manager
    collecting = BoardFactory(unit=team, facilitator=manager, title="Sprint 43")
    CardFactory(board=collecting, author=personas.employee, text="Demo every Friday.")
    CardFactory(board=collecting, anonymous=True, text="Stop tickets without a description.")

    voting = BoardFactory(unit=team, facilitator=lead, four_ls=True, title="The quarter")
    cards = [
        CardFactory(board=voting, anonymous=True, text="Too many meetings on Tuesdays."),
        CardFactory(board=voting, author=manager, text="Meetings on Tuesday afternoons."),
        CardFactory(board=voting, author=lead, text="Pairing with the data team."),
    ]
    group = CardGroupFactory(board=voting, title="Tuesdays")
    Card.objects.filter(pk__in=[cards[0].pk, cards[1].pk]).update(group=group)
    services.board_move(board=voting, by=lead, to=BoardStatus.VOTING)
    services.vote_toggle(card=cards[2], voter=lead)

    acting = BoardFactory(unit=team, facilitator=lead, custom=True, title="The move")
    good = CardFactory(board=acting, anonymous=True, text="The new desks.")
    CardFactory(board=acting, author=personas.employee, column=acting.columns.last())
    VoteFactory(card=good, voter=personas.employee)
    VoteFactory(card=good, voter=manager)
    services.board_move(board=acting, by=lead, to=BoardStatus.VOTING)
    services.board_move(board=acting, by=lead, to=BoardStatus.ACTING)
    agree_action(acting, owner=personas.employee, by=lead, title="Book the quiet room")

    closed = BoardFactory(unit=team, facilitator=lead, closed=True, title="Sprint 41")
    return {"collecting": collecting, "voting": voting, "acting": acting, "closed": closed}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_retrospectives_pages_and_their_error_states_have_no_accessibility_violations(
    language, browser_page, live_server, personas
):
    page = browser_page
    lead = personas.team_lead
    _speaks(lead, language)
    boards = _boards(personas)
    base = f"{live_server.url}/{language}/retrospectives"
    login_as(page, live_server, lead, personas.password, language=language)

    visit(page, f"{base}/")
    for board in boards.values():
        expect(page.get_by_role("link", name=board.title, exact=True)).to_be_visible()
    assert_no_axe_violations(page, context=f"the retrospectives' index ({language})")

    # The new-board form, and refused: no title, no dots.
    visit(page, f"{base}/teams/{personas.team.code}/new/")
    assert_no_axe_violations(page, context=f"the new-board form ({language})")
    page.locator("#id_dots_per_person").fill("")
    with page.expect_navigation() as refused:
        page.get_by_role("button", name=gettext_in(language, "Open the board")).click()
    assert refused.value.status == 400
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text(gettext_in(language, "Give the retrospective a title."))
    assert Board.objects.count() == len(boards)
    assert_no_axe_violations(page, context=f"the new-board form, refused ({language})")
    _assert_reflows(page, f"the new-board form, refused ({language})")

    # Collecting: the add-card form, then an empty card and a group of no card refused.
    visit(page, f"{base}/{boards['collecting'].pk}/")
    expect(page.locator("#card-form")).to_be_visible()
    expect(page.locator("#group-form")).to_be_visible()
    assert_no_axe_violations(page, context=f"a board collecting cards ({language})")
    with page.expect_navigation() as refused:
        page.get_by_role("button", name=gettext_in(language, "Add the card")).click()
    assert refused.value.status == 400
    expect(page.locator("#error-summary")).to_contain_text(
        gettext_in(language, "Write something on the card.")
    )
    assert focused_id(page) == "error-summary", f"focus is on {active(page)}"
    assert_no_axe_violations(page, context=f"a board collecting cards, a card refused ({language})")
    _assert_reflows(page, f"a board collecting cards, a card refused ({language})")
    page.locator("#group-form input[name=title]").fill("Alone")
    with page.expect_navigation() as refused:
        page.get_by_role("button", name=gettext_in(language, "Group the ticked cards")).click()
    assert refused.value.status == 400
    expect(page.locator("#error-summary")).to_contain_text(
        gettext_in(language, "Tick at least two cards of this board to group.")
    )
    assert not CardGroup.objects.filter(board=boards["collecting"]).exists()
    assert_no_axe_violations(
        page, context=f"a board collecting cards, a group refused ({language})"
    )

    # Voting, with a group.
    visit(page, f"{base}/{boards['voting'].pk}/")
    expect(page.locator("#dots-left")).to_have_text(_dots_left(language, 2, 3))
    assert_no_axe_violations(page, context=f"a board at the dots ({language})")

    # Agreeing on actions: the action form, then refused empty.
    visit(page, f"{base}/{boards['acting'].pk}/")
    expect(page.locator("#actions tbody tr")).to_have_count(1)
    assert_no_axe_violations(page, context=f"a board agreeing on actions ({language})")
    with page.expect_navigation() as refused:
        page.get_by_role(
            "button", name=gettext_in(language, "Add to the team's action plan")
        ).click()
    assert refused.value.status == 400
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text(gettext_in(language, "Say what the team will do."))
    expect(summary).to_contain_text(gettext_in(language, "Choose an owner from the team."))
    assert focused_id(page) == "error-summary", f"focus is on {active(page)}"
    assert BoardAction.objects.filter(board=boards["acting"]).count() == 1
    assert_no_axe_violations(page, context=f"a board agreeing on actions, refused ({language})")
    _assert_reflows(page, f"a board agreeing on actions, refused ({language})")

    # Closed.
    visit(page, f"{base}/{boards['closed'].pk}/")
    expect(page.locator("#step-help")).to_have_text(
        gettext_in(
            language,
            "This retrospective is closed. Its actions are in the team's action plan, where "
            "their owners check how they went.",
        )
    )
    assert_no_axe_violations(page, context=f"a closed board ({language})")


# --- 4. the refusal of the dots, in the reader's language -----------------------------------


def test_the_new_board_form_refuses_a_wrong_number_of_dots_in_the_readers_language(
    browser_page, live_server, personas
):
    page = browser_page
    _speaks(personas.employee, "nl")
    login_as(page, live_server, personas.employee, personas.password, language="nl")
    visit(page, f"{live_server.url}/nl/retrospectives/teams/{personas.team.code}/new/")
    page.locator("#id_title").fill(SPRINT)
    page.locator("#id_dots_per_person").fill("11")
    with page.expect_navigation() as refused:
        page.get_by_role("button", name=gettext_in("nl", "Open the board")).click()
    assert refused.value.status == 400
    expect(page.locator("#error-summary")).to_contain_text(
        gettext_in("nl", "Give each person 1 to %(max)s dots.", max=10), timeout=1_000
    )
