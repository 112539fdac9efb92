# SPDX-License-Identifier: EUPL-1.2
"""Demo team skill mix for ``manage.py demo_data``: the seven colleagues of Nido (the team lead
Tom Claes's unit) have taken the self-assessment and chose to count in their team's skill mix,
and this month's snapshot is taken, so the team lead sees a real mix with strong and weak
skills. The personas themselves have not chosen, so Eva can try the choice on her sharing page.
Deterministic and safe to run again: nobody is added twice, and a month's snapshot is taken
once."""

from __future__ import annotations

import random
import uuid

from django.db import transaction

from elan.assessments import services
from elan.assessments.models import Assessment
from elan.assessments.scoring import Scale, scored_value
from elan.assessments.selectors import active_instrument
from elan.assessments.team import snapshot_take
from elan.organisations.models import StaffRecord

DEMO_TEAM = "BOSA-DGDT-NIDO"
PERSONA_DOMAIN = "@elan.example"
# The team's picture: curious and user-centred, less at ease with data and with pushing back.
TEAM_LEANING = {
    "iteration": 3.5,
    "data-literacy": 2.5,
    "user-centricity": 4,
    "curiosity": 4.5,
    "storytelling": 3,
    "insurgency": 2.5,
}


def _answers(instrument, rng: random.Random) -> dict[str, int]:
    scale = instrument.scale
    recipe = Scale(scale.minimum, scale.maximum)
    answers = {}
    for item in instrument.items.select_related("subscale__competency").order_by("position"):
        wanted = round(TEAM_LEANING[item.subscale.competency.slug] + rng.choice((-1, 0, 0, 1)))
        wanted = min(scale.maximum, max(scale.minimum, wanted))
        # Mirroring is its own inverse: the raw answer that scores ``wanted``.
        answers[item.code] = scored_value(wanted, reverse=item.reverse, scale=recipe)
    return answers


@transaction.atomic
def load_demo_team_mix() -> None:
    instrument = active_instrument()
    if instrument is None:
        return
    rng = random.Random(13)
    colleagues = (
        StaffRecord.objects.filter(unit__code=DEMO_TEAM, user__is_active=True)
        .exclude(user__email__endswith=PERSONA_DOMAIN)
        .select_related("user")
        .order_by("external_id")
    )
    for number, record in enumerate(colleagues):
        person = record.user
        if not Assessment.objects.filter(owner=person, status="submitted").exists():
            assessment, _created = services.assessment_start(
                owner=person,
                instrument=instrument,
                token=uuid.UUID(int=130_000 + number),
                language=person.preferred_language or "nl",
            )
            services.assessment_save_step(
                assessment=assessment, answers=_answers(instrument, rng), next_step=1
            )
            services.assessment_submit(assessment=assessment)
        services.team_mix_join(owner=person)
    # What ``assessments_daily`` does on the first day of the month.
    snapshot_take()
