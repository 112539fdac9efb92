# SPDX-License-Identifier: EUPL-1.2
"""A page number or a unit id made of digits that are not ASCII ("²") is no number, and no
server error (issue 21, point 5: found by bench/fuzz.py)."""

from __future__ import annotations

import pytest

from elan.insights.models import Campaign, Response
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, open_round

pytestmark = pytest.mark.django_db


def test_a_survey_page_numbered_with_odd_digits_stores_no_answer(personas, client_for):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    open_round(campaign)

    response = client_for("employee").post(
        f"/en/insights/campaigns/{campaign.pk}/answer/", {"page": "²", "action": "next"}
    )

    assert response.status_code == 200
    assert not Response.objects.exists()


def test_a_unit_chosen_with_odd_digits_is_not_found(personas, client_for):
    response = client_for("hr").post(
        "/en/insights/campaigns/new/",
        {"title_en": "Climate 2027", "instrument": "climate", "unit": "²"},
    )

    assert response.status_code == 200
    assert "We could not find that unit." in response.content.decode()
    assert not Campaign.objects.exists()
