# SPDX-License-Identifier: EUPL-1.2
"""Small server-side SVG charts that every reader can use: radar and horizontal bars, and the
survey results' heatmap, bars and trend lines.

Why SVG on the server: no JavaScript chart library (strict CSP, nothing to load), the same
markup prints and goes into PDFs, and screen readers get a name and a description. A chart is
never the only way to read the figures: each ``Chart`` carries the data as a table and a
one-sentence summary, rendered together by ``core/includes/chart.html``.

The functions only draw; they do not decide what may be shown. Aggregates pass the anonymity
guard before they get here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from elan.core.numbers import (
    difference,
    format_change,
    format_points,
    format_score,
    format_share,
    percent,
    rounded,
    share_difference,
)

# Colours meet 3:1 against white for graphical objects (WCAG 1.4.11); the series also differ
# in line style, so they never rely on colour alone.
SERIES_STYLES = (
    {"stroke": "#0a3d62", "fill": "#0a3d62", "fill_opacity": "0.22", "dash": ""},
    {"stroke": "#505a5f", "fill": "none", "fill_opacity": "0", "dash": "6 4"},
    {"stroke": "#00703c", "fill": "none", "fill_opacity": "0", "dash": "2 3"},
)
GRID = "#b1b4b6"
TEXT = "#0b0c0c"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """Everything the include needs: the drawing, the sentence and the table."""

    chart_id: str
    title: str
    summary: str
    svg: SafeString
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=tuple)


def _lines(text: str, width: int) -> list[str]:
    """``text`` on lines of about ``width`` characters, broken at spaces; never cut: a word
    longer than a line keeps a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _wrap(label: str, width: int = 14) -> list[str]:
    """A long axis label on two lines, split at the space nearest its middle."""
    if len(label) <= width or " " not in label:
        return [label]
    middle = len(label) / 2
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [label[:cut], label[cut + 1 :]]


def _svg_open(chart_id: str, title: str, summary: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]


def _table(
    axes: Sequence[str], series: Sequence[Series], format_value: Callable[[float | None], str]
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    rows = tuple(
        (axis, tuple(format_value(s.values[index]) for s in series))
        for index, axis in enumerate(axes)
    )
    return tuple(s.name for s in series), rows


def _finished(
    parts: list[str],
    *,
    chart_id: str,
    title: str,
    summary: str,
    caption: str,
    first_column: str,
    axes: Sequence[str],
    series: Sequence[Series],
    format_value: Callable[[float | None], str],
) -> Chart:
    """Close the SVG and put the same figures in the table that stands beside it."""
    columns, rows = _table(axes, series, format_value)
    return Chart(
        chart_id=chart_id,
        title=title,
        summary=summary,
        svg=mark_safe("".join([*parts, "</svg>"])),  # every text in it went through escape()
        caption=caption or title,
        columns=(first_column, *columns),
        rows=rows,
    )


def radar_chart(
    *,
    chart_id: str,
    title: str,
    summary: str,
    axes: Sequence[str],
    series: Sequence[Series],
    minimum: float,
    maximum: float,
    caption: str = "",
    first_column: str = "",
    size: int = 400,
    # The one rounding rule (elan.core.numbers): the table reads as the sentences around it.
    format_value: Callable[[float | None], str] = format_score,
) -> Chart:
    """A radar (spider) chart: one spoke per axis, one closed line per series.

    A missing value (None) is drawn at the centre and left as "–" in the table, so a gap is
    never mistaken for a low score by someone reading the table.
    """
    if len(axes) < 3:
        raise ValueError("a radar chart needs at least three axes")
    if maximum <= minimum:
        raise ValueError("maximum must be above minimum")
    for s in series:
        if len(s.values) != len(axes):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(axes)} axes")
    radius = size / 2
    label_room = 150  # room for a label of two short lines beside the outermost ring
    width, height = int(2 * (radius + label_room)), int(2 * radius + 110)
    plane = _RadarPlane(
        cx=width / 2,
        cy=height / 2,
        radius=radius,
        count=len(axes),
        minimum=minimum,
        maximum=maximum,
    )
    parts = _svg_open(chart_id, title, summary, width, height)
    parts += _radar_grid(plane)
    parts += _radar_labels(plane, axes=axes)
    parts += _radar_series(plane, series=series)
    if len(series) > 1:
        parts.append(_legend(series, x=16, y=height - 18 * len(series) - 6))
    return _finished(
        parts,
        chart_id=chart_id,
        title=title,
        summary=summary,
        caption=caption,
        first_column=first_column,
        axes=axes,
        series=series,
        format_value=format_value,
    )


