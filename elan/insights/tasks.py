# SPDX-License-Identifier: EUPL-1.2
"""Background work: invitations and reminders in each person's language, storage scrubbing.

django-tasks runs these at once in the demo and the tests (immediate backend) and on the
database queue in production. Arguments are plain ids, so a task never carries personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from elan.insights.models import Participation, Round
from elan.insights.storage import scrub_storage_order


@task()
def send_round_emails(*, round_id: int, kind: str) -> int:
    """Invite everyone of a round, or remind those who have not answered; returns how many."""
    round_ = Round.objects.select_related("campaign").get(pk=round_id)
    participations = Participation.objects.filter(round=round_).select_related("user")
    if kind == "reminder":
        participations = participations.filter(responded_on__isnull=True)
    participations = participations.filter(user__is_active=True).order_by("pk")
    messages = []
    for participation in participations:
        user = participation.user
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "round": round_,
                "campaign": round_.campaign,
                "name": user.get_short_name(),
                "url": settings.SITE_URL.rstrip("/")
                + reverse("insights:respond", kwargs={"pk": round_.campaign_id}),
                "anonymity_url": settings.SITE_URL.rstrip("/") + reverse("core:anonymity"),
            }
            subject = render_to_string(f"insights/email/{kind}_subject.txt", context)
            body = render_to_string(f"insights/email/{kind}_body.txt", context)
        messages.append(
            EmailMessage(
                " ".join(subject.split()),
                body,
                to=[user.email],
                headers={
                    "Content-Language": language,
                },
            )
        )
    if messages:
        get_connection().send_messages(messages)
    field = "reminded_at" if kind == "reminder" else "invited_at"
    participations.update(**{field: timezone.now()})
    return len(messages)


@task()
def scrub_round_storage(*, round_id: int) -> None:
    scrub_storage_order(round_id=round_id)
