# SPDX-License-Identifier: EUPL-1.2
import datetime
import html

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from elan.assessments.demo import DEMO_TEAM, EMPLOYEE, load_demo_plan, load_demo_team_mix
from elan.assessments.home import plan_state
from elan.assessments.models import PlanStep, TeamMixConsent, TeamMixPeriod
from elan.assessments.shipped import load_shipped_instruments
from elan.assessments.tests.factories import SPIKY, submitted_assessment
from elan.core.modules import ModuleStatus
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
    # Eleven of Nido's fifteen colleagues, three of the web team, six of the data team.
    assert TeamMixConsent.objects.count() == 20
    assert TeamMixPeriod.objects.count() == 1
    # The personas have not chosen: Eva can try the choice herself.
    assert not TeamMixConsent.objects.filter(owner__email__endswith="@elan.example").exists()
    from django.contrib.auth import get_user_model

    lead = get_user_model().objects.get(email=personas["team_lead"].email)
    client = Client()
    client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    unit = Unit.objects.get(code=DEMO_TEAM)
    page = html.unescape(client.get(f"/en/assessments/team/{unit.pk}/").content.decode())
    assert "Across 11 people, the team is strongest in Curiosity" in page
    assert "hidden: too few people" not in page


def test_eva_s_demo_plan_has_a_step_due_in_five_days_that_her_home_page_lists():
    load_demo_organisation()
    load_shipped_frameworks()
    load_shipped_instruments()
    eva = get_user_model().objects.get(email=EMPLOYEE)
    submitted_assessment(eva, SPIKY)
    load_demo_plan()
    load_demo_plan()  # safe to run again

    [due] = PlanStep.objects.filter(owner=eva, due_on__isnull=False)
    assert due.status == "in_progress"
    assert due.due_on == timezone.localdate() + datetime.timedelta(days=5)
    assert [s.status for s in plan_state(eva)] == [ModuleStatus.IN_PROGRESS, ModuleStatus.WAITING]
