# SPDX-License-Identifier: EUPL-1.2
"""The events' organiser pages in the persona × URL matrix (tests/access_table.py)."""

from __future__ import annotations

from tests.access_table import ANSWERED, Row, logged_in_only, only


def _event(state: str):
    """The matrix event in ``state`` (``elan/events/tests/factories.matrix_event``): organised
    by HR, with the team lead's challenge; once closed, the employee in team 1."""

    def kwargs(p) -> dict:
        from elan.events.tests.factories import matrix_event

        return {"public_id": matrix_event(p, state).public_id}

    return kwargs


ORGANISER_ROWS: dict[str, Row] = {
    "events:organiser_list": Row(
        only("hr"), why="HR creates events; anyone else only once they organise one"
    ),
    "events:event_new": Row(only("hr"), why="HR creates events"),
    "events:event_manage": Row(
        only("hr"),
        kwargs=_event("open"),
        why="the cockpit: registrations and mentors, the organisers' alone",
    ),
    "events:event_edit": Row(only("hr"), kwargs=_event("open")),
    "events:event_move": Row(logged_in_only(ANSWERED), kwargs=_event("open"), why="POST only"),
    "events:event_teams": Row(
        only("hr"), kwargs=_event("closed"), why="proposed teams and reasons: organisers only"
    ),
    "events:teams_propose": Row(logged_in_only(ANSWERED), kwargs=_event("closed"), why="POST only"),
    "events:team_swap": Row(logged_in_only(ANSWERED), kwargs=_event("closed"), why="POST only"),
    "events:teams_publish": Row(logged_in_only(ANSWERED), kwargs=_event("closed"), why="POST only"),
    "events:help_figures": Row(only("hr"), kwargs=_event("published")),
    "events:challenge_new": Row(
        only("hr", "team_lead"),
        kwargs=_event("open"),
        why="the organisers, and team leads and HR for the units their role covers",
    ),
}
