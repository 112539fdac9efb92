# SPDX-License-Identifier: EUPL-1.2
"""What the self-assessment and the development plan tell the home page about a person."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from elan.assessments import services
from elan.assessments.constants import StepStatus
from elan.assessments.home import plan_state, self_assessment_state
from elan.assessments.recommendations import Suggestion
from elan.assessments.tests.factories import (
    answers_for,
    in_progress_assessment,
    instrument,
    submitted_assessment,
)
from elan.core.modules import DateKind, ModuleStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def add_step(owner, title: str):
    suggestion = Suggestion(key=f"own:{title}", kind="practice", skill="iteration", title=title)
    return services.plan_step_add(owner=owner, suggestion=suggestion)


def test_a_person_who_never_began_is_invited_to_take_the_self_assessment(personas):
    instrument()
    [state] = self_assessment_state(personas.employee)
    assert state.status == ModuleStatus.NOT_STARTED
    assert state.url == "/en/assessments/"


def test_a_self_assessment_in_progress_links_to_the_step_to_resume(personas):
    target = instrument()
    assessment = in_progress_assessment(personas.employee, answers=answers_for(target, 3))
    services.assessment_save_step(assessment=assessment, answers={}, next_step=2)
    [state] = self_assessment_state(personas.employee)
    assert state.status == ModuleStatus.IN_PROGRESS
    assert state.url == f"/en/assessments/{assessment.public_id}/step/2/"
    assert "Step 2 of" in str(state.detail)


def test_a_submitted_self_assessment_is_done_on_the_day_it_was_submitted(personas):
    when = timezone.now() - datetime.timedelta(days=3)
    submitted_assessment(personas.employee, submitted_at=when)
    [state] = self_assessment_state(personas.employee)
    assert state.status == ModuleStatus.DONE
    assert state.date == timezone.localtime(when).date()
    assert state.date_kind == DateKind.DONE_ON
    assert state.url == "/en/assessments/profile/"


def test_someone_else_s_self_assessment_tells_nothing_about_the_person(personas):
    submitted_assessment(personas.line_manager)
    [state] = self_assessment_state(personas.employee)
    assert state.status == ModuleStatus.NOT_STARTED


def test_the_home_page_never_reads_the_scores_of_a_self_assessment(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submitted_assessment(personas.employee)
    with CaptureQueriesContext(connection) as queries:
        self_assessment_state(personas.employee)
    assert not any('"scores"' in query["sql"] for query in queries.captured_queries)


def test_a_plan_without_steps_is_not_started(personas):
    [state] = plan_state(personas.employee)
    assert state.status == ModuleStatus.NOT_STARTED
    assert state.url == "/en/assessments/plan/"


def test_a_plan_with_steps_under_way_is_in_progress(personas):
    add_step(personas.employee, "Show a rough draft early")
    add_step(personas.employee, "Ask a user")
    [state] = plan_state(personas.employee)
    assert state.status == ModuleStatus.IN_PROGRESS
    assert str(state.detail) == "2 steps under way."


def test_a_plan_whose_steps_are_all_done_is_done_on_the_last_day_one_was_finished(personas):
    step = add_step(personas.employee, "Show a rough draft early")
    services.plan_step_transition(owner=personas.employee, step=step, to_status=StepStatus.DONE)
    [state] = plan_state(personas.employee)
    assert state.status == ModuleStatus.DONE
    assert state.date == timezone.localdate()


def test_a_plan_of_dropped_steps_only_is_not_started(personas):
    step = add_step(personas.employee, "Show a rough draft early")
    services.plan_step_transition(owner=personas.employee, step=step, to_status=StepStatus.DROPPED)
    [state] = plan_state(personas.employee)
    assert state.status == ModuleStatus.NOT_STARTED


def test_a_plan_step_due_within_two_weeks_or_overdue_waits_for_the_person_soonest_first(
    personas, client_for
):
    today = timezone.localdate()
    later = add_step(personas.employee, "Ask a user")
    soon = add_step(personas.employee, "Show a rough draft early")
    late = add_step(personas.employee, "Map who decides")
    services.plan_step_set_due(
        owner=personas.employee, step=later, due_on=today + datetime.timedelta(days=20)
    )
    soon = services.plan_step_set_due(
        owner=personas.employee, step=soon, due_on=today + datetime.timedelta(days=5)
    )
    # Past dates come from waiting, not from the form, which refuses them.
    late.due_on = today - datetime.timedelta(days=2)
    late.save(update_fields=["due_on"])

    standing, *waiting = plan_state(personas.employee)

    assert standing.status == ModuleStatus.IN_PROGRESS
    assert [state.status for state in waiting] == [ModuleStatus.WAITING] * 2
    assert [str(state.label) for state in waiting] == [
        "Your plan step “Map who decides”",
        "Your plan step “Show a rough draft early”",
    ]
    assert [state.date for state in waiting] == [late.due_on, soon.due_on]
    assert {state.date_kind for state in waiting} == {DateKind.DUE_ON}
    assert waiting[0].url == f"/en/assessments/plan/#step-{late.pk}"
    assert str(waiting[0].detail).startswith("Overdue")
    assert not str(waiting[1].detail).startswith("Overdue")
    # On the home page it is listed under what to do next, with its date.
    page = client_for("employee").get("/en/").content.decode()
    assert "Your plan step “Show a rough draft early”" in page
    assert f'Due on <time datetime="{soon.due_on.isoformat()}">' in page


def test_a_finished_step_no_longer_waits_whatever_its_date(personas):
    step = add_step(personas.employee, "Show a rough draft early")
    add_step(personas.employee, "Ask a user")
    services.plan_step_set_due(owner=personas.employee, step=step, due_on=timezone.localdate())
    services.plan_step_transition(owner=personas.employee, step=step, to_status=StepStatus.DONE)
    states = plan_state(personas.employee)
    assert [state.status for state in states] == [ModuleStatus.IN_PROGRESS]
