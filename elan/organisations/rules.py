# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with the organisation chart, one rule per line (docs/access.md)."""

from __future__ import annotations

import rules

from elan.organisations import selectors
from elan.organisations.constants import Role


@rules.predicate
def is_administrator(user) -> bool:
    return selectors.has_role(user=user, role=Role.ADMINISTRATOR)


@rules.predicate
def is_hr(user) -> bool:
    return selectors.has_role(user=user, role=Role.HR)


@rules.predicate
def is_team_lead(user) -> bool:
    return selectors.has_role(user=user, role=Role.TEAM_LEAD)


@rules.predicate
def is_hr_for_unit(user, unit) -> bool:
    return unit is not None and selectors.unit_is_in_scope(user=user, role=Role.HR, unit=unit)


@rules.predicate
def is_content_editor(user) -> bool:
    return selectors.has_role(user=user, role=Role.CONTENT_EDITOR)


@rules.predicate
def is_moderator(user) -> bool:
    return selectors.has_role(user=user, role=Role.MODERATOR)


rules.add_perm("organisations.view_chart", rules.is_authenticated)
rules.add_perm("organisations.import_staff", is_hr | is_administrator)
# HR reach the import through the back office: ``wagtailadmin.access_admin`` for HR is one
# rule for the whole platform, declared once in elan/skills/rules.py (rules refuses a second).
rules.add_perm("organisations.manage_roles", is_administrator)
rules.add_perm("organisations.view_unit_people", is_hr_for_unit | is_administrator)
