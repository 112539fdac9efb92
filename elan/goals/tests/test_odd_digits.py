# SPDX-License-Identifier: EUPL-1.2
"""A hub item named by digits that are not ASCII ("²"), or by a number past any id, is no hub
item, and no server error (issue 21, point 5: found by bench/fuzz.py)."""

from __future__ import annotations

import pytest

from elan.goals.models import Evidence, Goal
from elan.goals.tests.factories import matrix_cycle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("chosen", ["²", "٣", "9" * 30])
def test_a_goal_linked_to_a_hub_item_named_by_odd_digits_is_refused(personas, client_for, chosen):
    cycle = matrix_cycle(personas).cycle
    goals = Goal.objects.count()

    response = client_for("employee").post(
        f"/en/goals/{cycle.public_id}/goals/new/",
        {"kind": "development", "title": "Read more", "hub_pages": chosen},
    )

    assert response.status_code == 200
    assert "Choose hub items from the list." in response.content.decode()
    assert Goal.objects.count() == goals


@pytest.mark.parametrize("chosen", ["²", "٣", "9" * 30])
def test_a_hub_item_named_by_odd_digits_is_not_added_as_evidence(personas, client_for, chosen):
    cycle = matrix_cycle(personas).cycle
    evidence = Evidence.objects.count()

    response = client_for("employee").post(
        f"/en/goals/{cycle.public_id}/evidence/", {"action": "hub_item", "hub-choice": chosen}
    )

    assert response.status_code == 200
    assert Evidence.objects.count() == evidence
