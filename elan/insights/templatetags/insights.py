# SPDX-License-Identifier: EUPL-1.2
"""``{% load insights %}``: a guarded figure in a table cell, or the marker in its place.

Hidden groups go through the core ``guarded`` tag, so the marker reads the same on every page;
figures a team has not shared up the line yet get their own marker, with the date they will.
"""

from __future__ import annotations

from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.formats import get_format
from django.utils.safestring import mark_safe

from elan.core.charts import band_class, format_value
from elan.core.templatetags.anonymity import guarded
from elan.insights.instruments import MEAN

register = template.Library()


def _withheld(figure) -> str:
    return render_to_string("insights/includes/withheld.html", {"shared_on": figure.shared_on})


class CellRenderer:
    """Table cells for many figures at once: each marker is rendered once per page, not once
    per cell, which matters for a heatmap of 1,500 units × 8 measures."""

    def __init__(self) -> None:
        self._markers: dict[tuple, str] = {}
        self._separator = get_format("DECIMAL_SEPARATOR")

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

    def heatmap_body(self, rows, measures, *, team_url: str, query: str) -> str:
        """The <tbody> rows of a heatmap table, built in Python: a template loop costs about a
        millisecond per cell, which a 1,500-row table cannot afford. Only the unit's code and
        name come from outside, and both are escaped; figures are digits and separators, and
        markers are rendered templates."""
        lines = []
        href = escape(team_url)
        for figure, level in rows:
            cells = "".join(
                f'<td class="{css}">{html}</td>' for css, html in self.row(figure, measures)
            )
            lines.append(
                f'<tr><th scope="row" class="heatmap-table__unit heatmap-table__unit--level-'
                f'{int(level)}"><a href="{href}{escape(figure.unit_code)}/{escape(query)}">'
                f"{escape(figure.unit_name)}</a></th><td>{self.value(figure, 'n')}</td>"
                f"{cells}</tr>"
            )
        return mark_safe("\n".join(lines))  # see the docstring

    def row(self, figure, measures) -> list[tuple[str, str]]:
        return [
            (figure_class(figure, m.code, m.kind), self.value(figure, m.code, m.kind))
            for m in measures
        ]


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
def figure_class(figure, measure: str, kind: str = MEAN) -> str:
    if figure is None or not figure.is_released or measure in figure.withheld:
        return "heat heat--hidden"
    return band_class(figure.outcome.figures.get(measure), kind)
