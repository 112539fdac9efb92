# SPDX-License-Identifier: EUPL-1.2
"""Campaigns in every state, built through the same services the product uses.

``CampaignFactory`` makes a draft; the helpers open it, answer it and close it, so a test gets a
campaign whose thresholds were locked, whose chart was snapshotted and whose results the guard
published, exactly as in production.
"""

from __future__ import annotations

import datetime
import random

import factory
from django.utils import timezone

from elan.insights import services
from elan.insights.constants import CampaignStatus, InstrumentCode
from elan.insights.instruments import CHOICE, MULTIPLE, SCALE, instrument_for
from elan.insights.models import Campaign, Participation, Round
from elan.organisations.tests.factories import UnitFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    # ``title="..."`` gives the campaign that title in English, the fallback every reader sees.
    titles = factory.LazyAttribute(lambda c: {"en": c.title})
    instrument = InstrumentCode.CLIMATE
    unit = factory.SubFactory(UnitFactory)
    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyAttribute(lambda c: c.opens_on + datetime.timedelta(days=14))
    planned_rounds = 3
    round_interval_days = 30
    min_group = 5
    min_comments = 10
    min_raters = 3
    team_first_days = 14

    class Params:
        title = factory.Sequence(lambda n: f"Team climate {n}")
        innovation = factory.Trait(instrument=InstrumentCode.INNOVATION, title="Innovation 2026")
        skills = factory.Trait(instrument=InstrumentCode.SKILLS, title="Team skills 2026")


def answers_for(instrument_code: str, value: int = 4, rng: random.Random | None = None) -> dict:
    """A complete, valid answer set: every scale item at ``value`` (or random with ``rng``)."""
    instrument = instrument_for(instrument_code)
    answers: dict[str, object] = {}
    for item in instrument.items:
        if item.kind == SCALE:
            answers[item.code] = str(rng.randint(1, 5) if rng else value)
        elif item.kind == CHOICE:
            options = [o.code for o in item.options]
            answers[item.code] = rng.choice(options) if rng else options[0]
        elif item.kind == MULTIPLE:
            options = [o.code for o in item.options]
            answers[item.code] = rng.sample(options, rng.randint(0, 2)) if rng else options[:1]
    return answers


def open_round(campaign: Campaign, *, by=None, today: datetime.date | None = None) -> Round:
    """Open the next round, by default on the first day the campaign's schedule allows."""
    if today is None:
        from elan.insights.selectors import next_round_opens_on

        earliest = next_round_opens_on(campaign=campaign)
        today = max(timezone.localdate(), earliest) if earliest else None
    services.campaign_transition(campaign=campaign, to=CampaignStatus.OPEN, by=by, today=today)
    return campaign.rounds.order_by("-number").first()


def answer(round_: Round, user, *, value: int = 4, comment: str = "", rng=None, today=None):
    services.response_submit(
        round_id=round_.pk,
        user=user,
        answers=answers_for(round_.campaign.instrument, value, rng),
        comment=comment,
        today=today or round_.opens_on,
    )


def close_round(campaign: Campaign, *, by=None, today: datetime.date | None = None) -> Round:
    round_ = campaign.rounds.filter(closed_on__isnull=True).get()
    services.campaign_transition(
        campaign=campaign, to=CampaignStatus.CLOSED, by=by, today=today or round_.closes_on
    )
    round_.refresh_from_db()
    return round_


def invited(round_: Round):
    return [p.user for p in Participation.objects.filter(round=round_).select_related("user")]


def insights_matrix_campaign(personas, state: str = "published") -> Campaign:
    """A campaign on the personas' team for the persona × URL matrix.

    "draft": not opened; "open": round 1 open for the team grown to six, nobody answered;
    "published": the same team answered with comments and the round closed, so the results are
    published. (A round needs at least five invited people to open.)
    """
    from elan.organisations.tests.factories import person_in

    campaign = CampaignFactory(unit=personas.team, title=f"Matrix {state}")
    if state == "draft":
        return campaign
    for _ in range(3):
        person_in(personas.team)
    round_ = open_round(campaign)
    if state == "published":
        for user in invited(round_):
            answer(round_, user, comment="A remark.")
        close_round(campaign)
    return campaign


def insights_matrix_action(personas, *, today: datetime.date | None = None):
    """An action of the team's plan, owned by the employee, added on ``today`` (by default the
    day the round closed, so that its check is not due yet)."""
    campaign = insights_matrix_campaign(personas)
    round_ = campaign.rounds.get()
    return services.action_add(
        round_=round_,
        unit_code=personas.team.code,
        by=personas.team_lead,
        measure="psychological-safety",
        title="Open each meeting with what did not go well",
        owner=personas.employee,
        today=today or round_.closed_on,
    )
