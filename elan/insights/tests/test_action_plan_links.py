# SPDX-License-Identifier: EUPL-1.2
"""The action plan links to the check form only for those who may record the check."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from elan.insights.models import Action
from elan.insights.tests.factories import insights_matrix_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_action(personas):
    """The employee's action on the team's plan, its check due today."""
    action = insights_matrix_action(personas)
    Action.objects.filter(pk=action.pk).update(check_due_on=timezone.localdate())
    action.refresh_from_db()
    return action


def plan_and_check_urls(action) -> tuple[str, str]:
    round_ = action.plan.round
    with translation.override("en"):
        plan = reverse(
            "insights:action_plan", kwargs={"pk": round_.campaign_id, "code": action.plan.unit_code}
        )
        check = reverse("insights:action_check", kwargs={"pk": action.pk})
    return plan, check


@pytest.mark.parametrize("persona", ["employee", "team_lead"])
def test_the_owner_and_the_lead_find_the_due_check_in_the_action_plan(
    client_for, due_action, persona
):
    plan, check = plan_and_check_urls(due_action)
    client = client_for(persona)
    assert f'href="{check}"' in client.get(plan).content.decode()
    assert client.get(check).status_code == 200


def test_a_team_member_who_may_not_record_the_check_is_not_sent_to_it(client_for, due_action):
    plan, check = plan_and_check_urls(due_action)
    client = client_for("line_manager")
    page = client.get(plan).content.decode()
    assert f'href="{check}"' not in page, "a link to a page that answers 404"
    assert client.get(check).status_code == 404
    assert "due on" in page
