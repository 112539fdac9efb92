# SPDX-License-Identifier: EUPL-1.2
"""HR's process figures per unit, under the anonymity guard (docs/goals.md, docs/anonymity.md).

What HR learns here is how the cycle is used, never what is in it: how many people have an
innovation goal, how many managers have an enabling goal, how many talks took place on time,
and how innovation goals ended. No goal's title, indicator or target and no talk's notes are
read, and no person is listed.

How the guard is applied:

- **People are the respondents.** Every figure's group is a set of people (account ids): the
  people whose cycle started in the year in a unit's subtree, and within them the managers and
  the people of evaluated cycles. A group with fewer than the minimum is hidden.
- **Every unit of the chart, whoever looks.** The candidate groups are the subtrees of every unit,
  not only those of the viewer's scope, so that two HR officers with different scopes get the
  same decisions and cannot subtract one's figures from the other's; a viewer is shown the rows
  of their scope only. A unit and the unit above it are both groups, so a parent that differs
  from its child by fewer than the minimum hides one of them (``would_reveal_other``).
- **Figures that could be combined are guarded together.** Managers and people of evaluated
  cycles are subgroups of a unit's people (one level deeper, so the guard hides them first): the
  share of people with an innovation goal next to the share of managers with an enabling goal
  (an innovation goal too) would otherwise tell about the one person who is not a manager. Talks
  on time say nothing about goals, so their groups (the people whose talks count) are guarded
  among themselves only, which hides no talk figure because a cycle started a week ago has no
  talk due yet.

The figures are computed when asked for, not taken from snapshots as survey results are: they
count process facts (a talk held, a goal proposed), not answers. The residual risk: someone who
reloads the page just before and after one person proposes an innovation goal sees a share move.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
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
from elan.core.numbers import format_share, percent
from elan.core.spreadsheets import spreadsheet_text
from elan.goals.constants import (
    Agreement,
    CycleStatus,
    GoalProgress,
    InnovationKind,
    TalkStatus,
)
from elan.goals.models import Cycle, Goal, Talk
from elan.insights.selectors import ancestor_paths
from elan.organisations.constants import Role
from elan.organisations.models import RoleAssignment, StaffRecord, Unit
from elan.organisations.selectors import Coverage, chart_units, coverage_of

# Drafts are their owner's alone: only goals the evaluator could see are counted.
COUNTED_AGREEMENT = (Agreement.PROPOSED, Agreement.AGREED)
ENDINGS = (
    GoalProgress.DONE,
    GoalProgress.DROPPED,
    GoalProgress.ON_TRACK,
    GoalProgress.AT_RISK,
    GoalProgress.OFF_TRACK,
)

PEOPLE, MANAGERS, EVALUATED, TALKS = "people", "managers", "evaluated", "talks"
MEASURES = (PEOPLE, MANAGERS, TALKS, EVALUATED)


@dataclass(frozen=True)
class UnitFigures:
    """One unit's row: for each measure, the guard's outcome for the unit and everything below."""

    unit: Unit
    people: Outcome
    managers: Outcome
    talks: Outcome
    endings: Outcome

    def outcome(self, measure: str) -> Outcome:
        return {PEOPLE: self.people, MANAGERS: self.managers, TALKS: self.talks}.get(
            measure, self.endings
        )


@dataclass(frozen=True)
class ProcessFigures:
    year: int
    rows: list[UnitFigures]
    min_group: int
    today: datetime.date


@dataclass
class _Tally:
    """What one unit's subtree holds, before the guard decides what may be shown."""

    people: set[int] = field(default_factory=set)
    innovators: set[int] = field(default_factory=set)
    managers: set[int] = field(default_factory=set)
    enablers: set[int] = field(default_factory=set)
    talk_people: set[int] = field(default_factory=set)
    talks: int = 0
    on_time: int = 0
    evaluated: set[int] = field(default_factory=set)
    endings: Counter = field(default_factory=Counter)


