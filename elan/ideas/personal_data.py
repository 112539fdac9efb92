# SPDX-License-Identifier: EUPL-1.2
"""Ideas as personal data: export and erasure (docs/privacy.md).

Registered with the register in elan/core/personal_data.py, which core's ``ready`` fills by
importing every app's ``personal_data`` module.

The download holds the person's **named ideas** (where, the text, the day, the status, the
answer and its reason), **their comments**, **the ideas they support**, **the ideas and
campaigns they own**, and what they did to ideas (kind and time). An anonymous idea holds
nothing that names its author, so there is nothing of it to export: its private link is the
author's only tie to it, and Elan does not know it. An anonymous author's replies are the
same.

Erasure: their named ideas, comments and supports go; the ideas and campaigns they own stay,
without an owner (the campaign's other owners, or the box's team leads, answer them); the
history keeps what happened, no longer by whom.

Retention: nothing beyond the account. The daily quota's rows name nobody and are deleted the
next day by the response clock's run.
"""

from __future__ import annotations

from elan.core.personal_data import register_eraser, register_exporter
from elan.ideas.models import Campaign, Comment, Idea, IdeaEvent, Support


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _where(idea: Idea) -> str:
    return idea.campaign.title if idea.campaign_id else idea.box_unit.code


def export_ideas(user) -> dict:
    return {
        "your_named_ideas": [
            {
                "where": _where(idea),
                "title": idea.title,
                "idea": idea.body,
                "posted_on": _iso(idea.posted_on),
                "status": idea.status,
                "answered_on": _iso(idea.answered_on),
                "reason": idea.reason,
                "hidden_because": idea.hidden_reason or None,
            }
            for idea in Idea.objects.filter(author=user)
            .select_related("campaign", "box_unit")
            .order_by("posted_on", "pk")
        ],
        "your_comments": [
            {
                "idea": title,
                "comment": body,
                "posted_on": _iso(day),
                "hidden_because": hidden or None,
            }
            for title, body, day, hidden in Comment.objects.filter(author=user)
            .order_by("pk")
            .values_list("idea__title", "body", "posted_on", "hidden_reason")
        ],
        "ideas_you_support": [
            {"idea": title, "since": _iso(day)}
            for title, day in Support.objects.filter(user=user)
            .order_by("supported_on", "pk")
            .values_list("idea__title", "supported_on")
        ],
        "ideas_you_own": sorted(Idea.objects.filter(owner=user).values_list("title", flat=True)),
        "idea_campaigns_you_own": sorted(
            Campaign.objects.filter(owners=user).values_list("title", flat=True)
        ),
        "your_actions_on_ideas": [
            {"idea": title, "what": kind, "to": to_status, "at": _iso(at)}
            for title, kind, to_status, at in IdeaEvent.objects.filter(by=user)
            .order_by("at", "pk")
            .values_list("idea__title", "kind", "to_status", "at")
        ],
    }


def erase_ideas(*, user, now) -> None:
    """Delete the person's named ideas, comments and supports; keep what they own and the
    history, without them."""
    Idea.objects.filter(author=user).delete()
    Comment.objects.filter(author=user).delete()
    Support.objects.filter(user=user).delete()
    Idea.objects.filter(owner=user).update(owner=None)
    Idea.objects.filter(escalated_to=user).update(escalated_to=None)
    Idea.objects.filter(answered_by=user).update(answered_by=None)
    user.owned_idea_campaigns.clear()
    Campaign.objects.filter(created_by=user).update(created_by=None)
    IdeaEvent.objects.filter(by=user).update(by=None)


IDEAS_MODELS = (
    "ideas.Idea",
    "ideas.Comment",
    "ideas.Support",
    "ideas.Campaign",
    "ideas.IdeaEvent",
)

register_exporter("ideas", export_ideas, models=IDEAS_MODELS)
register_eraser("ideas", erase_ideas, models=IDEAS_MODELS)
