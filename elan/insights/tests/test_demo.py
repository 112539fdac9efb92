# SPDX-License-Identifier: EUPL-1.2
import pytest

from elan.insights.demo import CLIMATE_TITLES, INNOVATION_TITLES, load_demo_insights
from elan.insights.models import Campaign, GroupResult, Participation
from elan.organisations.demo import load_demo_organisation

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_published_climate_rounds_and_an_open_round_the_personas_can_answer():
    load_demo_organisation()
    load_demo_insights()
    load_demo_insights()  # idempotent
    campaign = Campaign.objects.get(titles__en=CLIMATE_TITLES["en"])
    closed = campaign.rounds.filter(closed_on__isnull=False).values_list("number", flat=True)
    assert list(closed) == [1, 2]
    for number in (1, 2):
        assert GroupResult.objects.filter(
            round__campaign=campaign, round__number=number, released=True
        ).exists()
    open_survey = Campaign.objects.get(titles__en=INNOVATION_TITLES["en"])
    employee = Participation.objects.get(
        round__campaign=open_survey, user__email="employee@elan.example"
    )
    assert employee.responded_on is None


def test_the_demo_has_a_skills_survey_whose_heatmap_shows_units_and_skills(client):
    from elan.insights.demo import SKILLS_TITLES
    from elan.insights.instruments import SKILLS

    load_demo_organisation()
    load_demo_insights()
    load_demo_insights()  # idempotent
    campaign = Campaign.objects.get(titles__en=SKILLS_TITLES["en"])
    assert campaign.instrument == "skills" and campaign.rounds.count() == 1
    released = GroupResult.objects.filter(round__campaign=campaign, released=True, attribute="")
    units = {result.unit_code for result in released}
    assert len(units) >= 3, units  # the root's roll-up and units below it
    figures = released.get(family="scores", scope="subtree", unit_code="BOSA").figures
    assert set(SKILLS.measure_codes()) <= set(figures)
    from django.contrib.auth import get_user_model

    hr = get_user_model().objects.get(email="hr@elan.example")
    client.force_login(hr, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/en/insights/campaigns/{campaign.pk}/heatmap/?depth=all")
    assert page.status_code == 200
    assert "Data literacy" in page.content.decode()
