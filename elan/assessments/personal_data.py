# SPDX-License-Identifier: EUPL-1.2
"""Self-assessments, the profile, its sharing and the development plan as personal data: export
and erasure (docs/privacy.md). Registered with the register in elan/core/personal_data.py.

All of it is private to its owner (docs/access.md), so all of it goes with the account: kept
while the account exists, erased with it. A team's skill mix counts a person only if they chose
it; its monthly snapshots keep whom they counted (for the guard's later months), which the
person's export lists and erasure replaces with a number that names nobody (``team.py``).
"""

from __future__ import annotations

from elan.assessments.models import Assessment, PlanStep, ProfileEvent, Share
from elan.assessments.team import erase_team_mix, export_team_mix
from elan.core.personal_data import register_eraser, register_exporter


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_self_assessments(user) -> dict:
    assessments = (
        Assessment.objects.filter(owner=user)
        .select_related("instrument")
        .prefetch_related("answers__item")
        .order_by("created_at", "pk")
    )
    steps = PlanStep.objects.filter(owner=user).prefetch_related("events").order_by("created_at")
    return {
        "self_assessments": [
            {
                "instrument": assessment.instrument.slug,
                "instrument_version": assessment.instrument.version,
                "language": assessment.language,
                "status": assessment.status,
                "started_at": _iso(assessment.created_at),
                "submitted_at": _iso(assessment.submitted_at),
                "scores": assessment.scores,
                "added_to_evaluation_at": _iso(assessment.included_in_evaluation_at),
                "answers": {
                    answer.item.code: answer.value
                    for answer in sorted(assessment.answers.all(), key=lambda a: a.item.code)
                },
            }
            for assessment in assessments
        ],
        # Whom the person let read their profile: the recipients of their data (Art. 15(1)(c)).
        "profile_shared_with": [
            {
                "email": share.grantee.email,
                "as": share.kind,
                "from": _iso(share.created_at),
                "until": _iso(share.revoked_at),
            }
            for share in Share.objects.filter(owner=user)
            .select_related("grantee")
            .order_by("created_at")
        ],
        # Someone else's choice to share with the person: when and in which role, not whose
        # profile it was, which is that other person's data.
        "profiles_shared_with_me": [
            {"as": share.kind, "from": _iso(share.created_at), "until": _iso(share.revoked_at)}
            for share in Share.objects.filter(grantee=user).order_by("created_at")
        ],
        "profile_history": [
            {"what": event.kind, "at": _iso(event.at)}
            for event in ProfileEvent.objects.filter(owner=user).order_by("at", "pk")
        ],
        "development_plan": [
            {
                "title": step.title,
                "kind": step.kind,
                "skill": step.skill,
                "link": step.url,
                "status": step.status,
                "target_date": _iso(step.due_on),
                "added_at": _iso(step.created_at),
                "history": [
                    {"from": event.from_status, "to": event.to_status, "at": _iso(event.at)}
                    for event in sorted(step.events.all(), key=lambda e: (e.at, e.pk))
                ],
            }
            for step in steps
        ],
    }


def erase_self_assessments(*, user, now) -> None:
    """Delete the person's assessments, answers, profile history and plan, and end every share
    of a profile they gave or received.

    A share the person received is deleted too; the owner's own history keeps that they shared
    their profile, but no longer with whom.
    """
    ProfileEvent.objects.filter(share__grantee=user).update(share=None)
    Share.objects.filter(grantee=user).delete()
    # Events first: they point at the shares and assessments deleted after them.
    ProfileEvent.objects.filter(owner=user).delete()
    Share.objects.filter(owner=user).delete()
    PlanStep.objects.filter(owner=user).delete()
    Assessment.objects.filter(owner=user).delete()


SELF_ASSESSMENT_MODELS = (
    "assessments.Answer",
    "assessments.Assessment",
    "assessments.PlanStep",
    "assessments.PlanStepEvent",
    "assessments.ProfileEvent",
    "assessments.Share",
)

register_exporter("self_assessment", export_self_assessments, models=SELF_ASSESSMENT_MODELS)
register_eraser("self_assessment", erase_self_assessments, models=SELF_ASSESSMENT_MODELS)


def _export_team_mix(user) -> dict:
    return export_team_mix(user)


def _erase_team_mix(*, user, now) -> None:
    erase_team_mix(user=user, now=now)


TEAM_MIX_MODELS = ("assessments.TeamMixConsent", "assessments.TeamMixPeriod")

register_exporter("team_skill_mix", _export_team_mix, models=TEAM_MIX_MODELS)
register_eraser("team_skill_mix", _erase_team_mix, models=TEAM_MIX_MODELS)
