# SPDX-License-Identifier: EUPL-1.2
"""Skills in a real browser (issue 6): a self-assessment by keyboard alone in French, the
profile, three plan steps and the PDF; then axe-core on every page the module adds.

Every step of the journey uses the keyboard only: Tab to move, Space and the arrow keys to
answer, Enter to press buttons and follow links.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from elan.assessments.models import Assessment, PlanStep
from elan.assessments.services import team_mix_join
from elan.assessments.team import snapshot_take
from elan.assessments.tests.factories import SPIKY, instrument, share, submitted_assessment
from elan.organisations.tests.factories import person_in
from elan.skills.shipped import load_shipped_frameworks
from tests.e2e.support import (
    assert_no_axe_violations,
    gettext_in,
    login_as,
    press_enter_and_wait,
    tab_until,
    visit,
)

pytestmark = pytest.mark.browser


def answer_step_by_keyboard(page: Page, values: list[int]) -> None:
    """Answer each radio group in order: Space picks the first answer, arrows move along it."""
    tab_until(page, lambda s: s["type"] == "radio")
    for number, value in enumerate(values):
        page.keyboard.press("Space")
        for _ in range(value - 1):
            page.keyboard.press("ArrowDown")
        if number < len(values) - 1:
            page.keyboard.press("Tab")


def test_a_person_completes_the_self_assessment_by_keyboard_in_french_and_leaves_with_a_plan(
    browser_page, live_server, personas
):
    page = browser_page
    target = instrument()
    login_as(page, live_server, personas.employee, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/assessments/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_no_axe_violations(page, context="start (fr)")

    start_label = gettext_in("fr", "Start the self-assessment")
    tab_until(page, lambda s: s["tag"] == "BUTTON" and s["text"] == start_label)
    press_enter_and_wait(page)

    items = list(target.items.order_by("position").select_related("subscale__competency"))
    wanted = {}
    for item in items:
        score = SPIKY[item.subscale.competency.slug]
        wanted[item.code] = 6 - score if item.reverse else score
    steps = 4
    for step in range(1, steps + 1):
        progress = gettext_in("fr", "Step %(step)s of %(total)s", step=step, total=steps)
        expect(page.locator(".progress-block__label")).to_have_text(progress)
        expect(page.locator("progress")).to_have_attribute("value", str(step))
        if step in (1, steps):
            assert_no_axe_violations(page, context=f"step {step} (fr)")
        codes = items[(step - 1) * 6 : step * 6]
        answer_step_by_keyboard(page, [wanted[item.code] for item in codes])
        label = gettext_in(
            "fr", "Submit and see my profile" if step == steps else "Save and continue"
        )
        tab_until(page, lambda s, label=label: s["tag"] == "BUTTON" and s["text"] == label)
        press_enter_and_wait(page)

    assert page.url == f"{live_server.url}/fr/assessments/profile/"
    expect(page.locator("h1")).to_have_text(gettext_in("fr", "Your innovation skills profile"))
    expect(page.locator("svg[role=img] title")).to_have_count(1)
    expect(page.locator(".chart-with-table table caption")).to_be_visible()
    expect(
        page.get_by_role("heading", name=gettext_in("fr", "Suggested team roles"))
    ).to_be_visible()
    assert_no_axe_violations(page, context="profile (fr)")
    assessment = Assessment.objects.get(owner=personas.employee)
    assert assessment.is_submitted and assessment.language == "fr"
    assert assessment.scores["iteration"]["mean"] == 5.0
    assert assessment.scores["insurgency"]["mean"] == 1.0

    plan_link = gettext_in("fr", "Choose up to three next steps")
    tab_until(page, lambda s: s["tag"] == "A" and s["text"] == plan_link)
    press_enter_and_wait(page)
    assert page.url == f"{live_server.url}/fr/assessments/plan/"
    assert_no_axe_violations(page, context="plan (fr)")
    add = gettext_in("fr", "Add to my plan")
    for _ in range(3):
        tab_until(page, lambda s: s["tag"] == "BUTTON" and s["text"].startswith(add))
        press_enter_and_wait(page)
    assert PlanStep.objects.filter(owner=personas.employee).count() == 3
    expect(
        page.get_by_text(
            gettext_in("fr", "Your plan has three steps. Finish or drop one to choose another.")
        )
    ).to_be_visible()
    assert_no_axe_violations(page, context="plan with three steps (fr)")

    download_label = gettext_in("fr", "Download your profile and plan (PDF)")
    tab_until(page, lambda s: s["tag"] == "A" and s["text"] == download_label)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_every_page_of_the_skills_module_passes_axe(browser_page, live_server, personas):
    page = browser_page
    load_shipped_frameworks()
    submitted_assessment(personas.employee, 3)
    submitted_assessment(personas.employee, SPIKY)
    granted = share(personas.employee, personas.line_manager, "line_manager")
    for _ in range(4):
        colleague = person_in(personas.team)
        submitted_assessment(colleague, SPIKY)
        team_mix_join(owner=colleague)

    for language in ("nl", "de"):
        visit(page, f"{live_server.url}/{language}/skills/frameworks/")
        assert_no_axe_violations(page, context=f"frameworks ({language})")
        visit(page, f"{live_server.url}/{language}/skills/frameworks/elan-innovation-skills/")
        assert_no_axe_violations(page, context=f"innovation framework ({language})")
    visit(page, f"{live_server.url}/en/skills/frameworks/states-of-change/")
    assert_no_axe_violations(page, context="States of Change")
    visit(page, f"{live_server.url}/en/skills/frameworks/be-federal-competencies/")
    assert_no_axe_violations(page, context="federal structure")

    login_as(page, live_server, personas.employee, personas.password, language="nl")
    for path in ("profile/", "plan/", "sharing/", "shared-with-me/"):
        visit(page, f"{live_server.url}/nl/assessments/{path}")
        assert_no_axe_violations(page, context=f"{path} (nl)")
    visit(page, f"{live_server.url}/nl/assessments/sharing/")
    page.get_by_label(re.compile(gettext_in("nl", "E-mail address of your mentor"))).fill(
        "nobody@elan.test"
    )
    with page.expect_navigation():
        page.get_by_role("button", name=gettext_in("nl", "Share with this person")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page, context="sharing with an error (nl)")
    # Counting in the team's skill mix is the person's own choice, off until chosen.
    with page.expect_navigation():
        page.get_by_role(
            "button", name=gettext_in("nl", "Count my scores in my team's skill mix")
        ).click()
    expect(
        page.get_by_role("button", name=gettext_in("nl", "Stop counting my scores"))
    ).to_be_visible()
    assert_no_axe_violations(page, context="counted in the team's skill mix (nl)")
    snapshot_take()  # what assessments_daily does on the first day of the month
    visit(page, f"{live_server.url}/nl/assessments/")
    assert_no_axe_violations(page, context="start again (nl)")

    page.context.clear_cookies()
    login_as(page, live_server, personas.line_manager, personas.password, language="de")
    visit(page, f"{live_server.url}/de/assessments/shared-with-me/")
    assert_no_axe_violations(page, context="shared with me (de)")
    visit(page, f"{live_server.url}/de/assessments/shared-with-me/{granted.pk}/")
    expect(page.locator("h1")).to_contain_text(personas.employee.get_full_name())
    assert_no_axe_violations(page, context="shared profile (de)")

    page.context.clear_cookies()
    login_as(page, live_server, personas.team_lead, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/assessments/team/")
    assert_no_axe_violations(page, context="team overview (fr)")
    visit(page, f"{live_server.url}/fr/assessments/team/{personas.team.pk}/")
    expect(page.locator("svg[role=img]")).to_have_count(1)
    assert_no_axe_violations(page, context="team mix (fr)")
    visit(page, f"{live_server.url}/fr/assessments/team/{personas.other_organisation.pk}/", 403)


def test_revoking_a_share_closes_the_profile_for_the_manager_at_once(
    browser_page, live_server, personas
):
    page = browser_page
    submitted_assessment(personas.employee, SPIKY)
    granted = share(personas.employee, personas.line_manager, "line_manager")
    login_as(page, live_server, personas.line_manager, personas.password)
    visit(page, f"{live_server.url}/en/assessments/shared-with-me/{granted.pk}/")
    from elan.assessments.services import share_revoke

    share_revoke(owner=personas.employee, share=granted)
    visit(page, f"{live_server.url}/en/assessments/shared-with-me/{granted.pk}/", 404)
