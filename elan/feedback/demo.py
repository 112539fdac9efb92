# SPDX-License-Identifier: EUPL-1.2
"""Demo 360 for ``manage.py demo_data``: Eva Peeters (employee@elan.example) asked her line
manager, four colleagues of her team and one partner outside the organisation; her line manager
(manager@elan.example) approved the list; all but the partner answered, so her report shows the
peers, the attributed manager, blind spots and comments. Deterministic and safe to run again:
nothing is added once Eva has a round."""

from __future__ import annotations

import datetime
import random
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments import services as assessment_services
from elan.assessments.models import Assessment
from elan.assessments.scoring import Scale, scored_value
from elan.assessments.selectors import active_instrument
from elan.core.vocabulary import InnovationSkill
from elan.feedback import selectors, services
from elan.feedback.models import FeedbackRound
from elan.organisations.models import StaffRecord

OWNER = "employee@elan.example"
MANAGER = "manager@elan.example"
PARTNER = "partner@example.org"
# How Eva sees herself, and how others see her: storytelling is a blind spot, data literacy a
# hidden strength, insurgency a growth skill the raters confirm.
SELF = {
    "iteration": 4,
    "data-literacy": 2,
    "user-centricity": 4,
    "curiosity": 5,
    "storytelling": 5,
    "insurgency": 2,
}
OTHERS = {
    "iteration": 4,
    "data-literacy": 4,
    "user-centricity": 4,
    "curiosity": 4,
    "storytelling": 3,
    "insurgency": 2,
}
COMMENTS = (
    "Eva asks the questions nobody else asks in our meetings.",
    "I would like to see her test ideas with users earlier.",
    "She explains our data better than she thinks.",
    "",
)


def _answers(instrument, values: dict[str, int], rng: random.Random) -> dict[str, int]:
    scale = instrument.scale
    recipe = Scale(scale.minimum, scale.maximum)
    answers = {}
    for item in instrument.items.select_related("subscale__competency"):
        wanted = values[item.subscale.competency.slug] + rng.choice((-1, 0, 0, 0, 1))
        wanted = min(scale.maximum, max(scale.minimum, wanted))
        # Mirroring is its own inverse: the raw answer that scores ``wanted``.
        answers[item.code] = scored_value(wanted, reverse=item.reverse, scale=recipe)
    return answers


@transaction.atomic
def load_demo_feedback() -> FeedbackRound | None:
    users = get_user_model().objects
    owner = users.filter(email=OWNER).first()
    instrument = active_instrument()
    if owner is None or instrument is None:
        return None
    existing = FeedbackRound.objects.filter(owner=owner).first()
    if existing is not None:
        return existing
    rng = random.Random(360)
    if not Assessment.objects.filter(owner=owner, status="submitted").exists():
        assessment, _created = assessment_services.assessment_start(
            owner=owner, instrument=instrument, token=uuid.UUID(int=360), language="nl"
        )
        assessment_services.assessment_save_step(
            assessment=assessment, answers=_answers(instrument, SELF, rng), next_step=1
        )
        assessment_services.assessment_submit(assessment=assessment)
    round_, _created = services.round_open(
        owner=owner,
        closes_on=timezone.localdate() + datetime.timedelta(days=21),
        token=uuid.UUID(int=3600),
    )
    raters = []
    manager = users.filter(email=MANAGER).first()
    if manager is not None:
        raters.append(
            (manager.email, "manager", "Ik zie Eva groeien als trekker van experimenten.")
        )
    # Real colleagues: active accounts on the chart, in Eva's team, neither her manager nor
    # people who report to her (they would be another group).
    colleagues = (
        StaffRecord.objects.filter(unit__code="BOSA-DGDT-NIDO", user__is_active=True)
        .exclude(user__email__endswith="@elan.example")
        .exclude(line_manager=owner)
        .select_related("user")
        .order_by("user__email")[:4]
    )
    for index, record in enumerate(colleagues):
        raters.append((record.user.email, "peer", COMMENTS[index % len(COMMENTS)]))
    answering = []
    for email, relationship, comment in raters:
        _invitation, secret = services.invitation_create(
            owner=owner, round_=round_, email=email, relationship=relationship, language="nl"
        )
        answering.append((relationship, comment, secret))
    services.invitation_create(
        owner=owner,
        round_=round_,
        email=PARTNER,
        relationship="external",
        name="Sam",
        language="en",
    )
    # Her line manager reviews the list before the invitations go out.
    round_ = services.round_send_list(owner=owner, round_=round_)
    if round_.in_review:
        reviewer = selectors.reviewers_of(owner)[0]
        round_ = services.round_approve(reviewer=reviewer, round_=round_)
    for relationship, comment, secret in answering:
        values = {**OTHERS, "insurgency": 3} if relationship == "manager" else OTHERS
        services.response_submit(
            secret=secret,
            answers=_answers(instrument, values, rng),
            comment=comment,
            language="nl",
        )
    # Closed, so that the report is there to read: it opens only when no more answers can come.
    round_ = services.round_close(owner=owner, round_=round_)
    assert set(SELF) == set(InnovationSkill.values)
    return round_