def hr_scope(*, viewer) -> Coverage:
    return coverage_of(user=viewer, role=Role.HR)


def years_for(*, viewer, today: datetime.date | None = None) -> list[int]:
    """The years in which a cycle of the viewer's scope started, and this year; newest first."""
    today = today or timezone.localdate()
    scope = hr_scope(viewer=viewer)
    if scope.is_empty:
        return [today.year]
    started = Cycle.objects.filter(scope.unit_filter("unit__")).dates("starts_on", "year")
    return sorted({day.year for day in started} | {today.year}, reverse=True)


def _managers_among(people: set[int]) -> set[int]:
    """Who has a direct report on the chart or leads a team (as ``selectors.is_manager``),
    in two queries for everyone at once."""
    if not people:
        return set()
    with_reports = StaffRecord.objects.filter(
        line_manager_id__in=people, user__is_active=True
    ).values_list("line_manager_id", flat=True)
    leads = RoleAssignment.objects.filter(user_id__in=people, role=Role.TEAM_LEAD).values_list(
        "user_id", flat=True
    )
    return set(with_reports) | set(leads)


def _tallies(year: int, today: datetime.date) -> dict[str, _Tally]:
    """unit path -> what its subtree holds, for every unit with a cycle in the year below it."""
    cycles = list(
        Cycle.objects.filter(starts_on__year=year, unit__isnull=False).values_list(
            "pk", "person_id", "unit__path", "status"
        )
    )
    by_cycle = {pk: (person, path, status) for pk, person, path, status in cycles}
    ids = list(by_cycle)
    innovators: set[int] = set()  # cycle ids with an innovation goal
    enablers: set[int] = set()
    endings: dict[int, Counter] = defaultdict(Counter)
    goals = (
        Goal.objects.filter(cycle_id__in=ids, agreement__in=COUNTED_AGREEMENT)
        .exclude(innovation="")
        .values_list("cycle_id", "innovation", "progress")
    )
    for cycle_id, innovation, progress in goals:
        innovators.add(cycle_id)
        if innovation == InnovationKind.ENABLING:
            enablers.add(cycle_id)
        if by_cycle[cycle_id][2] == CycleStatus.EVALUATED:
            endings[cycle_id][progress] += 1
    # A talk counts once it was held or its due day has come; cancelled ones never do.
    talks = (
        Talk.objects.filter(cycle_id__in=ids)
        .exclude(status=TalkStatus.CANCELLED)
        .filter(Q(status=TalkStatus.HELD) | Q(due_on__lte=today))
        .values_list("cycle_id", "status", "held_on", "due_on")
    )
    talk_counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for cycle_id, status, held_on, due_on in talks:
        counts = talk_counts[cycle_id]
        counts[0] += 1
        if status == TalkStatus.HELD and held_on is not None and held_on <= due_on:
            counts[1] += 1
    managers = _managers_among({person for person, _path, _status in by_cycle.values()})

    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for pk, (person, path, status) in by_cycle.items():
        for above in ancestor_paths(path):
            tally = tallies[above]
            tally.people.add(person)
            if pk in innovators:
                tally.innovators.add(person)
            if person in managers:
                tally.managers.add(person)
                if pk in enablers:
                    tally.enablers.add(person)
            if pk in talk_counts:
                tally.talk_people.add(person)
                tally.talks += talk_counts[pk][0]
                tally.on_time += talk_counts[pk][1]
            if status == CycleStatus.EVALUATED:
                tally.evaluated.add(person)
                tally.endings.update(endings.get(pk, {}))
    return tallies


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _figures(measure: str, tally: _Tally) -> dict:
    if measure == PEOPLE:
        share = _share(len(tally.innovators), len(tally.people))
        return {"with_goal": len(tally.innovators), "share": share, "percent": percent(share)}
    if measure == MANAGERS:
        share = _share(len(tally.enablers), len(tally.managers))
        return {"with_goal": len(tally.enablers), "share": share, "percent": percent(share)}
    if measure == TALKS:
        share = _share(tally.on_time, tally.talks)
        return {
            "talks": tally.talks,
            "on_time": tally.on_time,
            "share": share,
            "percent": percent(share),
        }
    figures = {progress.value: tally.endings.get(progress.value, 0) for progress in ENDINGS}
    figures["goals"] = sum(figures.values())
    return figures


