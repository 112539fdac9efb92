# SPDX-License-Identifier: EUPL-1.2
"""The one-sentence summary beside every chart, built only from figures the person may see."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elan.core.charts import format_distance, format_value
from elan.insights.instruments import SHARE, Measure
from elan.insights.selectors import Comparison, Figure, gap


def _extremes(figure: Figure, measures: Sequence[Measure]):
    values = [(figure.value(m.code), i, m) for i, m in enumerate(measures)]
    values = [v for v in values if v[0] is not None]
    if not values:
        return None
    # Ties go to the measure listed first, so the sentence does not depend on float noise.
    best = min(values, key=lambda v: (-v[0], v[1]))
    worst = min(values, key=lambda v: (v[0], v[1]))
    return best, worst


def _best_worst(name: str, figure: Figure | None, measures: Sequence[Measure]) -> str:
    extremes = _extremes(figure, measures) if figure is not None and figure.is_released else None
    if extremes is None:
        if figure is not None and figure.is_withheld:
            return _("the figures for %(name)s have not been shared by the team yet") % {
                "name": name
            }
        return _("the figures for %(name)s are hidden to keep answers anonymous") % {"name": name}
    (high, _i, best), (low, _j, worst) = extremes
    kind = best.kind
    if kind == SHARE:
        text = _(
            "in %(name)s, the most frequent answer is “%(best)s” (%(best_value)s) and the least "
            "frequent “%(worst)s” (%(worst_value)s)"
        )
    else:
        text = _(
            "in %(name)s, “%(best)s” scores highest (%(best_value)s out of 5) and “%(worst)s” "
            "lowest (%(worst_value)s)"
        )
    return text % {
        "name": name,
        "best": best.label,
        "best_value": format_value(high, kind),
        "worst": worst.label,
        "worst_value": format_value(low, worst.kind),
    }


def _sentence(clause: str) -> str:
    return f"{clause[:1].upper()}{clause[1:]}."


def heatmap_summary(
    *,
    root_name: str,
    root: Figure | None,
    rows: Sequence[Figure],
    measures: Sequence[Measure],
    comparison: Comparison | None = None,
    compared_with: str = "",
) -> str:
    hidden = sum(1 for row in rows if not row.is_released)
    count = ngettext(
        "%(hidden)s of the %(count)s unit shown is hidden or not shared yet",
        "%(hidden)s of the %(count)s units shown are hidden or not shared yet",
        len(rows),
    ) % {"hidden": hidden, "count": len(rows)}
    clauses = [_best_worst(root_name, root, measures), count]
    if comparison is not None:
        widest = _widest_gap(rows, measures, comparison)
        if widest is not None:
            unit, measure, text = widest
            clauses.append(
                _(
                    "the largest difference from %(comparison)s is “%(measure)s” in %(unit)s "
                    "(%(gap)s)"
                )
                % {"comparison": compared_with, "measure": measure.label, "unit": unit, "gap": text}
            )
    return _sentence("; ".join(clauses))


def _widest_gap(
    rows: Sequence[Figure], measures: Sequence[Measure], comparison: Comparison
) -> tuple[str, Measure, str] | None:
    """The row and measure furthest from their comparison, among figures that have one; ties
    go to the row and measure listed first. Means and shares are not weighed against each other:
    the measures of the first kind shown count."""
    if not measures:
        return None
    kind = measures[0].kind
    found = None
    for row in rows:
        baseline = comparison.baseline(row.unit_code)
        for measure in measures:
            if measure.kind != kind:
                continue
            distance = gap(row, baseline, measure.code, kind).value
            if distance is not None and (found is None or abs(distance) > abs(found[0])):
                found = (distance, row.unit_name, measure)
    if found is None or found[0] == 0:
        return None
    distance, unit, measure = found
    return unit, measure, format_distance(distance, kind)


def team_summary(*, name: str, figure: Figure | None, measures: Sequence[Measure]) -> str:
    return _sentence(_best_worst(name, figure, measures))


def trend_summary(*, figures: Sequence[Figure], measures: Sequence[Measure]) -> str:
    visible = [f for f in figures if f.is_released]
    if len(visible) < 2:
        return _("There are not yet two rounds with visible figures, so there is no trend to show.")
    first, last = visible[0], visible[-1]
    changes = []
    for index, measure in enumerate(measures):
        a, b = first.value(measure.code), last.value(measure.code)
        if a is not None and b is not None:
            changes.append((b - a, index, measure))
    if not changes:
        return _("There are not yet two rounds with visible figures, so there is no trend to show.")
    changes.sort(key=lambda c: (c[0], c[1]))
    (down, _i, fell), (up, _j, rose) = changes[0], changes[-1]
    values = {
        "first": first.round,
        "last": last.round,
        "rose": rose.label,
        "up": _signed(up, rose.kind),
        "fell": fell.label,
        "down": _signed(down, fell.kind),
    }
    # Name a rise or a fall only when there is one: "X fell most (+0.2)" would mislead.
    if up > 0 and down < 0:
        text = _(
            "Between round %(first)s and round %(last)s, “%(rose)s” rose most (%(up)s) and "
            "“%(fell)s” fell most (%(down)s)."
        )
    elif up > 0:
        text = _(
            "Between round %(first)s and round %(last)s, “%(rose)s” rose most (%(up)s) and "
            "nothing fell."
        )
    elif down < 0:
        text = _(
            "Between round %(first)s and round %(last)s, “%(fell)s” fell most (%(down)s) and "
            "nothing rose."
        )
    else:
        text = _("Between round %(first)s and round %(last)s, the figures shown did not change.")
    return text % values


def _signed(value: float, kind: str) -> str:
    text = format_value(abs(value), kind)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


def change_summary(*, figure: Figure | None, measures: Sequence[Measure], comparison: Comparison):
    """The team page's sentence on the change since the previous round, or "" without one."""
    if figure is None or comparison.previous_round is None:
        return ""
    baseline = comparison.baseline(figure.unit_code)
    changes = []
    # Score points and percentage points are not weighed against each other.
    kind = measures[0].kind if measures else ""
    for index, measure in enumerate(measures):
        if measure.kind != kind:
            continue
        distance = gap(figure, baseline, measure.code, measure.kind).value
        if distance is not None:
            changes.append((distance, index, measure))
    if not changes:
        return _("There is no change since round %(number)s to show.") % {
            "number": comparison.previous_round.number
        }
    rose = max(changes, key=lambda c: (c[0], -c[1]))
    fell = min(changes, key=lambda c: (c[0], c[1]))
    values = {
        "number": comparison.previous_round.number,
        "rose": rose[2].label,
        "up": format_distance(rose[0], rose[2].kind),
        "fell": fell[2].label,
        "down": format_distance(fell[0], fell[2].kind),
    }
    if rose[0] > 0 and fell[0] < 0:
        text = _(
            "Since round %(number)s, “%(rose)s” rose most (%(up)s) and “%(fell)s” fell most "
            "(%(down)s)."
        )
    elif rose[0] > 0:
        text = _("Since round %(number)s, “%(rose)s” rose most (%(up)s) and nothing fell.")
    elif fell[0] < 0:
        text = _("Since round %(number)s, “%(fell)s” fell most (%(down)s) and nothing rose.")
    else:
        text = _("Since round %(number)s, the figures shown have not changed.")
    return text % values
