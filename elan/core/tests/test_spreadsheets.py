# SPDX-License-Identifier: EUPL-1.2
"""Every CSV export keeps what people typed from running as a formula in a spreadsheet."""

from __future__ import annotations

import pytest

from elan.core.spreadsheets import spreadsheet_text


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text_with_an_apostrophe(typed):
    assert spreadsheet_text(typed) == f"'{typed}"


@pytest.mark.parametrize("typed", ["Anna Peeters", "Équipe 3 = B", " =1", "SPF Finances"])
def test_ordinary_text_is_written_as_it_was_typed(typed):
    assert spreadsheet_text(typed) == typed


def test_no_value_is_an_empty_cell_and_other_values_their_text():
    assert spreadsheet_text(None) == ""
    assert spreadsheet_text(7) == "7"
