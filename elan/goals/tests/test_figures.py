# SPDX-License-Identifier: EUPL-1.2
"""HR's process figures: counted right, guarded, only in scope, never a goal's text."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from elan.core.anonymity import Released, Suppressed, SuppressionReason
from elan.goals import figures as process
from elan.goals.constants import CycleStatus, GoalProgress, TalkKind, TalkStatus
from elan.goals.tests.factories import GoalFactory, TalkFactory, cycle_of
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import UnitFactory, person_in

SECRET_TITLE = "Zanzibar quokka goal title"
SECRET_NOTE = "Xylophone walrus talk note"
HIDDEN_TOO_FEW = "[hidden: too few people]"


def _people(unit, count: int, prefix: str) -> list:
    return [person_in(unit, email=f"{prefix}{n}@elan.test") for n in range(count)]


@pytest.fixture
def world(personas):
    """Under the organisation: a unit of 6 and a unit of 4 with cycles this year, and the
    personas' team of 3. The organisation minus the unit of 6 is 7 people, so the guard can
    show both the organisation and the unit of 6."""
    big = UnitFactory(parent=personas.organisation, code="FPS-ONE-BIG", name_en="Big Unit")
    small = UnitFactory(parent=personas.organisation, code="FPS-ONE-SMALL", name_en="Small Unit")
    big_people = _people(big, 6, "big")
    small_people = _people(small, 4, "small")
    team_people = [personas.team_lead, personas.line_manager, personas.employee]
    cycles = {
        person.pk: cycle_of(person, planning_talk=False)
        for person in big_people + small_people + team_people
    }
    return {
        "big": big,
        "small": small,
        "big_people": big_people,
        "small_people": small_people,
        "team_people": team_people,
        "cycles": cycles,
    }


def _row(figures, code):
    return next(row for row in figures.rows if row.unit.code == code)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_a_unit_of_six_people_shows_its_share_of_people_with_an_innovation_goal(world, personas):
    cycles = world["cycles"]
    for person in world["big_people"][:3]:
        GoalFactory(cycle=cycles[person.pk], agreed=True)

    figures = process.process_figures(viewer=personas.hr, year=timezone.localdate().year)

    people = _row(figures, "FPS-ONE-BIG").people
    assert isinstance(people, Released)
    assert people.n == 6
    assert people.figures["with_goal"] == 3
    assert people.figures["share"] == 0.5
    organisation = _row(figures, "FPS-ONE").people
    assert isinstance(organisation, Released)
    assert organisation.n == 13


def test_a_unit_of_four_people_is_hidden_on_the_page_and_in_the_csv(world, personas, client):
    for person in world["small_people"]:
        GoalFactory(cycle=world["cycles"][person.pk], agreed=True)
    client.force_login(personas.hr)

    page = client.get(reverse("goals:figures"))
    export = client.get(reverse("goals:figures_csv"))

    assert page.status_code == 200
    small = _row(page.context["figures"], "FPS-ONE-SMALL")
    assert small.people == Suppressed(("people", "FPS-ONE-SMALL"), SuppressionReason.TOO_FEW)
    assert "hidden: too few people" in page.content.decode()
    assert export.status_code == 200
    year = timezone.localdate().year
    assert f"goals-process-figures-{year}.csv" in export["Content-Disposition"]
    rows = {row[0]: row for row in _csv(export)[1:]}
    assert set(rows["FPS-ONE-SMALL"][2:]) == {HIDDEN_TOO_FEW}
    assert rows["FPS-ONE-BIG"][2] == "6"


def test_the_csv_header_is_in_the_readers_language(world, personas, client):
    client.force_login(personas.hr)

    english_url = reverse("goals:figures_csv")
    with translation.override("fr"):
        french_url = reverse("goals:figures_csv")
    english = _csv(client.get(english_url))[0]
    header = _csv(client.get(french_url))[0]

    assert english[:2] == ["Unit code", "Unit"]
    assert header != english


def test_a_unit_whose_parent_differs_from_it_by_fewer_than_the_minimum_is_not_shown_with_it(
    personas,
):
    # The organisation holds the unit of 6 and 2 more people: showing both would give away
    # those 2 by subtraction, so the guard hides one of them.
    big = UnitFactory(parent=personas.organisation, code="FPS-ONE-BIG")
    for person in _people(big, 6, "big") + [personas.employee, personas.line_manager]:
        cycle_of(person, planning_talk=False)

    figures = process.process_figures(viewer=personas.hr, year=timezone.localdate().year)

    shown = [
        isinstance(_row(figures, code).people, Released) for code in ("FPS-ONE", "FPS-ONE-BIG")
    ]
    assert shown.count(True) == 1
    hidden = next(
        _row(figures, code).people
        for code in ("FPS-ONE", "FPS-ONE-BIG")
        if isinstance(_row(figures, code).people, Suppressed)
    )
    assert hidden.reason == SuppressionReason.WOULD_REVEAL_OTHER


def test_drafts_are_not_counted(world, personas):
    cycles = world["cycles"]
    big_people = world["big_people"]
    GoalFactory(cycle=cycles[big_people[0].pk], agreed=True)
    GoalFactory(cycle=cycles[big_people[1].pk], proposed=True)
    for person in big_people[2:]:
        GoalFactory(cycle=cycles[person.pk])  # a private draft

    figures = process.process_figures(viewer=personas.hr, year=timezone.localdate().year)

    assert _row(figures, "FPS-ONE-BIG").people.figures["with_goal"] == 2


def test_a_goal_that_is_not_an_innovation_goal_is_not_counted(world, personas):
    cycles = world["cycles"]
    GoalFactory(cycle=cycles[world["big_people"][0].pk], agreed=True, innovation="")

    figures = process.process_figures(viewer=personas.hr, year=timezone.localdate().year)

    assert _row(figures, "FPS-ONE-BIG").people.figures["with_goal"] == 0


def test_the_share_of_managers_with_an_enabling_goal_counts_line_managers_and_team_leads(
    personas,
):
    directorate = UnitFactory(parent=personas.organisation, code="FPS-ONE-DIR")
    managers = _people(directorate, 3, "manager")
    for n, manager in enumerate(managers):
        person_in(directorate, manager=manager, email=f"report{n}@elan.test")
    lead = person_in(directorate, email="lead@elan.test")
    organisation_services.role_assign(user=lead, role=Role.TEAM_LEAD, unit=directorate)
    another_lead = person_in(directorate, email="lead2@elan.test")
    organisation_services.role_assign(user=another_lead, role=Role.TEAM_LEAD, unit=directorate)
    everyone = [*managers, lead, another_lead]
    cycles = {person.pk: cycle_of(person, planning_talk=False) for person in everyone}
    GoalFactory(cycle=cycles[managers[0].pk], enabling=True, agreed=True)
    GoalFactory(cycle=cycles[lead.pk], enabling=True, proposed=True)
    GoalFactory(cycle=cycles[managers[1].pk], result=True, agreed=True)  # not enabling
    GoalFactory(cycle=cycles[managers[2].pk], enabling=True)  # a draft

    figures = process.process_figures(viewer=personas.hr, year=timezone.localdate().year)

    managers_outcome = _row(figures, "FPS-ONE-DIR").managers
    assert isinstance(managers_outcome, Released)
    assert managers_outcome.n == 5
    assert managers_outcome.figures["with_goal"] == 2


def test_the_share_of_talks_held_on_time_is_measured_against_the_due_date(personas):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    unit = UnitFactory(parent=personas.organisation, code="FPS-ONE-TALKS")
    people = _people(unit, 6, "talker")
    cycles = [cycle_of(person, planning_talk=False) for person in people]

    def talk(cycle, *, due_on, held_on=None, status=TalkStatus.SCHEDULED):
        TalkFactory(
            cycle=cycle,
            kind=TalkKind.INTERIM,
            planned_on=due_on,
            due_on=due_on,
            held_on=held_on,
            status=status,
        )

    held = TalkStatus.HELD
    talk(cycles[0], due_on=today - 10 * day, held_on=today - 10 * day, status=held)  # on the day
    talk(cycles[1], due_on=today - 10 * day, held_on=today - 9 * day, status=held)  # a day late
    talk(cycles[2], due_on=today - day)  # due yesterday, not held: late
    talk(cycles[3], due_on=today)  # due today, not held yet: counts, not on time
    talk(cycles[4], due_on=today + day)  # not due yet: not counted
    talk(cycles[4], due_on=today - day, status=TalkStatus.CANCELLED)  # never counted
    talk(cycles[5], due_on=today + 10 * day, held_on=today, status=held)  # early: on time

    figures = process.process_figures(viewer=personas.hr, year=today.year, today=today)

    talks = _row(figures, "FPS-ONE-TALKS").talks
    assert isinstance(talks, Released)
    assert talks.figures["talks"] == 5
    assert talks.figures["on_time"] == 2
    assert talks.figures["share"] == pytest.approx(0.4)


def test_innovation_goals_of_evaluated_cycles_are_counted_by_how_they_ended(personas):
    unit = UnitFactory(parent=personas.organisation, code="FPS-ONE-ENDS")
    people = _people(unit, 5, "ender")
    cycles = [
        cycle_of(person, planning_talk=False, status=CycleStatus.EVALUATED) for person in people
    ]
    GoalFactory(cycle=cycles[0], agreed=True, progress=GoalProgress.DONE)
    GoalFactory(cycle=cycles[1], agreed=True, progress=GoalProgress.DONE)
    GoalFactory(cycle=cycles[2], agreed=True, progress=GoalProgress.DROPPED)
    GoalFactory(cycle=cycles[3], agreed=True, progress=GoalProgress.AT_RISK)
    GoalFactory(cycle=cycles[4], agreed=True, progress=GoalProgress.DONE, innovation="")
    # Cycles still open elsewhere: their goals have not ended. (In the same unit, one open
    # cycle beside five evaluated ones would be a group of one, and the guard would hide it.)
    elsewhere = UnitFactory(parent=personas.organisation, code="FPS-ONE-OPEN")
    for person in _people(elsewhere, 5, "open"):
        open_cycle = cycle_of(person, planning_talk=False)
        GoalFactory(cycle=open_cycle, agreed=True, progress=GoalProgress.DONE)

    figures = process.process_figures(viewer=personas.hr, year=timezone.localdate().year)

    endings = _row(figures, "FPS-ONE-ENDS").endings
    assert isinstance(endings, Released)
    assert endings.n == 5
    assert endings.figures["goals"] == 4
    assert endings.figures["done"] == 2
    assert endings.figures["dropped"] == 1
    assert endings.figures["at_risk"] == 1
    assert endings.figures["on_track"] == 0


def test_figures_count_only_cycles_that_started_in_the_chosen_year(world, personas, client):
    last_year = timezone.localdate().year - 1
    unit = UnitFactory(parent=personas.organisation, code="FPS-ONE-PAST", name_en="Past Unit")
    for person in _people(unit, 5, "past"):
        cycle_of(person, starts_on=datetime.date(last_year, 3, 1), planning_talk=False)
    client.force_login(personas.hr)

    this_year = client.get(reverse("goals:figures")).context["figures"]
    past = client.get(reverse("goals:figures"), {"year": str(last_year)}).context["figures"]

    assert "FPS-ONE-PAST" not in [row.unit.code for row in this_year.rows]
    assert [row.unit.code for row in past.rows] == ["FPS-ONE", "FPS-ONE-PAST"]
    assert _row(past, "FPS-ONE-PAST").people.n == 5


def test_a_year_not_on_offer_is_refused_with_a_message_and_this_year_shown(world, personas, client):
    client.force_login(personas.hr)

    page = client.get(reverse("goals:figures"), {"year": "1999"})

    assert page.status_code == 200
    assert "Choose one of the years in the list." in page.content.decode()
    assert page.context["figures"].year == timezone.localdate().year


def test_hr_of_another_organisation_sees_nothing_of_this_one(world, personas, client):
    for person in world["big_people"]:
        GoalFactory(cycle=world["cycles"][person.pk], agreed=True)
    organisation_services.role_assign(
        user=personas.outsider, role=Role.HR, unit=personas.other_organisation
    )
    client.force_login(personas.outsider)

    page = client.get(reverse("goals:figures"))
    export = client.get(reverse("goals:figures_csv"))

    assert page.status_code == 200
    assert page.context["figures"].rows == []
    for text in (page.content.decode(), export.content.decode()):
        assert "FPS-ONE" not in text
        assert "Big Unit" not in text
    assert len(_csv(export)) == 1


@pytest.mark.parametrize("persona", ["employee", "line_manager", "team_lead"])
@pytest.mark.parametrize("name", ["goals:figures", "goals:figures_csv"])
def test_only_hr_may_see_the_process_figures(personas, client, persona, name):
    client.force_login(personas.get(persona))

    assert client.get(reverse(name)).status_code == 403


def test_a_visitor_is_sent_to_log_in(personas, client):
    response = client.get(reverse("goals:figures"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_no_goal_text_or_talk_note_ever_appears_in_the_figures(world, personas, client):
    for person in world["big_people"] + world["small_people"]:
        cycle = world["cycles"][person.pk]
        GoalFactory(
            cycle=cycle,
            agreed=True,
            title=SECRET_TITLE,
            indicator=SECRET_TITLE,
            target=SECRET_TITLE,
        )
        TalkFactory(cycle=cycle, held=True, person_notes=SECRET_NOTE, evaluator_notes=SECRET_NOTE)
    client.force_login(personas.hr)

    page = client.get(reverse("goals:figures")).content.decode()
    export = client.get(reverse("goals:figures_csv")).content.decode()

    assert "Big Unit" in page  # the page did show the unit's figures
    for text in (page, export):
        assert SECRET_TITLE not in text
        assert SECRET_NOTE not in text
        for person in world["big_people"]:
            assert person.email not in text
