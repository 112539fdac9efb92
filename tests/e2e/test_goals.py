# SPDX-License-Identifier: EUPL-1.2
"""The evaluation cycle in a real browser (issue 16): a planning talk in French by keyboard alone,
from drafting goals with templates to agreeing them and recording the talk; the goals sheet's
PDF in French; and axe-core clean on every page of the module, in each state."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from elan.goals import selectors, services
from elan.goals.constants import Agreement, CycleStatus, TalkStatus
from elan.goals.models import Goal, GoalTemplate
from elan.goals.shipped import load_shipped_holidays, load_shipped_templates
from elan.goals.tests.factories import ObjectiveFactory, cycle_of, matrix_cycle
from elan.goals.tests.test_sheet import pdf_text
from tests.e2e.support import (
    assert_no_axe_violations,
    gettext_in,
    login_as,
    press_enter_and_wait,
    tab_until,
    visit,
)

pytestmark = pytest.mark.browser


def _visible_part(message: str) -> str:
    """The French words of a message whose rest is visually hidden markup."""
    return gettext_in("fr", message).split("<")[0]


def _tab_to_link(page, text: str) -> None:
    tab_until(page, lambda state: state["tag"] == "A" and state["text"].startswith(text))


def _tab_to_button(page, text: str) -> None:
    tab_until(page, lambda state: state["tag"] == "BUTTON" and state["text"] == text)


def _draft_from_template_by_keyboard(page, cycle_url: str, template: GoalTemplate) -> None:
    """From the cycle page: open the goal form, take the template, save, propose; keys only."""
    visit(page, cycle_url)
    _tab_to_link(page, gettext_in("fr", "Draft a goal"))
    press_enter_and_wait(page)
    title = selectors.template_texts(template, "fr")["title"]
    use_template = _visible_part(
        'Use this template<span class="visually-hidden">: %(title)s</span>'
    )
    # The template's link reads "Use this template: <its title>" to a screen reader.
    tab_until(
        page,
        lambda state: (
            state["tag"] == "A"
            and state["text"].startswith(use_template)
            and title in state["text"]
        ),
    )
    press_enter_and_wait(page)
    expect(page.locator("#id_title")).to_have_value(title)
    assert_no_axe_violations(page, context=f"goal form from the template {template.code} (fr)")
    _tab_to_button(page, gettext_in("fr", "Save the draft"))
    press_enter_and_wait(page)
    _tab_to_button(page, gettext_in("fr", "Propose to my evaluator"))
    press_enter_and_wait(page)


def test_a_planning_talk_in_french_by_keyboard_from_templates_to_agreed_goals_and_a_french_sheet(
    browser_page, live_server, personas
):
    page = browser_page
    load_shipped_templates()
    load_shipped_holidays()
    for person in (personas.employee, personas.line_manager):
        person.preferred_language = "fr"
        person.save(update_fields=["preferred_language"])
    cycle = cycle_of(personas.employee)
    planning = cycle.talks.get()
    cycle_url = f"{live_server.url}/fr/goals/{cycle.public_id}/"
    skill = GoalTemplate.objects.get(code="run-a-responsible-experiment")
    result = GoalTemplate.objects.get(code="time-saved-new-way-of-working")

    # The person drafts two goals from templates and proposes them, by keyboard alone.
    login_as(page, live_server, personas.employee, personas.password, language="fr")
    for template in (skill, result):
        _draft_from_template_by_keyboard(page, cycle_url, template)
    goals = list(Goal.objects.filter(cycle=cycle).order_by("pk"))
    assert [goal.template for goal in goals] == [skill, result]
    assert {goal.agreement for goal in goals} == {Agreement.PROPOSED}
    assert goals[0].title == selectors.template_texts(skill, "fr")["title"]
    assert_no_axe_violations(page, context="cycle with two proposed goals (fr)")

    # The evaluator reads the balance on the talk page, agrees both goals and records the talk.
    page.context.clear_cookies()
    login_as(page, live_server, personas.line_manager, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/goals/talk/{planning.public_id}/")
    expect(page.locator("#balance-heading")).to_have_text(
        gettext_in("fr", "Before you close this talk")
    )
    assert_no_axe_violations(page, context="planning talk before agreement (fr)")
    for _goal in goals:
        visit(page, cycle_url)
        _tab_to_button(page, gettext_in("fr", "Agree to this goal"))
        press_enter_and_wait(page)
        expect(page.locator(".messages")).to_contain_text(
            gettext_in("fr", "You agreed to this goal.")
        )
    assert {goal.agreement for goal in Goal.objects.filter(cycle=cycle)} == {Agreement.AGREED}
    visit(page, f"{live_server.url}/fr/goals/talk/{planning.public_id}/")
    _tab_to_button(page, gettext_in("fr", "Record the talk as held"))
    press_enter_and_wait(page)
    planning.refresh_from_db()
    cycle.refresh_from_db()
    assert planning.status == TalkStatus.HELD
    assert planning.held_on == timezone.localdate()
    assert cycle.status == CycleStatus.RUNNING
    expect(page.locator("#talk-status")).to_have_text(gettext_in("fr", "Held"))
    assert_no_axe_violations(page, context="planning talk held (fr)")

    # The goals sheet, in the person's language: the print page and the PDF's own text.
    visit(page, f"{live_server.url}/fr/goals/{cycle.public_id}/sheet/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert_no_axe_violations(page, context="goals sheet (fr)")
    pdf = page.request.get(f"{live_server.url}/en/goals/{cycle.public_id}/sheet.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.body())
    assert selectors.template_texts(skill, "fr")["title"].split()[0] in text
    assert gettext_in("fr", "Goals sheet") in text
    assert gettext_in("fr", "Indicator") in text
    assert " the " not in f" {text.lower()} ", "English words on a French person's sheet"


def test_every_page_of_the_goals_module_passes_axe(browser_page, live_server, personas):
    page = browser_page
    load_shipped_templates()
    built = matrix_cycle(personas)
    cycle, interim = built.cycle, built.interim
    services.goal_create(
        cycle=cycle, actor=personas.employee, kind="performance", title="Stand-up meetings"
    )
    objective = ObjectiveFactory(unit=personas.team, title="Faster permits")
    ObjectiveFactory(unit=personas.team, parent=objective, title="Fewer forms")
    base = f"{live_server.url}/en/goals"

    login_as(page, live_server, personas.employee, personas.password)
    for path, context in (
        ("/", "home with a cycle"),
        (f"/{cycle.public_id}/", "cycle of the person"),
        (f"/{cycle.public_id}/goals/new/", "goal form with templates"),
        (f"/goal/{built.draft.public_id}/edit/", "draft being edited"),
        (f"/goal/{built.agreed.public_id}/edit/", "agreed goal, locked"),
        (f"/{cycle.public_id}/evidence/", "evidence to add or withdraw"),
        (f"/evidence/{built.evidence.public_id}/", "self-assessment as evidence"),
        (f"/{cycle.public_id}/talks/new/", "plan a talk"),
        (f"/talk/{interim.public_id}/", "interim talk, the person's notes"),
        (f"/{cycle.public_id}/sheet/", "goals sheet"),
    ):
        visit(page, base + path)
        assert_no_axe_violations(page, context=context)

    # A goal form sent back with mistakes: the error summary and the input kept.
    visit(page, f"{base}/{cycle.public_id}/goals/new/")
    page.locator("#id_title").fill("x" * 3)
    page.locator("#id_due_on").fill("2001-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_due_on")).to_have_value("2001-01-01")
    assert_no_axe_violations(page, context="goal form with errors")

    page.context.clear_cookies()
    login_as(page, live_server, personas.line_manager, personas.password)
    for path, context in (
        ("/", "home of an evaluator"),
        (f"/{cycle.public_id}/", "cycle seen by the evaluator"),
        (f"/talk/{interim.public_id}/", "interim talk, the evaluator's notes"),
        (f"/talk/{interim.public_id}/goal/{built.agreed.public_id}/", "change in a talk"),
    ):
        visit(page, base + path)
        assert_no_axe_violations(page, context=context)
    expect(page.get_by_text("My private draft")).to_have_count(0)

    # Stopping without a reason, and moving a talk to a day the cycle does not allow: each form
    # comes back with its message and what was typed.
    visit(page, f"{base}/{cycle.public_id}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Stop this cycle").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page, context="stopping a cycle without a reason")
    visit(page, f"{base}/talk/{interim.public_id}/")
    page.locator("#id_planned_on").fill("2001-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Move the talk to this day").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_planned_on")).to_have_value("2001-01-01")
    assert_no_axe_violations(page, context="moving a talk before the cycle starts")

    page.context.clear_cookies()
    login_as(page, live_server, personas.hr, personas.password)
    for path, context in (
        ("/figures/", "HR process figures"),
        ("/talks/", "which talks took place, per person"),
        ("/talks/?only_overdue=on", "talks past their due day only"),
        ("/talks/?unit=NOWHERE", "talks: a unit outside the list"),
        ("/objectives/", "objectives tree"),
        (f"/objectives/new/?unit={personas.team.code}", "new objective"),
        (f"/objectives/{objective.public_id}/edit/", "objective being edited"),
    ):
        visit(page, base + path)
        assert_no_axe_violations(page, context=context)
    visit(page, f"{base}/{cycle.public_id}/", status=404)

    page.context.clear_cookies()
    login_as(page, live_server, personas.team_lead, personas.password, language="de")
    visit(page, f"{live_server.url}/de/goals/")
    assert_no_axe_violations(page, context="home without a cycle, start form (de)")
    page.locator("#id_starts_on").fill("2001-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name=gettext_in("de", "Start my cycle")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page, context="start form with an error (de)")
