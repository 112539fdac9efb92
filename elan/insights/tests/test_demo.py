# SPDX-License-Identifier: EUPL-1.2
import pytest

from elan.insights.demo import DEMO_TITLE, load_demo_insights
from elan.insights.models import Campaign, GroupResult, Participation
from elan.organisations.demo import load_demo_organisation

pytestmark = pytest.mark.django_db


def test_the_demo_has_published_results_and_an_open_round_the_personas_can_answer(client):
    load_demo_organisation()
    load_demo_insights()
    load_demo_insights()  # idempotent
    campaign = Campaign.objects.get(title=DEMO_TITLE)
    assert campaign.rounds.count() == 2
    assert GroupResult.objects.filter(round__number=1, released=True).exists()
    employee = Participation.objects.get(round__number=2, user__email="employee@elan.example")
    assert employee.responded_on is None
