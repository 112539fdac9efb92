# SPDX-License-Identifier: EUPL-1.2
"""Reads about the organisation chart that other apps rely on.

``coverage_of`` is the one answer to "which units does this person's role cover?": every
scope check in every app (rules, reports, imports, the home page) asks it, so a role means
the same thing everywhere.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from elan.core.anonymity.grouping import ChartUnit
from elan.organisations.constants import Role
from elan.organisations.models import RoleAssignment, StaffRecord, Unit


def roles_of(*, user) -> set[str]:
    if not user.is_authenticated:
        return set()
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    return roles


def has_role(*, user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    if role == Role.ADMINISTRATOR and user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user, role=role).exists()


def role_assignments_of(*, user) -> list[RoleAssignment]:
    """The roles a person holds as recorded, each with its scope (None: the whole organisation)."""
    return list(RoleAssignment.objects.filter(user=user).select_related("unit"))


# --- Coverage: which units a role covers --------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """The units a person's role covers: the whole organisation, or the subtree of each root.

    Roots are named by their unit code, the chart's stable key: that is what a comparison
    that outlives this request (a survey round's snapshot of the chart, a stored decision)
    must use, and what two coverages are compared by. ``root_paths`` are the roots'
    materialised paths as read with the coverage, for the subtree test within this request's
    queries only: adding a unit renumbers its later siblings' paths, so never store them.
    Nested roots are kept as assigned (a role on a unit and on its child lists both).
    """

    whole_organisation: bool = False
    root_codes: frozenset[str] = frozenset()
    root_paths: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.whole_organisation and not self.root_codes

    def unit_filter(self, prefix: str = "") -> Q:
        """A Q over the covered units; ``prefix`` reaches them from a related model ("unit__")."""
        if self.whole_organisation:
            return Q()
        if not self.root_paths:
            return Q(**{f"{prefix}pk__in": []})
        return functools.reduce(
            operator.or_, (Q(**{f"{prefix}path__startswith": path}) for path in self.root_paths)
        )

    def units(self) -> QuerySet[Unit]:
        return Unit.objects.filter(self.unit_filter())

    def roots(self) -> QuerySet[Unit]:
        """The units the role was assigned on; none when it covers the whole organisation."""
        return Unit.objects.filter(code__in=sorted(self.root_codes)).order_by("path")

    def covers_path(self, path: str) -> bool:
        return self.whole_organisation or any(map(path.startswith, self.root_paths))

    def covers(self, unit: Unit) -> bool:
        return self.covers_path(unit.path)

    def __or__(self, other: Coverage) -> Coverage:
        if self.whole_organisation or other.whole_organisation:
            return WHOLE_ORGANISATION
        return Coverage(
            root_codes=self.root_codes | other.root_codes,
            root_paths=tuple(sorted(set(self.root_paths) | set(other.root_paths))),
        )


NOTHING = Coverage()
WHOLE_ORGANISATION = Coverage(whole_organisation=True)


def _role_set(role: str | Iterable[str]) -> frozenset[str]:
    # Role is a str subclass: one kind, or any iterable of kinds.
    return frozenset({role}) if isinstance(role, str) else frozenset(role)


def coverage_of(*, user, role: str | Iterable[str]) -> Coverage:
    """The units ``user``'s ``role`` covers; ``role`` is one role kind or several, joined.

    An assignment without a unit covers the whole organisation (the platform roles always do);
    one on a unit covers that unit and everything below it. A superuser is an administrator,
    as in ``has_role``. A visitor covers nothing. One query.
    """
    roles = _role_set(role)
    if not getattr(user, "is_authenticated", False) or not roles:
        return NOTHING
    if Role.ADMINISTRATOR in roles and user.is_superuser:
        return WHOLE_ORGANISATION
    rows = list(
        RoleAssignment.objects.filter(user=user, role__in=sorted(roles)).values_list(
            "unit__code", "unit__path"
        )
    )
    if any(code is None for code, _path in rows):
        return WHOLE_ORGANISATION
    return Coverage(
        root_codes=frozenset(code for code, _path in rows),
        root_paths=tuple(sorted({path for _code, path in rows})),
    )


def users_covering(*, unit: Unit, role: str | Iterable[str]) -> QuerySet:
    """Everyone whose ``role`` covers ``unit``: the reverse of ``coverage_of``, in one query."""
    roles = _role_set(role)
    above = [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    holders = RoleAssignment.objects.filter(role__in=sorted(roles)).filter(
        Q(unit__isnull=True) | Q(unit__path__in=above)
    )
    condition = Q(pk__in=holders.values("user_id"))
    if Role.ADMINISTRATOR in roles:
        condition |= Q(is_superuser=True)
    return get_user_model().objects.filter(condition)


# --- A person's place in the chart ---------------------------------------------------------------


def unit_of(*, user) -> Unit | None:
    record = StaffRecord.objects.filter(user=user).select_related("unit").first()
    return record.unit if record else None


def colleague_by_email(email: str):
    """The active account with a staff record behind an address, or None: a verified colleague,
    never an address anyone could create or an account that is not on the chart."""
    address = (email or "").strip()
    if not address:
        return None
    return (
        get_user_model()
        .objects.filter(email__iexact=address, is_active=True, staff_record__isnull=False)
        .first()
    )


def ancestor_paths(path: str) -> list[str]:
    """The paths of the unit at ``path`` and of every unit above it."""
    return [path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)]


def is_line_manager_of(*, manager, person) -> bool:
    return StaffRecord.objects.filter(user=person, line_manager=manager).exists()


def chart_units(*, root_path: str = "") -> list[ChartUnit]:
    """The organisation chart as the anonymity guard needs it, in one query: every unit (active
    or not: old rounds were answered in units that may since have closed), below ``root_path``
    when given, as (code, path) pairs ordered by path."""
    units = Unit.objects.all()
    if root_path:
        units = units.filter(path__startswith=root_path)
    return [
        ChartUnit(code=code, path=path)
        for code, path in units.order_by("path").values_list("code", "path")
    ]
