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


def test_the_people_who_moved_a_campaign_or_shared_results_get_it_and_lose_it(
    personas, closed_round
):
    from elan.insights import services
    from elan.insights.models import CampaignEvent, ReleaseEvent

    campaign = closed_round.campaign
    CampaignEvent.objects.filter(campaign=campaign).update(by=personas.hr)
    release = services.release_share(
        round_=closed_round,
        unit_code=personas.team.code,
        by=personas.team_lead,
        parts=["psychological-safety"],
    )
    assert [(e.by, e.added) for e in release.events.all()] == [
        (personas.team_lead, ["psychological-safety"])
    ]

    moves = export_insights(personas.hr)["campaign_status_changes"]
    assert [(move["from"], move["to"], move["round"]) for move in moves] == [
        ("draft", "open", 1),
        ("open", "closed", 1),
    ]
    assert export_insights(personas.team_lead)["results_shared"] == [
        {
            "unit": personas.team.code,
            "on": release.released_on.isoformat(),
            "parts": ["psychological-safety"],
        }
    ]

    erase_insights(user=personas.hr, now=timezone.now())
    erase_insights(user=personas.team_lead, now=timezone.now())
    assert CampaignEvent.objects.filter(campaign=campaign).count() == 2  # the history stays
    assert not CampaignEvent.objects.filter(by__isnull=False).exists()
    assert not ReleaseEvent.objects.filter(by__isnull=False).exists()
