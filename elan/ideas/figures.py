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

import datetime
import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy

from elan.core.anonymity import display
from elan.core.anonymity.guard import (
    CandidateGroup,
    GroupKind,
    GuardContext,
    SuppressionReason,
    guard,
)
from elan.goals.calendar import worked_days_between
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
    own_marker: dict | None = None
    subtree: Figures | None = None
    subtree_marker: dict | None = None
    has_subtree: bool = False


@dataclass
class Report:
    organisation: Unit
    rows: list[Row] = field(default_factory=list)
    since: datetime.date | None = None
    minimum: int = 0


def _figures(ideas: list[tuple], today: datetime.date, holidays) -> Figures:
    answered = [(posted, answered) for _pk, posted, answered, _status, _due in ideas if answered]
    overdue = sum(1 for *_rest, status, due in ideas if status in CLOCK_STATUSES and due < today)
    days = [worked_days_between(posted, answered_on, holidays) for posted, answered_on in answered]
    return Figures(
        ideas=len(ideas),
        answered_percent=round(100 * len(answered) / len(ideas)),
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


def _marker(reason: SuppressionReason) -> dict:
    """What ``core/includes/suppressed.html`` shows in place of a hidden group's figures."""
    return {"label": LABELS[reason], "explanation": EXPLANATIONS[reason], "reason": reason.value}


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
    by_path: dict[str, list[tuple]] = {}
    for pk, posted, answered, status, due, box_path, campaign_path in rows:
        by_path.setdefault(box_path or campaign_path, []).append(
            (pk, posted, answered, status, due)
        )
    holidays = holidays_for(unit=organisation)
    below_of: dict[str, list[tuple]] = {}
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
    for each in units:
        row = Row(unit=each)
        for kind in ("own", "subtree"):
            key = (kind, each.code)
            if key not in values:
                continue
            result = outcome[key]
            if display.is_released(result):
                setattr(row, kind, _figures(values[key], today, holidays))
            else:
                setattr(row, f"{kind}_marker", _marker(result.reason))
            if kind == "subtree":
                row.has_subtree = True
        report.rows.append(row)
    return report
