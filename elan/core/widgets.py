# SPDX-License-Identifier: EUPL-1.2
"""Form widgets every app's forms share, so that a control looks and works the same everywhere.

The statement scale of the self-assessment and the 360 rater form is a template, not a widget:
``core/includes/statement.html`` renders one statement with its radio scale inside a fieldset.
"""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker, which reads and writes ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d") -> None:
        super().__init__(attrs=attrs, format=format)