def _members(measure: str, tally: _Tally) -> set[int]:
    return {
        PEOPLE: tally.people,
        MANAGERS: tally.managers,
        EVALUATED: tally.evaluated,
        TALKS: tally.talk_people,
    }[measure]


def _decide(tallies: dict[str, _Tally], context: GuardContext) -> dict[tuple, Outcome]:
    code_by_path = {unit.path: unit.code for unit in chart_units()}
    families: dict[str, list[CandidateGroup]] = {"goals": [], "talks": []}
    for path, tally in sorted(tallies.items()):
        code = code_by_path.get(path)
        if code is None:
            continue
        depth = len(path) // Unit.steplen - 1
        for measure in MEASURES:
            members = _members(measure, tally)
            if not members:
                continue
            family = "talks" if measure == TALKS else "goals"
            # Subgroups of a unit's people sit one level deeper: hidden before the unit.
            extra = 1 if measure in (MANAGERS, EVALUATED) else 0
            families[family].append(
                CandidateGroup(
                    key=(measure, code),
                    members=frozenset(members),
                    depth=depth + extra,
                    figures=_figures(measure, tally),
                )
            )
    outcomes: dict[tuple, Outcome] = {}
    for groups in families.values():
        result = guard(context, groups)
        outcomes.update((key, result[key]) for key in result)
    return outcomes


def process_figures(*, viewer, year: int, today: datetime.date | None = None) -> ProcessFigures:
    """The figures of every unit in the viewer's HR scope with a cycle that started in ``year``
    in it or below it, in chart order. Nothing for a viewer without an HR scope."""
    today = today or timezone.localdate()
    context = GuardContext(min_group=settings.ANONYMITY_MIN_GROUP)
    scope = hr_scope(viewer=viewer)
    if scope.is_empty:
        return ProcessFigures(year=year, rows=[], min_group=context.min_group, today=today)
    tallies = _tallies(year, today)
    outcomes = _decide(tallies, context)
    units = [
        unit
        for unit in scope.units().order_by("path")
        if unit.path in tallies and tallies[unit.path].people
    ]

    def outcome(measure: str, unit: Unit) -> Outcome:
        key = (measure, unit.code)
        # A group with nobody in it was never a candidate: it is hidden like a small one.
        return outcomes.get(key) or Suppressed(key, SuppressionReason.TOO_FEW)

    rows = [
        UnitFigures(
            unit=unit,
            people=outcome(PEOPLE, unit),
            managers=outcome(MANAGERS, unit),
            talks=outcome(TALKS, unit),
            endings=outcome(EVALUATED, unit),
        )
        for unit in units
    ]
    return ProcessFigures(year=year, rows=rows, min_group=context.min_group, today=today)


# --- One sentence per table ------------------------------------------------------------------


