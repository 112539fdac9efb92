# SPDX-License-Identifier: EUPL-1.2
"""Each unit's response record, public inside the organisation (issue 20, point 5): how many of
its ideas were answered, the median worked days to an answer, and the share waiting past their
deadline, for the unit's own ideas and for its subtree.

The figures describe how owners answer, not who wrote what; but a unit's count of ideas, set
against its subtree's, could narrow down where an anonymous idea came from. So every unit and
subtree goes through the anonymity guard as one family of groups whose members are ideas: a
group of fewer ideas than the minimum is hidden, and so is one whose difference with another
would show fewer (``elan.core.anonymity``). Hidden ideas are not counted.
"""

from __future__ import annotations

import bisect
import datetime
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

from elan.core.anonymity import display
from elan.core.anonymity.guard import (
    CandidateGroup,
    GroupKind,
    GuardContext,
    SuppressionReason,
    guard,
)
from elan.goals.calendar import SATURDAY, worked_days_between
from elan.goals.selectors import holidays_for
from elan.ideas import selectors
from elan.ideas.constants import CLOCK_STATUSES
from elan.ideas.models import Idea
from elan.organisations.models import Unit
from elan.organisations.selectors import ancestor_paths

# The record looks back one year: an owner's habits of three years ago say little today.
LOOK_BACK_DAYS = 365


@dataclass(frozen=True)
class Figures:
    ideas: int
    answered_percent: int
    median_days: float | None
    overdue_percent: int


@dataclass
class Row:
    unit: Unit
    own: Figures | None = None
    own_marker: str = ""
    subtree: Figures | None = None
    subtree_marker: str = ""
    has_subtree: bool = False

    @property
    def cells(self) -> list[tuple[Figures | None, str]]:
        """The unit's own figures or marker, then its subtree's (neither: no unit below)."""
        return [(self.own, self.own_marker), (self.subtree, self.subtree_marker)]


@dataclass
class Report:
    organisation: Unit
    rows: list[Row] = field(default_factory=list)
    since: datetime.date | None = None
    minimum: int = 0


# One idea as the figures count it: its id, the worked days it took to answer (None while
# unanswered) and whether it waits past its deadline. Worked out once per idea, then summed in
# every group it belongs to (its unit's, and the subtree of each unit above).
Counted = tuple[int, int | None, bool]


def _figures(ideas: list[Counted]) -> Figures:
    days = [took for _pk, took, _overdue in ideas if took is not None]
    overdue = sum(is_overdue for _pk, _took, is_overdue in ideas)
    return Figures(
        ideas=len(ideas),
        answered_percent=round(100 * len(days) / len(ideas)),
        median_days=statistics.median(days) if days else None,
        overdue_percent=round(100 * overdue / len(ideas)),
    )


# The guard's groups here are ideas, not people: its markers say so.
LABELS = {
    SuppressionReason.TOO_FEW: gettext_lazy("hidden: too few ideas"),
    SuppressionReason.WOULD_REVEAL_OTHER: gettext_lazy("hidden: would reveal a smaller group"),
}
EXPLANATIONS = {
    SuppressionReason.TOO_FEW: gettext_lazy(
        "Fewer ideas than the minimum: so few could hint at who wrote an anonymous one."
    ),
    SuppressionReason.WOULD_REVEAL_OTHER: gettext_lazy(
        "Shown next to the other figures, these would let someone work out the figures of "
        "fewer ideas than the minimum."
    ),
}


def _worked_days_counter(holidays) -> Callable[[datetime.date, datetime.date], int]:
    """``goals.calendar.worked_days_between`` for tens of thousands of ideas: the weekdays
    counted without holidays, less the holidays on a weekday in between, found by bisection in
    the sorted list instead of a walk through every holiday for every idea."""
    weekday_holidays = sorted(day for day in holidays if day.weekday() < SATURDAY)

    def took(start: datetime.date, end: datetime.date) -> int:
        if end <= start:
            return 0
        between = bisect.bisect_right(weekday_holidays, end) - bisect.bisect_right(
            weekday_holidays, start
        )
        return worked_days_between(start, end, ()) - between

    return took


