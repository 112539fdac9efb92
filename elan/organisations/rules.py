# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with the organisation chart, one rule per line (docs/access.md).

The organisation owns the roles, so every role predicate is defined here, once, and the
other apps' rules import them. Views ask these rules with ``rules.has_perm`` (never
``user.has_perm``, through which Django lets a superuser pass every check).
"""

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
def is_content_editor(user) -> bool:
    return selectors.has_role(user=user, role=Role.CONTENT_EDITOR)


@rules.predicate
def is_moderator(user) -> bool:
    return selectors.has_role(user=user, role=Role.MODERATOR)


@rules.predicate
def is_team_lead_of(user, unit_code) -> bool:
    """Holds the team-lead role on exactly this unit, named by its code (the stable key that
    survey rounds and their reports use)."""
    if not unit_code:
        return False
    return unit_code in selectors.coverage_of(user=user, role=Role.TEAM_LEAD).root_codes


@rules.predicate
def is_hr_for_unit(user, unit) -> bool:
    return unit is not None and selectors.coverage_of(user=user, role=Role.HR).covers(unit)


# The back office (Wagtail's /admin/) is for the roles that work there: HR (frameworks, the
# import), editors and moderators (the hub; their Wagtail groups grant the same), and
# administrators (superusers, whom Wagtail lets in anyway). One rule for the whole platform:
# rules refuses a second declaration of it.
may_enter_back_office = is_administrator | is_hr | is_content_editor | is_moderator

rules.add_perm("organisations.view_chart", rules.is_authenticated)
rules.add_perm("organisations.import_staff", is_hr | is_administrator)
rules.add_perm("organisations.manage_roles", is_administrator)
rules.add_perm("organisations.view_unit_people", is_hr_for_unit | is_administrator)
rules.add_perm("wagtailadmin.access_admin", may_enter_back_office)
