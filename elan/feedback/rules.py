# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with 360 feedback, one rule per line (docs/access.md).

A round and its report belong to their owner; someone else reads the report only while the
owner shares it. The owner's line manager (HR within scope when there is none) sees and
reviews the rater list before it goes out, never the answers. Raters need no rule: their link
is their key, and it opens only their form. Instrument quality (psychometrics) is for HR, never
per person.
"""

from __future__ import annotations

import rules

from elan.feedback import selectors
from elan.organisations.rules import is_hr


@rules.predicate
def is_round_owner(user, round_) -> bool:
    return round_ is not None and user.is_authenticated and user.pk == round_.owner_id


@rules.predicate
def has_report_share(user, round_) -> bool:
    return (
        round_ is not None and selectors.active_report_share(viewer=user, round_=round_) is not None
    )


@rules.predicate
def is_round_reviewer(user, round_) -> bool:
    return round_ is not None and selectors.is_reviewer(user=user, round_=round_)


rules.add_perm("feedback.ask_for_feedback", rules.is_authenticated)
rules.add_perm("feedback.manage_round", is_round_owner)
rules.add_perm("feedback.view_report", is_round_owner | has_report_share)
rules.add_perm("feedback.share_report", is_round_owner)
rules.add_perm("feedback.review_raters", rules.is_authenticated & is_round_reviewer)
rules.add_perm("feedback.view_psychometrics", rules.is_authenticated & is_hr)
