# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with fellowship cohorts, one rule per line (docs/access.md).

HR creates cohorts; a cohort's organisers manage it (details, status, members, sessions). The
cohort, its calendar, its board, its experiments and its sessions' retrospectives are read by
its organisers, and by its members once it has started; to everyone else the cohort does not
exist. A member puts their own work on the board and changes only their own items, and writes
their own retrospective of a session once it has started.
"""

from __future__ import annotations

import rules
from django.utils import timezone

from elan.cohorts import selectors
from elan.cohorts.constants import MEMBER_VISIBLE_STATUSES, OPEN_STATUSES, RETROSPECTIVE_STATUSES
from elan.organisations.rules import is_hr


@rules.predicate
def organises(user, cohort) -> bool:
    return cohort is not None and selectors.is_organiser(user=user, cohort=cohort)


@rules.predicate
def is_member(user, cohort) -> bool:
    return cohort is not None and selectors.is_member(user=user, cohort=cohort)


@rules.predicate
def has_started(user, cohort) -> bool:
    return cohort is not None and cohort.status in MEMBER_VISIBLE_STATUSES


@rules.predicate
def is_open(user, cohort) -> bool:
    return cohort is not None and cohort.status in OPEN_STATUSES


@rules.predicate
def owns_item(user, item) -> bool:
    return item is not None and item.owner_id == user.pk


@rules.predicate
def item_board_is_open(user, item) -> bool:
    return item is not None and item.cohort.status in OPEN_STATUSES


@rules.predicate
def in_item_cohort(user, item) -> bool:
    return item is not None and selectors.is_member(user=user, cohort=item.cohort)


@rules.predicate
def session_looks_back(user, session) -> bool:
    return (
        session is not None
        and session.cohort.status in RETROSPECTIVE_STATUSES
        and session.starts_at <= timezone.now()
    )


@rules.predicate
def in_session_cohort(user, session) -> bool:
    return session is not None and selectors.is_member(user=user, cohort=session.cohort)


rules.add_perm("cohorts.create", rules.is_authenticated & is_hr)
rules.add_perm("cohorts.manage_cohort", rules.is_authenticated & organises)
rules.add_perm(
    "cohorts.view_cohort", rules.is_authenticated & (organises | (is_member & has_started))
)
rules.add_perm("cohorts.add_board_item", rules.is_authenticated & is_member & has_started & is_open)
rules.add_perm(
    "cohorts.edit_board_item",
    rules.is_authenticated & owns_item & in_item_cohort & item_board_is_open,
)
rules.add_perm(
    "cohorts.write_retrospective", rules.is_authenticated & in_session_cohort & session_looks_back
)
