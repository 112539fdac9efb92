# SPDX-License-Identifier: EUPL-1.2
"""The guard's marker in the person's language: one wording for HTML, CSV, XLSX and the API.

The plain-Python renderers in ``render.py`` decide the *form* (a bracketed text in tables, a typed
object in the API); this module gives them the translated *words*, so a hidden figure reads the
same wherever it appears.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy

from elan.core.anonymity.guard import Outcome, Released, Suppressed, SuppressionReason
from elan.core.anonymity.render import table_marker, table_row

SHORT_LABELS = {
    SuppressionReason.TOO_FEW: gettext_lazy("hidden: too few people"),
    SuppressionReason.WOULD_REVEAL_OTHER: gettext_lazy("hidden: would reveal a smaller group"),
}
EXPLANATIONS = {
    SuppressionReason.TOO_FEW: gettext_lazy(
        "Fewer people answered than the minimum that keeps answers anonymous."
    ),
    SuppressionReason.WOULD_REVEAL_OTHER: gettext_lazy(
        "Shown next to the other figures, this one would let someone work out the answers of a "
        "group smaller than the minimum."
    ),
}


def marker_label(reason: SuppressionReason | str) -> str:
    return str(SHORT_LABELS[SuppressionReason(reason)])


def marker_explanation(reason: SuppressionReason | str) -> str:
    return str(EXPLANATIONS[SuppressionReason(reason)])


def export_marker(reason: SuppressionReason | str) -> str:
    """The text of a hidden cell in CSV and XLSX, translated: never blank, never a zero."""
    return table_marker(reason, marker_label(reason))


def export_row(outcome: Outcome, columns: Sequence[str], **kwargs) -> list[Any]:
    marker = export_marker(outcome.reason) if isinstance(outcome, Suppressed) else None
    return table_row(outcome, columns, marker=marker, **kwargs)


def is_released(outcome: Outcome) -> bool:
    return isinstance(outcome, Released)
