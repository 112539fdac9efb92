# SPDX-License-Identifier: EUPL-1.2
"""A hidden figure reads the same in HTML, CSV, XLSX and the API, and is never a number."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.template import Context, Template
from django.utils import translation
from pydantic import TypeAdapter, ValidationError

from elan.core.anonymity import (
    CandidateGroup,
    GuardContext,
    Released,
    Suppressed,
    SuppressionReason,
    api_dict,
    guard,
)
from elan.core.anonymity.display import export_marker, export_row
from elan.core.anonymity.schemas import GuardedFigure, SuppressedFigure

TOO_FEW = Suppressed(key=("r1", "team"), reason=SuppressionReason.TOO_FEW)
SHOWN = Released(key=("r1", "unit"), figures={"mean": 3.26}, n=12)


def render(outcome, figure="mean") -> str:
    return Template("{% load anonymity %}{% guarded outcome figure %}").render(
        Context({"outcome": outcome, "figure": figure})
    )


def test_a_hidden_figure_in_html_says_why_and_links_to_the_explanation(db):
    with translation.override("en"):
        html = render(TOO_FEW)
    assert "hidden: too few people" in html
    assert 'href="/en/anonymity/#too_few"' in html
    assert "Fewer people answered than the minimum" in html


def test_a_released_figure_in_html_is_the_number(db):
    assert render(SHOWN) == "3.3"
    assert render(SHOWN, "n") == "12"


def test_a_hidden_row_in_csv_holds_the_marker_in_every_figure_cell_never_a_blank_or_zero():
    with translation.override("en"):
        row = export_row(TOO_FEW, ["n", "mean"])
    buffer = io.StringIO()
    csv.writer(buffer).writerow(["Team", *row])
    cells = next(csv.reader(io.StringIO(buffer.getvalue())))[1:]
    assert cells == ["[hidden: too few people]"] * 2
    assert all(cell not in ("", "0") for cell in cells)


def test_a_hidden_row_in_xlsx_is_text_that_no_spreadsheet_reads_as_a_number(tmp_path):
    with translation.override("fr"):
        row = export_row(TOO_FEW, ["n", "mean"])
    workbook = openpyxl.Workbook()
    workbook.active.append(["Team", *row])
    path = tmp_path / "report.xlsx"
    workbook.save(path)
    cells = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))[0][1:]
    assert all(isinstance(cell, str) and cell.startswith("[") for cell in cells)


def test_the_export_marker_is_translated():
    with translation.override("en"):
        english = export_marker(SuppressionReason.WOULD_REVEAL_OTHER)
    assert english == "[hidden: would reveal a smaller group]"


def test_the_api_form_of_a_hidden_figure_is_a_typed_marker_with_no_number_field():
    payload = api_dict(TOO_FEW)
    parsed = TypeAdapter(GuardedFigure).validate_python(payload)
    assert isinstance(parsed, SuppressedFigure)
    assert set(payload) == {"key", "suppressed", "reason"}
    number_fields = [
        name
        for name, field in SuppressedFigure.model_fields.items()
        if field.annotation in (int, float)
    ]
    assert number_fields == []


def test_the_api_refuses_a_hidden_figure_that_smuggles_a_count():
    with pytest.raises(ValidationError):
        TypeAdapter(GuardedFigure).validate_python({**api_dict(TOO_FEW), "n": 3})


def test_every_outcome_of_a_real_guard_run_validates_against_the_api_schema():
    groups = [
        CandidateGroup(key=("r1", "parent"), members=frozenset(range(13))),
        CandidateGroup(key=("r1", "a"), members=frozenset(range(5))),
        CandidateGroup(key=("r1", "b"), members=frozenset(range(5, 10))),
        CandidateGroup(key=("r1", "c"), members=frozenset(range(10, 13))),
    ]
    result = guard(GuardContext(), groups)
    adapter = TypeAdapter(GuardedFigure)
    kinds = {type(adapter.validate_python(api_dict(outcome))) for outcome in result.values()}
    assert SuppressedFigure in kinds