def _marker(reason: SuppressionReason) -> str:
    """What stands in place of a hidden group's figures: ``core/includes/suppressed.html``,
    rendered once per reason and page rather than once per cell of a 1,500-unit table."""
    return render_to_string(
        "core/includes/suppressed.html",
        {"label": LABELS[reason], "explanation": EXPLANATIONS[reason], "reason": reason.value},
    )


def report_for(*, unit: Unit, today: datetime.date | None = None) -> Report:
    """The response record of the organisation ``unit`` belongs to, every unit in chart order."""
    today = today or selectors.today()
    organisation = selectors.organisation_of(unit)
    since = today - datetime.timedelta(days=LOOK_BACK_DAYS)
    units = list(
        Unit.objects.filter(path__startswith=organisation.path, is_active=True).order_by("path")
    )
    rows = (
        Idea.objects.filter(hidden_reason="", posted_on__gte=since)
        .filter(
            Q(box_unit__path__startswith=organisation.path)
            | Q(campaign__unit__path__startswith=organisation.path)
        )
        .values_list(
            "pk",
            "posted_on",
            "answered_on",
            "status",
            "answer_due",
            "box_unit__path",
            "campaign__unit__path",
        )
    )
    took_between = _worked_days_counter(holidays_for(unit=organisation))
    by_path: dict[str, list[Counted]] = {}
    for pk, posted, answered, status, due, box_path, campaign_path in rows:
        took = took_between(posted, answered) if answered else None
        overdue = status in CLOCK_STATUSES and due < today
        by_path.setdefault(box_path or campaign_path, []).append((pk, took, overdue))
    below_of: dict[str, list[Counted]] = {}
    for path, ideas in by_path.items():
        for ancestor in ancestor_paths(path):
            below_of.setdefault(ancestor, []).extend(ideas)
    parents = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    candidates, values = [], {}
    for each in units:
        own = by_path.get(each.path, [])
        below = below_of.get(each.path, [])
        has_subtree = each.path in parents
        for kind, ideas in (("own", own), ("subtree", below if has_subtree else None)):
            if ideas is None:
                continue
            key = (kind, each.code)
            candidates.append(
                CandidateGroup(
                    key=key,
                    members=frozenset(idea[0] for idea in ideas),
                    kind=GroupKind.SCORES,
                    depth=each.depth - 1 + (kind == "own"),
                )
            )
            values[key] = ideas
    outcome = guard(GuardContext(min_group=settings.ANONYMITY_MIN_GROUP), candidates)
    report = Report(organisation=organisation, since=since, minimum=settings.ANONYMITY_MIN_GROUP)
    markers: dict[SuppressionReason, str] = {}
    for each in units:
        row = Row(unit=each)
        for kind in ("own", "subtree"):
            key = (kind, each.code)
            if key not in values:
                continue
            result = outcome[key]
            if display.is_released(result):
                setattr(row, kind, _figures(values[key]))
            else:
                if result.reason not in markers:
                    markers[result.reason] = _marker(result.reason)
                setattr(row, f"{kind}_marker", markers[result.reason])
            if kind == "subtree":
                row.has_subtree = True
        report.rows.append(row)
    return report


# The record moves slowly (an answer changes one group by one idea) and is the same for everyone
# in the organisation: computed at most once per this many seconds, organisation and language.
CACHE_SECONDS = 10 * 60


def cached_report_for(*, unit: Unit) -> Report:
    """``report_for``, through the shared cache: at federal scale the record of 1,500 units
    takes about half a second to compute, and the whole organisation may read it."""
    organisation = selectors.organisation_of(unit)
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"ideas:figures:{organisation.pk}:{language}:{selectors.today().isoformat()}"
    report = cache.get(key)
    if report is None:
        report = report_for(unit=unit)
        cache.set(key, report, CACHE_SECONDS)
    return report
