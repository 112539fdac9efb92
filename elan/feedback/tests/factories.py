# SPDX-License-Identifier: EUPL-1.2
"""Builders for 360 rounds that go through the same services as the product.

Raters are who the product lets into each group: a peer or another colleague is a new colleague
in the owner's unit, a direct report a new colleague who reports to the owner on the chart,
someone outside the organisation an address with no account; the line manager is named by
address. Traits: ``feedback_round(owner, raters={"peer": 3, "direct_report": 2})`` lists that
many raters per group, has the list approved and has them answer; ``answered=False`` leaves
them invited only; ``close=True`` closes the round, which opens the report. ``rater_emails``
reuses the same colleagues in a later round.
"""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from elan.assessments.tests.factories import answers_for, instrument, submitted_assessment
from elan.feedback import selectors, services
from elan.feedback.models import FeedbackRound
from elan.organisations.models import StaffRecord
from elan.organisations.tests.factories import person_in

_counter = {"n": 0}


def open_round(owner, *, days: int = 14, self_values=3) -> FeedbackRound:
    """A round still in draft: raters can be listed, nothing is sent."""
    if not owner.assessments.filter(status="submitted").exists():
        submitted_assessment(owner, self_values)
    round_, _created = services.round_open(
        owner=owner,
        closes_on=timezone.localdate() + datetime.timedelta(days=days),
        token=uuid.uuid4(),
    )
    return round_


def colleague_for(owner, relationship: str = "peer"):
    """A new colleague who may rate the owner in that group."""
    _counter["n"] += 1
    unit = StaffRecord.objects.get(user=owner).unit
    manager = owner if relationship == "direct_report" else None
    return person_in(unit, manager=manager, email=f"rater{_counter['n']}@elan.test")


def invite(round_: FeedbackRound, relationship: str = "peer", *, email: str | None = None):
    """(invitation, secret) for a new rater of the given group: a colleague, or an outside
    address for ``external``."""
    if email is None:
        if relationship == "external":
            _counter["n"] += 1
            email = f"rater{_counter['n']}@outside.example"
        else:
            email = colleague_for(round_.owner, relationship).email
    return services.invitation_create(
        owner=round_.owner, round_=round_, email=email, relationship=relationship
    )


def send_list(round_: FeedbackRound) -> FeedbackRound:
    """The owner sends the list; its reviewer (if any) approves it: the invitations go out."""
    round_ = services.round_send_list(owner=round_.owner, round_=round_)
    if round_.in_review:
        reviewer = selectors.reviewers_of(round_.owner)[0]
        round_ = services.round_approve(reviewer=reviewer, round_=round_)
    return round_


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
    rater_emails: dict[str, list[str]] | None = None,
) -> FeedbackRound:
    round_ = open_round(owner, self_values=self_values)
    secrets: list[tuple[str, int, str]] = []
    for relationship, emails in (rater_emails or {}).items():
        for number, email in enumerate(emails):
            _invitation, secret = invite(round_, relationship, email=email)
            secrets.append((relationship, number, secret))
    for relationship, count in (raters or {}).items():
        for number in range(count):
            _invitation, secret = invite(round_, relationship)
            secrets.append((relationship, number, secret))
    if secrets:
        round_ = send_list(round_)
    if answered:
        for relationship, number, secret in secrets:
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
