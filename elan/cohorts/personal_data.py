# SPDX-License-Identifier: EUPL-1.2
"""Fellowship cohorts as personal data: export and erasure (docs/privacy.md).

Registered with the register in elan/core/personal_data.py, which core's ``ready`` fills by
importing every app's ``personal_data`` module: nothing else needs to call this one.

The download holds:

- **the cohorts they are a member of** (once started, as the member's pages show them): the
  title, the dates, the status and when they joined;
- **the cohorts they organise**, and what they did to cohorts (kind and time);
- **their board items**: the cohort, the title, what they work on, where it stands, the next
  step, the linked experiment's title and the times;
- **their retrospectives**: the cohort, the session, its start, and the three answers.

Erasure: their memberships, board items and retrospectives go; a cohort they organise stays
for its members, without them; the history keeps what happened, no longer by whom nor about
whom.

Retention: nothing beyond the account.
"""

from __future__ import annotations

from elan.cohorts.constants import MEMBER_VISIBLE_STATUSES
from elan.cohorts.models import (
    BoardItem,
    Cohort,
    CohortEvent,
    CohortMember,
    SessionRetrospective,
)
from elan.core.personal_data import register_eraser, register_exporter


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_cohorts(user) -> dict:
    return {
        "cohorts_you_are_a_member_of": [
            {
                "cohort": member.cohort.title,
                "starts_on": _iso(member.cohort.starts_on),
                "ends_on": _iso(member.cohort.ends_on),
                "status": member.cohort.status,
                "joined_at": _iso(member.joined_at),
            }
            # A draft is its organisers' preparation: the member learns of it once it starts.
            for member in CohortMember.objects.filter(
                user=user, cohort__status__in=MEMBER_VISIBLE_STATUSES
            )
            .select_related("cohort")
            .order_by("joined_at", "pk")
        ],
        "cohorts_you_organise": sorted(
            Cohort.objects.filter(organisers=user).values_list("title", flat=True)
        ),
        "your_actions_on_cohorts": [
            {"cohort": title, "what": kind, "to": to_status, "at": _iso(at)}
            for title, kind, to_status, at in CohortEvent.objects.filter(by=user)
            .order_by("at", "pk")
            .values_list("cohort__title", "kind", "to_status", "at")
        ],
        "your_board_items": [
            {
                "cohort": item.cohort.title,
                "title": item.title,
                "what_you_work_on": item.work,
                "where_it_stands": item.column,
                "next_step": item.next_step,
                "experiment": item.experiment.title if item.experiment else None,
                "created_at": _iso(item.created_at),
                "updated_at": _iso(item.updated_at),
            }
            for item in BoardItem.objects.filter(owner=user)
            .select_related("cohort", "experiment")
            .order_by("created_at", "pk")
        ],
        "your_retrospectives": [
            {
                "cohort": retro.session.cohort.title,
                "session": retro.session.title,
                "session_started_at": _iso(retro.session.starts_at),
                "went_well": retro.went_well,
                "to_change": retro.to_change,
                "next_step": retro.next_step,
                "written_at": _iso(retro.written_at),
                "updated_at": _iso(retro.updated_at),
            }
            for retro in SessionRetrospective.objects.filter(author=user)
            .select_related("session__cohort")
            .order_by("written_at", "pk")
        ],
    }


def erase_cohorts(*, user, now) -> None:
    """Delete the person's memberships, board items and retrospectives; keep the cohorts they
    organise, and the history, without them."""
    BoardItem.objects.filter(owner=user).delete()
    SessionRetrospective.objects.filter(author=user).delete()
    CohortMember.objects.filter(user=user).delete()
    user.organised_cohorts.clear()
    CohortEvent.objects.filter(by=user).update(by=None)
    CohortEvent.objects.filter(person=user).update(person=None)


COHORTS_MODELS = (
    "cohorts.Cohort",
    "cohorts.CohortEvent",
    "cohorts.CohortMember",
    "cohorts.BoardItem",
    "cohorts.SessionRetrospective",
)

register_exporter("cohorts", export_cohorts, models=COHORTS_MODELS)
register_eraser("cohorts", erase_cohorts, models=COHORTS_MODELS)
