# SPDX-License-Identifier: EUPL-1.2
"""Rater e-mails (invitation, reminder) in the rater's language, with their own link; the
e-mails of a rater list's review (to the reviewers, then to the owner).

Arguments are plain ids, so a queued task never carries a link or an address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from elan.feedback import tokens
from elan.feedback.constants import Relationship
from elan.feedback.models import FeedbackRound, Invitation
from elan.feedback.quality import snapshots_take
from elan.feedback.selectors import last_sent_back_note, reviewers_of


def rater_link(invitation: Invitation, language: str) -> str:
    with translation.override(language):
        path = reverse("feedback:respond", kwargs={"secret": tokens.link_secret(invitation.key)})
    return settings.SITE_URL.rstrip("/") + path


@task()
def send_rater_emails(*, invitation_ids: list[int], kind: str) -> int:
    """Send the invitation or the reminder to each rater who has not answered yet."""
    invitations = (
        # An invitation erased since the task was queued (its round closed) has no address.
        Invitation.objects.filter(pk__in=invitation_ids, answered=False)
        .exclude(email="")
        .select_related("round__owner")
        .order_by("pk")
    )
    messages = []
    for invitation in invitations:
        language = invitation.language or settings.LANGUAGE_CODE
        owner = invitation.round.owner
        with translation.override(language):
            context = {
                "owner_name": owner.get_full_name() or owner.email,
                "rater_name": invitation.name,
                "closes_on": invitation.round.closes_on,
                "url": rater_link(invitation, language),
                "is_manager": invitation.relationship == Relationship.MANAGER,
                "is_external": invitation.relationship == Relationship.EXTERNAL,
                "min_raters": invitation.round.min_raters,
            }
            subject = render_to_string(f"feedback/email/{kind}_subject.txt", context)
            body = render_to_string(f"feedback/email/{kind}_body.txt", context)
        messages.append(
            EmailMessage(
                " ".join(subject.split()),
                body,
                to=[invitation.email],
                headers={"Content-Language": language},
            )
        )
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


# Who hears about a rater list's review, and in which template: the reviewers when it is sent
# to them, the owner when it is decided.
_REVIEW_EMAILS = {
    "review_requested": "reviewers",
    "list_approved": "owner",
    "list_sent_back": "owner",
}


@task()
def send_review_emails(*, round_id: int, kind: str) -> int:
    """Tell the reviewers that a rater list waits for them, or the owner what they decided.

    The reviewers are read again now, from today's chart; each e-mail in its reader's language.
    """
    round_ = FeedbackRound.objects.select_related("owner").filter(pk=round_id).first()
    if round_ is None:
        return 0
    owner = round_.owner
    readers = reviewers_of(owner) if _REVIEW_EMAILS[kind] == "reviewers" else [owner]
    note = last_sent_back_note(round_) if kind == "list_sent_back" else ""
    messages = []
    for reader in readers:
        if not reader.email or not reader.is_active:
            continue
        language = reader.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            if _REVIEW_EMAILS[kind] == "reviewers":
                path = reverse("feedback:review", kwargs={"public_id": round_.public_id})
            else:
                path = reverse("feedback:round", kwargs={"public_id": round_.public_id})
            context = {
                "owner_name": owner.get_full_name() or owner.email,
                "reader_name": reader.get_full_name(),
                "note": note,
                "closes_on": round_.closes_on,
                "url": settings.SITE_URL.rstrip("/") + path,
            }
            subject = render_to_string(f"feedback/email/{kind}_subject.txt", context)
            body = render_to_string(f"feedback/email/{kind}_body.txt", context)
        messages.append(
            EmailMessage(
                " ".join(subject.split()),
                body,
                to=[reader.email],
                headers={"Content-Language": language},
            )
        )
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


@task()
def take_quality_snapshots() -> int:
    """A step of instrument quality, after a 360 or survey round closed (``quality.py``)."""
    return snapshots_take()


def quality_snapshots_after_survey_round(sender, round_, **kwargs) -> None:
    """Receives ``elan.insights.signals.round_closed``: the closed round's answers may now count
    towards instrument quality, in a step, once the closing transaction is committed."""
    transaction.on_commit(take_quality_snapshots.enqueue)
