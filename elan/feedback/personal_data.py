# SPDX-License-Identifier: EUPL-1.2
"""360 feedback as personal data: export and erasure (docs/feedback.md, docs/privacy.md).

A rater's answers are not here on purpose: nothing ties them to the rater, so they can be
neither exported to nor erased for anyone. That the person was invited as a rater is, until
the round closes: closing erases the invitation's address, name, account and times
(``services.round_erase_rater_details``), after which nothing ties the invitation to them.
"""

from __future__ import annotations

from django.db.models import Q

from elan.core.personal_data import register_eraser, register_exporter
from elan.feedback.models import FeedbackRound, Invitation, ReportShare


def _invitations_to(user):
    condition = Q(user=user)
    if user.email:
        condition |= Q(email__iexact=user.email)
    return Invitation.objects.filter(condition)


def export_feedback(user) -> dict:
    rounds = []
    for round_ in FeedbackRound.objects.filter(owner=user).order_by("created_at"):
        rounds.append(
            {
                "opened_at": round_.created_at.isoformat(),
                "closes_on": round_.closes_on.isoformat(),
                "status": round_.status,
                "invited": [
                    {"email": i.email, "name": i.name, "relationship": i.relationship}
                    for i in round_.invitations.order_by("invited_at", "pk")
                ],
                "answers_received": round_.responses.count(),
                # The note is the reviewer's word to the owner (what to change in the list, or
                # why it went out unreviewed): the owner reads it on their round page, so it is
                # theirs. It names no reviewer: the event keeps none.
                "history": [
                    {
                        "what": event.kind,
                        "count": event.count,
                        "note": event.note,
                        "at": event.at.isoformat(),
                    }
                    for event in round_.events.order_by("at", "pk")
                ],
                "shared_with": [
                    {
                        "email": share.grantee.email,
                        "from": share.created_at.isoformat(),
                        "until": share.revoked_at.isoformat() if share.revoked_at else None,
                    }
                    for share in round_.shares.select_related("grantee").order_by("created_at")
                ],
            }
        )
    invitations = [
        {
            "relationship": invitation.relationship,
            "invited_at": invitation.invited_at.isoformat() if invitation.invited_at else None,
            "answered": invitation.answered,
        }
        for invitation in _invitations_to(user).order_by("invited_at")
    ]
    return {"feedback_rounds": rounds, "invited_as_rater": invitations}


def erase_feedback(*, user, now) -> None:
    """Delete the person's rounds (answers, invitations and shares with them), and forget that
    they were invited as a rater or given someone's report."""
    FeedbackRound.objects.filter(owner=user).delete()
    _invitations_to(user).delete()
    ReportShare.objects.filter(grantee=user).delete()


FEEDBACK_MODELS = (
    "feedback.FeedbackRound",
    "feedback.Invitation",
    "feedback.RaterResponse",
    "feedback.ReportShare",
    "feedback.RoundEvent",
)

register_exporter("feedback", export_feedback, models=FEEDBACK_MODELS)
register_eraser("feedback", erase_feedback, models=FEEDBACK_MODELS)
