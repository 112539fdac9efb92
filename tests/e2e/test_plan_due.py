# SPDX-License-Identifier: EUPL-1.2
"""A plan step's target date in a real browser: set with the browser's date field, a past date
refused with the error summary and the date typed back, an overdue step said in words; axe-core
clean in each state, and nothing scrolls sideways at 320 px."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from elan.assessments import services
from elan.assessments.models import PlanStep
from elan.assessments.recommendations import builtin_suggestion
from elan.assessments.tests.factories import SPIKY, submitted_assessment
from tests.e2e.support import assert_no_axe_violations, gettext_in, login_as, visit

pytestmark = pytest.mark.browser

DAY = datetime.timedelta(days=1)


def test_the_owner_sets_a_date_sees_a_past_one_refused_and_an_overdue_step_in_words(
    browser_page, live_server, personas
):
    page = browser_page
    submitted_assessment(personas.employee, SPIKY)
    step = services.plan_step_add(
        owner=personas.employee, suggestion=builtin_suggestion("elan:practice:insurgency")
    )
    login_as(page, live_server, personas.employee, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/assessments/plan/")
    field = page.locator(f"#step-{step.pk}-due_on")
    save = page.locator(f"#step-{step.pk} .step-due__controls button")

    soon = timezone.localdate() + 6 * DAY
    field.fill(soon.isoformat())
    with page.expect_navigation():
        save.click()
    step.refresh_from_db()
    assert step.due_on == soon
    expect(page.locator(f'#step-{step.pk} time[datetime="{soon.isoformat()}"]')).to_be_visible()
    assert_no_axe_violations(page, context="plan with a target date (fr)")

    yesterday = (timezone.localdate() - DAY).isoformat()
    page.locator(f"#step-{step.pk}-due_on").fill(yesterday)
    with page.expect_navigation():
        page.locator(f"#step-{step.pk} .step-due__controls button").click()
    expect(page.locator(".error-summary")).to_contain_text(
        gettext_in("fr", "Choose today or a later date.")
    )
    expect(page.locator(f"#step-{step.pk}-due_on")).to_have_value(yesterday)
    assert_no_axe_violations(page, context="plan with a refused date (fr)")

    PlanStep.objects.filter(pk=step.pk).update(due_on=timezone.localdate() - 2 * DAY)
    page.set_viewport_size({"width": 320, "height": 720})
    visit(page, f"{live_server.url}/fr/assessments/plan/")
    expect(page.locator(f"#step-{step.pk} .tag--overdue")).to_have_text(gettext_in("fr", "Overdue"))
    assert_no_axe_violations(page, context="plan with an overdue step (fr)")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the plan scrolls sideways at 320 px ({width} px)"
