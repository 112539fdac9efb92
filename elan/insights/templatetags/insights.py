# SPDX-License-Identifier: EUPL-1.2
"""``{% load insights %}``: a guarded figure in a table cell, or the marker in its place.

Hidden groups go through the core ``guarded`` tag, so the marker reads the same on every page;
figures a team has not shared up the line yet get their own marker, with the date they will.
A heatmap cell also carries the share of favourable answers and, coloured on a diverging scale,
its distance from the comparison the reader chose (``elan.insights.selectors.compare``), or in
words why there is none.
"""

from __future__ import annotations

from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from elan.core.anonymity import SuppressionReason
from elan.core.charts import (
    band_class,
    distance_class,
    distance_sign,
    format_distance,
    format_value,
)
from elan.core.numbers import format_share
from elan.core.templatetags.anonymity import guarded
from elan.insights import selectors
from elan.insights.instruments import MEAN

register = template.Library()


def _withheld(figure) -> str:
    return render_to_string("insights/includes/withheld.html", {"shared_on": figure.shared_on})


def gap_reason(why: str, *, min_group: int, previous_number: int | None = None) -> str:
    """Why a figure is not compared, in a few words (after "not compared:")."""
    if why == SuppressionReason.TOO_FEW:
        return _("fewer than %(min)s answers") % {"min": min_group}
    if why == SuppressionReason.WOULD_REVEAL_OTHER:
        return _("hidden to protect a smaller group")
    if why == selectors.NOT_SHARED:
        return _("not shared up the line yet")
    if why == selectors.NOT_IN_ROUND:
        return _("not in round %(number)s") % {"number": previous_number}
    if why == selectors.NO_ROUND:
        return _("this is the first round")
    if why == selectors.TOP:
        return _("no unit above it in this survey")
    if why == selectors.NO_FIGURE:
        return _("no answers to this question")
    return _("beyond the results you may see")


class CellRenderer:
    """Table cells for many figures at once: each marker is rendered once per page, not once
    per cell, which matters for a heatmap of 1,500 units × 8 measures."""

    def __init__(self, *, min_group: int = 5, previous_number: int | None = None) -> None:
        self._markers: dict[tuple, str] = {}
        self._reasons: dict[str, str] = {}
        self._separator = get_format("DECIMAL_SEPARATOR")
        self._min_group = min_group
        self._previous_number = previous_number
        self._favourable = escape(_("favourable"))

    def _marker(self, figure) -> str:
        if figure.is_withheld:
            key: tuple = ("withheld", figure.shared_on)
        else:
            key = ("suppressed", figure.outcome.reason)
        marker = self._markers.get(key)
        if marker is None:
            html = _withheld(figure) if figure.is_withheld else guarded(figure.outcome)
            marker = self._markers[key] = mark_safe(html)  # rendered templates
        return marker

    def _reason(self, why: str) -> str:
        text = self._reasons.get(why)
        if text is None:
            reason = gap_reason(
                why, min_group=self._min_group, previous_number=self._previous_number
            )
            text = self._reasons[why] = escape(_("not compared: %(reason)s") % {"reason": reason})
        return text

    def value(self, figure, measure: str = "", kind: str = MEAN) -> str:
        if not figure.is_released:
            return self._marker(figure)
        if measure in ("", "n"):
            return str(figure.outcome.n)
        if measure in figure.withheld:
            return self._marker(figure.as_withheld())
        value = figure.outcome.figures.get(measure)
        if measure == "rate":
            return format_value(value, "share") if value is not None else "–"
        return format_value(value, kind, self._separator)

    def favourable(self, figure, measure: str, kind: str = MEAN) -> str:
        """The share of favourable answers, for a mean that has one; else nothing."""
        share = figure.favourable(measure) if kind == MEAN and figure.is_released else None
        if share is None:
            return ""
        return (
            f'<span class="heat__share">{format_share(share)}'
            f'<span class="visually-hidden"> {self._favourable}</span></span>'
        )

    def gap(self, found: selectors.Gap, kind: str, *, explain: bool = True) -> str:
        """The signed distance with its sign, or why there is none (unless the page says so
        once for every cell: ``explain=False``)."""
        if found.value is not None:
            sign = distance_sign(found.value, kind)
            text = format_distance(found.value, kind, self._separator)
            return f'<span class="heat__gap"><span aria-hidden="true">{sign}</span> {text}</span>'
        if found.why and explain:
            return f'<span class="heat__gap heat__gap--none">{self._reason(found.why)}</span>'
        return ""

    def heatmap_body(
        self, rows, measures, *, team_url: str, query: str, comparison=None, note: bool = False
    ) -> str:
        """The <tbody> rows of a heatmap table, built in Python: a template loop costs about a
        millisecond per cell, which a 1,500-row table cannot afford. Only the unit's code and
        name come from outside, and both are escaped; figures are digits and separators, and
        markers are rendered templates. With ``note``, the page says once why nothing is
        compared, and the cells do not repeat it."""
        lines = []
        href = escape(team_url)
        for figure, level in rows:
            cells = "".join(
                f'<td class="{css}">{html}</td>'
                for css, html in self.row(figure, measures, comparison, explain=not note)
            )
            lines.append(
                f'<tr><th scope="row" class="heatmap-table__unit heatmap-table__unit--level-'
                f'{int(level)}"><a href="{href}{escape(figure.unit_code)}/{escape(query)}">'
                f"{escape(figure.unit_name)}</a></th><td>{self.value(figure, 'n')}</td>"
                f"{cells}</tr>"
            )
        return mark_safe("\n".join(lines))  # see the docstring

    def row(self, figure, measures, comparison=None, *, explain: bool = True):
        if comparison is None:
            return [
                (figure_class(figure, m.code, m.kind), self.value(figure, m.code, m.kind))
                for m in measures
            ]
        baseline = comparison.baseline(figure.unit_code)
        cells = []
        for m in measures:
            value = self.value(figure, m.code, m.kind)
            if figure.value(m.code) is None:
                cells.append((figure_class(figure, m.code, m.kind), value))
                continue
            found = selectors.gap(figure, baseline, m.code, m.kind)
            html = (
                f'<span class="heat__value">{value}</span>'
                f"{self.favourable(figure, m.code, m.kind)}"
                f"{self.gap(found, m.kind, explain=explain)}"
            )
            cells.append((distance_class(found.value, m.kind), html))
        return cells


