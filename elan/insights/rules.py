# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with surveys and their results, one rule per line (docs/access.md).

HR within scope, or a team lead for their unit and below, run campaigns. Results are read
from a closed round by whoever it reaches (its units' members and team leads, and the roles
covering them), and only ever through the guard's published decisions. The team side of the
team-first release (its members and its team lead) plans actions; the team lead shares results
up the line early, and a team without a team lead of its own shares them through its members.
Views answer a refusal with 404, so nothing confirms what exists.
"""

from __future__ import annotations

import rules

from elan.insights import selectors
from elan.organisations.rules import is_team_lead_of
from elan.organisations.selectors import unit_of


@rules.predicate
def may_survey_a_unit(user) -> bool:
    return selectors.units_user_may_survey(user=user).exists()


@rules.predicate
def manages_campaign(user, campaign) -> bool:
    return campaign is not None and selectors.may_manage(user=user, campaign=campaign)


@rules.predicate
def is_invited(user, participation) -> bool:
    return participation is not None and participation.user_id == user.pk


@rules.predicate
def reaches_a_unit(user, view) -> bool:
    """``view`` is a closed round as this person sees it (``selectors.round_view``)."""
    return view is not None and bool(selectors.reachable_codes(view))


@rules.predicate
def is_member_of(user, unit_code) -> bool:
    unit = unit_of(user=user)
    return bool(unit_code) and unit is not None and unit.code == unit_code


@rules.predicate
def has_no_team_lead_of_its_own(user, unit_code) -> bool:
    return bool(unit_code) and not selectors.has_team_lead_of_its_own(code=unit_code)


@rules.predicate
def owns_action(user, action) -> bool:
    return action is not None and action.owner_id == user.pk


@rules.predicate
def leads_team_of_action(user, action) -> bool:
    return action is not None and is_team_lead_of(user, action.plan.unit_code)


# The team side of team-first: the unit's members and its team lead.
is_on_team = is_team_lead_of | is_member_of
may_check_action = owns_action | leads_team_of_action
# Sharing early is the team's decision: the leads above and HR are whom the period waits for, so
# a team without a lead of its own decides through its members (docs/access.md).
may_share_results = is_team_lead_of | (is_member_of & has_no_team_lead_of_its_own)

rules.add_perm("insights.run_campaigns", rules.is_authenticated & may_survey_a_unit)
rules.add_perm("insights.manage_campaign", rules.is_authenticated & manages_campaign)
rules.add_perm("insights.answer_survey", rules.is_authenticated & is_invited)
rules.add_perm("insights.view_results", rules.is_authenticated & reaches_a_unit)
rules.add_perm("insights.share_results", rules.is_authenticated & may_share_results)
rules.add_perm("insights.plan_actions", rules.is_authenticated & is_on_team)
rules.add_perm("insights.check_action", rules.is_authenticated & may_check_action)
