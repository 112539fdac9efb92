# SPDX-License-Identifier: EUPL-1.2
"""The demo cycles: the story the README's "who sees what" table tells, and the rules it keeps."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from elan.assessments.shipped import load_shipped_instruments
from elan.core.anonymity import Released, Suppressed, SuppressionReason
from elan.feedback.demo import load_demo_feedback
from elan.goals import calendar, figures, home, selectors, talk_dates
from elan.goals.balance import check_balance
from elan.goals.constants import (
    Agreement,
    CycleStatus,
    EvidenceKind,
    GoalKind,
    GoalProgress,
    InnovationKind,
    TalkKind,
    TalkStatus,
)
from elan.goals.demo import load_demo_goals
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
from elan.goals.tasks import reminders_queue_due
from elan.organisations.demo import load_demo_organisation
from elan.skills.shipped import load_shipped_frameworks

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """The demo organisation, Eva's self-assessment and closed 360 round, then the cycles."""
    load_demo_organisation()
    load_shipped_frameworks()
    load_shipped_instruments()
    load_demo_feedback()
    eva_cycle = load_demo_goals()
    users = get_user_model().objects
    return SimpleNamespace(
        eva_cycle=eva_cycle,
        eva=users.get(email="employee@elan.example"),
        marie=users.get(email="manager@elan.example"),
        tom=users.get(email="teamlead@elan.example"),
        hr=users.get(email="hr@elan.example"),
        outsider=users.get(email="outsider@elan.example"),
    )


def _everything():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Cycle, Talk, Goal, GoalEvent, CycleEvent, Evidence, Objective)
    }


def test_loading_the_goals_demo_again_changes_nothing(demo):
    before = _everything()
    assert load_demo_goals().pk == demo.eva_cycle.pk
    assert _everything() == before
    # Nido's twelve colleagues (eight with last year's cycle too), Eva, Marie, three of the web
    # team and three of the data team.
    assert Cycle.objects.count() == 12 + 8 + 2 + 3 + 3


def test_eva_has_a_cycle_under_way_with_agreed_goals_a_draft_and_an_interim_talk_soon(demo):
    cycle, eva, marie = demo.eva_cycle, demo.eva, demo.marie
    today = timezone.localdate()
    assert cycle.person == eva and cycle.evaluator == marie
    assert cycle.status == CycleStatus.RUNNING
    assert 60 <= (today - cycle.starts_on).days <= 75
    planning, interim = selectors.talks_of(cycle=cycle)
    assert planning.kind == TalkKind.PLANNING and planning.status == TalkStatus.HELD
    assert planning.held_on <= planning.due_on
    assert planning.person_notes and planning.evaluator_notes
    assert interim.kind == TalkKind.INTERIM and interim.status == TalkStatus.SCHEDULED
    rules = selectors.rules_for(unit=cycle.unit)
    assert 0 < (interim.planned_on - today).days <= rules.first_reminder_days
    reminders_queue_due(today=today)
    assert TalkReminder.objects.filter(talk=interim).exists()

    result, applied, draft = selectors.goals_visible_to(cycle=cycle, viewer=eva)
    assert (result.kind, result.innovation, result.agreement, result.progress) == (
        GoalKind.PERFORMANCE,
        InnovationKind.RESULT,
        Agreement.AGREED,
        GoalProgress.ON_TRACK,
    )
    assert any(character.isdigit() for character in result.target)
    # Nido's objective contributes to the directorate's, which contributes to BOSA's.
    chain = [result.objective, result.objective.parent, result.objective.parent.parent]
    assert [objective.unit.code for objective in chain] == [
        "BOSA-DGDT-NIDO",
        "BOSA-DGDT",
        "BOSA",
    ]
    assert (applied.kind, applied.innovation, applied.agreement, applied.progress) == (
        GoalKind.DEVELOPMENT,
        InnovationKind.APPLIED_SKILL,
        Agreement.AGREED,
        GoalProgress.AT_RISK,
    )
    assert applied.template is not None and applied.competency is not None
    assert applied.competency.slug == applied.template.skill
    assert draft.agreement == Agreement.DRAFT

    evidence = selectors.evidence_visible_to(cycle=cycle, viewer=marie)
    assert {item.kind for item in evidence} == {
        EvidenceKind.SELF_ASSESSMENT,
        EvidenceKind.FEEDBACK_REPORT,
    }
    assert cycle.sheet_shows_self_assessment