@dataclass(frozen=True)
class _RadarPlane:
    """Where a radar chart's spokes and values fall."""

    cx: float
    cy: float
    radius: float
    count: int  # spokes
    minimum: float
    maximum: float

    def angle(self, index: int) -> float:
        """The spoke's angle: the first points up, the others follow clockwise."""
        return -math.pi / 2 + 2 * math.pi * index / self.count

    def point(self, index: int, value: float | None) -> tuple[float, float]:
        """A value on a spoke; a missing value at the centre."""
        minimum, maximum = self.minimum, self.maximum
        share = (
            0.0
            if value is None
            else (min(max(value, minimum), maximum) - minimum) / (maximum - minimum)
        )
        angle = self.angle(index)
        return (
            self.cx + self.radius * share * math.cos(angle),
            self.cy + self.radius * share * math.sin(angle),
        )


def _radar_grid(plane: _RadarPlane) -> list[str]:
    """A ring per whole step of the scale, with its value, and the spokes."""
    minimum = plane.minimum
    parts = ['<g class="chart__grid" aria-hidden="true">']
    steps = int(plane.maximum - minimum)
    for step in range(1, steps + 1):
        ring = [plane.point(i, minimum + step) for i in range(plane.count)]
        parts.append(
            '<polygon points="{}" fill="none" stroke="{}" stroke-width="1"/>'.format(
                " ".join(f"{x:.1f},{y:.1f}" for x, y in ring), GRID
            )
        )
        x, y = plane.point(0, minimum + step)
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="12" fill="{TEXT}">'
            f"{escape(format_score(minimum + step, 0))}</text>"
        )
    for index in range(plane.count):
        x, y = plane.point(index, plane.maximum)
        parts.append(
            f'<line x1="{plane.cx:.1f}" y1="{plane.cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}"/>'
        )
    parts.append("</g>")
    return parts


def _radar_labels(plane: _RadarPlane, *, axes: Sequence[str]) -> list[str]:
    """Each spoke's label beyond the outermost ring, wrapped to short lines."""
    parts = ['<g class="chart__labels" aria-hidden="true">']
    for index, axis in enumerate(axes):
        angle = plane.angle(index)
        x = plane.cx + (plane.radius + 14) * math.cos(angle)
        y = plane.cy + (plane.radius + 14) * math.sin(angle)
        anchor = (
            "middle" if abs(math.cos(angle)) < 0.2 else ("start" if math.cos(angle) > 0 else "end")
        )
        lines = _wrap(axis)
        # Labels above the chart grow upwards, those below grow downwards.
        if math.sin(angle) < -0.2:
            first = y - 8 - 18 * (len(lines) - 1)
        elif math.sin(angle) > 0.2:
            first = y + 16
        else:
            first = y + 5 - 9 * (len(lines) - 1)
        spans = "".join(
            f'<tspan x="{x:.1f}" y="{first + 18 * number:.1f}">{escape(line)}</tspan>'
            for number, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="{anchor}" font-size="15" fill="{TEXT}">{spans}</text>')
    parts.append("</g>")
    return parts


def _radar_series(plane: _RadarPlane, *, series: Sequence[Series]) -> list[str]:
    """A closed line per series, the first drawn last so that it lies on top."""
    parts = []
    for position, s in reversed(list(enumerate(series))):
        style = SERIES_STYLES[position % len(SERIES_STYLES)]
        ring = [plane.point(i, value) for i, value in enumerate(s.values)]
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in ring)
        parts.append(
            f'<g class="chart__series chart__series--{position + 1}" aria-hidden="true">'
            f'<polygon points="{points}" fill="{style["fill"]}" '
            f'fill-opacity="{style["fill_opacity"]}" stroke="{style["stroke"]}" '
            f'stroke-width="3"{dash}/>'
        )
        for (x, y), value in zip(ring, s.values, strict=True):
            if value is not None:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{style["stroke"]}"/>')
        parts.append("</g>")
    return parts


