# SPDX-License-Identifier: EUPL-1.2
"""Builders for self-assessments that go through the same services as the product."""

from __future__ import annotations

import uuid
from datetime import datetime

from elan.assessments import services
from elan.assessments.models import Assessment, Instrument, Share
from elan.assessments.selectors import INSTRUMENT_SLUG
from elan.assessments.shipped import load_shipped_instruments
from elan.core.vocabulary import InnovationSkill


def instrument() -> Instrument:
    existing = Instrument.objects.filter(slug=INSTRUMENT_SLUG).first()
    return existing or load_shipped_instruments()[0]


def answers_for(target: Instrument, skill_values: dict[str, int] | int) -> dict[str, int]:
    """Raw answers that score ``skill_values`` per skill (reverse items get the mirrored answer)."""
    scale = target.scale
    answers = {}
    for item in target.items.select_related("subscale__competency"):
        wanted = (
            skill_values
            if isinstance(skill_values, int)
            else skill_values.get(item.subscale.competency.slug)
        )
        if wanted is None:
            continue
        answers[item.code] = scale.minimum + scale.maximum - wanted if item.reverse else wanted
    return answers


def in_progress_assessment(owner, *, answers: dict[str, int] | None = None) -> Assessment:
    target = instrument()
    assessment, _created = services.assessment_start(
        owner=owner, instrument=target, token=uuid.uuid4(), language="en"
    )
    if answers:
        services.assessment_save_step(assessment=assessment, answers=answers, next_step=1)
    return assessment


def submitted_assessment(
    owner, skill_values: dict[str, int] | int = 3, *, submitted_at: datetime | None = None
) -> Assessment:
    target = instrument()
    assessment = in_progress_assessment(owner, answers=answers_for(target, skill_values))
    assessment = services.assessment_submit(assessment=assessment)
    if submitted_at is not None:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=submitted_at)
        assessment.refresh_from_db()
    return assessment


def share(owner, grantee, kind: str = "mentor") -> Share:
    return services.share_create(owner=owner, grantee=grantee, kind=kind)


SPIKY = {
    InnovationSkill.ITERATION: 5,
    InnovationSkill.DATA_LITERACY: 2,
    InnovationSkill.USER_CENTRICITY: 4,
    InnovationSkill.CURIOSITY: 5,
    InnovationSkill.STORYTELLING: 3,
    InnovationSkill.INSURGENCY: 1,
}
