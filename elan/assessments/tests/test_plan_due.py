# SPDX-License-Identifier: EUPL-1.2
"""A development step's target date: the owner sets, moves or removes it on the plan page; a
date in the past or too far ahead is refused with the input back; nobody else can touch it;
the plan page, the PDF and the data export show it, and an overdue step says so in words."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from elan.assessments import services
from elan.assessments.constants import StepStatus
from elan.assessments.models import PlanStep, PlanStepEvent
from elan.assessments.personal_data import export_self_assessments
from elan.assessments.recommendations import builtin_suggestion
from elan.assessments.services import AssessmentError
from elan.assessments.tests.factories import SPIKY, share, submitted_assessment

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
PLAN = "/en/assessments/plan/"


def a_step(owner) -> PlanStep:
    submitted_assessment(owner, SPIKY)
    return services.plan_step_add(
        owner=owner, suggestion=builtin_suggestion("elan:practice:insurgency")
    )


def due_url(step: PlanStep) -> str:
    return f"/en/assessments/plan/steps/{step.pk}/due/"


def overdue(step: PlanStep, days: int = 3) -> PlanStep:
    # The service refuses a past date: a date becomes past by waiting, which the test skips.
    PlanStep.objects.filter(pk=step.pk).update(due_on=timezone.localdate() - days * DAY)
    step.refresh_from_db()
    return step


def test_the_owner_sets_a_target_date_and_the_plan_page_shows_it(client_for, personas):
    step = a_step(personas.employee)
    target = timezone.localdate() + 10 * DAY
    client = client_for("employee")

    response = client.post(due_url(step), {"due_on": target.isoformat()})

    assert response.status_code == 302
    assert response["Location"] == f"{PLAN}#step-{step.pk}"
    step.refresh_from_db()
    assert step.due_on == target
    page = html.unescape(client.get(PLAN).content.decode())
    assert "The target date is saved." in page
    assert f'Target date: <time datetime="{target.isoformat()}">' in page
    assert "Overdue" not in page
    # The field shows the date to change it, and its label names the step for screen readers.
    assert re.search(rf'id="step-{step.pk}-due_on"[^>]*value="{target.isoformat()}"', page) or (
        re.search(rf'value="{target.isoformat()}"[^>]*id="step-{step.pk}-due_on"', page)
    )
    assert f'<label for="step-{step.pk}-due_on">Target date<span class="visually-hidden">' in page


def test_the_owner_moves_the_date_and_can_remove_it(client_for, personas):
    step = a_step(personas.employee)
    client = client_for("employee")
    client.post(due_url(step), {"due_on": (timezone.localdate() + 5 * DAY).isoformat()})
    later = timezone.localdate() + 40 * DAY
    client.post(due_url(step), {"due_on": later.isoformat()})
    step.refresh_from_db()
    assert step.due_on == later

    response = client.post(due_url(step), {"clear": "on"})

    assert response.status_code == 302
    step.refresh_from_db()
    assert step.due_on is None
    assert "The target date is removed." in client.get(PLAN).content.decode()


def test_a_past_date_is_refused_with_a_message_and_the_date_typed_back(client_for, personas):
    step = a_step(personas.employee)
    yesterday = (timezone.localdate() - DAY).isoformat()

    response = client_for("employee").post(due_url(step), {"due_on": yesterday})

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "<title>Error:" in page
    assert 'class="error-summary"' in page
    assert f'href="#step-{step.pk}-due_on">Choose today or a later date.</a>' in page
    field = re.search(rf'<input[^>]*id="step-{step.pk}-due_on"[^>]*>', page).group(0)
    assert f'value="{yesterday}"' in field
    assert 'aria-invalid="true"' in field
    step.refresh_from_db()
    assert step.due_on is None


def test_a_date_that_is_not_a_date_is_refused_with_the_text_typed_back(client_for, personas):
    step = a_step(personas.employee)

    response = client_for("employee").post(due_url(step), {"due_on": "next friday"})

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Enter a date, for example 2026-12-31." in page
    assert 'value="next friday"' in page
    step.refresh_from_db()
    assert step.due_on is None


def test_a_date_more_than_a_year_ahead_is_refused_and_today_is_accepted(personas):
    step = a_step(personas.employee)
    today = timezone.localdate()
    with pytest.raises(AssessmentError, match="within a year"):
        services.plan_step_set_due(owner=personas.employee, step=step, due_on=today + 366 * DAY)
    services.plan_step_set_due(owner=personas.employee, step=step, due_on=today + 365 * DAY)
    services.plan_step_set_due(owner=personas.employee, step=step, due_on=today)
    step.refresh_from_db()
    assert step.due_on == today


def test_someone_else_cannot_set_the_date_of_a_step(client_for, personas):
    step = a_step(personas.employee)
    # Even the line manager the plan is shared with reads it only.
    share(personas.employee, personas.line_manager, kind="line_manager")
    target = (timezone.localdate() + 7 * DAY).isoformat()

    for name in ("line_manager", "outsider", "administrator"):
        response = client_for(name).post(due_url(step), {"due_on": target})
        assert response.status_code == 404, name
    with pytest.raises(AssessmentError):
        services.plan_step_set_due(
            owner=personas.line_manager, step=step, due_on=timezone.localdate() + 7 * DAY
        )
    step.refresh_from_db()
    assert step.due_on is None


def test_an_overdue_step_is_marked_overdue_in_words_on_the_plan_page(client_for, personas):
    step = overdue(a_step(personas.employee))

    page = html.unescape(client_for("employee").get(PLAN).content.decode())

    item = re.search(rf'<li class="plan-step" id="step-{step.pk}">.*?</li>', page, re.S).group(0)
    assert '<strong class="tag tag--overdue">Overdue</strong>' in item
    assert f'Was due on <time datetime="{step.due_on.isoformat()}">' in item
    # Sending the date shown back unchanged is not a new past date: nothing is refused.
    response = client_for("employee").post(due_url(step), {"due_on": step.due_on.isoformat()})
    assert response.status_code == 302


def test_a_finished_step_is_not_overdue_and_cannot_get_a_new_date(personas):
    step = overdue(a_step(personas.employee))
    step = services.plan_step_transition(
        owner=personas.employee, step=step, to_status=StepStatus.DONE
    )
    assert not step.is_overdue
    with pytest.raises(AssessmentError, match="planned or in progress"):
        services.plan_step_set_due(
            owner=personas.employee, step=step, due_on=timezone.localdate() + 3 * DAY
        )


def test_a_date_change_leaves_the_status_history_alone(personas):
    step = a_step(personas.employee)
    before = list(PlanStepEvent.objects.filter(step=step).values_list("pk", flat=True))
    services.plan_step_set_due(
        owner=personas.employee, step=step, due_on=timezone.localdate() + 3 * DAY
    )
    services.plan_step_set_due(owner=personas.employee, step=step, due_on=None)
    assert list(PlanStepEvent.objects.filter(step=step).values_list("pk", flat=True)) == before


def test_the_pdf_shows_the_target_date_and_says_when_a_step_is_overdue(
    client_for, personas, monkeypatch
):
    import weasyprint

    rendered: list[str] = []

    class FakeHTML:
        def __init__(self, *, string: str, base_url: str) -> None:
            rendered.append(string)

        def write_pdf(self, **kwargs) -> bytes:
            return b"%PDF-1.7"

    monkeypatch.setattr(weasyprint, "HTML", FakeHTML)
    step = a_step(personas.employee)
    soon = timezone.localdate() + 4 * DAY
    services.plan_step_set_due(owner=personas.employee, step=step, due_on=soon)
    client = client_for("employee")

    assert client.get("/en/assessments/profile/pdf/").status_code == 200
    assert f"Target date: {date_format(soon, 'DATE_FORMAT')}" in html.unescape(rendered[-1])

    overdue(step)
    client.get("/en/assessments/profile/pdf/")
    assert "<strong>Overdue</strong> – Was due on" in html.unescape(rendered[-1])


def test_the_data_export_includes_the_target_date(personas):
    step = a_step(personas.employee)
    target = timezone.localdate() + 9 * DAY
    services.plan_step_set_due(owner=personas.employee, step=step, due_on=target)
    [exported] = export_self_assessments(personas.employee)["development_plan"]
    assert exported["target_date"] == target.isoformat()
