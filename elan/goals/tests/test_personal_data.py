# SPDX-License-Identifier: EUPL-1.2
"""Evaluation cycles as personal data: the person's download holds their cycles with both
people's notes and the goals' history; an evaluator's holds only the fact and dates; erasure
deletes the person's cycles and unlinks an evaluator; cycles go three years after they end."""

from __future__ import annotations

import datetime
import json
from datetime import UTC

import pytest
from django.test import Client

from elan.accounts.services import user_pseudonymise
from elan.assessments.tests.factories import submitted_assessment
from elan.core import personal_data
from elan.goals.constants import CycleEventKind, CycleStatus, EvidenceKind, GoalEventKind, TalkKind
from elan.goals.models import (
    Cycle,
    CycleEvent,
    Evidence,
    Goal,
    GoalEvent,
    Objective,
    Talk,
    TalkReminder,
)
from elan.goals.tests.factories import GoalFactory, TalkFactory, cycle_of

pytestmark = pytest.mark.django_db

DOWNLOAD = "/en/me/data/download/"


def download(user) -> dict:
    client = Client()
    client.force_login(user)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return json.loads(response.content)["sections"]


def a_full_cycle(personas) -> Cycle:
    """The employee's cycle with everything a cycle can hold, each text marked as whose it is."""
    employee, manager = personas.employee, personas.line_manager
    cycle = cycle_of(employee, planning_talk=False)
    talk = TalkFactory(
        cycle=cycle,
        kind=TalkKind.PLANNING,
        person_notes="employee-notes: I want to test the new form",
        evaluator_notes="manager-notes-about-employee: a good plan",
        updated_by=manager,
    )
    TalkReminder.objects.create(talk=talk, days_before=14)
    goal = GoalFactory(cycle=cycle, agreed=True, title="employee-goal-title")
    GoalEvent.objects.create(
        goal=goal,
        kind=GoalEventKind.CHANGED,
        by=manager,
        talk=talk,
        reason="employee-goal-reason: the pilot moved",
        before={"target": "two tests"},
        after={"target": "one test"},
    )
    CycleEvent.objects.create(cycle=cycle, kind=CycleEventKind.STARTED, by=personas.hr)
    CycleEvent.objects.create(
        cycle=cycle,
        kind=CycleEventKind.EVALUATOR_CHANGED,
        previous_person=personas.team_lead,
        new_person=manager,
    )
    Evidence.objects.create(
        cycle=cycle,
        kind=EvidenceKind.SELF_ASSESSMENT,
        assessment=submitted_assessment(employee),
        talk=talk,
    )
    Objective.objects.create(unit=personas.team, title="team-objective", created_by=manager)
    return cycle


def test_the_persons_download_holds_their_cycle_talks_with_both_notes_goals_history_and_evidence(
    personas,
):
    a_full_cycle(personas)

    data = download(personas.employee)["goals"]

    (cycle,) = data["evaluation_cycles"]
    assert cycle["evaluator"] == personas.line_manager.get_full_name()
    assert cycle["status"] == CycleStatus.PLANNING
    (talk,) = cycle["talks"]
    assert talk["your_notes"] == "employee-notes: I want to test the new form"
    assert talk["evaluator_notes"] == "manager-notes-about-employee: a good plan"
    assert talk["reminders_sent"][0]["days_before"] == 14
    (goal,) = cycle["goals"]
    assert goal["title"] == "employee-goal-title"
    (change,) = goal["history"]
    assert change["what"] == GoalEventKind.CHANGED
    assert change["reason"] == "employee-goal-reason: the pilot moved"
    assert change["before"] == {"target": "two tests"}
    assert change["after"] == {"target": "one test"}
    assert change["by"] == personas.line_manager.get_full_name()
    assert [e["kind"] for e in cycle["evidence"]] == [EvidenceKind.SELF_ASSESSMENT]
    moved = next(e for e in cycle["history"] if e["what"] == CycleEventKind.EVALUATOR_CHANGED)
    assert moved["previous_evaluator"] == personas.team_lead.get_full_name()
    # HR started the cycle: the history says someone did, not who, as HR is not their data.
    started = next(e for e in cycle["history"] if e["what"] == CycleEventKind.STARTED)
    assert started["by"] == "someone else"
    assert personas.hr.email not in json.dumps(data)
    assert data["cycles_you_evaluate"] == []


