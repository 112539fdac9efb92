# SPDX-License-Identifier: EUPL-1.2
"""The heatmap's form updates the results in place through htmx, and stays a plain GET form
that renders the whole page without JavaScript (tests/e2e/test_insights.py drives the browser).
"""

from __future__ import annotations

import pytest

from elan.insights.tests.factories import CampaignFactory, answer, close_round, invited, open_round
from elan.organisations.tests.factories import person_in

pytestmark = pytest.mark.django_db


def published(personas):
    for _ in range(3):
        person_in(personas.team)
    campaign = CampaignFactory(unit=personas.team, title="Team climate 2026")
    round_ = open_round(campaign)
    for index, user in enumerate(invited(round_)):
        answer(round_, user, value=2 + index % 4, comment="")
    close_round(campaign)
    return campaign


def test_the_plain_form_still_renders_the_whole_page(personas, client_for):
    campaign = published(personas)
    url = f"/en/insights/campaigns/{campaign.pk}/heatmap/?filter=language:en&depth=all"

    response = client_for("team_lead").get(url)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<!DOCTYPE html>" in content and "<main" in content
    assert 'method="get"' in content and 'hx-get="' in content  # the form works either way
    assert 'id="heatmap-results"' in content and 'role="status"' in content
    assert "htmx.min.js" in content and 'hx-swap-oob="' not in content
    assert "HX-Request" in response.headers["Vary"]


def test_an_htmx_request_gets_only_the_results_heading_title_and_announcement(personas, client_for):
    campaign = published(personas)
    url = f"/en/insights/campaigns/{campaign.pk}/heatmap/?filter=language:en&depth=all"

    response = client_for("team_lead").get(url, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<!DOCTYPE html>" not in content and "<main" not in content
    assert content.lstrip().startswith("<title>Team climate 2026: heatmap, round 1 – Elan</title>")
    assert '<h1 id="heatmap-heading" hx-swap-oob="true">' in content
    assert '<p id="heatmap-status" hx-swap-oob="innerHTML">The results below are updated.' in (
        content
    )
    results = content.split('<div id="heatmap-results">')[1]
    # The chart, its table and its sentence are all in the part that is swapped in.
    assert '<svg class="chart"' in results and "<table" in results
    assert 'class="chart-summary"' in results and "Only: language: English." in results
    assert "HX-Request" in response.headers["Vary"]


def test_a_history_restore_gets_the_whole_page(personas, client_for):
    campaign = published(personas)
    response = client_for("team_lead").get(
        f"/en/insights/campaigns/{campaign.pk}/heatmap/",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<!DOCTYPE html>" in response.content.decode()


def test_an_htmx_request_is_checked_like_any_other(personas, client_for):
    campaign = published(personas)
    response = client_for("outsider").get(
        f"/en/insights/campaigns/{campaign.pk}/heatmap/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 404


def test_only_the_heatmap_loads_htmx(personas, client_for):
    campaign = published(personas)
    client = client_for("team_lead")
    for url in ("/en/", "/en/insights/", f"/en/insights/campaigns/{campaign.pk}/"):
        content = client.get(url).content.decode()
        assert "htmx" not in content, url
