# SPDX-License-Identifier: EUPL-1.2
"""Writes of the cohorts (issue 19, point 6). Every write is a keyword-only function in one
transaction; the cohort's lifecycle moves through ``ensure_transition``, and every change to
the cohort (status, members, sessions, details) leaves an appended ``CohortEvent``.

Failures a person can fix raise Django's ``ValidationError`` with a translated message and a
code, for the page to show beside what they typed. Who may call which write is the rules'
business (``rules.py``); the services keep what must hold whoever calls them: a board item and
a retrospective are their author's own, a linked experiment is the owner's, a retrospective
comes after its session started.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elan.cohorts import selectors
from elan.cohorts.constants import (
    COHORT_TRANSITIONS,
    DEFAULT_MAX_PER_UNIT,
    OPEN_STATUSES,
    RETROSPECTIVE_STATUSES,
    Column,
    HistoryKind,
    Status,
)
from elan.cohorts.models import (
    BoardItem,
    Cohort,
    CohortEvent,
    CohortMember,
    CohortSession,
    SessionRetrospective,
)
from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.experiments.models import Experiment
from elan.organisations.models import Unit
from elan.organisations.selectors import unit_of


def _ensure_dates(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise ValidationError(
            {"ends_on": ValidationError(_("The cohort cannot end before it starts."), code="dates")}
        )


def _ensure_open(cohort: Cohort, message: str) -> None:
    if cohort.status not in OPEN_STATUSES:
        raise ValidationError(message, code="status")


# --- the cohort -------------------------------------------------------------------------------


@transaction.atomic
def cohort_create(
    *,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    description: str = "",
    max_per_unit: int = DEFAULT_MAX_PER_UNIT,
    by,
) -> Cohort:
    """A cohort in preparation; whoever creates it organises it."""
    _ensure_dates(starts_on, ends_on)
    cohort = Cohort(
        title=title.strip(),
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        max_per_unit=max_per_unit,
    )
    cohort.full_clean()
    cohort.save()
    cohort.organisers.add(by)
    CohortEvent.objects.create(
        cohort=cohort, by=by, kind=HistoryKind.STATUS, to_status=cohort.status
    )
    return cohort


@transaction.atomic
def cohort_update(
    *,
    cohort: Cohort,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    description: str = "",
    max_per_unit: int = DEFAULT_MAX_PER_UNIT,
    by,
) -> Cohort:
    """Change the cohort's details while it is in preparation or running."""
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    _ensure_open(locked, _("A finished or cancelled cohort is kept as it was."))
    _ensure_dates(starts_on, ends_on)
    locked.title = title.strip()
    locked.description = description.strip()
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.max_per_unit = max_per_unit
    locked.full_clean()
    locked.save()
    CohortEvent.objects.create(cohort=locked, by=by, kind=HistoryKind.UPDATED)
    return locked


@transaction.atomic
def cohort_move(*, cohort: Cohort, to: Status | str, by) -> Cohort:
    """Move the cohort along its lifecycle (constants.COHORT_TRANSITIONS)."""
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    try:
        ensure_transition(COHORT_TRANSITIONS, locked.status, to)
    except TransitionNotAllowed:
        raise ValidationError(
            _("A cohort that is “%(current)s” cannot become “%(to)s”.")
            % {"current": Status(locked.status).label, "to": _status_label(to)},
            code="transition",
        ) from None
    from_status, locked.status = locked.status, to
    locked.save(update_fields=["status"])
    CohortEvent.objects.create(
        cohort=locked, by=by, kind=HistoryKind.STATUS, from_status=from_status, to_status=to
    )
    cohort.status = locked.status
    return locked


def _status_label(value: str) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return value


# --- members ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberAdded:
    """The new member, their unit, and how many members that unit now has in the cohort:
    ``crowded`` past the cohort's number, which the organiser is told about."""

    member: CohortMember
    unit: Unit | None
    unit_count: int
    crowded: bool


