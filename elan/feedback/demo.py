# SPDX-License-Identifier: EUPL-1.2
"""Demo 360s for ``manage.py demo_data``, each at another point of its way:

- **Eva Peeters** (employee@elan.example) asked her line manager, four colleagues of her team
  and one partner outside the organisation; her line manager (manager@elan.example) approved the
  list; all but the partner answered and the round is closed, so her report shows the peers, the
  attributed manager, blind spots and comments. She shared it with her line manager.
- **A colleague of Nido** asked Eva, Marie Dubois (the line manager persona) and Tom Claes (the
  team lead, as line manager) among others; the list was approved and two peers answered, so the
  three personas each have an invitation waiting for them.
- **Marie Dubois** has sent her rater list: it waits for Tom Claes's review.
- **The head of BOSA** has no line manager, so his list waits for HR's review (hr@elan.example).

Deterministic and safe to run again: an owner who has a round already gets nothing new.
"""

from __future__ import annotations

import datetime
import random
import uuid
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments.demo import self_assessment_submit
from elan.assessments.scoring import Scale, scored_value
from elan.assessments.selectors import active_instrument
from elan.core.vocabulary import InnovationSkill
from elan.feedback import selectors, services
from elan.feedback.models import FeedbackRound
from elan.organisations.demo import demo_colleagues

OWNER = "employee@elan.example"
MANAGER = "manager@elan.example"
TEAM_LEAD = "teamlead@elan.example"
PARTNER = "partner@example.org"
DEMO_TEAM = "BOSA-DGDT-NIDO"
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
# Everyone else who starts a round sees themselves about like this.
ANYONE = {
    "iteration": 3,
    "data-literacy": 3,
    "user-centricity": 4,
    "curiosity": 4,
    "storytelling": 3,
    "insurgency": 3,
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


def _self_assessment(owner, instrument, values, rng: random.Random, token: int) -> None:
    """A submitted self-assessment, which a 360 round starts from; one that exists is kept."""
    self_assessment_submit(
        owner=owner,
        instrument=instrument,
        answers=partial(_answers, instrument, values, rng),
        token=token,
    )


def _nido_colleagues(*, exclude=None) -> list:
    """Active colleagues of Nido who are not personas, in a fixed order; with ``exclude``, not
    those who report to that person."""
    return [
        colleague
        for colleague in demo_colleagues(unit__code=DEMO_TEAM)
        if exclude is None or colleague.staff_record.line_manager_id != exclude.pk
    ]


@transaction.atomic
def load_demo_feedback() -> FeedbackRound | None:
    """Every demo 360; returns Eva's."""
    instrument = active_instrument()
    owner = get_user_model().objects.filter(email=OWNER).first()
    if owner is None or instrument is None:
        return None
    eva_round = _load_eva(owner, instrument)
    _load_colleague_asking(instrument)
    _load_manager_in_review(instrument)
    _load_head_in_review(instrument)
    return eva_round


def _load_eva(owner, instrument) -> FeedbackRound:
    users = get_user_model().objects
    existing = FeedbackRound.objects.filter(owner=owner).first()
    if existing is not None:
        return existing
    rng = random.Random(360)
    _self_assessment(owner, instrument, SELF, rng, 360)
    # Started yesterday and closing today, so that the closed round's closing date does not lie
    # ahead: raters answer on the day itself (a rater's answer carries the day it came in).
    today = timezone.localdate()
    round_, _created = services.round_open(
        owner=owner,
        closes_on=today,
        token=uuid.UUID(int=3600),
        today=today - datetime.timedelta(days=1),
    )
    raters = []
    manager = users.filter(email=MANAGER).first()
    if manager is not None:
        raters.append(
            (manager.email, "manager", "Ik zie Eva groeien als trekker van experimenten.")
        )
    # Real colleagues: active accounts on the chart, in Eva's team, neither her manager nor
    # people who report to her (they would be another group).
    for index, colleague in enumerate(_nido_colleagues(exclude=owner)[:4]):
        raters.append((colleague.email, "peer", COMMENTS[index % len(COMMENTS)]))
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
    if manager is not None:
        services.report_share_create(owner=owner, round_=round_, grantee=manager)
    assert set(SELF) == set(InnovationSkill.values)
    return round_


def _load_colleague_asking(instrument) -> None:
    """A colleague's round, open for ten more days: the personas have not answered yet."""
    users = get_user_model().objects
    colleagues = _nido_colleagues()
    if len(colleagues) < 8:
        return
    owner, *others = colleagues
    if FeedbackRound.objects.filter(owner=owner).exists():
        return
    rng = random.Random(361)
    _self_assessment(owner, instrument, ANYONE, rng, 361)
    round_, _created = services.round_open(
        owner=owner,
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
        token=uuid.UUID(int=3610),
    )
    waiting = [
        (email, relationship)
        for email, relationship in (
            (TEAM_LEAD, "manager"),
            (OWNER, "peer"),
            (MANAGER, "peer"),
        )
        if users.filter(email=email).exists()
    ]
    answering = [(colleague.email, "peer") for colleague in others[4:8]]
    secrets = []
    for email, relationship in [*waiting, *answering]:
        _invitation, secret = services.invitation_create(
            owner=owner, round_=round_, email=email, relationship=relationship
        )
        if (email, relationship) in answering:
            secrets.append(secret)
    round_ = services.round_send_list(owner=owner, round_=round_)
    if round_.in_review:
        round_ = services.round_approve(reviewer=selectors.reviewers_of(owner)[0], round_=round_)
    for secret in secrets[:2]:
        services.response_submit(
            secret=secret, answers=_answers(instrument, ANYONE, rng), language="nl"
        )


def _load_manager_in_review(instrument) -> None:
    """Marie Dubois has chosen her raters; the list waits for her line manager, Tom Claes."""
    owner = get_user_model().objects.filter(email=MANAGER).first()
    if owner is None or FeedbackRound.objects.filter(owner=owner).exists():
        return
    rng = random.Random(362)
    _self_assessment(owner, instrument, ANYONE, rng, 362)
    round_, _created = services.round_open(
        owner=owner,
        closes_on=timezone.localdate() + datetime.timedelta(days=28),
        token=uuid.UUID(int=3620),
    )
    raters = [(OWNER, "direct_report")] + [
        (colleague.email, "peer") for colleague in _nido_colleagues(exclude=owner)[8:11]
    ]
    for email, relationship in raters:
        services.invitation_create(
            owner=owner, round_=round_, email=email, relationship=relationship
        )
    services.round_send_list(owner=owner, round_=round_)


def _load_head_in_review(instrument) -> None:
    """The head of BOSA has no line manager: HR within scope reviews his list."""
    heads = demo_colleagues(unit__code="BOSA", line_manager__isnull=True)
    if not heads or FeedbackRound.objects.filter(owner=heads[0]).exists():
        return
    owner = heads[0]
    rng = random.Random(363)
    _self_assessment(owner, instrument, ANYONE, rng, 363)
    round_, _created = services.round_open(
        owner=owner,
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
        token=uuid.UUID(int=3630),
    )
    for report in demo_colleagues(line_manager=owner)[:4]:
        services.invitation_create(
            owner=owner, round_=round_, email=report.email, relationship="direct_report"
        )
    services.invitation_create(
        owner=owner,
        round_=round_,
        email="partner.bosa@example.org",
        relationship="external",
        name="Alex",
    )
    services.round_send_list(owner=owner, round_=round_)
