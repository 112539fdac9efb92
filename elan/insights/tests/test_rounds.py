# SPDX-License-Identifier: EUPL-1.2
"""Rounds are guarded over the same people, and open on the campaign's schedule."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from elan.insights import services
from elan.insights.selectors import next_round_opens_on
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, answer, close_round, invited, open_round
from elan.insights.tests.oracle import (
    Collected,
    assert_no_cell_of_invited_people_across_rounds_is_small,
    collect_api_rows,
    collect_csv,
)

pytestmark = pytest.mark.django_db


def everyone_in_the_teams_answers(round_, personas, value: int) -> None:
    for user in invited(round_):
        if user.staff_record.unit.code in (personas.team.code, "TEAM-TWO"):
            answer(round_, user, value=value)


@pytest.mark.parametrize("change", ["joiner", "leaver"])
def test_a_joiners_or_a_leavers_answers_are_not_the_difference_of_two_rounds(
    personas, client_for, sibling, change
):
    """A team of 6 that becomes 7 (or 7 that becomes 6): its two means differ by what one person
    answered. Round 1 is out already, so round 2 of the team, and of the roll-up above it, is
    hidden; the sibling team, the same six people in both rounds, shows both."""
    grow(personas.organisation, 1)
    sibling("TEAM-TWO", 6)
    members = grow(personas.team, 3 if change == "joiner" else 4)
    campaign = CampaignFactory(unit=personas.organisation, planned_rounds=2)
    first = open_round(campaign)
    everyone_in_the_teams_answers(first, personas, value=4)
    close_round(campaign)
    if change == "joiner":
        grow(personas.team, 1)
    else:
        members[-1].is_active = False  # left: no longer invited
        members[-1].save(update_fields=["is_active"])
    second = open_round(campaign)
    everyone_in_the_teams_answers(second, personas, value=2)
    second = close_round(campaign)
    team, api = personas.team.code, f"/api/insights/campaigns/{campaign.pk}"
    collected = Collected.empty()
    with time_machine.travel(second.closed_on + datetime.timedelta(days=20), tick=False):
        client = client_for("hr")
        for number in (1, 2):
            heatmap = client.get(f"{api}/heatmap?round={number}&depth=64").json()
            collect_api_rows(collected, heatmap["rows"])
            for scope in ("unit", "subtree"):
                collect_csv(
                    collected,
                    client.get(
                        f"/en/insights/campaigns/{campaign.pk}/export.csv"
                        f"?round={number}&depth=all&scope={scope}"
                    ).content.decode(),
                )
        trend = client.get(f"{api}/units/{team}/trend").json()
        collect_api_rows(collected, trend)
        sibling_trend = client.get(f"{api}/units/TEAM-TWO/trend").json()
    assert [row["status"] for row in trend] == ["released", "suppressed"]
    assert trend[1]["figure"]["reason"] == "would_reveal_other"
    assert [row["status"] for row in sibling_trend] == ["released", "released"]
    assert (2, "subtree", personas.organisation.code, "", "") not in collected.scores
    assert_no_cell_of_invited_people_across_rounds_is_small(collected, campaign, min_group=5)


def test_a_round_opens_no_earlier_than_the_campaigns_configured_date(personas, client_for):
    grow(personas.team, 2)
    today = timezone.localdate()
    campaign = CampaignFactory(unit=personas.team, opens_on=today + datetime.timedelta(days=10))
    client = client_for("team_lead")
    page = client.get(f"/en/insights/campaigns/{campaign.pk}/").content.decode()
    planned = campaign.opens_on
    assert "Round 1 can open from" in page and 'value="open"' not in page
    response = client.post(f"/en/insights/campaigns/{campaign.pk}/status/", {"to": "open"})
    assert response.status_code == 302
    assert not campaign.rounds.exists()
    with pytest.raises(services.InsightsError, match="Round 1 can open from"):
        open_round(campaign, today=planned - datetime.timedelta(days=1))
    assert open_round(campaign, today=planned).opens_on == planned


def test_the_next_round_waits_for_the_configured_interval_and_the_page_says_when(
    personas, client_for
):
    grow(personas.team, 2)
    today = timezone.localdate()
    campaign = CampaignFactory(
        unit=personas.team, opens_on=today - datetime.timedelta(days=20), round_interval_days=30
    )
    first = open_round(campaign, today=campaign.opens_on)
    close_round(campaign, today=first.opens_on + datetime.timedelta(days=14))
    earliest = first.opens_on + datetime.timedelta(days=30)
    assert next_round_opens_on(campaign=campaign) == earliest
    page = client_for("team_lead").get(f"/en/insights/campaigns/{campaign.pk}/").content.decode()
    assert "Round 2 can open from" in page and 'value="open"' not in page
    with pytest.raises(services.InsightsError, match="Round 2 can open from"):
        open_round(campaign, today=today)  # the day after the first closed, and later
    with time_machine.travel(datetime.datetime.combine(earliest, datetime.time(9)), tick=False):
        page = (
            client_for("team_lead").get(f"/en/insights/campaigns/{campaign.pk}/").content.decode()
        )
        assert "Round 2 can open now." in page and 'value="open"' in page
    assert open_round(campaign, today=earliest).number == 2
