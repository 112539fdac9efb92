# SPDX-License-Identifier: EUPL-1.2
"""Server-side SVG charts for the reports: a heatmap, bars and trend lines.

Each chart is an image with a title and a description for screen readers, always placed next
to a data table and a one-sentence summary (the table is the accessible form of the data; the
chart is a picture of it). No inline styles: colours come from classes in elan.css, so the
strict Content-Security-Policy holds. Hidden figures are drawn as a hatched cell with a dash,
never as an empty or zero cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from elan.insights.instruments import MEAN, SHARE, Measure

MAX_HEATMAP_ROWS = 100


def format_value(value: float | None, kind: str, separator: str | None = None) -> str:
    """A figure as people read it in their language: "3,9" in Dutch, "3.9" in English.

    Rounded, not truncated (number_format would turn 3.875 into 3.8). Pass ``separator`` (the
    language's decimal separator) when formatting many figures: looking it up costs more than
    the formatting, and a 1,500-row heatmap formats twelve thousand of them.
    """
    if value is None:
        return "–"
    if kind == SHARE:
        return f"{round(value * 100):d} %"
    if separator is None:
        separator = get_format("DECIMAL_SEPARATOR")
    return f"{round(value, 1):.1f}".replace(".", separator)


def band(value: float | None, kind: str) -> int:
    """1 (low) to 5 (high): the colour band of a cell; 0 for no value."""
    if value is None:
        return 0
    if kind == SHARE:
        return min(5, int(value * 5) + 1)
    for limit, level in ((2.5, 1), (3.0, 2), (3.5, 3), (4.0, 4)):
        if value < limit:
            return level
    return 5


def band_class(value: float | None, kind: str) -> str:
    level = band(value, kind)
    if level == 0:
        return "heat heat--none"
    return f"heat heat--{'share' if kind == SHARE else 'mean'}-{level}"


def _truncate(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _svg_open(width: int, height: int, title_id: str, title: str, desc: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {title_id}-desc" focusable="false">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{title_id}-desc">{escape(desc)}</desc>'
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#6f777b" stroke-width="2"/></pattern></defs>'
    )


def heatmap_svg(
    *,
    rows: Sequence[tuple[str, int, Callable[[str], float | None], bool]],
    measures: Sequence[Measure],
    title: str,
    summary: str,
    chart_id: str = "heatmap",
) -> SafeString:
    """``rows``: (label, indent level, value of a measure, whether the row is hidden)."""
    label_width, cell_width, cell_height, header = 280, 74, 30, 150
    shown = rows[:MAX_HEATMAP_ROWS]
    width = label_width + cell_width * len(measures) + 70  # room for the last slanted label
    height = header + cell_height * len(shown) + 10
    parts = [_svg_open(width, height, chart_id, title, summary)]
    for column, measure in enumerate(measures):
        x = label_width + column * cell_width + cell_width / 2
        label = escape(_truncate(str(measure.label), 26))
        parts.append(
            f'<text class="chart__axis" x="{x:.0f}" y="{header - 8}" '
            f'transform="rotate(-40 {x:.0f} {header - 8})">{label}</text>'
        )
    for index, (label, level, value_of, hidden) in enumerate(shown):
        y = header + index * cell_height
        parts.append(
            f'<text class="chart__label" x="{4 + level * 14}" y="{y + 20}">'
            f"{escape(_truncate(label, 34 - level * 2))}</text>"
        )
        for column, measure in enumerate(measures):
            x = label_width + column * cell_width
            value = None if hidden else value_of(measure.code)
            if value is None:
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{cell_width - 2}" height="{cell_height - 2}" '
                    'fill="url(#hatch)" class="chart__hidden"/>'
                )
                text = "–"
            else:
                css = band_class(value, measure.kind).replace("heat ", "chart__cell ")
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{cell_width - 2}" height="{cell_height - 2}" '
                    f'class="{css}"/>'
                )
                text = format_value(value, measure.kind)
            parts.append(
                f'<text class="chart__value" x="{x + cell_width / 2 - 1:.0f}" y="{y + 20}" '
                f'text-anchor="middle">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bars_svg(
    *,
    bars: Sequence[tuple[Measure, float | None]],
    title: str,
    summary: str,
    chart_id: str = "bars",
) -> SafeString:
    """Horizontal bars, one per measure; a hidden measure is a hatched band with a dash."""
    label_width, bar_width, bar_height = 330, 380, 28
    width = label_width + bar_width + 80
    height = bar_height * len(bars) + 40
    parts = [_svg_open(width, height, chart_id, title, summary)]
    for index, (measure, value) in enumerate(bars):
        y = 10 + index * bar_height
        parts.append(
            f'<text class="chart__label" x="4" y="{y + 18}">'
            f"{escape(_truncate(str(measure.label), 44))}</text>"
        )
        if value is None:
            parts.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{bar_width}" '
                f'height="{bar_height - 8}" fill="url(#hatch)" class="chart__hidden"/>'
                f'<text class="chart__value" x="{label_width + bar_width + 8}" '
                f'y="{y + 18}">–</text>'
            )
            continue
        fraction = value if measure.kind == SHARE else (value - 1) / 4
        length = max(2, round(bar_width * max(0.0, min(1.0, fraction))))
        css = band_class(value, measure.kind).replace("heat ", "chart__cell ")
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{bar_height - 8}" '
            f'class="{css} chart__bar"/>'
            f'<text class="chart__value" x="{label_width + length + 8}" y="{y + 18}">'
            f"{escape(format_value(value, measure.kind))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def trend_svg(
    *,
    measure: Measure,
    points: Sequence[tuple[str, float | None]],
    title: str,
    summary: str,
    chart_id: str,
) -> SafeString:
    """One small line chart: a measure across rounds; hidden rounds break the line."""
    width, height, left, top, plot_h = 300, 150, 36, 14, 100
    step = (width - left - 20) / max(1, len(points) - 1) if len(points) > 1 else 0
    low, high = (0.0, 1.0) if measure.kind == SHARE else (1.0, 5.0)
    parts = [_svg_open(width, height, chart_id, title, summary)]
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
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


__all__ = ["MEAN", "SHARE", "band", "band_class", "bars_svg", "format_value", "heatmap_svg"]
