# SPDX-License-Identifier: EUPL-1.2
"""An id made of digits that are not ASCII ("²") is no id, and no server error (issue 21, point 5:
found by bench/fuzz.py)."""

from __future__ import annotations

import pytest

from elan.feedback.models import Invitation
from elan.feedback.tests.factories import invite, open_round

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("chosen", ["²", "٣", "①"])
def test_removing_a_rater_named_by_odd_digits_removes_nobody(personas, client_for, chosen):
    round_ = open_round(personas.employee)
    invite(round_)

    response = client_for("employee").post(
        f"/en/feedback/{round_.public_id}/", {"action": "remove", "invitation": chosen}
    )

    assert response.status_code == 302
    assert Invitation.objects.filter(round=round_).count() == 1
