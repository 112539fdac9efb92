# SPDX-License-Identifier: EUPL-1.2
"""Demo surveys for ``manage.py demo_data``: a climate campaign for BOSA whose first round
closed weeks ago (its results have gone up the line) and whose second round is open now, so the
demo personas can both answer and read results; and a skills survey for BOSA whose one round
closed long enough ago that its skills heatmap shows across the whole chart. Deterministic and
safe to run again."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments.scoring import scored_value
from elan.insights import services
from elan.insights.constants import CampaignStatus, InstrumentCode
from elan.insights.instruments import AGREEMENT_SCALE, CHOICE, MULTIPLE, SCALE, instrument_for
from elan.insights.models import Campaign, Participation
from elan.organisations.models import Unit

DEMO_UNIT = "BOSA"
DEMO_TITLE = "BOSA team climate 2026"
DEMO_SKILLS_TITLE = "BOSA innovation skills 2026"
DEMO_HR = "hr@elan.example"
# The personas answer themselves, in the open round.
KEEP_FOR_THE_DEMO = {"employee@elan.example", "manager@elan.example", "teamlead@elan.example"}


def _answers(rng: random.Random, instrument_code: str, mood: float) -> dict[str, object]:
    answers: dict[str, object] = {}
    for item in instrument_for(instrument_code).items:
        if item.kind == SCALE:
            value = min(5, max(1, round(rng.gauss(mood, 0.9))))
            # Mirroring is its own inverse: the raw answer that scores ``value``.
            answers[item.code] = str(
                scored_value(value, reverse=item.reverse, scale=AGREEMENT_SCALE)
            )
        elif item.kind == CHOICE:
            answers[item.code] = rng.choice([o.code for o in item.options])
        elif item.kind == MULTIPLE:
            answers[item.code] = rng.sample([o.code for o in item.options], rng.randint(0, 2))
    return answers


def _answer_round(round_, rng: random.Random, rate: float, keep: set[str]) -> None:
    moods: dict[str, float] = {}
    participations = (
        Participation.objects.filter(round=round_, responded_on__isnull=True)
        .select_related("user")
        .order_by("user__email")
    )
    for participation in participations:
        if participation.user.email in keep or rng.random() > rate:
            continue
        mood = moods.setdefault(participation.unit_code, rng.uniform(2.8, 4.3))
        services.response_submit(
            round_id=round_.pk,
            user=participation.user,
            answers=_answers(rng, round_.campaign.instrument, mood),
            comment=rng.choice(
                [
                    "",
                    "",
                    "",
                    "Meer tijd om samen te verbeteren.",
                    "Les réunions d'équipe sont plus ouvertes qu'avant.",
                ]
            ),
            today=round_.opens_on + datetime.timedelta(days=rng.randint(0, 6)),
        )


@transaction.atomic
def load_demo_insights() -> None:
    unit = Unit.objects.filter(code=DEMO_UNIT).first()
    hr = get_user_model().objects.filter(email=DEMO_HR).first()
    if unit is None or hr is None:
        return
    today = timezone.localdate()
    if not Campaign.objects.filter(title=DEMO_TITLE).exists():
        _load_climate(unit, hr, today)
    if not Campaign.objects.filter(title=DEMO_SKILLS_TITLE).exists():
        _load_skills(unit, hr, today)


def _load_skills(unit, hr, today: datetime.date) -> None:
    """One closed round, 60 days ago: past the team-first period, so HR sees every unit."""
    rng = random.Random(2027)
    opens_on = today - datetime.timedelta(days=60)
    campaign = services.campaign_create(
        by=hr,
        unit=unit,
        title=DEMO_SKILLS_TITLE,
        instrument=InstrumentCode.SKILLS,
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=14),
    )
    services.campaign_transition(
        campaign=campaign, to=CampaignStatus.OPEN, by=hr, today=opens_on, notify=False
    )
    _answer_round(campaign.rounds.get(number=1), rng, rate=0.9, keep=set())
    services.campaign_transition(
        campaign=campaign,
        to=CampaignStatus.CLOSED,
        by=hr,
        today=opens_on + datetime.timedelta(days=14),
    )


def _load_climate(unit, hr, today: datetime.date) -> None:
    rng = random.Random(2026)
    first = today - datetime.timedelta(days=45)
    campaign = services.campaign_create(
        by=hr,
        unit=unit,
        title=DEMO_TITLE,
        instrument=InstrumentCode.CLIMATE,
        opens_on=first,
        closes_on=first + datetime.timedelta(days=14),
        planned_rounds=2,
        round_interval_days=30,
    )
    services.campaign_transition(
        campaign=campaign, to=CampaignStatus.OPEN, by=hr, today=first, notify=False
    )
    _answer_round(campaign.rounds.get(number=1), rng, rate=0.85, keep=set())
    services.campaign_transition(
        campaign=campaign,
        to=CampaignStatus.CLOSED,
        by=hr,
        today=first + datetime.timedelta(days=14),
    )
    second = today - datetime.timedelta(days=2)
    services.campaign_transition(
        campaign=campaign, to=CampaignStatus.OPEN, by=hr, today=second, notify=False
    )
    _answer_round(campaign.rounds.get(number=2), rng, rate=0.5, keep=KEEP_FOR_THE_DEMO)
