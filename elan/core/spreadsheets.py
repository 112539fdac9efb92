# SPDX-License-Identifier: EUPL-1.2
"""Cells for the CSV files that people open in a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and some
run one that starts with a tab or a carriage return as well (OWASP, "CSV Injection"). Every CSV
export writes names and sentences that people typed through ``spreadsheet_text``, which keeps
such a cell as text with a leading apostrophe.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> str:
    """``value`` as text that no spreadsheet runs; None is an empty cell."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
