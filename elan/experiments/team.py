# SPDX-License-Identifier: EUPL-1.2
"""The manager's view of experiments: what the people below them try, what waits for their
answer, and which time boxes are about to run out (docs/experiments.md).

A manager reads no more here than anywhere else: the team's experiments are those
``selectors.readable_by`` lets them read, whose owner reports to them directly or through
others (``selectors.people_below``), once started; a draft, or a card its owner shares with
nobody, stays with its owners. The permission requests are the ones asked of the viewer
(``selectors.requests_waiting_for``), read only as far as the question goes.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from elan.experiments import selectors
from elan.experiments.constants import Status
from elan.experiments.models import Experiment, PermissionRequest

# How close the end of a time box must be for the manager to see it coming.
RUNNING_OUT_DAYS = 14
# The statuses the team's list may be narrowed to: a draft is never the team's.
TEAM_STATUSES = (Status.RUNNING, Status.DECIDED, Status.REGULARISED, Status.CLOSED)


def team_experiments(
    *, manager, status: str = "", below: set[int] | None = None
) -> QuerySet[Experiment]:
    """The started experiments of the people below ``manager`` that ``manager`` may read, the
    most recently changed first; narrowed to ``status`` when given. ``below`` is
    ``selectors.people_below(manager=manager)`` when the caller has it already."""
    if below is None:
        below = selectors.people_below(manager=manager)
    if not below:
        return Experiment.objects.none()
    found = (
        selectors.readable_by(viewer=manager, below=below)
        .filter(owner_id__in=below)
        .exclude(status=Status.DRAFT)
        .select_related("owner", "unit")
    )
    if status:
        found = found.filter(status=status)
    return found.order_by("-updated_at", "-pk")


def running_out(
    *,
    manager,
    today: datetime.date | None = None,
    days: int = RUNNING_OUT_DAYS,
    below: set[int] | None = None,
) -> QuerySet[Experiment]:
    """The team's running experiments whose time box ends within ``days``, or has ended
    without a decision; the soonest first."""
    today = today or timezone.localdate()
    return (
        team_experiments(manager=manager, below=below)
        .filter(
            status=Status.RUNNING,
            ends_on__isnull=False,
            ends_on__lte=today + datetime.timedelta(days=days),
        )
        .order_by("ends_on", "pk")
    )


def waiting_requests(*, viewer) -> QuerySet[PermissionRequest]:
    """The permission requests asked of ``viewer`` that wait for an answer, oldest first."""
    return selectors.requests_waiting_for(viewer=viewer)