def _account_for(email: str):
    address = (email or "").strip()
    if not address:
        raise ValidationError(
            {"email": ValidationError(_("Enter the person's e-mail address."), code="required")}
        )
    user = get_user_model().objects.filter(email__iexact=address).first()
    if user is None:
        raise ValidationError(
            {
                "email": ValidationError(
                    _("No account has the address %(email)s. Check the spelling.")
                    % {"email": address},
                    code="unknown",
                )
            }
        )
    if not user.is_active:
        raise ValidationError(
            {
                "email": ValidationError(
                    _("The account of %(email)s is closed: it cannot join a cohort.")
                    % {"email": address},
                    code="inactive",
                )
            }
        )
    return user


@transaction.atomic
def member_add(*, cohort: Cohort, email: str, by) -> MemberAdded:
    """Add a colleague by their e-mail address while the cohort is in preparation or running.
    An unknown or closed account is refused; a unit past the cohort's number is only told."""
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    _ensure_open(locked, _("Members join a cohort before it has finished."))
    user = _account_for(email)
    if CohortMember.objects.filter(cohort=locked, user=user).exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    _("%(name)s is already a member of this cohort.") % {"name": str(user)},
                    code="already_member",
                )
            }
        )
    try:
        # A savepoint: a second organiser adding the same person at the same moment meets the
        # unique constraint, which is then told as above rather than breaking the transaction.
        with transaction.atomic():
            member = CohortMember.objects.create(cohort=locked, user=user)
    except IntegrityError:
        raise ValidationError(
            {
                "email": ValidationError(
                    _("%(name)s is already a member of this cohort.") % {"name": str(user)},
                    code="already_member",
                )
            }
        ) from None
    CohortEvent.objects.create(cohort=locked, by=by, kind=HistoryKind.MEMBER_ADDED, person=user)
    unit = unit_of(user=user)
    count = selectors.members_of_unit(cohort=locked, unit=unit) if unit else 0
    return MemberAdded(
        member=member, unit=unit, unit_count=count, crowded=count > locked.max_per_unit
    )


@transaction.atomic
def member_remove(*, member: CohortMember, by) -> None:
    """Take a member off the cohort: their board items leave the board with them; the
    retrospectives they wrote stay, as part of what the cohort learned."""
    locked = Cohort.objects.select_for_update().get(pk=member.cohort_id)
    _ensure_open(locked, _("A finished or cancelled cohort keeps its members."))
    BoardItem.objects.filter(cohort=locked, owner_id=member.user_id).delete()
    user_id = member.user_id
    member.delete()
    CohortEvent.objects.create(
        cohort=locked, by=by, kind=HistoryKind.MEMBER_REMOVED, person_id=user_id
    )


# --- sessions ---------------------------------------------------------------------------------


def _session_errors(
    *, starts_at: datetime.datetime, ends_at: datetime.datetime, place: str, online: bool
) -> dict[str, ValidationError]:
    errors = {}
    if ends_at <= starts_at:
        errors["ends_at"] = ValidationError(
            _("The session must end after it starts."), code="times"
        )
    if not online and not place.strip():
        errors["place"] = ValidationError(
            _("Give a place, or hold the session online."), code="place"
        )
    return errors


def _session_fill(
    session: CohortSession,
    *,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    online: bool,
    agenda: str,
) -> None:
    errors = _session_errors(starts_at=starts_at, ends_at=ends_at, place=place, online=online)
    if errors:
        raise ValidationError(errors)
    session.title = title.strip()
    session.starts_at = starts_at
    session.ends_at = ends_at
    session.place = place.strip()
    session.online = online
    session.agenda = agenda.strip()
    session.full_clean()
    session.save()


@transaction.atomic
def session_add(
    *,
    cohort: Cohort,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online: bool = False,
    agenda: str = "",
    by,
) -> CohortSession:
    """Plan a session in the cohort's calendar."""
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    _ensure_open(locked, _("Sessions are planned before the cohort has finished."))
    session = CohortSession(cohort=locked)
    _session_fill(
        session,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online=online,
        agenda=agenda,
    )
    CohortEvent.objects.create(cohort=locked, by=by, kind=HistoryKind.SESSION_ADDED)
    return session


