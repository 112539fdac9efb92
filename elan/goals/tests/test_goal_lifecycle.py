# SPDX-License-Identifier: EUPL-1.2
"""A goal: private draft, proposed, agreed by both; after agreement, changed only in an interim
talk with its reason; two editors never overwrite each other (issue 16)."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from elan.goals import selectors, services
from elan.goals.constants import Agreement, GoalEventKind, GoalKind, GoalProgress, TalkKind
from elan.goals.services import GoalsError, StaleEdit

pytestmark = pytest.mark.django_db

START = datetime.date(2027, 6, 1)


@pytest.fixture
def cycle(personas):
    with time_machine.travel(START, tick=False):
        return services.cycle_start(
            person=personas.employee, starts_on=START, actor=personas.employee
        )


def draft(cycle, personas, **fields):
    values = {
        "kind": GoalKind.PERFORMANCE,
        "innovation": "result",
        "title": "Shorter waiting time for a permit",
        "indicator": "Median days from request to decision",
        "target": "From 30 to 20 days",
        **fields,
    }
    return services.goal_create(cycle=cycle, actor=personas.employee, **values)


def agreed(cycle, personas):
    goal = draft(cycle, personas)
    services.goal_propose(goal=goal, actor=personas.employee)
    return services.goal_agree(goal=goal, actor=personas.line_manager)


def test_a_draft_is_seen_by_its_owner_only(cycle, personas):
    goal = draft(cycle, personas)
    assert selectors.goal_for(public_id=goal.public_id, viewer=personas.employee) == goal
    assert selectors.goal_for(public_id=goal.public_id, viewer=personas.line_manager) is None
    assert selectors.goals_visible_to(cycle=cycle, viewer=personas.line_manager) == []
    services.goal_propose(goal=goal, actor=personas.employee)
    assert selectors.goals_visible_to(cycle=cycle, viewer=personas.line_manager) == [goal]
    assert selectors.goals_visible_to(cycle=cycle, viewer=personas.hr) == []


def test_only_the_evaluator_agrees_and_only_to_a_proposed_goal(cycle, personas):
    goal = draft(cycle, personas)
    with pytest.raises(GoalsError):
        services.goal_agree(goal=goal, actor=personas.line_manager)
    services.goal_propose(goal=goal, actor=personas.employee)
    with pytest.raises(GoalsError):
        services.goal_agree(goal=goal, actor=personas.employee)
    goal = services.goal_agree(goal=goal, actor=personas.line_manager)
    assert goal.agreement == Agreement.AGREED


def test_sending_a_goal_back_needs_a_reason_and_keeps_it(cycle, personas):
    goal = draft(cycle, personas)
    services.goal_propose(goal=goal, actor=personas.employee)
    with pytest.raises(GoalsError):
        services.goal_send_back(goal=goal, actor=personas.line_manager, reason="  ")
    goal = services.goal_send_back(goal=goal, actor=personas.line_manager, reason="Name a number")
    assert goal.agreement == Agreement.DRAFT
    assert selectors.goal_history(goal=goal)[-1].reason == "Name a number"


def test_an_agreed_goal_is_not_edited_as_a_draft(cycle, personas):
    goal = agreed(cycle, personas)
    with pytest.raises(GoalsError):
        services.goal_update_draft(
            goal=goal,
            actor=personas.employee,
            version=goal.version,
            fields={
                **selectors.goal_snapshot(goal),
                "objective": None,
                "competency": None,
                "due_on": None,
                "title": "Other",
            },
        )


def test_an_agreed_goal_changes_in_an_interim_talk_with_its_reason(cycle, personas):
    goal = agreed(cycle, personas)
    planning = selectors.talks_of(cycle=cycle)[0]
    with pytest.raises(GoalsError):
        services.goal_change_in_talk(
            goal=goal,
            talk=planning,
            actor=personas.line_manager,
            version=goal.version,
            reason="Scope changed",
            fields=_fields(goal, target="From 30 to 25 days"),
        )
    interim = services.talk_schedule(
        cycle=cycle,
        kind=TalkKind.INTERIM,
        planned_on=datetime.date(2027, 10, 4),
        actor=personas.line_manager,
    )
    with pytest.raises(GoalsError):
        services.goal_change_in_talk(
            goal=goal,
            talk=interim,
            actor=personas.line_manager,
            version=goal.version,
            reason="",
            fields=_fields(goal, target="From 30 to 25 days"),
        )
    goal = services.goal_change_in_talk(
        goal=goal,
        talk=interim,
        actor=personas.line_manager,
        version=goal.version,
        reason="Half the team moved",
        fields=_fields(goal, target="From 30 to 25 days"),
    )
    change = selectors.goal_history(goal=goal)[-1]
    assert change.kind == GoalEventKind.CHANGED and change.talk == interim
    assert (change.before["target"], change.after["target"]) == (
        "From 30 to 20 days",
        "From 30 to 25 days",
    )
    assert change.reason == "Half the team moved"
    assert goal.agreement == Agreement.AGREED


def _fields(goal, **changes):
    return {
        "kind": goal.kind,
        "innovation": goal.innovation,
        "title": goal.title,
        "indicator": goal.indicator,
        "target": goal.target,
        "due_on": goal.due_on,
        "objective": goal.objective,
        "competency": goal.competency,
        "follows_climate": goal.follows_climate,
        **changes,
    }


def test_the_second_save_from_an_old_version_is_refused_and_the_first_is_kept(cycle, personas):
    goal = agreed(cycle, personas)
    opened_at = goal.version
    services.goal_set_progress(
        goal=goal, actor=personas.employee, progress=GoalProgress.AT_RISK, version=opened_at
    )
    with pytest.raises(StaleEdit) as refused:
        services.goal_set_progress(
            goal=goal, actor=personas.line_manager, progress=GoalProgress.DONE, version=opened_at
        )
    assert refused.value.saved.progress == GoalProgress.AT_RISK
    goal.refresh_from_db()
    assert goal.progress == GoalProgress.AT_RISK


def test_the_person_and_the_evaluator_write_their_own_notes_without_a_conflict(cycle, personas):
    talk = selectors.talks_of(cycle=cycle)[0]
    services.talk_save_notes(talk=talk, actor=personas.employee, notes="Mine", version=1)
    talk = services.talk_save_notes(
        talk=talk, actor=personas.line_manager, notes="Theirs", version=1
    )
    assert (talk.person_notes, talk.evaluator_notes) == ("Mine", "Theirs")
    services.cycle_set_second_evaluator(
        cycle=cycle, second_evaluator=personas.team_lead, actor=personas.line_manager
    )
    with pytest.raises(StaleEdit):
        services.talk_save_notes(talk=talk, actor=personas.team_lead, notes="Overwrite", version=1)
    talk.refresh_from_db()
    assert talk.evaluator_notes == "Theirs"


def test_a_performance_goal_links_only_to_an_objective_of_the_units_line(cycle, personas):
    from elan.goals.tests.factories import ObjectiveFactory

    ours = ObjectiveFactory(unit=personas.organisation)
    theirs = ObjectiveFactory(unit=personas.other_organisation)
    assert draft(cycle, personas, objective=ours).objective == ours
    with pytest.raises(GoalsError):
        draft(cycle, personas, objective=theirs)
    with pytest.raises(GoalsError):
        draft(
            cycle, personas, kind=GoalKind.DEVELOPMENT, innovation="applied_skill", objective=ours
        )


def test_bad_text_is_refused_with_a_message_not_stored(cycle, personas):
    with pytest.raises(GoalsError):
        draft(cycle, personas, title="x" * 201)
    with pytest.raises(GoalsError):
        draft(cycle, personas, title="\x00 ")
    assert draft(cycle, personas, title="ok\x00").title == "ok"
