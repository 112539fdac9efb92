# SPDX-License-Identifier: EUPL-1.2
"""The anonymity guard shared by every module that shows aggregates (see docs/anonymity.md).

Plain Python and numpy, no Django: the Django layer builds the candidate groups and renders the
outcome; this package decides what may be shown.
"""

from elan.core.anonymity.guard import (
    CandidateGroup,
    GroupKind,
    GuardContext,
    GuardResult,
    Outcome,
    RaterMerge,
    Released,
    Suppressed,
    SuppressionReason,
    guard,
    merge_small_rater_groups,
)
from elan.core.anonymity.render import (
    FALLBACK_TEXT,
    api_dict,
    fallback_text,
    reason_code,
    table_marker,
    table_row,
)

__all__ = [
    "FALLBACK_TEXT",
    "CandidateGroup",
    "GroupKind",
    "GuardContext",
    "GuardResult",
    "Outcome",
    "RaterMerge",
    "Released",
    "Suppressed",
    "SuppressionReason",
    "api_dict",
    "fallback_text",
    "guard",
    "merge_small_rater_groups",
    "reason_code",
    "table_marker",
    "table_row",
]
