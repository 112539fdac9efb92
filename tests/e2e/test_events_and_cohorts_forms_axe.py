# SPDX-License-Identifier: EUPL-1.2
"""The events' and cohorts' pages that the journeys in test_events.py and test_cohorts.py do not
pass through, each read by the role that uses it, with axe-core clean: the events' home with the
teams one accompanies, offering to mentor, a team's retrospective, posting a challenge, changing
an event; creating and changing a cohort, planning and changing a session, changing one's board
item."""

from __future__ import annotations

import pytest

from elan.cohorts.tests.factories import matrix_board_item, matrix_cohort, matrix_session
from elan.events.models import EventMentor
from elan.events.tests.factories import matrix_event
from tests.e2e.support import assert_no_axe_violations, login_as, visit

pytestmark = pytest.mark.browser


def _pages_of(personas) -> dict[str, list[tuple[str, str]]]:
    """Each persona's pages, as paths under /en/, with what the check reports."""
    open_event = matrix_event(personas, "open")
    running = matrix_event(personas, "published")
    EventMentor.objects.create(event=running, user=personas.line_manager, languages=["en"])
    team = running.teams.get(number=1)
    cohort = matrix_cohort(personas)
    session = matrix_session(personas)
    item = matrix_board_item(personas)
    return {
        "employee": [
            ("events/", "the events' home with the person's team"),
            (f"events/{open_event.public_id}/mentor/", "offering to mentor"),
            (f"events/teams/{team.public_id}/retrospective/", "a team's retrospective form"),
            (f"cohorts/{cohort.public_id}/board/{item.public_id}/edit/", "changing a board item"),
        ],
        "team_lead": [
            ("events/", "the events' home with the team the problem owner accompanies"),
            (f"events/{open_event.public_id}/challenges/new/", "posting a challenge"),
        ],
        "line_manager": [("events/", "the events' home with the team the mentor accompanies")],
        "hr": [
            (f"events/organise/{open_event.public_id}/edit/", "changing an event"),
            ("cohorts/new/", "a new cohort"),
            (f"cohorts/{cohort.public_id}/edit/", "changing a cohort"),
            (f"cohorts/{cohort.public_id}/sessions/new/", "planning a session"),
            (
                f"cohorts/{cohort.public_id}/sessions/{session.public_id}/edit/",
                "changing a session",
            ),
        ],
    }


def test_the_pages_no_journey_passes_through_have_no_accessibility_violations(
    browser_page, live_server, personas
):
    page = browser_page
    for persona, pages in _pages_of(personas).items():
        page.context.clear_cookies()
        login_as(page, live_server, personas.get(persona), personas.password)
        for path, context in pages:
            visit(page, f"{live_server.url}/en/{path}")
            assert page.url == f"{live_server.url}/en/{path}", f"{persona} was sent on: {page.url}"
            assert_no_axe_violations(page, context=f"{context}, as {persona}")
