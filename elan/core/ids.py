# SPDX-License-Identifier: EUPL-1.2
"""Reading a row's id out of a form field or a URL's query: one rule for every view.

``str.isdigit()`` accepts "²", "٣" and "①", which ``int()`` refuses with a server error, and a
number of twenty digits passes ``int()`` but not the database (past 64 bits SQLite cannot bind
it, PostgreSQL refuses it for a bigint). Either way the text is no id: the caller gets ``None``
and answers as for an id that does not exist.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# A primary key fits in 63 bits: at most 18 decimal digits are always safe.
MOST_DIGITS = 18


def posted_id(text: object, *, most_digits: int = MOST_DIGITS) -> int | None:
    value = str(text) if text is not None else ""
    if not (value.isascii() and value.isdigit()) or len(value) > most_digits:
        return None
    return int(value)


class ModelIdsField(forms.ModelMultipleChoiceField):
    """A choice of rows by id that refuses a value which is no id before it asks the database,
    with the field's own message for a value not in its list (SQLite cannot even bind such a
    number)."""

    def _check_values(self, value):
        for each in value:
            if posted_id(each) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": each},
                )
        return super()._check_values(value)
