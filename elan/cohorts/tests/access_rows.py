# SPDX-License-Identifier: EUPL-1.2
"""The fellowship cohorts' pages in the persona × URL matrix (tests/access_table.py).

The matrix cohort (``factories.matrix_cohort``) runs, is organised by HR and has the employee
as its one member. A cohort is its organisers' and members' alone: everyone else gets 404,
including the employee's line manager and team lead.
"""

from __future__ import annotations

from tests.access_table import ANSWERED, Row, logged_in_only, only


def _cohort(p) -> dict:
    from elan.cohorts.tests.factories import matrix_cohort

    return {"public_id": matrix_cohort(p).public_id}


def _session(p) -> dict:
    from elan.cohorts.tests.factories import matrix_session

    session = matrix_session(p)
    return {"public_id": session.cohort.public_id, "session_id": session.public_id}


def _board_item(p) -> dict:
    from elan.cohorts.tests.factories import matrix_board_item

    item = matrix_board_item(p)
    return {"public_id": item.cohort.public_id, "item_id": item.public_id}


def _member(p) -> dict:
    from elan.cohorts.tests.factories import matrix_cohort

    cohort = matrix_cohort(p)
    return {"public_id": cohort.public_id, "member_id": cohort.members.get().pk}


READERS = ("hr", "employee")
COHORT_READERS = "the cohort's organisers and members; nobody else learns it exists"

COHORT_ROWS: dict[str, Row] = {
    "cohorts:cohorts": Row(logged_in_only(), why="one's own cohorts; empty for most"),
    "cohorts:cohort_new": Row(only("hr"), why="HR creates cohorts"),
    "cohorts:cohort": Row(only(*READERS), kwargs=_cohort, why=COHORT_READERS),
    "cohorts:cohort_edit": Row(only("hr"), kwargs=_cohort, why="the organisers"),
    "cohorts:cohort_move": Row(logged_in_only(ANSWERED), kwargs=_cohort, why="POST only"),
    "cohorts:member_add": Row(logged_in_only(ANSWERED), kwargs=_cohort, why="POST only"),
    "cohorts:member_remove": Row(logged_in_only(ANSWERED), kwargs=_member, why="POST only"),
    "cohorts:cohort_calendar": Row(only(*READERS), kwargs=_cohort, why=COHORT_READERS),
    "cohorts:cohort_calendar_ics": Row(only(*READERS), kwargs=_cohort, why=COHORT_READERS),
    "cohorts:session_new": Row(only("hr"), kwargs=_cohort, why="the organisers"),
    "cohorts:session": Row(only(*READERS), kwargs=_session, why=COHORT_READERS),
    "cohorts:session_edit": Row(only("hr"), kwargs=_session, why="the organisers"),
    "cohorts:cohort_board": Row(only(*READERS), kwargs=_cohort, why=COHORT_READERS),
    "cohorts:board_item_new": Row(only("employee"), kwargs=_cohort, why="the members"),
    "cohorts:board_item_edit": Row(
        only("employee"), kwargs=_board_item, why="the item's owner alone"
    ),
    "cohorts:board_item_delete": Row(logged_in_only(ANSWERED), kwargs=_board_item, why="POST only"),
    "cohorts:cohort_experiments": Row(only(*READERS), kwargs=_cohort, why=COHORT_READERS),
}
