# SPDX-License-Identifier: EUPL-1.2
"""Builders for 360 rounds that go through the same services as the product.

Traits: ``feedback_round(owner, raters={"peer": 3, "direct_report": 2})`` invites and answers that
many raters per group; ``answered=False`` leaves them invited only; ``close=True`` closes the
round, which opens the report.
"""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from elan.assessments.tests.factories import answers_for, instrument, submitted_assessment
from elan.feedback import services
from elan.feedback.models import FeedbackRound

_counter = {"n": 0}


def open_round(owner, *, days: int = 14, self_values=3) -> FeedbackRound:
    if not owner.assessments.filter(status="submitted").exists():
        submitted_assessment(owner, self_values)
    round_, _created = services.round_open(
        owner=owner,
        closes_on=timezone.localdate() + datetime.timedelta(days=days),
        token=uuid.uuid4(),
    )
    return round_


def invite(round_: FeedbackRound, relationship: str = "peer", *, email: str | None = None):
    """(invitation, secret) for a new outside rater of the given group."""
    _counter["n"] += 1
    email = email or f"rater{_counter['n']}@outside.example"
    return services.invitation_create(
        owner=round_.owner, round_=round_, email=email, relationship=relationship
    )


def answer(round_: FeedbackRound, secret: str, values=3, comment: str = ""):
    return services.response_submit(
        secret=secret,
        answers=answers_for(instrument(), values),
        comment=comment,
        language="en",
    )


def feedback_round(
    owner,
    *,
    raters: dict[str, int] | None = None,
    values=3,
    comments: bool = False,
    self_values=3,
    answered: bool = True,
    group_values: dict | None = None,
    close: bool = False,
) -> FeedbackRound:
    round_ = open_round(owner, self_values=self_values)
    for relationship, count in (raters or {}).items():
        for number in range(count):
            _invitation, secret = invite(round_, relationship)
            if answered:
                rater_values = (group_values or {}).get(relationship, values)
                answer(
                    round_,
                    secret,
                    rater_values,
                    comment=f"{relationship} comment {number}" if comments else "",
                )
    if close:
        round_ = services.round_close(owner=owner, round_=round_)
    return round_
