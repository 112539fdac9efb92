# SPDX-License-Identifier: EUPL-1.2
"""The federal cycle's rules: talks in order, 20 worked days apart across weekends and
holidays, the organisation's own rules, and an evaluator who follows the chart (issue 16)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from elan.goals import selectors, services
from elan.goals.constants import CycleEventKind, CycleStatus, TalkKind, TalkStatus
from elan.goals.models import CycleRules, PublicHoliday
from elan.goals.services import GoalsError

pytestmark = pytest.mark.django_db

START = datetime.date(2027, 6, 1)  # a Tuesday
NATIONAL_DAY = datetime.date(2027, 7, 21)  # a Wednesday, shipped as a federal holiday


@pytest.fixture
def cycle(personas):
    with time_machine.travel(START, tick=False):
        return services.cycle_start(
            person=personas.employee, starts_on=START, actor=personas.employee
        )


def hold(talk, personas, on):
    with time_machine.travel(on + datetime.timedelta(days=1), tick=False):
        return services.talk_hold(talk=talk, actor=personas.line_manager, held_on=on)


def test_a_cycle_lasts_twelve_months_with_the_line_manager_as_evaluator(cycle, personas):
    assert cycle.ends_on == datetime.date(2028, 5, 31)
    assert cycle.evaluator == personas.line_manager
    assert cycle.status == CycleStatus.PLANNING
    planning = selectors.talks_of(cycle=cycle)[0]
    assert planning.kind == TalkKind.PLANNING and planning.due_on == START + datetime.timedelta(
        days=30
    )


def test_a_second_open_cycle_for_the_same_person_is_refused(cycle, personas):
    with time_machine.travel(START, tick=False), pytest.raises(GoalsError):
        services.cycle_start(person=personas.employee, starts_on=START, actor=personas.employee)


def test_an_outsider_cannot_start_someone_elses_cycle(personas):
    with pytest.raises(GoalsError):
        services.cycle_start(
            person=personas.employee, starts_on=timezone.localdate(), actor=personas.outsider
        )


def test_an_interim_talk_nineteen_worked_days_after_the_planning_talk_is_refused(cycle, personas):
    # 1 June (Tue) + 19 worked days = 28 June (Mon); + 20 = 29 June.
    with pytest.raises(GoalsError, match="29"):
        services.talk_schedule(
            cycle=cycle,
            kind=TalkKind.INTERIM,
            planned_on=datetime.date(2027, 6, 28),
            actor=personas.employee,
        )
    talk = services.talk_schedule(
        cycle=cycle,
        kind=TalkKind.INTERIM,
        planned_on=datetime.date(2027, 6, 29),
        actor=personas.employee,
    )
    assert talk.status == TalkStatus.SCHEDULED


def test_a_public_holiday_in_the_gap_moves_the_earliest_day_by_a_worked_day(cycle, personas):
    assert PublicHoliday.objects.filter(on=NATIONAL_DAY, organisation__isnull=True).exists()
    planning = selectors.talks_of(cycle=cycle)[0]
    services.talk_reschedule(
        talk=planning, planned_on=datetime.date(2027, 7, 5), actor=personas.employee
    )
    # Without the holiday, 20 worked days after Monday 5 July is Monday 2 August.
    with pytest.raises(GoalsError):
        services.talk_schedule(
            cycle=cycle,
            kind=TalkKind.INTERIM,
            planned_on=datetime.date(2027, 8, 2),
            actor=personas.employee,
        )
    assert selectors.earliest_next_talk(cycle=cycle) == datetime.date(2027, 8, 3)


def test_an_organisations_own_holiday_and_gap_are_its_own(cycle, personas):
    PublicHoliday.objects.create(
        organisation=personas.organisation, on=datetime.date(2027, 6, 15), name={"en": "Our day"}
    )
    CycleRules.objects.create(organisation=personas.organisation, minimum_gap_worked_days=10)
    # 10 worked days after Tuesday 1 June, less the organisation's day off on 15 June.
    assert selectors.earliest_next_talk(cycle=cycle) == datetime.date(2027, 6, 16)
    assert selectors.holidays_for(unit=personas.other_organisation).isdisjoint(
        {datetime.date(2027, 6, 15)}
    )


def test_talks_out_of_order_are_refused(cycle, personas):
    with pytest.raises(GoalsError):
        services.talk_schedule(
            cycle=cycle,
            kind=TalkKind.PLANNING,
            planned_on=datetime.date(2027, 9, 1),
            actor=personas.employee,
        )
    evaluation = services.talk_schedule(
        cycle=cycle,
        kind=TalkKind.EVALUATION,
        planned_on=datetime.date(2028, 5, 15),
        actor=personas.line_manager,
    )
    with pytest.raises(GoalsError):
        services.talk_schedule(
            cycle=cycle,
            kind=TalkKind.INTERIM,
            planned_on=datetime.date(2028, 5, 25),
            actor=personas.employee,
        )
    with pytest.raises(GoalsError, match="earlier talks"):
        hold(evaluation, personas, datetime.date(2028, 5, 15))


def test_holding_the_planning_and_evaluation_talks_moves_the_cycle(cycle, personas):
    planning = selectors.talks_of(cycle=cycle)[0]
    hold(planning, personas, START)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.RUNNING
    evaluation = services.talk_schedule(
        cycle=cycle,
        kind=TalkKind.EVALUATION,
        planned_on=datetime.date(2028, 5, 15),
        actor=personas.line_manager,
    )
    hold(evaluation, personas, datetime.date(2028, 5, 15))
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.EVALUATED
    kinds = [event.kind for event in selectors.history_of(cycle=cycle)]
    assert kinds.count(CycleEventKind.TALK_HELD) == 2
    assert kinds.count(CycleEventKind.STATUS) == 2


def test_only_an_evaluator_records_a_talk_as_held(cycle, personas):
    planning = selectors.talks_of(cycle=cycle)[0]
    with time_machine.travel(START, tick=False), pytest.raises(GoalsError):
        services.talk_hold(talk=planning, actor=personas.employee, held_on=START)


def test_a_new_line_manager_in_the_import_takes_over_the_cycle_and_the_history_says_so(
    django_capture_on_commit_callbacks,
):
    from elan.goals.models import Cycle
    from elan.organisations.models import StaffRecord
    from elan.organisations.tests import import_files as f
    from elan.organisations.tests.test_import_apply import apply

    apply(f.csv_files())
    cleo = StaffRecord.objects.get(external_id="P3").user
    bert = StaffRecord.objects.get(external_id="P2").user
    anna = StaffRecord.objects.get(external_id="P1").user
    cycle = services.cycle_start(person=cleo, starts_on=timezone.localdate(), actor=cleo)
    assert cycle.evaluator == bert

    people = [list(row) for row in f.PEOPLE]
    people[2][6] = "P1"  # Cleo now reports to Anna
    with django_capture_on_commit_callbacks(execute=True):
        apply(f.csv_files(people=people))

    cycle = Cycle.objects.get(pk=cycle.pk)
    assert cycle.evaluator == anna
    moved = [
        e for e in selectors.history_of(cycle=cycle) if e.kind == CycleEventKind.EVALUATOR_CHANGED
    ]
    assert len(moved) == 1
    assert (moved[0].previous_person, moved[0].new_person) == (bert, anna)
    # Written once, read in each reader's language.
    with translation.override("fr"):
        french = moved[0].note_display
    assert french != moved[0].note
    assert "organigramme" in french.lower()


def test_when_the_second_evaluator_becomes_the_evaluator_the_history_says_both(cycle, personas):
    services.cycle_set_second_evaluator(
        cycle=cycle, second_evaluator=personas.team_lead, actor=personas.line_manager
    )

    services.evaluators_follow_the_chart(
        changes=[(personas.employee.pk, personas.line_manager.pk, personas.team_lead.pk)],
        note="The organisation chart named a new line manager.",
    )

    cycle.refresh_from_db()
    assert (cycle.evaluator, cycle.second_evaluator) == (personas.team_lead, None)
    kinds = [event.kind for event in selectors.history_of(cycle=cycle)]
    assert CycleEventKind.SECOND_EVALUATOR_REMOVED in kinds
    assert kinds.index(CycleEventKind.SECOND_EVALUATOR_REMOVED) < kinds.index(
        CycleEventKind.EVALUATOR_CHANGED
    )


def test_an_evaluator_chosen_by_hand_stays_when_the_chart_changes(cycle, personas):
    services.cycle_move_evaluator(cycle=cycle, new_evaluator=personas.team_lead, note="by hand")
    services.evaluators_follow_the_chart(
        changes=[(personas.employee.pk, personas.line_manager.pk, personas.hr.pk)], note="import"
    )
    cycle.refresh_from_db()
    assert cycle.evaluator == personas.team_lead


def test_a_second_evaluator_is_added_by_the_evaluator_and_may_then_record_talks(cycle, personas):
    services.cycle_set_second_evaluator(
        cycle=cycle, second_evaluator=personas.team_lead, actor=personas.line_manager
    )
    planning = selectors.talks_of(cycle=cycle)[0]
    with time_machine.travel(START, tick=False):
        services.talk_hold(talk=planning, actor=personas.team_lead, held_on=START)
    with pytest.raises(GoalsError):
        services.cycle_set_second_evaluator(
            cycle=cycle, second_evaluator=personas.employee, actor=personas.line_manager
        )
