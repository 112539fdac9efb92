# SPDX-License-Identifier: EUPL-1.2
"""HR sees which talks took place and when, person by person, in its scope; never a goal, a
note or the evidence (issue 16, point 6; docs/access.md)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from elan.goals.constants import TalkKind, TalkStatus
from elan.goals.tests.factories import GoalFactory, TalkFactory, cycle_of
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Zanzibar quokka goal title"
SECRET_NOTE = "Xylophone walrus talk note"


def talks_url(**query) -> str:
    url = reverse("goals:talks")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def world(personas):
    """The employee's cycle: a planning talk held late, an interim talk past its due day; the
    line manager's cycle with a talk not yet due. Goals and notes full of secrets."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=90)
    employee_cycle = cycle_of(personas.employee, starts_on=start, planning_talk=False)
    TalkFactory(
        cycle=employee_cycle,
        kind=TalkKind.PLANNING,
        planned_on=start,
        due_on=start + datetime.timedelta(days=30),
        status=TalkStatus.HELD,
        held_on=start + datetime.timedelta(days=40),
        person_notes=SECRET_NOTE,
        evaluator_notes=SECRET_NOTE,
    )
    TalkFactory(
        cycle=employee_cycle,
        kind=TalkKind.INTERIM,
        planned_on=today - datetime.timedelta(days=5),
        due_on=today - datetime.timedelta(days=5),
    )
    GoalFactory(cycle=employee_cycle, agreed=True, title=SECRET_TITLE)
    manager_cycle = cycle_of(personas.line_manager, starts_on=start, planning_talk=False)
    TalkFactory(
        cycle=manager_cycle,
        kind=TalkKind.PLANNING,
        planned_on=today + datetime.timedelta(days=3),
    )
    return {"employee": employee_cycle, "manager": manager_cycle, "year": start.year}


def test_hr_sees_each_persons_talks_with_the_days_due_and_held_and_the_late_ones(
    world, personas, client_for
):
    page = client_for("hr").get(talks_url(year=world["year"]))
    html = page.content.decode()

    assert page.status_code == 200
    rows = {row.person: row for row in page.context["rows"]}
    employee = rows[personas.employee.get_full_name()]
    planning, interim = employee.talks
    assert (planning.held_on, planning.on_time) == (
        world["employee"].starts_on + datetime.timedelta(days=40),
        False,
    )
    assert interim.overdue and not planning.overdue
    assert employee.evaluator == personas.line_manager.get_full_name()
    assert not rows[personas.line_manager.get_full_name()].overdue
    assert "not held, due on" in html
    assert "after its due day" in html


def test_nothing_of_what_was_said_or_agreed_is_read_for_the_page_or_the_file(world, client_for):
    client = client_for("hr")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(talks_url(year=world["year"]))
        export = client.get(reverse("goals:talks_csv") + f"?year={world['year']}")

    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "goals_goal" not in sql
    assert "goals_evidence" not in sql
    assert "person_notes" not in sql and "evaluator_notes" not in sql
    for text in (page.content.decode(), export.content.decode()):
        assert SECRET_TITLE not in text
        assert SECRET_NOTE not in text


def test_the_filter_keeps_only_cycles_with_a_talk_past_its_due_day(world, personas, client_for):
    page = client_for("hr").get(talks_url(year=world["year"], only_overdue="on"))

    assert [row.person for row in page.context["rows"]] == [personas.employee.get_full_name()]


def test_the_csv_has_one_line_per_talk_with_iso_days_and_whether_it_was_on_time(
    world, personas, client_for
):
    export = client_for("hr").get(reverse("goals:talks_csv") + f"?year={world['year']}")
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8"))))

    assert export["Content-Type"].startswith("text/csv")
    assert lines[0][:3] == ["Unit code", "Unit", "Person"]
    employee_lines = [line for line in lines[1:] if line[2] == personas.employee.get_full_name()]
    assert [line[7] for line in employee_lines] == ["Planning talk", "Interim talk"]
    held = employee_lines[0]
    assert held[10] == (world["employee"].starts_on + datetime.timedelta(days=40)).isoformat()
    assert held[11] == "no"
    assert employee_lines[1][10:] == ["", ""]


def test_a_name_a_spreadsheet_would_run_is_written_as_text(world, personas, client_for):
    personas.employee.first_name = "=HYPERLINK(1)"
    personas.employee.save()

    export = client_for("hr").get(reverse("goals:talks_csv") + f"?year={world['year']}")

    assert "'=HYPERLINK(1)" in export.content.decode()


def test_hr_of_another_organisation_is_told_the_unit_is_not_theirs_and_sees_no_one(
    world, personas, client
):
    organisation_services.role_assign(
        user=personas.outsider, role=Role.HR, unit=personas.other_organisation
    )
    client.force_login(personas.outsider)

    page = client.get(talks_url(year=world["year"], unit=personas.team.code))
    export = client.get(
        reverse("goals:talks_csv") + f"?year={world['year']}&unit={personas.team.code}"
    )

    assert page.status_code == 200
    assert "Choose one of the units in the list." in page.content.decode()
    assert page.context["rows"] == []
    for text in (page.content.decode(), export.content.decode()):
        assert personas.employee.get_full_name() not in text


def test_a_unit_below_shows_only_its_own_cycles(world, personas, client_for):
    elsewhere = UnitFactory(parent=personas.organisation, code="FPS-ONE-ELSE", name_en="Elsewhere")
    cycle_of(person_in(elsewhere, email="else@elan.test"), starts_on=world["employee"].starts_on)

    page = client_for("hr").get(talks_url(year=world["year"], unit=personas.team.code))

    assert "else@elan.test" not in page.content.decode()
    assert {row.person for row in page.context["rows"]} == {
        personas.employee.get_full_name(),
        personas.line_manager.get_full_name(),
    }


def test_bytes_no_form_expects_get_a_message_not_an_error(world, client_for):
    client = client_for("hr")

    for query in ({"year": "x\u202e"}, {"unit": "'; DROP TABLE"}, {"page": "-1"}):
        page = client.get(reverse("goals:talks"), query)
        assert page.status_code == 200


@pytest.mark.parametrize("persona", ["employee", "line_manager", "team_lead", "administrator"])
@pytest.mark.parametrize("name", ["goals:talks", "goals:talks_csv"])
def test_only_hr_sees_which_talks_took_place(world, personas, client, persona, name):
    client.force_login(personas.get(persona))

    assert client.get(reverse(name)).status_code == 403
