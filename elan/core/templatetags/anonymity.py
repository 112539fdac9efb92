# SPDX-License-Identifier: EUPL-1.2
"""``{% load anonymity %}``: show a guarded figure, or the marker that stands in its place."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from elan.core.anonymity.display import marker_explanation, marker_label
from elan.core.anonymity.guard import Released, Suppressed
from elan.core.numbers import MISSING, format_score

register = template.Library()


@register.simple_tag
def guarded(outcome, figure: str = "", digits: int = 1):
    """The figure ``figure`` of a released group (``n`` for its count), or the marker."""
    if isinstance(outcome, Suppressed):
        return render_to_string(
            "core/includes/suppressed.html",
            {
                "label": marker_label(outcome.reason),
                "explanation": marker_explanation(outcome.reason),
                "reason": outcome.reason.value,
            },
        )
    if not isinstance(outcome, Released):
        raise template.TemplateSyntaxError("guarded expects a guard outcome")
    value = outcome.n if figure in ("", "n") else outcome.figures.get(figure)
    if value is None:
        return MISSING
    if isinstance(value, float):
        return format_score(value, digits)
    return str(value)


@register.filter
def is_suppressed(outcome) -> bool:
    return isinstance(outcome, Suppressed)
