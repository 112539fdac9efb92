# SPDX-License-Identifier: EUPL-1.2
"""The events' participant and mentor pages in the persona × URL matrix
(tests/access_table.py)."""

from __future__ import annotations

from tests.access_table import ANSWERED, DENIED, OK, REDIRECT, Row, logged_in_only, only


def _event(state: str):
    """The matrix event in ``state`` (``elan/events/tests/factories.matrix_event``): organised
    by HR, with the team lead's challenge; once closed, the employee in team 1."""

    def kwargs(p) -> dict:
        from elan.events.tests.factories import matrix_event

        return {"public_id": matrix_event(p, state).public_id}

    return kwargs


def _running(p):
    """The published matrix event, which the line manager mentors."""
    from elan.events.models import EventMentor
    from elan.events.tests.factories import matrix_event

    event = matrix_event(p, "published")
    EventMentor.objects.get_or_create(
        event=event, user=p.line_manager, defaults={"languages": ["en"]}
    )
    return event


def _running_event(p) -> dict:
    return {"public_id": _running(p).public_id}


def _team(p) -> dict:
    """The employee's published team 1, on the team lead's challenge."""
    return {"public_id": _running(p).teams.get(number=1).public_id}


def _help_request(p) -> dict:
    """A question of the employee's team, taken by the line manager."""
    from django.utils import timezone

    from elan.events.constants import HelpStatus
    from elan.events.models import HelpRequest
    from elan.events.tests.factories import skill

    team = _running(p).teams.get(number=1)
    request = HelpRequest.objects.create(
        team=team,
        asked_by=p.employee,
        question="How do we test this with citizens?",
        skill=skill("storytelling"),
        status=HelpStatus.TAKEN,
        taken_by=p.line_manager,
        taken_at=timezone.now(),
    )
    return {"public_id": request.public_id}


PARTICIPANT_ROWS: dict[str, Row] = {
    "events:home": Row(logged_in_only(OK), why="every member of staff may take part"),
    "events:event": Row(
        logged_in_only(OK), kwargs=_event("open"), why="an open event: everyone on staff"
    ),
    "events:register": Row(
        logged_in_only(OK), kwargs=_event("open"), why="anyone on staff registers while open"
    ),
    "events:registration_withdraw": Row(
        logged_in_only(ANSWERED), kwargs=_event("open"), why="POST only"
    ),
    "events:mentor_volunteer": Row(
        logged_in_only(OK), kwargs=_event("open"), why="anyone on staff may offer to mentor"
    ),
    "events:mentor_withdraw": Row(logged_in_only(ANSWERED), kwargs=_event("open"), why="POST only"),
    "events:team": Row(
        only("employee", "team_lead", "hr"),
        kwargs=_team,
        why="a published team: its members, its problem owner and the organisers",
    ),
    "events:help_post": Row(logged_in_only(ANSWERED), kwargs=_team, why="POST only"),
    "events:help_withdraw": Row(logged_in_only(ANSWERED), kwargs=_help_request, why="POST only"),
    "events:result": Row(logged_in_only(ANSWERED), kwargs=_team, why="POST only"),
    "events:result_experiment": Row(logged_in_only(ANSWERED), kwargs=_team, why="POST only"),
    "events:retrospective": Row(
        {**only("team_lead", "hr", others=DENIED, outcome=REDIRECT), "employee": OK},
        kwargs=_team,
        why="each member writes their own; the team's other readers go back to the team",
    ),
    "events:mentor_queue": Row(
        only("line_manager"), kwargs=_running_event, why="the event's mentors alone"
    ),
    "events:help_pull": Row(logged_in_only(ANSWERED), kwargs=_running_event, why="POST only"),
    "events:help_answer": Row(logged_in_only(ANSWERED), kwargs=_help_request, why="POST only"),
}
