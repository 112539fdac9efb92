# SPDX-License-Identifier: EUPL-1.2
"""HR's experiment figures: counted right, guarded by the number of people behind them, only in
HR's scope, the CSV as the page, and nobody else reaches them."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from elan.core.anonymity import Released, Suppressed, SuppressionReason
from elan.experiments import figures as counts
from elan.experiments.constants import Decision, Sharing, Status
from elan.experiments.tests.factories import ExperimentFactory
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

YEAR = 2024
HIDDEN_TOO_FEW = "[hidden: too few people]"
SECRET_TITLE = "Quokka lantern experiment title"


def moment(month: int, day: int) -> datetime.datetime:
    return datetime.datetime(YEAR, month, day, 10, 0, tzinfo=datetime.UTC)


def started(owner, *, on=(3, 1), **traits):
    """An experiment whose test started on ``on`` (month, day) of ``YEAR``, shared with the
    team: HR's figures count shared work only."""
    traits.setdefault("running", True)
    traits.setdefault("sharing", Sharing.TEAM)
    return ExperimentFactory(owner=owner, started_at=moment(*on), title=SECRET_TITLE, **traits)


def decided(owner, decision: str, *, days: int, on=(3, 1), **traits):
    start = moment(*on)
    return started(
        owner,
        on=on,
        decided=True,
        decision=decision,
        decided_on=timezone.localdate(start) + datetime.timedelta(days=days),
        **traits,
    )


def _people(unit, count: int, prefix: str) -> list:
    return [person_in(unit, email=f"{prefix}{n}@elan.test") for n in range(count)]


@pytest.fixture
def world(personas):
    """Under the organisation: a unit of 6 people (who experiment as each test says) and a unit
    of 4 who each started one experiment; the personas' team of 3 started one each too. The
    organisation minus the unit of 6 is 7 people, so the guard can show both."""
    big = UnitFactory(parent=personas.organisation, code="FPS-ONE-BIG", name_en="Big Unit")
    small = UnitFactory(parent=personas.organisation, code="FPS-ONE-SMALL", name_en="Small Unit")
    big_people = _people(big, 6, "big")
    small_people = _people(small, 4, "small")
    for person in (personas.team_lead, personas.line_manager, personas.employee):
        started(person)
    for person in small_people:
        started(person)
    return {"big": big, "small": small, "big_people": big_people, "small_people": small_people}


def _row(figures, code):
    return next(row for row in figures.rows if row.unit.code == code)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_a_unit_counts_experiments_started_decided_scaled_and_stopped_with_the_median_days(
    world, personas
):
    a, b, c, d, e, f = world["big_people"]
    decided(a, Decision.SCALE, days=10)
    decided(b, Decision.STOP, days=20)
    decided(c, Decision.PARK, days=40)
    decided(d, Decision.SCALE, days=30, regularised=True)
    started(e, iterating=True)  # iterate keeps it running: started, not decided
    started(f)
    started(f, on=(6, 1), closed=True, decision="")  # closed without a decision
    ExperimentFactory(owner=f, title=SECRET_TITLE)  # a draft: never counted

    figures = counts.experiment_figures(viewer=personas.hr, year=YEAR)

    big = _row(figures, "FPS-ONE-BIG").outcome
    assert isinstance(big, Released)
    assert big.n == 6
    assert big.figures == {
        "started": 7,
        "decided": 4,
        "scaled": 2,
        "stopped": 1,
        "median_days": 25.0,
    }
    organisation = _row(figures, "FPS-ONE").outcome
    assert isinstance(organisation, Released)
    assert organisation.n == 13
    assert organisation.figures["started"] == 7 + 4 + 3


def test_an_experiment_taken_up_again_after_parking_is_not_counted_as_decided(world, personas):
    owners = world["big_people"]
    for owner in owners:
        started(owner)
    parked = decided(owners[0], Decision.PARK, days=5)
    parked.status = Status.RUNNING
    parked.save()

    big = _row(counts.experiment_figures(viewer=personas.hr, year=YEAR), "FPS-ONE-BIG").outcome

    assert big.figures["decided"] == 0
    assert big.figures["median_days"] is None


def test_only_the_year_the_test_started_in_counts(world, personas):
    owners = world["big_people"]
    for owner in owners:
        started(owner)
    ExperimentFactory(
        owner=owners[0],
        running=True,
        sharing=Sharing.TEAM,
        started_at=datetime.datetime(YEAR + 1, 1, 2, 10, 0, tzinfo=datetime.UTC),
    )

    this_year = counts.experiment_figures(viewer=personas.hr, year=YEAR)
    next_year = counts.experiment_figures(viewer=personas.hr, year=YEAR + 1)

    assert _row(this_year, "FPS-ONE-BIG").outcome.figures["started"] == 6
    # One person started one experiment in the next year: too few to show.
    assert isinstance(_row(next_year, "FPS-ONE-BIG").outcome, Suppressed)
    assert YEAR in counts.years_for(viewer=personas.hr)


