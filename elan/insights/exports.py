# SPDX-License-Identifier: EUPL-1.2
"""CSV and XLSX exports of a report: the same figures as the page, through the same guard.

Hidden figures become the guard's bracketed marker (``display.export_row``), never a blank, a
zero or a null, so a spreadsheet cannot read them as values; figures a team has not shared up
the line yet get a marker of their own. After the measures come the shares of favourable
answers of the means (``favourable:<measure>``), narrowed and hidden with them. Text cells that
a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

from elan.core.anonymity.display import export_row
from elan.insights.instruments import MEAN, Measure
from elan.insights.selectors import Figure, favourable_key, measure_of

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def withheld_marker() -> str:
    label = _("not shared by the team yet")
    assert not any(ch.isdigit() for ch in label)
    return f"[{label}]"


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _figure_columns(measures: Sequence[Measure]) -> list[str]:
    """Each measure's mean (or share), then each mean's share of favourable answers."""
    return [m.code for m in measures] + [favourable_key(m.code) for m in measures if m.kind == MEAN]


def header(measures: Sequence[Measure]) -> list[str]:
    return [
        "round",
        "unit_code",
        "unit",
        "scope",
        "filter",
        "filter_value",
        "n",
        "rate",
        *_figure_columns(measures),
    ]


def row(figure: Figure, measures: Sequence[Measure]) -> list:
    columns = ["n", "rate", *_figure_columns(measures)]
    meta = [
        figure.round,
        _text(figure.unit_code),
        _text(figure.unit_name),
        figure.scope,
        figure.attribute,
        figure.filter_value,
    ]
    if figure.outcome is None:
        return meta + [withheld_marker()] * len(columns)
    cells = export_row(figure.outcome, columns)
    if figure.is_released:
        cells = [
            withheld_marker()
            if measure_of(column) in figure.withheld
            else ("" if cell is None else cell)
            for column, cell in zip(columns, cells, strict=True)
        ]
    return meta + cells


def as_csv(figures: Sequence[Figure], measures: Sequence[Measure]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header(measures))
    for figure in figures:
        writer.writerow(row(figure, measures))
    return buffer.getvalue()


def as_xlsx(figures: Sequence[Figure], measures: Sequence[Measure]) -> bytes:
    # Imported here because openpyxl is slow to import and only this download needs it.
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "results"
    sheet.append(header(measures))
    for figure in figures:
        sheet.append(row(figure, measures))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
