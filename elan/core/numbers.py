# SPDX-License-Identifier: EUPL-1.2
"""One rounding rule for every score Elan shows: charts, tables, sentences, strengths, PDFs,
survey reports and the 360 report all format a figure through here.

The rule: round half up on the figure as written in decimals (4.75 → 4.8, 4.25 → 4.3,
3.29 → 3.3), the way people round by hand and the way Django's ``floatformat`` rounds. Never
truncation (``number_format`` cuts 3.29 to "3.2" and 4.75 to "4.7") and never Python's
``round()``, which rounds half to even on the binary value (``round(4.25, 1) == 4.2``): one
score printed with two roundings on one page reads as two different scores.

A difference between two figures is the difference of the figures as shown (``difference``),
so that 4.3 beside 4.1 always reads +0.2, whatever the unrounded values were.

``{% load numbers %}`` gives the same in templates: ``{{ value|score }}``, ``{{ value|share }}``,
``{{ change|signed_score }}`` and ``{% difference now before as change %}``.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format
from django.utils.translation import gettext

MISSING = "–"
MINUS = "\u2212"  # a true minus sign: a hyphen reads as a dash beside a figure

Number = float | int | Decimal


def _decimal(value: Number) -> Decimal | None:
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    number = float(value)
    if not math.isfinite(number):
        return None
    # repr() is the shortest text that reads back as the same float: 4.75, not 4.7499999...
    return Decimal(repr(number))


def rounded(value: Number | None, digits: int = 1) -> Decimal | None:
    """``value`` rounded half up to ``digits`` decimals, as a Decimal; None stays None."""
    if value is None:
        return None
    number = _decimal(value)
    if number is None:
        return None
    result = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return result if result else abs(result)  # never "-0.0"


def percent(share: Number | None) -> Decimal | None:
    """A share (0.785) as a whole percentage (79), rounded by the same rule."""
    number = None if share is None else _decimal(share)
    return None if number is None else rounded(number * 100, 0)


def _text(number: Decimal, separator: str | None) -> str:
    if separator is None:
        separator = get_format("DECIMAL_SEPARATOR")
    text = f"{abs(number):f}".replace(".", separator)
    return f"{MINUS}{text}" if number < 0 else text


def format_score(
    value: Number | None, digits: int = 1, *, separator: str | None = None, missing: str = MISSING
) -> str:
    """A score as people read it in their language: "3,9" in Dutch, "3.9" in English.

    Pass ``separator`` (the language's decimal separator) when formatting many figures: looking
    it up costs more than the formatting, and a 1,500-row heatmap formats thousands of them.
    """
    number = rounded(value, digits)
    return missing if number is None else _text(number, separator)


def format_share(value: Number | None, *, missing: str = MISSING) -> str:
    """A share of people as a whole percentage: 0.785 → "79 %"."""
    number = percent(value)
    return missing if number is None else f"{_text(number, '.')} %"


def difference(value: Number | None, other: Number | None, digits: int = 1) -> Decimal | None:
    """``value`` − ``other`` as the two are shown, so the three figures always add up."""
    a, b = rounded(value, digits), rounded(other, digits)
    return None if a is None or b is None else a - b


def share_difference(value: Number | None, other: Number | None) -> Decimal | None:
    """The difference of two shares in percentage points, of the percentages as shown."""
    a, b = percent(value), percent(other)
    return None if a is None or b is None else a - b


def format_change(
    change: Number | None, digits: int = 1, *, separator: str | None = None, missing: str = MISSING
) -> str:
    """A change with its sign: "+0,3", "−0,3", "0,0"."""
    number = rounded(change, digits)
    if number is None:
        return missing
    text = _text(number, separator)
    return f"+{text}" if number > 0 else text


def format_points(change: Number | None, *, signed: bool = True, missing: str = MISSING) -> str:
    """A change of a percentage in percentage points, with its sign: "+12 pp"; without it
    (``signed=False``) for an amount of points, as a legend names them: "15 pp"."""
    number = rounded(change, 0)
    if number is None:
        return missing
    text = format_change(number, 0, separator=".") if signed else _text(number, ".")
    # Translators: a change in percentage points, written short as in a table cell ("+12 pp").
    return gettext("%(number)s pp") % {"number": text}
