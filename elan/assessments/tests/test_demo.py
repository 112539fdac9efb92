# SPDX-License-Identifier: EUPL-1.2
import html

import pytest
from django.test import Client

from elan.assessments.demo import DEMO_TEAM, load_demo_team_mix
from elan.assessments.models import TeamMixConsent, TeamMixPeriod
from elan.assessments.shipped import load_shipped_instruments
from elan.organisations.demo import load_demo_organisation
from elan.organisations.models import Unit
from elan.skills.shipped import load_shipped_frameworks

pytestmark = pytest.mark.django_db


def test_the_demo_team_lead_sees_a_real_skill_mix_of_colleagues_who_chose_to_count():
    personas = {persona.key: persona for persona in load_demo_organisation()}
    load_shipped_frameworks()
    load_shipped_instruments()
    load_demo_team_mix()
    load_demo_team_mix()  # safe to run again
    assert TeamMixConsent.objects.count() == 7
    assert TeamMixPeriod.objects.count() == 1
    # The personas have not chosen: Eva can try the choice herself.
    assert not TeamMixConsent.objects.filter(owner__email__endswith="@elan.example").exists()
    from django.contrib.auth import get_user_model

    lead = get_user_model().objects.get(email=personas["team_lead"].email)
    client = Client()
    client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    unit = Unit.objects.get(code=DEMO_TEAM)
    page = html.unescape(client.get(f"/en/assessments/team/{unit.pk}/").content.decode())
    assert "Across 7 people, the team is strongest in Curiosity" in page
    assert "hidden: too few people" not in page
