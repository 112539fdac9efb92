# SPDX-License-Identifier: EUPL-1.2
"""Small server-side SVG charts that every reader can use: radar and horizontal bars.

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

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


def _number(value: float | None, digits: int = 1, missing: str = "–") -> str:
    from django.utils.formats import number_format

    return missing if value is None else number_format(value, decimal_pos=digits)


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
    format_value: Callable[[float | None], str] = _number,
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
    cx, cy = width / 2, height / 2
    count = len(axes)

    def point(index: int, value: float | None) -> tuple[float, float]:
        share = (
            0.0
            if value is None
            else (min(max(value, minimum), maximum) - minimum) / (maximum - minimum)
        )
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    parts = _svg_open(chart_id, title, summary, width, height)
    parts.append('<g class="chart__grid" aria-hidden="true">')
    steps = int(maximum - minimum)
    for step in range(1, steps + 1):
        ring = [point(i, minimum + step) for i in range(count)]
        parts.append(
            '<polygon points="{}" fill="none" stroke="{}" stroke-width="1"/>'.format(
                " ".join(f"{x:.1f},{y:.1f}" for x, y in ring), GRID
            )
        )
        x, y = point(0, minimum + step)
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" font-size="12" fill="{TEXT}">'
            f"{escape(_number(minimum + step, 0))}</text>"
        )
    for index in range(count):
        x, y = point(index, maximum)
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
    parts.append("</g>")
    parts.append('<g class="chart__labels" aria-hidden="true">')
    for index, axis in enumerate(axes):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = cx + (radius + 14) * math.cos(angle)
        y = cy + (radius + 14) * math.sin(angle)
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
    for position, s in reversed(list(enumerate(series))):
        style = SERIES_STYLES[position % len(SERIES_STYLES)]
        ring = [point(i, value) for i, value in enumerate(s.values)]
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
    if len(series) > 1:
        parts.append(_legend(series, x=16, y=height - 18 * len(series) - 6))
    parts.append("</svg>")
    columns, rows = _table(axes, series, format_value)
    return Chart(
        chart_id=chart_id,
        title=title,
        summary=summary,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text above went through escape()
        caption=caption or title,
        columns=(first_column, *columns),
        rows=rows,
    )


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
    format_value: Callable[[float | None], str] = _number,
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
            f'fill="{TEXT}">{escape(_number(minimum + step, 0))}</text>'
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
    parts.append("</svg>")
    columns, rows = _table(labels, series, format_value)
    return Chart(
        chart_id=chart_id,
        title=title,
        summary=summary,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text above went through escape()
        caption=caption or title,
        columns=(first_column, *columns),
        rows=rows,
    )
