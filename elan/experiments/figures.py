# SPDX-License-Identifier: EUPL-1.2
"""HR's figures of experiments per unit, under the anonymity guard (docs/experiments.md,
docs/anonymity.md).

What HR learns here is how much the organisation tries, never what: per unit and everything
below it, how many experiments started in a year, how many of them were decided, scaled up or
stopped, and the median number of days from the start to the decision. No card's title or text
and no person is listed.

These are counts of shared work, not personal scores, but a unit with one or two people who
experiment would still point at them. So the guard treats each unit's subtree as a group of
people: the distinct owners of the experiments counted there. A group with fewer than the
minimum is hidden, and, as in goals' figures, the candidate groups are the subtrees of every
unit of the chart whoever looks, so that two HR officers with different scopes get the same
decisions; a viewer is shown the rows of their scope only.

What is counted:

- **started**: experiments whose test started in the year (``started_at``), whatever they are
  shared with: a draft is never counted, and nothing of a card is read but its dates and its
  decision;
- **decided**: those among them whose latest decision ended the test (scale it up, park it or
  stop it), and not taken up again since; "iterate" keeps a test running and is not counted;
- **scaled** and **stopped**: the decided ones, by their decision (made official counts as
  scaled);
- **median days to the decision**: from the day the test started to the day it was decided,
  over the decided ones.

An experiment is counted in the unit its owner belonged to when the card was started; one whose
owner's account was erased is still counted but has nobody behind it to make a group larger.
The figures are computed when asked for, as goals' are: they count process facts, not answers.
"""

from __future__ import annotations

import csv
import datetime
import io
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from elan.core.anonymity import (
    CandidateGroup,
    GuardContext,
    Outcome,
    Released,
    Suppressed,
    SuppressionReason,
    guard,
)
from elan.core.anonymity.display import export_row
from elan.core.numbers import format_score, rounded
from elan.core.spreadsheets import spreadsheet_text
from elan.experiments.constants import Decision, Sharing, Status
from elan.experiments.models import Experiment
from elan.organisations.constants import Role
from elan.organisations.models import Unit
from elan.organisations.selectors import Coverage, ancestor_paths, chart_units, coverage_of

# A decision that ends the test; "iterate" keeps it running.
ENDING_DECISIONS = (Decision.SCALE, Decision.PARK, Decision.STOP)
# Statuses past the test: the decision of an experiment taken up again no longer holds.
PAST_THE_TEST = (Status.DECIDED, Status.REGULARISED, Status.CLOSED)
COLUMNS = ("started", "decided", "scaled", "stopped", "median_days")


@dataclass(frozen=True)
class UnitFigures:
    """One unit's row: the guard's outcome for the unit and everything below it."""

    unit: Unit
    outcome: Outcome


@dataclass(frozen=True)
class ExperimentFigures:
    year: int
    rows: list[UnitFigures]
    min_group: int


@dataclass
class _Tally:
    """What one unit's subtree holds, before the guard decides what may be shown."""

    owners: set[int] = field(default_factory=set)
    started: int = 0
    decided: int = 0
    scaled: int = 0
    stopped: int = 0
    days: list[int] = field(default_factory=list)

    def figures(self) -> dict:
        return {
            "started": self.started,
            "decided": self.decided,
            "scaled": self.scaled,
            "stopped": self.stopped,
            "median_days": float(statistics.median(self.days)) if self.days else None,
        }


def hr_scope(*, viewer) -> Coverage:
    return coverage_of(user=viewer, role=Role.HR)


def years_for(*, viewer, today: datetime.date | None = None) -> list[int]:
    """The years in which an experiment of the viewer's scope started, and this year; newest
    first."""
    today = today or timezone.localdate()
    scope = hr_scope(viewer=viewer)
    if scope.is_empty:
        return [today.year]
    started = (
        Experiment.objects.filter(scope.unit_filter("unit__"), started_at__isnull=False)
        .exclude(sharing=Sharing.PRIVATE)
        .datetimes("started_at", "year")
    )
    return sorted({day.year for day in started} | {today.year}, reverse=True)


def _counted(decision: str, status: str) -> bool:
    return status in PAST_THE_TEST and decision in ENDING_DECISIONS


def _tallies(year: int) -> dict[str, _Tally]:
    """unit path -> what its subtree holds, for every unit with an experiment started in the
    year in it or below it."""
    rows = (
        Experiment.objects.filter(started_at__year=year, unit__isnull=False)
        # Shared work only: a card its owners keep to themselves is not counted for HR either.
        .exclude(status=Status.DRAFT)
        .exclude(sharing=Sharing.PRIVATE)
        .values_list("owner_id", "unit__path", "status", "decision", "started_at", "decided_on")
    )
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for owner_id, path, status, decision, started_at, decided_on in rows:
        decided = _counted(decision, status)
        days = None
        if decided and decided_on is not None:
            days = max((decided_on - timezone.localdate(started_at)).days, 0)
        for above in ancestor_paths(path):
            tally = tallies[above]
            if owner_id is not None:
                tally.owners.add(owner_id)
            tally.started += 1
            if decided:
                tally.decided += 1
                tally.scaled += decision == Decision.SCALE
                tally.stopped += decision == Decision.STOP
                if days is not None:
                    tally.days.append(days)
    return tallies


