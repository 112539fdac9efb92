# SPDX-License-Identifier: EUPL-1.2
"""The team's climate for innovation beside a manager's enabling goal (docs/goals.md).

An enabling goal may follow the team's "support for innovation" measure of the climate survey.
The trend shown is read only through the insights app's own reading of the results
(``elan.insights.selectors.trend``): the guard's published decisions of closed rounds, narrowed to
what the reader may see (reach, and the team-first release). So the trend beside the goal never
shows a figure that the reader could not open in insights itself; where insights would show
nothing, the goal shows nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from elan.core.numbers import format_score, rounded
from elan.goals.constants import InnovationKind
from elan.insights.constants import CampaignStatus, InstrumentCode, Scope
from elan.insights.instruments import instrument_for
from elan.insights.models import Campaign
from elan.insights.selectors import ancestor_paths, closed_rounds, reader_of, trend
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.selectors import coverage_of

# The climate survey's measure "Support for innovation" (elan/insights/content/climate.yaml).
MEASURE = "innovation-support"


@dataclass(frozen=True)
class TrendPoint:
    """One closed round's figure: the measure's mean, rounded by the one rounding rule."""

    campaign_title: str
    round_number: int
    closed_on: datetime.date
    value: Decimal

    @property
    def text(self) -> str:
        """The figure as people read it in the active language ("3,9", "3.9")."""
        return format_score(self.value)


def team_unit_of(*, manager) -> Unit | None:
    """The team whose climate a manager's enabling goal follows: their own unit, unless they
    lead other units as team lead and not their own, then the highest of those."""
    record = StaffRecord.objects.filter(user=manager).select_related("unit").first()
    own = record.unit if record is not None else None
    leads = coverage_of(user=manager, role=Role.TEAM_LEAD)
    if leads.whole_organisation or not leads.root_codes:
        return own
    if own is not None and own.code in leads.root_codes:
        return own
    return Unit.objects.filter(code__in=leads.root_codes).order_by("depth", "path").first()


def _instruments_with_measure() -> list[str]:
    return [
        code for code in InstrumentCode.values if MEASURE in instrument_for(code).measure_codes()
    ]


def climate_trend_for(*, manager, viewer) -> list[TrendPoint] | None:
    """The trend of ``manager``'s team's support for innovation as ``viewer`` may see it, oldest
    first; None where no round shows ``viewer`` a figure.

    Each closed round of each survey of the team is read as insights reads it for ``viewer``:
    a group the guard suppressed, or one the team has not shared up the line yet, gives no point.
    The people placed directly in the team's unit are the group, as the team's own page shows it.
    """
    unit = team_unit_of(manager=manager)
    if unit is None or not getattr(viewer, "is_authenticated", False):
        return None
    campaigns = (
        Campaign.objects.filter(
            unit__path__in=ancestor_paths(unit.path),
            instrument__in=_instruments_with_measure(),
            rounds__closed_on__isnull=False,
        )
        .exclude(status=CampaignStatus.CANCELLED)
        .distinct()
    )
    reader = reader_of(viewer)
    points = []
    for campaign in campaigns:
        closed_on = {r.number: r.closed_on for r in closed_rounds(campaign)}
        for figure in trend(
            user=viewer, campaign=campaign, code=unit.code, scope=Scope.UNIT, reader=reader
        ):
            value = figure.value(MEASURE)
            if value is None or figure.round not in closed_on:
                continue
            points.append(
                TrendPoint(
                    campaign_title=campaign.title,
                    round_number=figure.round,
                    closed_on=closed_on[figure.round],
                    value=rounded(value),
                )
            )
    if not points:
        return None
    return sorted(points, key=lambda p: (p.closed_on, p.campaign_title, p.round_number))


def climate_trend_for_goal(*, goal, viewer) -> list[TrendPoint] | None:
    """The trend beside ``goal``: only for an enabling goal that follows the team's climate."""
    if goal.innovation != InnovationKind.ENABLING or not goal.follows_climate:
        return None
    return climate_trend_for(manager=goal.cycle.person, viewer=viewer)
