# SPDX-License-Identifier: EUPL-1.2
"""``{% load insights %}``: a guarded figure in a table cell, or the marker in its place.

Hidden groups go through the core ``guarded`` tag, so the marker reads the same on every page;
figures a team has not shared up the line yet get their own marker, with the date they will.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from elan.core.templatetags.anonymity import guarded
from elan.insights.charts import band_class, format_value
from elan.insights.instruments import MEAN

register = template.Library()


def _withheld(figure) -> str:
    return render_to_string("insights/includes/withheld.html", {"shared_on": figure.shared_on})


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


@register.filter
def status_label(code: str) -> str:
    from elan.insights.constants import CampaignStatus

    return str(CampaignStatus(code).label) if code in CampaignStatus.values else code
