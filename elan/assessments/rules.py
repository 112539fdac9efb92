# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with self-assessments, profiles and plans, one rule per line (docs/access.md).

A profile and plan belong to their owner. Someone else reads them only while the owner shares
them (read-only); line managers, HR and administrators have no access of their own. The team
view shows guarded aggregates to team leads and HR within their scope.
"""

from __future__ import annotations

import rules

from elan.assessments import selectors, team


@rules.predicate
def is_profile_owner(user, owner) -> bool:
    return owner is not None and user.is_authenticated and user.pk == owner.pk


@rules.predicate
def is_step_owner(user, step) -> bool:
    return step is not None and user.is_authenticated and user.pk == step.owner_id


@rules.predicate
def has_active_share(user, owner) -> bool:
    return owner is not None and selectors.active_share(viewer=user, owner=owner) is not None


@rules.predicate
def sees_team_mix(user, unit) -> bool:
    return unit is not None and team.can_view_team(viewer=user, unit=unit)


@rules.predicate
def has_a_team_scope(user) -> bool:
    return bool(team.units_for_viewer(viewer=user))


rules.add_perm("assessments.take_assessment", rules.is_authenticated)
rules.add_perm("assessments.view_profile", is_profile_owner | has_active_share)
rules.add_perm("assessments.change_profile", is_profile_owner)
rules.add_perm("assessments.share_profile", is_profile_owner)
# A shared plan stays read-only: only its owner moves a step or sets its date.
rules.add_perm("assessments.change_plan_step", is_step_owner)
rules.add_perm("assessments.view_team_overview", rules.is_authenticated & has_a_team_scope)
rules.add_perm("assessments.view_team_mix", rules.is_authenticated & sees_team_mix)