def test_marie_never_sees_evas_draft_and_the_outsider_sees_no_cycle(demo):
    cycle = demo.eva_cycle
    draft = Goal.objects.get(cycle=cycle, agreement=Agreement.DRAFT)
    assert selectors.goal_for(public_id=draft.public_id, viewer=demo.eva) == draft
    assert selectors.goal_for(public_id=draft.public_id, viewer=demo.marie) is None
    assert draft not in selectors.goals_visible_to(cycle=cycle, viewer=demo.marie)
    assert len(selectors.goals_visible_to(cycle=cycle, viewer=demo.marie)) == 2
    assert not selectors.cycles_of(person=demo.outsider).exists()
    assert selectors.cycle_for(public_id=cycle.public_id, viewer=demo.outsider) is None
    assert figures.process_figures(viewer=demo.outsider, year=cycle.starts_on.year).rows == []


def test_maries_goals_need_an_enabling_goal_for_her_and_for_tom(demo):
    marie, tom = demo.marie, demo.tom
    cycle = selectors.current_cycle(person=marie)
    assert cycle.status == CycleStatus.PLANNING and cycle.evaluator == tom
    assert selectors.is_manager(person=marie)
    for viewer in (marie, tom):
        goals = selectors.goals_visible_to(cycle=cycle, viewer=viewer)
        assert {goal.innovation for goal in goals} == {
            InnovationKind.APPLIED_SKILL,
            InnovationKind.RESULT,
        }
        assert {goal.agreement for goal in goals} == {Agreement.PROPOSED}
        codes = {finding.code for finding in check_balance(goals=goals, is_manager=True)}
        assert codes == {"needs-enabling"}
    with translation.override("en"):
        labels = [str(item.state.label) for item in home.role_items(tom)]
    assert "Agree goals with Marie Dubois" in labels


def test_every_demo_talk_is_at_least_the_minimum_of_worked_days_after_the_one_before(demo):
    pairs = 0
    for cycle in Cycle.objects.select_related("unit"):
        rules = selectors.rules_for(unit=cycle.unit)
        holidays = selectors.holidays_for(unit=cycle.unit)
        days = sorted(talk.date for talk in cycle.talks.exclude(status=TalkStatus.CANCELLED))
        for earlier, later in zip(days, days[1:], strict=False):
            pairs += 1
            assert (
                calendar.worked_days_between(earlier, later, holidays)
                >= rules.minimum_gap_worked_days
            ), cycle
    # Eva's two talks and the three of each of last year's eight cycles.
    assert pairs == 1 + 8 * 2


def _row(process, code):
    return next(row for row in process.rows if row.unit.code == code)


def test_hr_sees_nidos_figures_while_the_guard_hides_the_small_teams(demo):
    year = demo.eva_cycle.starts_on.year
    this_year = figures.process_figures(viewer=demo.hr, year=year)
    nido = _row(this_year, "BOSA-DGDT-NIDO")
    assert isinstance(nido.people, Released) and isinstance(nido.talks, Released)
    # Most colleagues have an innovation goal proposed or agreed; a few talks were late.
    assert 0.7 <= nido.people.figures["share"] < 1
    assert 0.6 <= nido.talks.figures["share"] < 1
    assert isinstance(_row(this_year, "BOSA-DGDT").people, Released)
    for small in ("BOSA-DGDT-WEB", "BOSA-DGDT-DATA"):
        assert _row(this_year, small).people == Suppressed(
            ("people", small), SuppressionReason.TOO_FEW
        )
    last_year = figures.process_figures(viewer=demo.hr, year=year - 1)
    endings = _row(last_year, "BOSA-DGDT-NIDO").endings
    assert isinstance(endings, Released) and endings.n == 8
    for progress in (GoalProgress.DONE, GoalProgress.DROPPED, GoalProgress.AT_RISK):
        assert endings.figures[progress.value] > 0


def test_hr_finds_one_planning_talk_past_its_due_day_in_the_list_of_talks(demo):
    year = demo.eva_cycle.starts_on.year
    units = talk_dates.units_with_cycles(viewer=demo.hr, year=year)
    widest = units.first()
    rows = talk_dates.cycle_dates(
        viewer=demo.hr, unit=widest, year=year, today=timezone.localdate()
    )

    assert widest.code == "BOSA"
    late = [row for row in rows if row.overdue]
    assert [row.unit.code for row in late] == ["BOSA-DGDT-DATA"]
    assert [talk.kind for talk in late[0].talks] == [TalkKind.PLANNING]
    assert any(talk.on_time is False for row in rows for talk in row.talks)