def test_an_evaluators_download_says_which_cycles_they_evaluate_and_when_not_whose_or_what(
    personas,
):
    a_full_cycle(personas)

    data = download(personas.line_manager)["goals"]
    text = json.dumps(data)

    assert data["evaluation_cycles"] == []
    (evaluated,) = data["cycles_you_evaluate"]
    assert evaluated["as"] == "evaluator"
    assert evaluated["evaluator_changes"][0]["you_were"] == "new"
    assert [a["what"] for a in data["your_actions_in_other_peoples_cycles"]] == [
        f"goal:{GoalEventKind.CHANGED}"
    ]
    assert data["unit_objectives_you_wrote"][0]["objective"] == "team-objective"
    for about_the_employee in ("employee-", "manager-notes", personas.employee.email, "Emile"):
        assert about_the_employee not in text


def test_a_former_evaluators_download_keeps_the_fact_that_they_evaluated(personas):
    a_full_cycle(personas)

    (evaluated,) = download(personas.team_lead)["goals"]["cycles_you_evaluate"]

    assert evaluated["as"] == "former_evaluator"
    assert evaluated["evaluator_changes"][0]["you_were"] == "previous"


def test_erasing_the_person_deletes_their_cycles_with_everything_in_them(personas):
    cycle = a_full_cycle(personas)

    user_pseudonymise(user=personas.employee, now=datetime.datetime(2030, 1, 1, tzinfo=UTC))

    assert not Cycle.objects.filter(pk=cycle.pk).exists()
    for model in (Talk, Goal, GoalEvent, CycleEvent, Evidence, TalkReminder):
        assert not model.objects.exists(), model


def test_erasing_an_evaluator_unlinks_them_and_keeps_the_other_persons_cycle(personas):
    cycle = a_full_cycle(personas)
    manager = personas.line_manager
    cycle.second_evaluator = personas.team_lead
    cycle.save()

    user_pseudonymise(user=manager, now=datetime.datetime(2030, 1, 1, tzinfo=UTC))
    user_pseudonymise(user=personas.team_lead, now=datetime.datetime(2030, 1, 1, tzinfo=UTC))

    cycle.refresh_from_db()
    assert cycle.evaluator is None and cycle.second_evaluator is None
    assert not CycleEvent.objects.filter(previous_person__isnull=False).exists()
    assert not CycleEvent.objects.filter(new_person__isnull=False).exists()
    assert not GoalEvent.objects.filter(by__isnull=False).exists()
    assert not Talk.objects.filter(updated_by__isnull=False).exists()
    assert not Objective.objects.filter(created_by__isnull=False).exists()
    # The notes are about the employee: they stay in the employee's cycle.
    assert Talk.objects.get(cycle=cycle).evaluator_notes.startswith("manager-notes")


def test_a_cycle_is_deleted_three_years_after_it_ends_and_not_a_day_before(personas):
    now = datetime.datetime(2030, 6, 15, 3, 0, tzinfo=UTC)
    # A cycle of one year ends the day before the same date a year later.
    ended_long_ago = cycle_of(
        personas.employee, starts_on=datetime.date(2026, 6, 13), status=CycleStatus.EVALUATED
    )
    assert ended_long_ago.ends_on == datetime.date(2027, 6, 12)
    kept = cycle_of(
        personas.line_manager, starts_on=datetime.date(2026, 6, 16), status=CycleStatus.EVALUATED
    )
    assert kept.ends_on == datetime.date(2027, 6, 15)
    GoalFactory(cycle=ended_long_ago, agreed=True)

    purged = personal_data.retention_tasks()["goals_cycles"](now=now)

    assert purged == 1
    assert not Cycle.objects.filter(pk=ended_long_ago.pk).exists()
    assert not Goal.objects.exists()
    assert Cycle.objects.filter(pk=kept.pk).exists()
