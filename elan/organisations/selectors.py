# SPDX-License-Identifier: EUPL-1.2
"""Reads about the organisation chart that other apps rely on."""

from __future__ import annotations

from django.db.models import Q, QuerySet

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


def scope_filter(*, user, role: str, prefix: str = "") -> Q | None:
    """A Q over units that ``user``'s ``role`` covers, or None when it covers nothing.

    An assignment with no unit covers the whole organisation; one with a unit covers its
    subtree, which the materialised path turns into a prefix match.
    """
    assignments = list(RoleAssignment.objects.filter(user=user, role=role).select_related("unit"))
    if not assignments:
        return None
    if any(assignment.unit_id is None for assignment in assignments):
        return Q()
    condition = Q(pk__in=[])
    for assignment in assignments:
        condition |= Q(**{f"{prefix}path__startswith": assignment.unit.path})
    return condition


def units_in_scope(*, user, role: str) -> QuerySet[Unit]:
    condition = scope_filter(user=user, role=role)
    if condition is None:
        return Unit.objects.none()
    return Unit.objects.filter(condition)


def unit_is_in_scope(*, user, role: str, unit: Unit) -> bool:
    condition = scope_filter(user=user, role=role)
    if condition is None:
        return False
    return Unit.objects.filter(condition, pk=unit.pk).exists()


def unit_of(*, user) -> Unit | None:
    record = StaffRecord.objects.filter(user=user).select_related("unit").first()
    return record.unit if record else None


def is_line_manager_of(*, manager, person) -> bool:
    return StaffRecord.objects.filter(user=person, line_manager=manager).exists()