@transaction.atomic
def session_update(
    *,
    session: CohortSession,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online: bool = False,
    agenda: str = "",
    by,
) -> CohortSession:
    """Change a session: its time, its place, its agenda."""
    locked = Cohort.objects.select_for_update().get(pk=session.cohort_id)
    _ensure_open(locked, _("A finished or cancelled cohort keeps its calendar as it was."))
    current = CohortSession.objects.select_for_update().get(pk=session.pk)
    if starts_at > timezone.now() and current.retrospectives.exists():
        # Moving a session that people already looked back on into the future would leave
        # retrospectives of a session that has not happened.
        raise ValidationError(
            {
                "starts_at": ValidationError(
                    _(
                        "Members already wrote retrospectives of this session: it cannot move "
                        "into the future. Plan a new session instead."
                    ),
                    code="has_retrospectives",
                )
            }
        )
    _session_fill(
        current,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online=online,
        agenda=agenda,
    )
    CohortEvent.objects.create(cohort=locked, by=by, kind=HistoryKind.SESSION_CHANGED)
    return current


# --- the board --------------------------------------------------------------------------------


@transaction.atomic
def board_item_save(
    *,
    cohort: Cohort,
    owner,
    title: str,
    work: str = "",
    column: Column | str = Column.EXPLORING,
    next_step: str = "",
    experiment: Experiment | None = None,
    item: BoardItem | None = None,
) -> BoardItem:
    """Put what a member works on on the board, or change their own item. ``experiment``, if
    given, must be one of the owner's own cards."""
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    _ensure_open(locked, _("The board of a finished or cancelled cohort is kept as it was."))
    if not selectors.is_member(user=owner, cohort=locked):
        raise ValidationError(
            _("Only the cohort's members put their work on its board."), code="not_member"
        )
    if item is not None and (item.owner_id != owner.pk or item.cohort_id != locked.pk):
        raise ValidationError(
            _("You can only change your own items on the board."), code="not_owner"
        )
    if column not in Column.values:
        raise ValidationError(
            {"column": ValidationError(_("Choose where the work stands."), code="column")}
        )
    if (
        experiment is not None
        and not selectors.linkable_experiments(owner=owner).filter(pk=experiment.pk).exists()
    ):
        raise ValidationError(
            {
                "experiment": ValidationError(
                    _("Link one of your own experiments."), code="not_own_experiment"
                )
            }
        )
    item = item or BoardItem(cohort=locked, owner=owner)
    item.title = title.strip()
    item.work = work.strip()
    item.column = column
    item.next_step = next_step.strip()
    item.experiment = experiment
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def board_item_delete(*, item: BoardItem, by) -> None:
    """Take one's own item off the board."""
    locked = Cohort.objects.select_for_update().get(pk=item.cohort_id)
    _ensure_open(locked, _("The board of a finished or cancelled cohort is kept as it was."))
    if item.owner_id != by.pk:
        raise ValidationError(
            _("You can only change your own items on the board."), code="not_owner"
        )
    item.delete()


# --- retrospectives ---------------------------------------------------------------------------


@transaction.atomic
def retrospective_write(
    *,
    session: CohortSession,
    author,
    went_well: str = "",
    to_change: str = "",
    next_step: str = "",
    now: datetime.datetime | None = None,
) -> SessionRetrospective:
    """Write, or rewrite, one's retrospective of a session once it has started."""
    locked = Cohort.objects.select_for_update().get(pk=session.cohort_id)
    if locked.status not in RETROSPECTIVE_STATUSES:
        raise ValidationError(
            _("Retrospectives are written once the cohort runs, and not after it was cancelled."),
            code="status",
        )
    if not selectors.is_member(user=author, cohort=locked):
        raise ValidationError(
            _("Only the cohort's members write retrospectives."), code="not_member"
        )
    if not selectors.has_started(session=session, now=now):
        raise ValidationError(
            _("A retrospective looks back: write it once the session has started."),
            code="not_started",
        )
    if not any(text.strip() for text in (went_well, to_change, next_step)):
        raise ValidationError(
            _("Write at least one of the three: what went well, what to change, your next step."),
            code="empty",
        )
    retrospective, _created = SessionRetrospective.objects.select_for_update().get_or_create(
        session=session, author=author
    )
    retrospective.went_well = went_well.strip()
    retrospective.to_change = to_change.strip()
    retrospective.next_step = next_step.strip()
    retrospective.full_clean()
    retrospective.save()
    return retrospective
