# SPDX-License-Identifier: EUPL-1.2
"""Which talks took place and when, person by person, for HR (docs/access.md, docs/goals.md).

The federal cycle is HR's process: HR must know that each person's planning, interim and
evaluation talks took place, and when, to chase the ones that did not. That is all it learns:
the queries below read the cycle's dates and statuses, the talks' kinds, statuses and days, and
the names of the person and the evaluator. They never read a goal, a note or the evidence, so
nothing of what was said or agreed can reach this page, its CSV or a template by accident.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from elan.core.spreadsheets import spreadsheet_text
from elan.goals.constants import CycleStatus, TalkStatus
from elan.goals.figures import hr_scope
from elan.goals.models import Cycle, Talk
from elan.insights.selectors import ancestor_paths
from elan.organisations.models import Unit


def units_with_cycles(*, viewer, year: int) -> QuerySet[Unit]:
    """The units of the viewer's HR scope with a cycle that started in ``year`` in them or
    below them, in chart order: the first is the widest view HR has."""
    scope = hr_scope(viewer=viewer)
    if scope.is_empty:
        return Unit.objects.none()
    started = Unit.objects.filter(
        pk__in=Cycle.objects.filter(starts_on__year=year).values("unit_id")
    ).values_list("path", flat=True)
    paths = {ancestor for path in started for ancestor in ancestor_paths(path)}
    return scope.units().filter(path__in=paths).order_by("path")


@dataclass(frozen=True)
class TalkDate:
    kind: str
    kind_label: str
    status: str
    status_label: str
    due_on: datetime.date
    held_on: datetime.date | None
    today: datetime.date

    @property
    def overdue(self) -> bool:
        return self.status == TalkStatus.SCHEDULED and self.due_on < self.today

    @property
    def on_time(self) -> bool | None:
        """Held on or before its due day; None while it is not held."""
        if self.held_on is None:
            return None
        return self.held_on <= self.due_on


@dataclass(frozen=True)
class CycleDates:
    person: str
    evaluator: str
    unit: Unit
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    status_label: str
    talks: tuple[TalkDate, ...]

    @property
    def overdue(self) -> bool:
        return any(talk.overdue for talk in self.talks)


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


def cycle_dates(
    *, viewer, unit: Unit, year: int, today: datetime.date, only_overdue: bool = False
) -> list[CycleDates]:
    """The cycles that started in ``year`` in ``unit`` or below, with their talks' days;
    nothing when the unit is outside the viewer's HR scope."""
    if not hr_scope(viewer=viewer).covers(unit):
        return []
    talks = Talk.objects.only("cycle_id", "kind", "status", "planned_on", "due_on", "held_on")
    cycles = (
        Cycle.objects.filter(starts_on__year=year)
        .filter(Q(unit__path__startswith=unit.path))
        # A cycle row holds dates, a status and who: nothing of what was said or agreed.
        .select_related("person", "evaluator", "unit")
        .prefetch_related(Prefetch("talks", queryset=talks.order_by("planned_on", "pk")))
        .order_by("person__last_name", "person__first_name", "person__email", "starts_on")
    )
    rows = []
    for cycle in cycles:
        row = CycleDates(
            person=_name(cycle.person),
            evaluator=_name(cycle.evaluator),
            unit=cycle.unit,
            starts_on=cycle.starts_on,
            ends_on=cycle.ends_on,
            status=cycle.status,
            status_label=str(CycleStatus(cycle.status).label),
            talks=tuple(
                TalkDate(
                    kind=talk.kind,
                    kind_label=talk.get_kind_display(),
                    status=talk.status,
                    status_label=talk.get_status_display(),
                    due_on=talk.due_on,
                    held_on=talk.held_on,
                    today=today,
                )
                for talk in cycle.talks.all()
            ),
        )
        if not only_overdue or row.overdue:
            rows.append(row)
    return rows


def csv_header() -> list[str]:
    return [
        _("Unit code"),
        _("Unit"),
        _("Person"),
        _("Evaluator"),
        _("Cycle start"),
        _("Cycle end"),
        _("Cycle status"),
        _("Talk"),
        _("Talk status"),
        _("Due on"),
        _("Held on"),
        _("Held on time"),
    ]


def as_csv(rows: list[CycleDates]) -> str:
    """One line per talk, or per cycle without talks; ISO dates, yes/no in the reader's
    language for whether a held talk was on time."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_header())
    for row in rows:
        start = [
            spreadsheet_text(row.unit.code),
            spreadsheet_text(row.unit.name),
            spreadsheet_text(row.person),
            spreadsheet_text(row.evaluator),
            row.starts_on.isoformat(),
            row.ends_on.isoformat(),
            row.status_label,
        ]
        if not row.talks:
            writer.writerow([*start, "", "", "", "", ""])
        for talk in row.talks:
            on_time = "" if talk.on_time is None else (_("yes") if talk.on_time else _("no"))
            writer.writerow(
                [
                    *start,
                    talk.kind_label,
                    talk.status_label,
                    talk.due_on.isoformat(),
                    talk.held_on.isoformat() if talk.held_on else "",
                    on_time,
                ]
            )
    return out.getvalue()
