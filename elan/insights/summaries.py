# SPDX-License-Identifier: EUPL-1.2
"""The one-sentence summary beside every chart, built only from figures the person may see."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elan.core.charts import distance, format_distance, format_value
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


Change = tuple[Decimal, int, Measure]  # the difference as shown, the measure's place, the measure


def _changes(measures: Sequence[Measure], difference: Callable[[Measure], Decimal | None]):
    """Each measure's ``difference``, where there is one. Score points and percentage points
    are not weighed against each other: the measures of the first kind shown count."""
    kind = measures[0].kind if measures else ""
    found: list[Change] = []
    for index, measure in enumerate(measures):
        if measure.kind == kind:
            value = difference(measure)
            if value is not None:
                found.append((value, index, measure))
    return found


def _gaps(figure: Figure, comparison: Comparison) -> Callable[[Measure], Decimal | None]:
    baseline = comparison.baseline(figure.unit_code)
    return lambda measure: gap(figure, baseline, measure.code, measure.kind).value


def _widest_gap(
    rows: Sequence[Figure], measures: Sequence[Measure], comparison: Comparison
) -> tuple[str, Measure, str] | None:
    """The row and measure furthest from their comparison, among figures that have one; ties
    go to the row and measure listed first."""
    found = None
    for row in rows:
        for value, _index, measure in _changes(measures, _gaps(row, comparison)):
            if found is None or abs(value) > abs(found[0]):
                found = (value, row.unit_name, measure)
    if found is None or found[0] == 0:
        return None
    value, unit, measure = found
    return unit, measure, format_distance(value, measure.kind)


def _rise_and_fall(changes: Sequence[Change], values: dict, texts: tuple[str, str, str, str]):
    """One of ``texts`` (a rise and a fall, a rise only, a fall only, no change), naming the
    largest rise and fall: a rise or a fall only when there is one, as "X fell most (+0.2)"
    would mislead. Ties go to the measure listed first."""
    rose = max(changes, key=lambda c: (c[0], -c[1]))
    fell = min(changes, key=lambda c: (c[0], c[1]))
    values = values | {
        "rose": rose[2].label,
        "up": format_distance(rose[0], rose[2].kind),
        "fell": fell[2].label,
        "down": format_distance(fell[0], fell[2].kind),
    }
    both, rose_only, fell_only, unchanged = texts
    if rose[0] > 0 and fell[0] < 0:
        return both % values
    if rose[0] > 0:
        return rose_only % values
    if fell[0] < 0:
        return fell_only % values
    return unchanged % values


def team_summary(*, name: str, figure: Figure | None, measures: Sequence[Measure]) -> str:
    return _sentence(_best_worst(name, figure, measures))


def trend_summary(*, figures: Sequence[Figure], measures: Sequence[Measure]) -> str:
    """The change from the first to the last round with visible figures, as the figures are
    shown (elan.core.numbers.difference), like the change on the team's page."""
    no_trend = _("There are not yet two rounds with visible figures, so there is no trend to show.")
    visible = [f for f in figures if f.is_released]
    if len(visible) < 2:
        return no_trend
    first, last = visible[0], visible[-1]
    changes = _changes(
        measures, lambda m: distance(last.value(m.code), first.value(m.code), m.kind)
    )
    if not changes:
        return no_trend
    texts = (
        _(
            "Between round %(first)s and round %(last)s, “%(rose)s” rose most (%(up)s) and "
            "“%(fell)s” fell most (%(down)s)."
        ),
        _(
            "Between round %(first)s and round %(last)s, “%(rose)s” rose most (%(up)s) and "
            "nothing fell."
        ),
        _(
            "Between round %(first)s and round %(last)s, “%(fell)s” fell most (%(down)s) and "
            "nothing rose."
        ),
        _("Between round %(first)s and round %(last)s, the figures shown did not change."),
    )
    return _rise_and_fall(changes, {"first": first.round, "last": last.round}, texts)


def change_summary(*, figure: Figure | None, measures: Sequence[Measure], comparison: Comparison):
    """The team page's sentence on the change since the previous round, or "" without one."""
    if figure is None or comparison.previous_round is None:
        return ""
    values = {"number": comparison.previous_round.number}
    changes = _changes(measures, _gaps(figure, comparison))
    if not changes:
        return _("There is no change since round %(number)s to show.") % values
    texts = (
        _(
            "Since round %(number)s, “%(rose)s” rose most (%(up)s) and “%(fell)s” fell most "
            "(%(down)s)."
        ),
        _("Since round %(number)s, “%(rose)s” rose most (%(up)s) and nothing fell."),
        _("Since round %(number)s, “%(fell)s” fell most (%(down)s) and nothing rose."),
        _("Since round %(number)s, the figures shown have not changed."),
    )
    return _rise_and_fall(changes, values, texts)
