# SPDX-License-Identifier: EUPL-1.2
"""Reads of the cohorts (issue 19, point 6): whose cohorts, the calendar, the board, the
cohort's experiments and how its members spread over units."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from elan.cohorts.constants import MEMBER_VISIBLE_STATUSES, Column
from elan.cohorts.models import (
    BoardItem,
    Cohort,
    CohortMember,
    CohortSession,
    SessionRetrospective,
)
from elan.experiments import selectors as experiment_selectors
from elan.experiments.models import Experiment
from elan.organisations.models import StaffRecord, Unit


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_organiser(*, user, cohort: Cohort) -> bool:
    return _authenticated(user) and cohort.organisers.filter(pk=user.pk).exists()


def is_member(*, user, cohort: Cohort) -> bool:
    return _authenticated(user) and CohortMember.objects.filter(cohort=cohort, user=user).exists()


def cohorts_of(*, user) -> QuerySet[Cohort]:
    """The cohorts ``user`` is a member of, once started: a draft is its organisers' alone."""
    if not _authenticated(user):
        return Cohort.objects.none()
    return Cohort.objects.filter(members__user=user, status__in=MEMBER_VISIBLE_STATUSES)


def organised_by(*, user) -> QuerySet[Cohort]:
    if not _authenticated(user):
        return Cohort.objects.none()
    return Cohort.objects.filter(organisers=user)


def with_counts(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    return cohorts.annotate(
        member_count=Count("members", distinct=True),
        session_count=Count("sessions", distinct=True),
    )


def cohort_for(*, public_id) -> Cohort | None:
    return Cohort.objects.filter(public_id=public_id).first()


# --- members and units ------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    member: CohortMember
    unit: Unit | None


def members_of(*, cohort: Cohort) -> list[MemberRow]:
    """The members, by name, each with their unit on the chart (None when not on it)."""
    members = list(
        CohortMember.objects.filter(cohort=cohort)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    units = {
        record.user_id: record.unit
        for record in StaffRecord.objects.filter(
            user_id__in=[m.user_id for m in members]
        ).select_related("unit")
    }
    return [MemberRow(member=m, unit=units.get(m.user_id)) for m in members]


@dataclass(frozen=True)
class UnitShare:
    unit: Unit | None
    count: int
    over_limit: bool


def unit_spread(*, cohort: Cohort, rows: list[MemberRow] | None = None) -> list[UnitShare]:
    """How many members each unit sends, most first; ``over_limit`` past the cohort's number
    of members of one unit. ``rows``, when the caller has read the members already."""
    rows = members_of(cohort=cohort) if rows is None else rows
    counts = Counter(row.unit.pk if row.unit else None for row in rows)
    units = {row.unit.pk: row.unit for row in rows if row.unit}
    shares = [
        UnitShare(
            unit=units.get(pk) if pk is not None else None,
            count=count,
            over_limit=pk is not None and count > cohort.max_per_unit,
        )
        for pk, count in counts.items()
    ]
    shares.sort(key=lambda s: (-s.count, str(s.unit) if s.unit else "\uffff"))
    return shares


def members_of_unit(*, cohort: Cohort, unit: Unit) -> int:
    return CohortMember.objects.filter(cohort=cohort, user__staff_record__unit=unit).count()


# --- the calendar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    upcoming: list[CohortSession]
    past: list[CohortSession]

    @property
    def all(self) -> list[CohortSession]:
        return sorted([*self.past, *self.upcoming], key=lambda s: (s.starts_at, s.pk))


def sessions_of(*, cohort: Cohort) -> QuerySet[CohortSession]:
    return CohortSession.objects.filter(cohort=cohort).order_by("starts_at", "pk")


def calendar(*, cohort: Cohort, now: datetime.datetime | None = None) -> Calendar:
    """Sessions in order: the ones to come (a session under way among them, soonest first),
    and the ones over (most recent first, as one looks back)."""
    now = now or timezone.now()
    sessions = list(sessions_of(cohort=cohort))
    return Calendar(
        upcoming=[s for s in sessions if s.ends_at > now],
        past=[s for s in reversed(sessions) if s.ends_at <= now],
    )


def session_for(*, cohort: Cohort, public_id) -> CohortSession | None:
    return CohortSession.objects.filter(cohort=cohort, public_id=public_id).first()


def has_started(*, session: CohortSession, now: datetime.datetime | None = None) -> bool:
    return session.starts_at <= (now or timezone.now())


def retrospectives_of(*, session: CohortSession) -> list[SessionRetrospective]:
    return list(
        SessionRetrospective.objects.filter(session=session)
        .select_related("author")
        .order_by("written_at", "pk")
    )


def retrospective_of(*, session: CohortSession, author) -> SessionRetrospective | None:
    if not _authenticated(author):
        return None
    return SessionRetrospective.objects.filter(session=session, author=author).first()


# --- the board --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardColumn:
    column: Column
    items: list[BoardItem]


def board(*, cohort: Cohort) -> list[BoardColumn]:
    """Every column in the board's order, each with its items, the latest change first."""
    items = list(
        BoardItem.objects.filter(cohort=cohort)
        .select_related("owner", "experiment")
        .order_by("-updated_at", "pk")
    )
    return [
        BoardColumn(column=column, items=[item for item in items if item.column == column])
        for column in Column
    ]


def board_item_for(*, cohort: Cohort, public_id) -> BoardItem | None:
    return (
        BoardItem.objects.filter(cohort=cohort, public_id=public_id)
        .select_related("owner", "experiment")
        .first()
    )


def linkable_experiments(*, owner) -> QuerySet[Experiment]:
    """The cards a member may link from their board item: their own and co-owned ones."""
    return experiment_selectors.owned_by(viewer=owner).order_by("-updated_at", "-pk")


# --- the cohort's experiments -----------------------------------------------------------------


@dataclass(frozen=True)
class CohortExperiment:
    experiment: Experiment
    items: list[BoardItem]
    # Whether the reader may open the card itself: linking shows its title, owner and status
    # to the cohort, the card keeps its own readers (experiments.selectors.readable_by).
    readable: bool
    url: str


def experiments_of(*, cohort: Cohort, viewer) -> list[CohortExperiment]:
    """The experiments the cohort's board items link to, once each, the latest change first,
    with the items that link them and whether ``viewer`` may open each card."""
    items = list(
        BoardItem.objects.filter(cohort=cohort, experiment__isnull=False)
        .select_related("owner", "experiment__owner")
        .order_by("-experiment__updated_at", "experiment__pk", "pk")
    )
    experiments: dict[int, Experiment] = {}
    by_experiment: dict[int, list[BoardItem]] = {}
    for item in items:
        if item.experiment is None:  # filtered out above; tells the type checker so
            continue
        experiments[item.experiment.pk] = item.experiment
        by_experiment.setdefault(item.experiment.pk, []).append(item)
    readable = set(
        experiment_selectors.readable_by(viewer=viewer)
        .filter(pk__in=list(experiments))
        .values_list("pk", flat=True)
    )
    return [
        CohortExperiment(
            experiment=experiment,
            items=by_experiment[pk],
            readable=pk in readable,
            url=experiment_selectors.card_url(experiment=experiment),
        )
        for pk, experiment in experiments.items()
    ]