@register.simple_tag
def figure_value(figure, measure: str = "", kind: str = MEAN):
    """The measure's value (``n`` for the count, ``rate`` for the response rate)."""
    if figure is None or figure.is_withheld:
        return _withheld(figure) if figure is not None else "–"
    if figure.is_suppressed:
        return guarded(figure.outcome)
    if measure in ("", "n"):
        return str(figure.outcome.n)
    if measure in figure.withheld:
        return _withheld(figure)
    value = figure.outcome.figures.get(measure)
    if measure == "rate":
        return format_value(value, "share") if value is not None else "–"
    return format_value(value, kind)


@register.simple_tag
def figure_favourable(figure, measure: str, kind: str = MEAN) -> str:
    """The share of favourable answers of a released mean, or a dash."""
    if figure is None or kind != MEAN or not figure.is_released:
        return "–"
    return format_share(figure.favourable(measure))


@register.simple_tag
def figure_class(figure, measure: str, kind: str = MEAN) -> str:
    if figure is None or not figure.is_released or measure in figure.withheld:
        return "heat heat--hidden"
    return band_class(figure.outcome.figures.get(measure), kind)


@register.simple_tag
def figure_change(
    figure, baseline, measure: str, kind: str = MEAN, min_group: int = 5, number=None
):
    """A change since the previous round, as a table cell's content: the sign and the signed
    difference, or why there is none. Its colour is ``change_class``."""
    if figure is None or figure.value(measure) is None:
        return "–"
    found = selectors.gap(figure, baseline, measure, kind)
    return mark_safe(
        CellRenderer(min_group=min_group, previous_number=number).gap(found, kind) or "–"
    )  # digits, signs and escaped words


@register.simple_tag
def change_class(figure, baseline, measure: str, kind: str = MEAN) -> str:
    if figure is None or figure.value(measure) is None:
        return "heat heat--none"
    return distance_class(selectors.gap(figure, baseline, measure, kind).value, kind)
