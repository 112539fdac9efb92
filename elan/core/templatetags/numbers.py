# SPDX-License-Identifier: EUPL-1.2
"""``{% load numbers %}``: scores in templates by the one rounding rule of ``elan.core.numbers``.

``{{ value|score }}`` (``{{ value|score:2 }}``), ``{{ share|share }}``,
``{{ change|signed_score }}``, and ``{% difference now before as change %}`` for the change
between two scores as they are shown (None when either is missing).
"""

from __future__ import annotations

from django import template

from elan.core import numbers

register = template.Library()


@register.filter
def score(value, digits: int = 1) -> str:
    if value in (None, ""):
        return numbers.MISSING
    return numbers.format_score(value, int(digits))


@register.filter
def share(value) -> str:
    if value in (None, ""):
        return numbers.MISSING
    return numbers.format_share(value)


@register.filter
def signed_score(value, digits: int = 1) -> str:
    if value in (None, ""):
        return numbers.MISSING
    return numbers.format_change(value, int(digits))


@register.simple_tag
def difference(value, other, digits: int = 1):
    return numbers.difference(value, other, int(digits))
