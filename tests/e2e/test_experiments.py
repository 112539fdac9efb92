# SPDX-License-Identifier: EUPL-1.2
"""Experiments in a real browser (issue 17): a card from a template to a decision in Dutch by
keyboard alone, then found on the learning wall by a colleague in French; and axe-core clean on
every page of the module, in each state."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from elan.experiments import services
from elan.experiments.constants import Decision, Sharing, Status, Template
from elan.experiments.mandate import MandateAnswers
from elan.experiments.models import Experiment
from elan.experiments.tests.factories import (
    add_iteration,
    checked_experiment,
    decided_experiment,
    draft_experiment,
    matrix_experiment,
    running_experiment,
)
from elan.organisations.tests.factories import UnitFactory, person_in
from tests.e2e.support import (
    active,
    assert_no_axe_violations,
    gettext_in,
    login_as,
    press_enter_and_wait,
    tab_to_button,
    tab_until,
    type_date,
    type_into,
    visit,
)

pytestmark = pytest.mark.browser

LESSON = "Een stappenlijst bovenaan de brief halveert het aantal telefoontjes."


def _tab_to_link(page, text: str) -> None:
    tab_until(page, lambda state: state["tag"] == "A" and state["text"].startswith(text))


def _choose(page, name: str, value: str) -> None:
    """A radio group by keyboard: Tab into it, arrows until the value, Space to be sure."""
    tab_until(page, lambda state: state["name"] == name)
    for _ in range(8):
        if active(page)["value"] == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{name} never reached {value}")


def test_a_card_from_a_template_to_a_decision_in_dutch_by_keyboard_then_found_in_french(
    browser_page, live_server, personas
):
    page = browser_page
    base = f"{live_server.url}/nl/experiments"
    today = timezone.localdate()
    ab_label = gettext_in("nl", Template.AB_LETTERS.label)

    login_as(page, live_server, personas.employee, personas.password, language="nl")
    visit(page, f"{base}/")
    assert_no_axe_violations(page, context="my experiments, none yet (nl)")
    _tab_to_link(page, gettext_in("nl", "Start an experiment"))
    press_enter_and_wait(page)
    assert_no_axe_violations(page, context="choose a template (nl)")
    use_template = gettext_in(
        "nl", 'Use this template<span class="visually-hidden">: %(title)s</span>'
    ).split("<")[0]
    tab_until(
        page,
        lambda state: (
            state["tag"] == "A"
            and state["text"].startswith(use_template)
            and ab_label in state["text"]
        ),
    )
    press_enter_and_wait(page)
    assert_no_axe_violations(page, context="card form from the A/B template (nl)")

    for name, text in (
        ("title", "Twee versies van de brief over de vergoeding"),
        ("problem", "Een op drie aanvragers belt ons na de brief."),
        ("belief", "een brief die begint met wat ze moeten doen"),
        ("expected_outcome", "minder telefoontjes"),
        ("what_we_try", "De helft krijgt de huidige brief, de andere helft een korte."),
        ("smallest_test", "Twee weken, twee diensten."),
        ("success_criterion", "30% minder telefoontjes bij de korte brief."),
        ("stop_criterion", "Meer onvolledige aanvragen bij de korte brief."),
    ):
        type_into(page, name, text)
    type_date(page, "ends_on", today + datetime.timedelta(days=30))
    type_into(page, "cost_euros", "0")
    tab_to_button(page, gettext_in("nl", "Save the draft"))
    press_enter_and_wait(page)
    experiment = Experiment.objects.get(owner=personas.employee)
    assert experiment.status == Status.DRAFT
    assert experiment.ends_on == today + datetime.timedelta(days=30)
    assert_no_axe_violations(page, context="a draft card (nl)")

    _tab_to_link(page, gettext_in("nl", "Within my mandate? Check it"))
    press_enter_and_wait(page)
    assert_no_axe_violations(page, context="mandate check (nl)")
    _choose(page, "changes_rights", "no")
    _choose(page, "personal_data", "no")
    type_into(page, "spend_euros", "0")
    _choose(page, "other_unit", "no")
    tab_to_button(page, gettext_in("nl", "Check"))
    press_enter_and_wait(page)
    assert_no_axe_violations(page, context="mandate: go ahead (nl)")
    _tab_to_link(page, gettext_in("nl", "Go to the start"))
    press_enter_and_wait(page)
    tab_to_button(page, gettext_in("nl", "Start the test now"))
    press_enter_and_wait(page)
    experiment.refresh_from_db()
    assert experiment.status == Status.RUNNING

    _tab_to_link(page, gettext_in("nl", "Record an iteration"))
    press_enter_and_wait(page)
    type_date(page, "tried_on", today)
    type_into(page, "what_we_tried", "De korte brief naar 40 aanvragers.")
    type_into(page, "what_we_saw", "5 telefoontjes tegen 11.")
    _choose(page, "success", "met")
    type_into(page, "learnt", LESSON)
    tab_to_button(page, gettext_in("nl", "Record the iteration"))
    press_enter_and_wait(page)
    assert experiment.iterations.count() == 1

    _tab_to_link(page, gettext_in("nl", "Decide"))
    press_enter_and_wait(page)
    assert_no_axe_violations(page, context="the decision (nl)")
    _choose(page, "decision", Decision.SCALE)
    type_into(page, "reason", "Het succescriterium is gehaald.")
    type_into(page, "lessons", LESSON)
    tab_to_button(page, gettext_in("nl", "Record the decision"))
    press_enter_and_wait(page)
    _choose(page, "sharing", Sharing.ORGANISATION)
    tab_to_button(page, gettext_in("nl", "Save who may read it"))
    press_enter_and_wait(page)
    experiment.refresh_from_db()
    assert (experiment.status, experiment.decision, experiment.sharing) == (
        Status.DECIDED,
        Decision.SCALE,
        Sharing.ORGANISATION,
    )
    assert_no_axe_violations(page, context="a decided card, shared (nl)")

    # A colleague of another unit of the same organisation finds it on the wall, in French,
    # by a word of its lesson, and can build on it.
    elsewhere = UnitFactory(parent=personas.organisation, code="FPS-ONE-DATA", name_en="Data")
    colleague = person_in(
        elsewhere, email="camille@elan.test", first_name="Camille", preferred_language="fr"
    )
    page.context.clear_cookies()
    login_as(page, live_server, colleague, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/experiments/wall/")
    assert_no_axe_violations(page, context="the learning wall (fr)")
    type_into(page, "q", "stappenlijst")
    press_enter_and_wait(page)
    expect(page.get_by_text(LESSON).first).to_be_visible()
    assert_no_axe_violations(page, context="the wall after a search (fr)")
    _tab_to_link(page, experiment.title)
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text(experiment.title)
    expect(
        page.get_by_role("button", name=gettext_in("fr", "I want to try this too"))
    ).to_be_visible()
    assert_no_axe_violations(page, context="a shared card read by a colleague (fr)")


def test_every_page_of_the_module_has_no_axe_violations_in_each_state(
    browser_page, live_server, personas
):
    page = browser_page
    base = f"{live_server.url}/en/experiments"
    draft = draft_experiment(personas.employee, title="A draft to check")
    shrink, _result = checked_experiment(
        personas.employee,
        MandateAnswers(changes_rights=True, personal_data=False, spend_euros=0, other_unit=False),
        title="A test that would change a right",
    )
    running = running_experiment(personas.employee, sharing=Sharing.TEAM)
    add_iteration(running, personas.employee, guardrail_breached=True)
    decided = decided_experiment(personas.employee, Decision.SCALE)
    request = matrix_experiment(personas, "request")
    services.experiment_share(
        experiment=decided, actor=personas.employee, sharing=Sharing.ORGANISATION
    )

    login_as(page, live_server, personas.employee, personas.password)
    for path, context in (
        ("/", "my experiments, with cards in every state"),
        (f"/{draft.public_id}/", "a draft card"),
        (f"/{draft.public_id}/edit/", "the card being edited"),
        (f"/{draft.public_id}/start/", "the start page with what is missing"),
        (f"/{shrink.public_id}/mandate/", "mandate: shrink the test, with suggestions"),
        (f"/{request.experiment.public_id}/mandate/", "mandate: a question waiting"),
        (f"/{running.public_id}/", "a running card that asks for a decision"),
        (f"/{running.public_id}/iterations/new/", "a new iteration"),
        (f"/{running.public_id}/decide/", "the decision"),
        (f"/{decided.public_id}/", "a decided card, shared with the organisation"),
        (f"/{decided.public_id}/regularise/", "making it official"),
        ("/wall/", "the learning wall"),
        ("/report/", "the yearly report"),
    ):
        visit(page, base + path)
        assert_no_axe_violations(page, context=context)

    page.context.clear_cookies()
    login_as(page, live_server, personas.line_manager, personas.password)
    for path, context in (
        ("/team/", "the manager's view"),
        (f"/permission/{request.public_id}/", "a permission request to answer"),
        (f"/{running.public_id}/", "a team-shared card read by the line manager"),
    ):
        visit(page, base + path)
        assert_no_axe_violations(page, context=context)
    visit(page, f"{base}/{draft.public_id}/", status=404)

    page.context.clear_cookies()
    login_as(page, live_server, personas.hr, personas.password)
    for path, context in (
        ("/figures/", "HR's figures"),
        ("/figures/?year=x", "HR's figures with a bad year"),
    ):
        visit(page, base + path)
        assert_no_axe_violations(page, context=context)