def _legend(series: Sequence[Series], *, x: float, y: float) -> str:
    parts = ['<g class="chart__legend" aria-hidden="true">']
    for position, s in enumerate(series):
        style = SERIES_STYLES[position % len(SERIES_STYLES)]
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        top = y + position * 18
        parts.append(
            f'<line x1="{x}" y1="{top}" x2="{x + 28}" y2="{top}" stroke="{style["stroke"]}" '
            f'stroke-width="3"{dash}/>'
            f'<text x="{x + 36}" y="{top + 5}" font-size="14" fill="{TEXT}">{escape(s.name)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    summary: str,
    labels: Sequence[str],
    series: Sequence[Series],
    minimum: float,
    maximum: float,
    caption: str = "",
    first_column: str = "",
    width: int = 640,
    # The one rounding rule (elan.core.numbers): the table reads as the sentences around it.
    format_value: Callable[[float | None], str] = format_score,
) -> Chart:
    """Horizontal bars, one group per label and one bar per series; None leaves a gap."""
    if maximum <= minimum:
        raise ValueError("maximum must be above minimum")
    label_width, bar_height, gap = 210, 18, 14
    group_height = bar_height * len(series) + gap
    height = 30 + group_height * len(labels) + (18 * len(series) if len(series) > 1 else 0)
    plot = width - label_width - 60
    parts = _svg_open(chart_id, title, summary, width, height)
    parts.append('<g aria-hidden="true">')
    for step in range(int(maximum - minimum) + 1):
        x = label_width + plot * step / (maximum - minimum)
        parts.append(
            f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{height - 20:.1f}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{height - 4:.1f}" font-size="12" text-anchor="middle" '
            f'fill="{TEXT}">{escape(format_score(minimum + step, 0))}</text>'
        )
    for index, label in enumerate(labels):
        top = 14 + index * group_height
        parts.append(
            f'<text x="{label_width - 8}" y="{top + group_height / 2:.1f}" text-anchor="end" '
            f'font-size="14" fill="{TEXT}">{escape(label)}</text>'
        )
        for position, s in enumerate(series):
            value = s.values[index]
            if value is None:
                continue
            style = SERIES_STYLES[position % len(SERIES_STYLES)]
            length = plot * (min(max(value, minimum), maximum) - minimum) / (maximum - minimum)
            fill = style["stroke"]
            parts.append(
                f'<rect x="{label_width}" y="{top + position * bar_height:.1f}" '
                f'width="{max(length, 1):.1f}" height="{bar_height - 3}" fill="{fill}"/>'
            )
    parts.append("</g>")
    if len(series) > 1:
        parts.append(_legend(series, x=label_width, y=height - 18 * len(series) - 24))
    return _finished(
        parts,
        chart_id=chart_id,
        title=title,
        summary=summary,
        caption=caption,
        first_column=first_column,
        axes=labels,
        series=series,
        format_value=format_value,
    )


# --- Survey results: a heatmap, bars and trend lines ---------------------------------------------
#
# Drawn with classes, not inline styles: colours come from elan.css, so the strict
# Content-Security-Policy holds. Each is placed next to a data table and a one-sentence summary
# (the table is the accessible form of the data; the chart is a picture of it). Hidden figures
# are drawn as a hatched cell with a dash, never as an empty or zero cell.

MEAN = "mean"  # a figure shown as a mean on the 1-5 scale
SHARE = "share"  # a figure shown as the percentage of respondents


class Measured(Protocol):
    """What these charts need of a measure: its code, its label and its kind (MEAN or SHARE)."""

    @property
    def code(self) -> str: ...

    @property
    def label(self) -> str | Promise: ...

    @property
    def kind(self) -> str: ...


MAX_HEATMAP_ROWS = 100


def format_value(value: float | None, kind: str, separator: str | None = None) -> str:
    """A figure as people read it in their language: "3,9" in Dutch, "3.9" in English, a
    share as "79 %"; by the one rounding rule (elan.core.numbers), never truncated.

    Pass ``separator`` (the language's decimal separator) when formatting many figures: looking
    it up costs more than the formatting, and a 1,500-row heatmap formats twelve thousand of them.
    """
    if kind == SHARE:
        return format_share(value)
    return format_score(value, separator=separator)


