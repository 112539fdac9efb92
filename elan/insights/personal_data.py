# SPDX-License-Identifier: EUPL-1.2
"""What the insights app holds about a person: export, erasure and retention
(docs/privacy-insights.md). Registered with the register in elan/core/personal_data.py.

Anonymous answers are not here on purpose: nothing ties them to a person, so they can be neither
exported to nor erased for anyone. Who took part (for reminders and turnout) is.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from elan.core.personal_data import (
    register_eraser,
    register_exporter,
    register_retention_task,
)
from elan.insights.models import (
    Action,
    ActionPlan,
    Campaign,
    CampaignEvent,
    Participation,
    Release,
    ReleaseEvent,
    Response,
)


def export_insights(user) -> dict:
    return {
        "survey_invitations": [
            {
                "campaign": participation.round.campaign.title,
                "round": participation.round.number,
                "invited_at": participation.invited_at.isoformat()
                if participation.invited_at
                else None,
                "answered": participation.responded_on is not None,
            }
            for participation in Participation.objects.filter(user=user)
            .select_related("round__campaign")
            .order_by("round__campaign_id", "round__number")
        ],
        "survey_answers": (
            "Survey answers are stored without any link to the person who gave them, so they "
            "cannot be found, shown or exported for anyone."
        ),
        "actions_owned": [
            {
                "action": action.title,
                "added_on": action.created_on.isoformat(),
                "check_due_on": action.check_due_on.isoformat(),
                "check_status": action.check_status,
                "check_note": action.check_note,
            }
            for action in Action.objects.filter(owner=user).order_by("pk")
        ],
        # What the person did in a role (HR, team lead): their name on the decision, not data
        # about anyone else.
        "campaigns_created": [
            {"campaign": campaign.title, "created_at": campaign.created_at.isoformat()}
            for campaign in Campaign.objects.filter(created_by=user).order_by("created_at")
        ],
        "action_plans_created": [
            {"unit": plan.unit_code, "created_at": plan.created_at.isoformat()}
            for plan in ActionPlan.objects.filter(created_by=user).order_by("created_at")
        ],
        "results_released": [
            {"unit": release.unit_code, "released_on": release.released_on.isoformat()}
            for release in Release.objects.filter(released_by=user).order_by("released_on")
        ],
        "campaign_status_changes": [
            {
                "campaign": event.campaign.title,
                "from": event.from_status,
                "to": event.to_status,
                "round": event.round_number,
                "at": event.at.isoformat(),
            }
            for event in CampaignEvent.objects.filter(by=user).select_related("campaign")
        ],
        "results_shared": [
            {"unit": event.release.unit_code, "on": event.on.isoformat(), "parts": event.added}
            for event in ReleaseEvent.objects.filter(by=user).select_related("release")
        ],
    }


def erase_insights(*, user, now) -> None:
    """Forget that the person was invited, and their name on actions and decisions.

    Published aggregates stay: they met the anonymity threshold and name nobody.
    """
    Participation.objects.filter(user=user).delete()
    Action.objects.filter(owner=user).update(owner=None)
    ActionPlan.objects.filter(created_by=user).update(created_by=None)
    Release.objects.filter(released_by=user).update(released_by=None)
    ReleaseEvent.objects.filter(by=user).update(by=None)
    Campaign.objects.filter(created_by=user).update(created_by=None)
    CampaignEvent.objects.filter(by=user).update(by=None)


def purge_participations(*, now) -> int:
    """Who took part, ``INSIGHTS_PARTICIPATION_RETENTION_DAYS`` after the round closed."""
    limit = now.date() - timedelta(days=settings.INSIGHTS_PARTICIPATION_RETENTION_DAYS)
    return Participation.objects.filter(round__closed_on__lt=limit).delete()[0]


def purge_anonymous_answers(*, now) -> int:
    """Anonymous answers, ``INSIGHTS_RESPONSE_RETENTION_DAYS`` after the round closed; the
    published aggregates are kept (docs/access.md: anonymous survey rows 3 years)."""
    limit = now.date() - timedelta(days=settings.INSIGHTS_RESPONSE_RETENTION_DAYS)
    return Response.objects.filter(round__closed_on__lt=limit).delete()[0]


INSIGHTS_MODELS = (
    "insights.Action",
    "insights.ActionPlan",
    "insights.Campaign",
    "insights.CampaignEvent",
    "insights.Participation",
    "insights.Release",
    "insights.ReleaseEvent",
)

register_exporter("insights", export_insights, models=INSIGHTS_MODELS)
register_eraser("insights", erase_insights, models=INSIGHTS_MODELS)
register_retention_task("insights_participations", purge_participations)
register_retention_task("insights_anonymous_answers", purge_anonymous_answers)
