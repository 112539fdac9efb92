# SPDX-License-Identifier: EUPL-1.2
"""Export, erasure and retention of what the insights app holds about people."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from elan.insights.models import GroupResult, Participation, Response
from elan.insights.personal_data import (
    erase_insights,
    export_insights,
    purge_anonymous_answers,
    purge_participations,
)
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, answer, close_round, invited, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round(personas):
    grow(personas.team, 3)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for user in invited(round_):
        answer(round_, user)
    return close_round(campaign)


def test_the_export_says_whether_a_person_answered_but_never_what(personas, closed_round):
    data = export_insights(personas.employee)
    assert data["survey_invitations"] == [
        {"campaign": closed_round.campaign.title, "round": 1, "invited_at": None, "answered": True}
    ]
    assert "cannot be found" in data["survey_answers"]
    assert "ps-raise" not in str(data)


def test_erasure_forgets_the_invitation_and_keeps_the_published_aggregates(personas, closed_round):
    erase_insights(user=personas.employee, now=timezone.now())
    assert not Participation.objects.filter(user=personas.employee).exists()
    assert Response.objects.count() == 6
    assert GroupResult.objects.filter(released=True).exists()


def test_retention_purges_participations_then_answers_and_keeps_the_aggregates(closed_round):
    closed = datetime.datetime.combine(
        closed_round.closed_on, datetime.time(12), tzinfo=datetime.UTC
    )
    assert purge_participations(now=closed + datetime.timedelta(days=90)) == 0
    assert purge_participations(now=closed + datetime.timedelta(days=92)) == 6
    assert purge_anonymous_answers(now=closed + datetime.timedelta(days=3 * 365)) == 0
    assert purge_anonymous_answers(now=closed + datetime.timedelta(days=3 * 365 + 2)) > 0
    assert not Response.objects.exists()
    assert GroupResult.objects.filter(released=True).exists()