def band(value: float | None, kind: str) -> int:
    """1 (low) to 5 (high): the colour band of a cell; 0 for no value. The band of the figure
    as shown, so that 3.49, shown as 3.5, has the colour of 3.5."""
    if value is None:
        return 0
    if kind == SHARE:
        shown = percent(value)
        assert shown is not None
        return min(5, int(shown / 20) + 1)
    shown = rounded(value)
    assert shown is not None
    for limit, level in (
        (Decimal("2.5"), 1),
        (Decimal(3), 2),
        (Decimal("3.5"), 3),
        (Decimal(4), 4),
    ):
        if shown < limit:
            return level
    return 5


def band_class(value: float | None, kind: str) -> str:
    level = band(value, kind)
    if level == 0:
        return "heat heat--none"
    return f"heat heat--{'share' if kind == SHARE else 'mean'}-{level}"


# --- Distance from a comparison: a diverging blue-orange scale ----------------------------------
#
# A heatmap cell is coloured by how far its figure lies from the figure it is compared with (the
# organisation's, the parent unit's, the same group's in the previous round): blue above, orange
# below, grey about the same, two steps each way. Blue and orange stay apart for people who do
# not tell red from green, the sign (▲ above, ▼ below, = about the same) and the difference are
# written in every cell, and dark text keeps a contrast above 9:1 on every step. The distance is
# that of the figures as shown (elan.core.numbers.difference), in score points for a mean and in
# percentage points for a share.

ABOVE, BELOW, SAME = "▲", "▼", "="
# From these distances on, a cell is one step (near) or two steps (far) from "about the same".
DISTANCE_STEPS = {MEAN: (Decimal("0.2"), Decimal("0.5")), SHARE: (Decimal(5), Decimal(15))}


def distance(value: float | None, other: float | None, kind: str) -> Decimal | None:
    """How far ``value`` lies from ``other``, as shown: score points, or percentage points."""
    return share_difference(value, other) if kind == SHARE else difference(value, other)


def distance_step(gap: Decimal | None, kind: str) -> int | None:
    """-2 to 2: the step of the diverging scale; None when there is nothing to compare."""
    if gap is None:
        return None
    near, far = DISTANCE_STEPS[kind]
    size = abs(gap)
    step = 0 if size < near else (1 if size < far else 2)
    return step if gap >= 0 else -step


def distance_class(gap: Decimal | None, kind: str) -> str:
    step = distance_step(gap, kind)
    if step is None:
        return "heat heat--none"
    if step == 0:
        return "heat heat--same"
    return f"heat heat--{'above' if step > 0 else 'below'}-{abs(step)}"


def distance_sign(gap: Decimal | None, kind: str) -> str:
    step = distance_step(gap, kind)
    if step is None:
        return ""
    return ABOVE if step > 0 else (BELOW if step < 0 else SAME)


def format_distance(gap: Decimal | None, kind: str, separator: str | None = None) -> str:
    """ "+0,3" for a mean, "+12 pp" for a share."""
    if kind == SHARE:
        return format_points(gap)
    return format_change(gap, separator=separator)


@dataclass(frozen=True)
class LegendStep:
    css: str
    sign: str
    text: str


def distance_legend(kind: str) -> list[LegendStep]:
    """The five steps of the scale, lowest first, each with its colour, sign and words."""
    near, far = DISTANCE_STEPS[kind]
    if kind == SHARE:

        def amount(value: Decimal) -> str:
            return format_points(value, signed=False)

        within, below_far = amount(near - 1), amount(far - 1)
    else:

        def amount(value: Decimal) -> str:
            return format_score(value)

        within, below_far = amount(near - Decimal("0.1")), amount(far - Decimal("0.1"))
    near_text, far_text = amount(near), amount(far)
    return [
        LegendStep(
            "heat heat--below-2", BELOW, _("%(amount)s or more lower") % {"amount": far_text}
        ),
        LegendStep(
            "heat heat--below-1",
            BELOW,
            _("%(low)s to %(high)s lower") % {"low": near_text, "high": below_far},
        ),
        LegendStep(
            "heat heat--same", SAME, _("about the same (within %(amount)s)") % {"amount": within}
        ),
        LegendStep(
            "heat heat--above-1",
            ABOVE,
            _("%(low)s to %(high)s higher") % {"low": near_text, "high": below_far},
        ),
        LegendStep(
            "heat heat--above-2", ABOVE, _("%(amount)s or more higher") % {"amount": far_text}
        ),
    ]


