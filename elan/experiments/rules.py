# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with an experiment, one rule per line (docs/access.md).

A draft is its owner's and co-owners' alone; once started, it is read by whoever it is shared
with (``selectors.is_reader``). Only its owners change it; the person asked answers a
permission request; HR sees counts per unit, never a card it was not shared.
"""

from __future__ import annotations

import rules

from elan.experiments import selectors
from elan.organisations.rules import is_hr


@rules.predicate
def is_owner(user, experiment) -> bool:
    return experiment is not None and selectors.is_owner(viewer=user, experiment=experiment)


@rules.predicate
def is_main_owner(user, experiment) -> bool:
    return experiment is not None and experiment.owner_id == getattr(user, "pk", None)


@rules.predicate
def is_reader(user, experiment) -> bool:
    return experiment is not None and selectors.is_reader(viewer=user, experiment=experiment)


@rules.predicate
def is_asked(user, request) -> bool:
    return request is not None and request.asked_of_id == getattr(user, "pk", None)


@rules.predicate
def leads_people(user) -> bool:
    return selectors.leads_people(viewer=user)


@rules.predicate
def is_open(user, experiment) -> bool:
    return experiment is not None and experiment.is_open


rules.add_perm("experiments.use", rules.is_authenticated)
rules.add_perm("experiments.view", is_owner | is_reader)
rules.add_perm("experiments.edit", is_owner)
rules.add_perm("experiments.manage_owners", is_main_owner)
rules.add_perm("experiments.share", is_main_owner)
rules.add_perm("experiments.profile_evidence", is_main_owner)
rules.add_perm("experiments.answer_permission", is_asked)
rules.add_perm("experiments.view_team", rules.is_authenticated & leads_people)
rules.add_perm("experiments.view_figures", rules.is_authenticated & is_hr)
