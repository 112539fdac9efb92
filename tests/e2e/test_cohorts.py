# SPDX-License-Identifier: EUPL-1.2
"""Fellowship cohorts in a real browser (issue 19): a member working in Dutch writes the
retrospective of a session by keyboard alone, after a first empty try; and axe-core is clean on
the cohort's pages for a member (the list, the overview, the calendar, the board with items in
each column, a session, the experiments, the board item form and its error state) and for the
organiser."""

from __future__ import annotations

import pytest

from elan.cohorts.models import SessionRetrospective
from elan.cohorts.tests.factories import (
    BoardItemFactory,
    MemberFactory,
    RetrospectiveFactory,
    SessionFactory,
    matrix_cohort,
    matrix_session,
)
from elan.experiments.tests.factories import running_experiment
from elan.organisations.tests.factories import UnitFactory, person_in
from tests.e2e.support import (
    assert_no_axe_violations,
    gettext_in,
    login_as,
    press_enter_and_wait,
    tab_until,
    visit,
)

pytestmark = pytest.mark.browser


def _tab_to_button(page, text: str) -> None:
    tab_until(page, lambda state: state["tag"] == "BUTTON" and state["text"] == text)


def _cohort_with_a_full_board(personas):
    """The matrix cohort (HR organises, the employee is a member, a session has started, the
    employee has an item exploring), with a second member from another unit, an item in every
    column, two linked experiments, a session to come and the other member's retrospective."""
    cohort = matrix_cohort(personas)
    colleague = person_in(
        UnitFactory(parent=personas.organisation, name_en="Digital services"),
        first_name="Sanne",
        last_name="Peeters",
    )
    MemberFactory(cohort=cohort, user=colleague)
    BoardItemFactory(
        cohort=cohort,
        owner=colleague,
        trying=True,
        title="Eenvoudige brieven",
        experiment=running_experiment(colleague, title="Brieven in gewone taal"),
    )
    BoardItemFactory(
        cohort=cohort,
        owner=personas.employee,
        learned=True,
        title="Wachtrij aan het loket",
        experiment=running_experiment(personas.employee, title="Afspraak in plaats van rij"),
    )
    SessionFactory(cohort=cohort, upcoming=True, title="Tweede sessie")
    RetrospectiveFactory(session=matrix_session(personas), author=colleague)
    return cohort


def test_a_member_in_dutch_writes_a_session_retrospective_by_keyboard(
    browser_page, live_server, personas
):
    page = browser_page
    employee = personas.employee
    employee.preferred_language = "nl"
    employee.save(update_fields=["preferred_language"])
    cohort = _cohort_with_a_full_board(personas)
    session = matrix_session(personas)
    base = f"{live_server.url}/nl/cohorts"

    login_as(page, live_server, employee, personas.password, language="nl")
    for path, context in (
        ("", "the cohorts, as a member (nl)"),
        (f"{cohort.public_id}/", "the cohort's overview, as a member (nl)"),
        (f"{cohort.public_id}/calendar/", "the cohort's calendar (nl)"),
        (f"{cohort.public_id}/board/", "the board with an item in every column (nl)"),
        (f"{cohort.public_id}/experiments/", "the cohort's experiments (nl)"),
        (f"{cohort.public_id}/board/new/", "the board item form (nl)"),
    ):
        visit(page, f"{base}/{path}")
        assert_no_axe_violations(page, context=context)
    assert page.locator("#board-item-new").count() == 0  # on the form itself, no link to it

    # The board item form, sent empty: refused, with its error box.
    _tab_to_button(page, gettext_in("nl", "Save on the board"))
    press_enter_and_wait(page)
    assert gettext_in("nl", "Give your item a title.") in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="the board item form, refused (nl)")

    # The session: an empty retrospective is refused, then written and shared by keyboard.
    visit(page, f"{base}/{cohort.public_id}/sessions/{session.public_id}/")
    assert_no_axe_violations(page, context="a session with the retrospective form (nl)")
    share = gettext_in("nl", "Share my retrospective")
    _tab_to_button(page, share)
    press_enter_and_wait(page)
    empty = gettext_in(
        "nl", "Write at least one of the three: what went well, what to change, your next step."
    )
    assert empty in page.locator("main").inner_text()
    assert not SessionRetrospective.objects.filter(session=session, author=employee).exists()
    assert_no_axe_violations(page, context="the retrospective form, refused (nl)")

    tab_until(page, lambda state: state["name"] == "went_well")
    page.keyboard.type("Echte verhalen van collega's aan het loket.")
    tab_until(page, lambda state: state["name"] == "next_step")
    page.keyboard.type("De nieuwe brief met tien burgers testen.")
    _tab_to_button(page, share)
    press_enter_and_wait(page)
    retrospective = SessionRetrospective.objects.get(session=session, author=employee)
    assert retrospective.went_well == "Echte verhalen van collega's aan het loket."
    assert retrospective.to_change == ""
    assert retrospective.next_step == "De nieuwe brief met tien burgers testen."
    assert "Echte verhalen" in page.locator("#retrospective-list").inner_text()
    assert_no_axe_violations(page, context="the session with the member's retrospective (nl)")


def test_the_organisers_cohort_pages_have_no_accessibility_violations(
    browser_page, live_server, personas
):
    page = browser_page
    cohort = _cohort_with_a_full_board(personas)
    session = matrix_session(personas)
    base = f"{live_server.url}/fr/cohorts"

    login_as(page, live_server, personas.hr, personas.password, language="fr")
    for path, context in (
        ("", "the cohorts, as the organiser (fr)"),
        (f"{cohort.public_id}/", "the cohort's overview, with its member form (fr)"),
        (f"{cohort.public_id}/board/", "the board, as the organiser (fr)"),
        (
            f"{cohort.public_id}/sessions/{session.public_id}/",
            "a session's retrospectives, as the organiser (fr)",
        ),
        (f"{cohort.public_id}/calendar/", "the calendar, as the organiser (fr)"),
    ):
        visit(page, f"{base}/{path}")
        assert_no_axe_violations(page, context=context)

    # Adding an address nobody has: refused beside the field, with the error box.
    visit(page, f"{base}/{cohort.public_id}/")
    tab_until(page, lambda state: state["name"] == "email")
    page.keyboard.type("nobody@elan.test")
    _tab_to_button(page, gettext_in("fr", "Add to the cohort"))
    press_enter_and_wait(page)
    assert page.locator(".error-summary").count() >= 1
    assert cohort.members.count() == 2
    assert_no_axe_violations(page, context="the member form, refused (fr)")