def _classed_svg_open(width: int, height: int, title_id: str, title: str, desc: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {title_id}-desc" focusable="false">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{title_id}-desc">{escape(desc)}</desc>'
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#6f777b" stroke-width="2"/></pattern></defs>'
    )


def _tspans(lines: Sequence[str], x: float, first_dy: float = 0, step: float = 16) -> str:
    return "".join(
        f'<tspan x="{x:.0f}" dy="{first_dy if index == 0 else step:.0f}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )


# Rough widths of a character, to wrap labels before they run into the cells (never to cut them).
_AXIS_CHAR, _LABEL_CHAR = 6.6, 7.6
_HEADER_ANGLE = math.radians(40)


def heatmap_svg(
    *,
    rows: Sequence[tuple],
    measures: Sequence[Measured],
    title: str,
    summary: str,
    chart_id: str = "heatmap",
) -> SafeString:
    """``rows``: (label, indent level, value of a measure, whether the row is hidden), and
    optionally the distance of a measure from its comparison (``distance``): the cell then
    takes the diverging scale's colour and sign; without it, the colour band of its value.

    Labels wrap onto more lines, never cut: a row grows with its label, and the slanted column
    heads with theirs.
    """
    label_width, cell_width = 280, 84
    header_lines = [_lines(str(measure.label), 22) for measure in measures]
    longest = max((len(line) for lines in header_lines for line in lines), default=0)
    most_lines = max((len(lines) for lines in header_lines), default=1)
    header = max(150, int(longest * _AXIS_CHAR * math.sin(_HEADER_ANGLE) + most_lines * 16 + 24))
    shown = rows[:MAX_HEATMAP_ROWS]
    placed = []
    y = header
    for row in shown:
        label, level = row[0], row[1]
        room = max(10, int((label_width - 12 - level * 14) / _LABEL_CHAR))
        lines = _lines(label, room)
        height = max(30, 12 + 17 * len(lines))
        placed.append((row, lines, y, height))
        y += height
    slant = int(longest * _AXIS_CHAR * math.cos(_HEADER_ANGLE))
    width = label_width + cell_width * len(measures) + max(70, slant - cell_width // 2)
    height = y + 10
    parts = [_classed_svg_open(width, height, chart_id, title, summary)]
    for column, lines in enumerate(header_lines):
        x = label_width + column * cell_width + cell_width / 2
        base = header - 8
        # The last line ends at the column; earlier lines stand above it.
        parts.append(
            f'<text class="chart__axis" x="{x:.0f}" y="{base}" '
            f'transform="rotate(-40 {x:.0f} {base})">'
            f"{_tspans(lines, x, first_dy=-16 * (len(lines) - 1))}</text>"
        )
    for row, lines, top, row_height in placed:
        label, level, value_of, hidden = row[0], row[1], row[2], row[3]
        distance_of = row[4] if len(row) > 4 else None
        label_top = top + (row_height - 17 * len(lines)) / 2 + 13
        parts.append(
            f'<text class="chart__label" x="{4 + level * 14}" y="{label_top:.0f}">'
            f"{_tspans(lines, 4 + level * 14, step=17)}</text>"
        )
        middle = top + row_height / 2 + 5
        for column, measure in enumerate(measures):
            x = label_width + column * cell_width
            value = None if hidden else value_of(measure.code)
            box = f'x="{x}" y="{top}" width="{cell_width - 2}" height="{row_height - 2}"'
            if value is None:
                parts.append(f'<rect {box} fill="url(#hatch)" class="chart__hidden"/>')
                text = "–"
            else:
                if distance_of is None:
                    css = band_class(value, measure.kind)
                    sign = ""
                else:
                    gap = distance_of(measure.code)
                    css = distance_class(gap, measure.kind)
                    sign = distance_sign(gap, measure.kind)
                parts.append(f'<rect {box} class="{css.replace("heat ", "chart__cell ")}"/>')
                text = format_value(value, measure.kind) + (f" {sign}" if sign else "")
            parts.append(
                f'<text class="chart__value" x="{x + cell_width / 2 - 1:.0f}" y="{middle:.0f}" '
                f'text-anchor="middle">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def bars_svg(
    *,
    bars: Sequence[tuple[Measured, float | None]],
    title: str,
    summary: str,
    chart_id: str = "bars",
) -> SafeString:
    """Horizontal bars, one per measure; a hidden measure is a hatched band with a dash.
    A long label wraps onto more lines, and its bar's row grows with it."""
    label_width, bar_width = 330, 380
    width = label_width + bar_width + 80
    placed = []
    y = 10
    for measure, value in bars:
        lines = _lines(str(measure.label), int((label_width - 12) / _LABEL_CHAR))
        row_height = max(28, 10 + 17 * len(lines))
        placed.append((measure, value, lines, y, row_height))
        y += row_height
    height = y + 30
    parts = [_classed_svg_open(width, height, chart_id, title, summary)]
    for measure, value, lines, top, row_height in placed:
        middle = top + row_height / 2
        label_top = middle - 17 * (len(lines) - 1) / 2 + 5
        parts.append(
            f'<text class="chart__label" x="4" y="{label_top:.0f}">'
            f"{_tspans(lines, 4, step=17)}</text>"
        )
        bar_top = middle - 10
        if value is None:
            parts.append(
                f'<rect x="{label_width}" y="{bar_top:.0f}" width="{bar_width}" '
                'height="20" fill="url(#hatch)" class="chart__hidden"/>'
                f'<text class="chart__value" x="{label_width + bar_width + 8}" '
                f'y="{middle + 5:.0f}">–</text>'
            )
            continue
        fraction = value if measure.kind == SHARE else (value - 1) / 4
        length = max(2, round(bar_width * max(0.0, min(1.0, fraction))))
        css = band_class(value, measure.kind).replace("heat ", "chart__cell ")
        parts.append(
            f'<rect x="{label_width}" y="{bar_top:.0f}" width="{length}" height="20" '
            f'class="{css} chart__bar"/>'
            f'<text class="chart__value" x="{label_width + length + 8}" y="{middle + 5:.0f}">'
            f"{escape(format_value(value, measure.kind))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def trend_svg(
    *,
    measure: Measured,
    points: Sequence[tuple[str, float | None]],
    title: str,
    summary: str,
    chart_id: str,
) -> SafeString:
    """One small line chart: a measure across rounds; hidden rounds break the line."""
    width, height, left, top, plot_h = 300, 150, 36, 14, 100
    step = (width - left - 20) / max(1, len(points) - 1) if len(points) > 1 else 0
    low, high = (0.0, 1.0) if measure.kind == SHARE else (1.0, 5.0)
    parts = [_classed_svg_open(width, height, chart_id, title, summary)]
    parts.append(
        f'<line class="chart__grid" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>'
        f'<line class="chart__grid" x1="{left}" y1="{top + plot_h}" x2="{width - 10}" '
        f'y2="{top + plot_h}"/>'
    )
    segment: list[str] = []
    segments: list[list[str]] = []
    for index, (label, value) in enumerate(points):
        x = left + 10 + index * step
        parts.append(
            f'<text class="chart__axis" x="{x:.0f}" y="{top + plot_h + 20}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            parts.append(
                f'<text class="chart__value" x="{x:.0f}" y="{top + plot_h / 2:.0f}" '
                'text-anchor="middle">–</text>'
            )
            continue
        y = top + plot_h - (value - low) / (high - low) * plot_h
        segment.append(f"{x:.0f},{y:.0f}")
        parts.append(
            f'<circle class="chart__point" cx="{x:.0f}" cy="{y:.0f}" r="4"/>'
            f'<text class="chart__value" x="{x:.0f}" y="{max(top, y - 8):.0f}" '
            f'text-anchor="middle">{escape(format_value(value, measure.kind))}</text>'
        )
    if segment:
        segments.append(segment)
    for line in segments:
        if len(line) > 1:
            parts.append(f'<polyline class="chart__line" points="{" ".join(line)}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
