# SPDX-License-Identifier: EUPL-1.2
"""Who may do what in the evaluation cycle, one rule per line (docs/access.md).

A cycle is its person's and their evaluators' (the line manager, and a second evaluator if one
was added); a goal in draft is its owner's alone (``selectors.goal_for``). HR sees the process
figures and which talks took place when, never a person's goals or notes. A unit's objectives
are kept by HR within scope and by the unit's team lead.
"""

from __future__ import annotations

import rules

from elan.goals import selectors
from elan.organisations.constants import Role
from elan.organisations.rules import is_administrator, is_hr, is_hr_for_unit
from elan.organisations.selectors import coverage_of


@rules.predicate
def is_cycle_person(user, cycle) -> bool:
    return cycle is not None and selectors.is_person(viewer=user, cycle=cycle)


@rules.predicate
def is_cycle_evaluator(user, cycle) -> bool:
    return cycle is not None and selectors.is_evaluator(viewer=user, cycle=cycle)


@rules.predicate
def is_open_cycle(user, cycle) -> bool:
    return cycle is not None and cycle.is_open


@rules.predicate
def is_team_lead_for_unit(user, unit) -> bool:
    return unit is not None and coverage_of(user=user, role=Role.TEAM_LEAD).covers(unit)


rules.add_perm("goals.use_goals", rules.is_authenticated)
rules.add_perm("goals.view_cycle", is_cycle_person | is_cycle_evaluator)
rules.add_perm("goals.edit_goals", is_cycle_person & is_open_cycle)
rules.add_perm("goals.agree_goals", is_cycle_evaluator & is_open_cycle)
rules.add_perm("goals.hold_talks", is_cycle_evaluator & is_open_cycle)
rules.add_perm("goals.add_evidence", is_cycle_person & is_open_cycle)
rules.add_perm("goals.view_process_figures", rules.is_authenticated & is_hr)
# Which talks took place and when, per person: HR's process, never the contents (talk_dates.py).
rules.add_perm("goals.view_talk_dates", rules.is_authenticated & is_hr)
rules.add_perm("goals.manage_objectives", is_hr_for_unit | is_team_lead_for_unit)
# The cycle's settings in the back office (wagtail_hooks.py): the goal templates, shared by all;
# an organisation's holidays and cycle rules, within HR's scope.
rules.add_perm("goals.manage_cycle_settings", is_hr | is_administrator)
rules.add_perm("goals.manage_unit_cycle_settings", is_hr_for_unit | is_administrator)
