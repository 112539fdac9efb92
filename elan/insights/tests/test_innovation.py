# SPDX-License-Identifier: EUPL-1.2
"""The organisation innovation self-assessment: per unit, shown per level of the chart."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from elan.insights.instruments import INNOVATION
from elan.insights.models import Answer
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, close_round, open_round
from elan.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_the_self_assessment_asks_the_five_questions_of_the_barometers():
    codes = [item.code for item in INNOVATION.items]
    assert codes == ["introduced", "types", "sources", "barriers", "benefits"]


@pytest.fixture
def innovation_round(personas, client_for):
    """Two directorates with two teams each; everyone answers through the form."""
    units = []
    for directorate_code in ("DIR-1", "DIR-2"):
        directorate = UnitFactory(parent=personas.organisation, code=directorate_code)
        for suffix in ("A", "B"):
            team = UnitFactory(parent=directorate, code=f"{directorate_code}-{suffix}")
            units.append(team)
            grow(team, 5)
    # Ordered siblings can shift the team's materialised path: read it afresh.
    personas.team.refresh_from_db()
    personas.organisation.refresh_from_db()
    campaign = CampaignFactory(unit=personas.organisation, innovation=True)
    round_ = open_round(campaign)
    for index, participation in enumerate(round_.participations.select_related("user")):
        if participation.unit_code in (personas.organisation.code, personas.team.code):
            continue
        client = client_for("visitor")
        client.force_login(participation.user, backend="django.contrib.auth.backends.ModelBackend")
        yes = index % 2 == 0
        response = client.post(
            f"/en/insights/campaigns/{campaign.pk}/answer/",
            {
                "introduced": "yes" if yes else "no",
                "types": ["service", "digital"] if yes else [],
                "sources": ["staff"],
                "barriers": ["time", "rules"],
                "benefits": ["quality"] if yes else [],
            },
        )
        assert response.status_code == 302, response.content.decode()[:500]
    return campaign, close_round(campaign)


def test_ticks_are_stored_as_shares_per_option(innovation_round):
    assert set(Answer.objects.filter(item="sources").values_list("score", flat=True)) == {0.0, 1.0}
    assert Answer.objects.filter(item="introduced", score=1.0).exists()


def test_results_show_per_level_of_the_chart_under_the_same_guard(
    personas, client_for, innovation_round
):
    campaign, round_ = innovation_round
    day = round_.goes_up_on
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(9)), tick=False):
        client = client_for("hr")
        body = client.get(f"/api/insights/campaigns/{campaign.pk}/heatmap?depth=3").json()
        by_unit = {row["unit"]: row for row in body["rows"]}
        assert {row["depth"] for row in body["rows"]} == {0, 1, 2}
        assert by_unit["DIR-1"]["status"] == "released"
        assert by_unit["DIR-1"]["figure"]["figures"]["barrier-time"] == 1.0
        assert 0 < by_unit["DIR-1"]["figure"]["figures"]["introduced"] < 1
        page = client.get(
            f"/en/insights/campaigns/{campaign.pk}/heatmap/?depth=all&section=barriers"
        ).content.decode()
        assert "Too little time or too few people" in page and "100 %" in page
        # The guard treats these groups like any other: no released subtraction isolates
        # fewer than five people (checked for every output in test_attacker.py).
        released = [row for row in body["rows"] if row["status"] == "released"]
        assert all(row["figure"]["n"] >= 5 for row in released)