def test_a_unit_with_fewer_people_than_the_minimum_is_hidden_on_the_page_and_in_the_csv(
    world, personas, client
):
    for owner in world["big_people"]:
        started(owner)
    client.force_login(personas.hr)

    page = client.get(reverse("experiments:figures"), {"year": YEAR})
    export = client.get(reverse("experiments:figures_csv"), {"year": YEAR})

    assert page.status_code == 200
    small = _row(page.context["figures"], "FPS-ONE-SMALL").outcome
    assert small == Suppressed("FPS-ONE-SMALL", SuppressionReason.TOO_FEW)
    content = page.content.decode()
    assert "hidden: too few people" in content
    assert SECRET_TITLE not in content
    assert export.status_code == 200
    assert f"experiments-figures-{YEAR}.csv" in export["Content-Disposition"]
    rows = {row[0]: row for row in _csv(export)[1:]}
    assert set(rows["FPS-ONE-SMALL"][2:]) == {HIDDEN_TOO_FEW}
    assert SECRET_TITLE not in export.content.decode()


def test_many_experiments_of_few_people_stay_hidden(personas):
    unit = UnitFactory(parent=personas.organisation, code="FPS-ONE-BUSY")
    busy = _people(unit, 2, "busy")
    for _n in range(10):
        for person in busy:
            started(person)

    figures = counts.experiment_figures(viewer=personas.hr, year=YEAR)

    assert _row(figures, "FPS-ONE-BUSY").outcome.reason == SuppressionReason.TOO_FEW


def test_a_unit_whose_parent_differs_from_it_by_fewer_than_the_minimum_is_not_shown_with_it(
    personas,
):
    big = UnitFactory(parent=personas.organisation, code="FPS-ONE-BIG")
    for person in _people(big, 6, "big") + [personas.employee, personas.line_manager]:
        started(person)

    figures = counts.experiment_figures(viewer=personas.hr, year=YEAR)

    outcomes = [_row(figures, code).outcome for code in ("FPS-ONE", "FPS-ONE-BIG")]
    assert [isinstance(outcome, Released) for outcome in outcomes].count(True) == 1
    hidden = next(outcome for outcome in outcomes if isinstance(outcome, Suppressed))
    assert hidden.reason == SuppressionReason.WOULD_REVEAL_OTHER


def test_the_csv_holds_the_figures_of_the_page(world, personas, client):
    for n, owner in enumerate(world["big_people"]):
        decided(owner, Decision.SCALE if n % 2 else Decision.STOP, days=n + 1)
    client.force_login(personas.hr)

    page = client.get(reverse("experiments:figures"), {"year": YEAR})
    rows = _csv(client.get(reverse("experiments:figures_csv"), {"year": YEAR}))

    assert rows[0][:2] == ["Unit code", "Unit"]
    figures = page.context["figures"]
    assert [row[0] for row in rows[1:]] == [row.unit.code for row in figures.rows]
    big = next(row for row in rows if row[0] == "FPS-ONE-BIG")
    outcome = _row(figures, "FPS-ONE-BIG").outcome
    assert big[2:] == [
        str(outcome.n),
        *(str(outcome.figures[column]) for column in ("started", "decided", "scaled", "stopped")),
        "3.5",
    ]
    assert "3.5" in page.content.decode()


def test_hr_sees_only_the_units_of_their_scope(world, personas):
    other = _people(personas.other_organisation, 6, "other")
    for person in other:
        started(person)
    for person in world["big_people"]:
        started(person)
    scoped = person_in(personas.organisation, email="hr.big@elan.test")
    organisation_services.role_assign(user=scoped, role=Role.HR, unit=world["big"])

    everyone = counts.experiment_figures(viewer=personas.hr, year=YEAR)
    big_only = counts.experiment_figures(viewer=scoped, year=YEAR)

    assert "FPS-TWO" not in {row.unit.code for row in everyone.rows}
    assert [row.unit.code for row in big_only.rows] == ["FPS-ONE-BIG"]
    # The same decision whoever looks: the guard weighs every unit of the chart.
    assert _row(big_only, "FPS-ONE-BIG").outcome == _row(everyone, "FPS-ONE-BIG").outcome


@pytest.mark.parametrize(
    "persona", ["employee", "line_manager", "team_lead", "content_editor", "outsider"]
)
def test_only_hr_reach_the_figures(persona, client_for):
    client = client_for(persona)

    assert client.get(reverse("experiments:figures")).status_code == 403
    assert client.get(reverse("experiments:figures_csv")).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("experiments:figures"))

    assert response.status_code == 302


def test_a_year_that_is_not_in_the_list_is_refused_with_a_message(world, personas, client):
    client.force_login(personas.hr)

    response = client.get(reverse("experiments:figures"), {"year": "1850"})

    assert response.status_code == 200
    assert "Choose one of the years in the list." in response.content.decode()
    assert response.context["figures"].year == timezone.localdate().year


def test_an_experiment_its_owners_keep_to_themselves_is_not_counted(world, personas):
    for person in world["big_people"]:
        started(person, sharing=Sharing.PRIVATE)

    data = counts.experiment_figures(viewer=personas.hr, year=YEAR)

    assert "FPS-ONE-BIG" not in [row.unit.code for row in data.rows]
