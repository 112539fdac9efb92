# SPDX-License-Identifier: EUPL-1.2
"""How a guard outcome is written into exports (CSV, XLSX) and API payloads.

Why a separate module: every output format must say "hidden" the same way, and must never let a
hidden group slip out as a number. A blank cell, a 0 or a null would each be read as a value by a
spreadsheet, a chart or a script; so a hidden group always becomes a non-numeric text marker in a
table and an explicit ``"suppressed": true`` with a reason code in the API, with no number fields.

Translation is not done here (no Django in this package): the stable reason codes are the msgids'
anchor for the Django layer, and the English strings below are only the fallback. The HTML marker
is a Django template fed with :func:`reason_code`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from types import MappingProxyType
from typing import Any

from elan.core.anonymity.guard import Outcome, Released, Suppressed, SuppressionReason

__all__ = [
    "FALLBACK_TEXT",
    "api_dict",
    "fallback_text",
    "reason_code",
    "table_marker",
    "table_row",
]

FALLBACK_TEXT = MappingProxyType(
    {
        SuppressionReason.TOO_FEW: "hidden: too few people",
        SuppressionReason.WOULD_REVEAL_OTHER: "hidden: would reveal a smaller group",
    }
)


def reason_code(reason: SuppressionReason | str) -> str:
    """The stable code for a reason ("too_few", "would_reveal_other"), for APIs and templates."""
    return SuppressionReason(reason).value


def fallback_text(reason: SuppressionReason | str) -> str:
    """A short English description of the reason, used when no translation is at hand."""
    return FALLBACK_TEXT[SuppressionReason(reason)]


def table_marker(reason: SuppressionReason | str, text: str | None = None) -> str:
    """The text put in every figure cell of a hidden row in CSV and XLSX exports.

    ``text`` is the translated label from the Django layer; the English fallback is used without
    it. The marker is bracketed so that no spreadsheet can take it for a number or a formula, and a
    label holding a digit is refused: a marker must never be mistaken for a figure.
    """
    label = fallback_text(reason) if text is None else text.strip()
    if not label:
        raise ValueError("a marker needs a non-empty label")
    if any(ch.isdigit() for ch in label):
        raise ValueError(f"a marker label must not contain digits: {label!r}")
    return f"[{label}]"  # starts with "[": never a number, never a formula (= + - @)


def table_row(
    outcome: Outcome,
    columns: Sequence[str],
    *,
    count_column: str | None = "n",
    marker: str | None = None,
) -> list[Any]:
    """The figure cells of one export row, in ``columns`` order.

    For a released group, ``count_column`` holds the number of respondents and every other column
    the figure of that name ("" when the group has none). For a hidden group, every column holds
    the marker: the count is a figure too.
    """
    if isinstance(outcome, Suppressed):
        text = marker if marker is not None else table_marker(outcome.reason)
        return [text for _ in columns]
    if not isinstance(outcome, Released):
        raise TypeError(f"expected Released or Suppressed, got {type(outcome).__name__}")
    return [
        outcome.n if column == count_column else outcome.figures.get(column, "")
        for column in columns
    ]


def api_dict(
    outcome: Outcome, *, json_key: Callable[[Hashable], Any] | None = None
) -> dict[str, Any]:
    """The API form of an outcome.

    Released: ``{"key", "suppressed": False, "n", "figures"}``. Suppressed:
    ``{"key", "suppressed": True, "reason"}`` and nothing else: no count, no null placeholders
    for the figures, so a client cannot read a hidden value even by mistake. ``json_key`` turns
    the group key into something JSON can carry (tuples already become lists).
    """
    key = outcome.key if json_key is None else json_key(outcome.key)
    if isinstance(outcome, Suppressed):
        return {"key": key, "suppressed": True, "reason": reason_code(outcome.reason)}
    if not isinstance(outcome, Released):
        raise TypeError(f"expected Released or Suppressed, got {type(outcome).__name__}")
    return {"key": key, "suppressed": False, "n": outcome.n, "figures": dict(outcome.figures)}
