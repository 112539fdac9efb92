# SPDX-License-Identifier: EUPL-1.2
"""Self-assessments, the profile, its sharing and the plan in the personal-data download, and
gone with the account (docs/privacy.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from elan.accounts.services import user_pseudonymise
from elan.assessments import services
from elan.assessments.constants import StepStatus
from elan.assessments.models import Answer, Assessment, PlanStep, PlanStepEvent, ProfileEvent
from elan.assessments.recommendations import Suggestion
from elan.assessments.tests.factories import share, submitted_assessment

pytestmark = pytest.mark.django_db

DOWNLOAD = "/en/me/data/download/"


def plan_step(owner, title: str) -> PlanStep:
    suggestion = Suggestion(key=f"own:{title}", kind="practice", skill="iteration", title=title)
    step = services.plan_step_add(owner=owner, suggestion=suggestion)
    return services.plan_step_transition(owner=owner, step=step, to_status=StepStatus.IN_PROGRESS)


def test_the_download_holds_the_self_assessment_its_answers_scores_sharing_and_plan(
    personas, client_for
):
    employee = personas.employee
    assessment = submitted_assessment(employee, 4)
    services.evaluation_include(owner=employee, assessment=assessment)
    share(employee, personas.line_manager, kind="line_manager")
    share(personas.team_lead, employee, kind="mentor")
    plan_step(employee, "Run a small test with five users")

    sections = json.loads(client_for("employee").get(DOWNLOAD).content)["sections"]
    data = sections["self_assessment"]

    [exported] = data["self_assessments"]
    assert exported["status"] == "submitted"
    assert exported["scores"] == assessment.scores
    assert exported["added_to_evaluation_at"] is not None
    assert len(exported["answers"]) == assessment.answers.count() > 0
    assert data["profile_shared_with"][0]["email"] == personas.line_manager.email
    assert data["profiles_shared_with_me"] == [
        {"as": "mentor", "from": data["profiles_shared_with_me"][0]["from"], "until": None}
    ]
    assert {event["what"] for event in data["profile_history"]} == {
        "shared",
        "added_to_evaluation",
    }
    [step] = data["development_plan"]
    assert step["title"] == "Run a small test with five users"
    assert [(move["from"], move["to"]) for move in step["history"]] == [
        ("", "planned"),
        ("planned", "in_progress"),
    ]


def test_the_download_does_not_say_whose_profile_was_shared_with_the_person(personas, client_for):
    share(personas.team_lead, personas.employee, kind="mentor")
    body = client_for("employee").get(DOWNLOAD).content.decode()
    assert personas.team_lead.email not in body
    assert personas.team_lead.get_full_name() not in body


def test_erasure_removes_the_persons_assessments_answers_history_and_plan(personas):
    employee = personas.employee
    submitted_assessment(employee)
    share(employee, personas.line_manager, kind="line_manager")
    plan_step(employee, "Ask a user")
    kept = submitted_assessment(personas.outsider)

    user_pseudonymise(user=employee, now=datetime(2030, 1, 1, tzinfo=UTC))

    assert not Assessment.objects.filter(owner=employee).exists()
    assert not Answer.objects.filter(assessment__owner=employee).exists()
    assert not ProfileEvent.objects.filter(owner=employee).exists()
    assert not PlanStep.objects.filter(owner=employee).exists()
    assert not PlanStepEvent.objects.filter(step__owner=employee).exists()
    assert Answer.objects.filter(assessment=kept).exists()