def _decide(tallies: dict[str, _Tally], context: GuardContext) -> dict[str, Outcome]:
    code_by_path = {unit.path: unit.code for unit in chart_units()}
    groups = []
    for path, tally in sorted(tallies.items()):
        code = code_by_path.get(path)
        if code is None or not tally.owners:
            continue
        groups.append(
            CandidateGroup(
                key=code,
                members=frozenset(tally.owners),
                depth=len(path) // Unit.steplen - 1,
                figures=tally.figures(),
            )
        )
    result = guard(context, groups)
    return {key: result[key] for key in result}


def experiment_figures(*, viewer, year: int) -> ExperimentFigures:
    """The figures of every unit in the viewer's HR scope with an experiment that started in
    ``year`` in it or below it, in chart order. Nothing for a viewer without an HR scope."""
    context = GuardContext(min_group=settings.ANONYMITY_MIN_GROUP)
    scope = hr_scope(viewer=viewer)
    if scope.is_empty:
        return ExperimentFigures(year=year, rows=[], min_group=context.min_group)
    tallies = _tallies(year)
    outcomes = _decide(tallies, context)
    rows = [
        UnitFigures(
            unit=unit,
            # A group with nobody behind it was never a candidate: hidden like a small one.
            outcome=outcomes.get(unit.code) or Suppressed(unit.code, SuppressionReason.TOO_FEW),
        )
        for unit in scope.units().order_by("path")
        if unit.path in tallies
    ]
    return ExperimentFigures(year=year, rows=rows, min_group=context.min_group)


def summary(figures: ExperimentFigures) -> str:
    """What the table says in one sentence, read from its first row (the highest unit)."""
    rows = figures.rows
    if not rows:
        return _("No experiment in your scope started in %(year)s.") % {"year": figures.year}
    top = rows[0]
    outcome = top.outcome
    if not isinstance(outcome, Released):
        shown = sum(isinstance(row.outcome, Released) for row in rows)
        return ngettext(
            "The figures of %(unit)s are hidden to keep people anonymous; %(shown)s of "
            "%(total)s unit is shown.",
            "The figures of %(unit)s are hidden to keep people anonymous; %(shown)s of "
            "%(total)s units are shown.",
            len(rows),
        ) % {"unit": top.unit.name, "shown": shown, "total": len(rows)}
    data = outcome.figures
    sentence = ngettext(
        "In %(unit)s, %(started)s experiment started in %(year)s; %(decided)s of them were "
        "decided: %(scaled)s scaled up and %(stopped)s stopped.",
        "In %(unit)s, %(started)s experiments started in %(year)s; %(decided)s of them were "
        "decided: %(scaled)s scaled up and %(stopped)s stopped.",
        data["started"],
    ) % {
        "unit": top.unit.name,
        "year": figures.year,
        "started": data["started"],
        "decided": data["decided"],
        "scaled": data["scaled"],
        "stopped": data["stopped"],
    }
    if data["median_days"] is not None:
        sentence += " " + _("The median time from start to decision was %(days)s days.") % {
            "days": format_score(data["median_days"])
        }
    return sentence


# --- CSV export -------------------------------------------------------------------------------

# (column of the guard's outcome, header); "n" is the group's count of people.
CSV_COLUMNS = (
    ("n", gettext_lazy("People who started an experiment")),
    ("started", gettext_lazy("Experiments started")),
    ("decided", gettext_lazy("Decided")),
    ("scaled", gettext_lazy("Scaled up")),
    ("stopped", gettext_lazy("Stopped")),
    ("median_days", gettext_lazy("Median days from start to decision")),
)


def csv_header() -> list[str]:
    return [_("Unit code"), _("Unit"), *(str(label) for _column, label in CSV_COLUMNS)]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return rounded(value, 1)
    return value


def csv_rows(figures: ExperimentFigures) -> list[list]:
    columns = [column for column, _label in CSV_COLUMNS]
    return [
        [
            spreadsheet_text(row.unit.code),
            spreadsheet_text(row.unit.name),
            *(_cell(cell) for cell in export_row(row.outcome, columns)),
        ]
        for row in figures.rows
    ]


def as_csv(figures: ExperimentFigures) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_header())
    writer.writerows(csv_rows(figures))
    return buffer.getvalue()
