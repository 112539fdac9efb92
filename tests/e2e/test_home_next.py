# SPDX-License-Identifier: EUPL-1.2
"""The home page of someone with a lot to do: readable at 320 px without scrolling sideways,
free of axe-core violations, and its first thing to do reached with the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from elan.assessments.tests.factories import answers_for, in_progress_assessment, instrument
from elan.feedback.tests.factories import feedback_round
from elan.portal.tests.test_home_next import grow_team, more_of_everything
from tests.e2e.support import assert_no_axe_violations, login_as, tab_until, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_team_lead_s_full_home_page_reflows_at_320_px_and_passes_axe(
    personas, browser_page, live_server
):
    lead = personas.team_lead
    grow_team(personas)
    feedback_round(lead, raters={"peer": 3}, answered=False)
    in_progress_assessment(lead, answers=answers_for(instrument(), 3))
    more_of_everything(personas, range(2))

    page = browser_page
    login_as(page, live_server, lead, personas.password)
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, f"{live_server.url}/en/")

    todo = page.get_by_role("region", name="What to do next")
    expect(todo.get_by_role("listitem").first).to_be_visible()
    expect(page.get_by_role("region", name="Your team's open items")).to_contain_text(
        "your team sees them first"
    )
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], f"horizontal scrolling at 320 px: {widths}"
    assert_no_axe_violations(page, context="a team lead's full home page at 320 px")

    first_text = todo.get_by_role("link").first.inner_text().strip()
    tab_until(page, lambda state: state["text"] == first_text, limit=60)