def summary(figures: ProcessFigures, measure: str) -> str:
    """What the table says in one sentence, read from its first row (the highest unit)."""
    rows = figures.rows
    if not rows:
        return _("No evaluation cycle in your scope started in %(year)s.") % {"year": figures.year}
    top = rows[0]
    outcome = top.outcome(measure)
    if not isinstance(outcome, Released):
        shown = sum(isinstance(row.outcome(measure), Released) for row in rows)
        return ngettext(
            "The figure of %(unit)s is hidden to keep people anonymous; %(shown)s of "
            "%(total)s unit is shown.",
            "The figure of %(unit)s is hidden to keep people anonymous; %(shown)s of "
            "%(total)s units are shown.",
            len(rows),
        ) % {"unit": top.unit.name, "shown": shown, "total": len(rows)}
    values = {"unit": top.unit.name, "n": outcome.n}
    data = outcome.figures
    if measure == PEOPLE:
        sentence = ngettext(
            "In %(unit)s, %(share)s of the %(n)s person with a cycle has at least one innovation "
            "goal proposed or agreed.",
            "In %(unit)s, %(share)s of the %(n)s people with a cycle have at least one innovation "
            "goal proposed or agreed.",
            outcome.n,
        )
        values["share"] = format_share(data["share"])
    elif measure == MANAGERS:
        sentence = ngettext(
            "In %(unit)s, %(share)s of the %(n)s manager with a cycle has an enabling goal "
            "proposed or agreed.",
            "In %(unit)s, %(share)s of the %(n)s managers with a cycle have an enabling goal "
            "proposed or agreed.",
            outcome.n,
        )
        values["share"] = format_share(data["share"])
    elif measure == TALKS:
        sentence = ngettext(
            "In %(unit)s, %(share)s of the %(talks)s talk that was due or held took place on time.",
            "In %(unit)s, %(share)s of the %(talks)s talks that were due or held took place on "
            "time.",
            data["talks"],
        )
        values.update(share=format_share(data["share"]), talks=data["talks"])
    elif not data["goals"]:
        sentence = _("In %(unit)s, the evaluated cycles had no innovation goal.")
    else:
        sentence = ngettext(
            "In %(unit)s, of the %(goals)s innovation goal of evaluated cycles, %(done)s was done "
            "and %(dropped)s dropped.",
            "In %(unit)s, of the %(goals)s innovation goals of evaluated cycles, %(done)s were "
            "done and %(dropped)s dropped.",
            data["goals"],
        )
        values.update(
            goals=data["goals"],
            done=data[GoalProgress.DONE.value],
            dropped=data[GoalProgress.DROPPED.value],
        )
    return sentence % values


# --- CSV export -------------------------------------------------------------------------------

# (column of the guard's outcome, header) per measure; "n" is the group's count of people.
CSV_COLUMNS = {
    PEOPLE: (
        ("n", gettext_lazy("People with a cycle")),
        ("with_goal", gettext_lazy("People with an innovation goal")),
        ("percent", gettext_lazy("Share with an innovation goal (%)")),
    ),
    MANAGERS: (
        ("n", gettext_lazy("Managers with a cycle")),
        ("with_goal", gettext_lazy("Managers with an enabling goal")),
        ("percent", gettext_lazy("Share of managers with an enabling goal (%)")),
    ),
    TALKS: (
        ("n", gettext_lazy("People with talks due or held")),
        ("talks", gettext_lazy("Talks due or held")),
        ("on_time", gettext_lazy("Talks held on time")),
        ("percent", gettext_lazy("Share of talks held on time (%)")),
    ),
    EVALUATED: (
        ("n", gettext_lazy("People of evaluated cycles")),
        ("goals", gettext_lazy("Innovation goals of evaluated cycles")),
        *((progress.value, progress.label) for progress in ENDINGS),
    ),
}


def csv_header() -> list[str]:
    return [
        _("Unit code"),
        _("Unit"),
        *(str(label) for measure in MEASURES for _column, label in CSV_COLUMNS[measure]),
    ]


def csv_rows(figures: ProcessFigures) -> list[list]:
    rows = []
    for row in figures.rows:
        cells: list = [spreadsheet_text(row.unit.code), spreadsheet_text(row.unit.name)]
        for measure in MEASURES:
            columns = [column for column, _label in CSV_COLUMNS[measure]]
            cells += [
                "" if cell is None else cell for cell in export_row(row.outcome(measure), columns)
            ]
        rows.append(cells)
    return rows


def as_csv(figures: ProcessFigures) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_header())
    writer.writerows(csv_rows(figures))
    return buffer.getvalue()
