# SPDX-License-Identifier: EUPL-1.2
"""Writes to the organisation chart. Other apps call these, never the models' save()."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from elan.organisations.constants import UNIT_SCOPED_ROLES, Role
from elan.organisations.models import RoleAssignment, Unit

# Hub roles map onto Wagtail's own groups, so the back office's workflow and permissions
# follow the role data instead of a second, hand-kept list of group memberships.
WAGTAIL_GROUP_FOR_ROLE = {
    Role.CONTENT_EDITOR: "Editors",
    Role.MODERATOR: "Moderators",
}


@transaction.atomic
def role_assign(*, user, role: str, unit: Unit | None = None) -> RoleAssignment:
    if role in UNIT_SCOPED_ROLES and role == Role.TEAM_LEAD and unit is None:
        raise ValueError("A team-lead role needs a unit.")
    if role not in UNIT_SCOPED_ROLES:
        unit = None
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    _sync_back_office_access(user=user)
    return assignment


@transaction.atomic
def role_revoke(*, user, role: str, unit: Unit | None = None) -> None:
    RoleAssignment.objects.filter(user=user, role=role, unit=unit).delete()
    _sync_back_office_access(user=user)


def _sync_back_office_access(*, user) -> None:
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    for role, group_name in WAGTAIL_GROUP_FOR_ROLE.items():
        # The group may not exist yet (a database emptied by a flush has none); the hub's
        # editorial setup gives it its permissions whenever it runs, before or after.
        group, _created = Group.objects.get_or_create(name=group_name)
        if role in roles:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    is_admin = Role.ADMINISTRATOR in roles
    if user.is_superuser != is_admin or user.is_staff != is_admin:
        user.is_superuser = is_admin
        user.is_staff = is_admin
        user.save(update_fields=["is_superuser", "is_staff"])
