# SPDX-License-Identifier: EUPL-1.2
"""Rater e-mails (invitation, reminder) in the rater's language, with their own link.

Arguments are plain ids, so a queued task never carries a link or an address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from elan.feedback import tokens
from elan.feedback.constants import Relationship
from elan.feedback.models import Invitation


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
