# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with hackathons and sprints, one rule per line (docs/access.md).

HR creates events and organises them with the organisers it names; team leads and HR post
their units' challenges; any member of staff registers for an open event; a team is read by
its members, its challenge's problem owner and the organisers, and by the first two only once
published.
"""

from __future__ import annotations

import rules

from elan.events import selectors
from elan.events.constants import Status
from elan.organisations.rules import is_hr


@rules.predicate
def organises(user, event) -> bool:
    return event is not None and selectors.is_organiser(user=user, event=event)


@rules.predicate
def is_visible(user, event) -> bool:
    return event is not None and event.status != Status.DRAFT


@rules.predicate
def is_open(user, event) -> bool:
    return event is not None and event.status == Status.OPEN


@rules.predicate
def answers_for_a_unit(user, event) -> bool:
    return event is not None and selectors.may_post_anywhere(user=user)


@rules.predicate
def owns_the_problem(user, team) -> bool:
    return team is not None and selectors.is_problem_owner(user=user, challenge=team.challenge)


@rules.predicate
def in_team(user, team) -> bool:
    return team is not None and selectors.is_team_member(user=user, team=team)


@rules.predicate
def organises_team_event(user, team) -> bool:
    return team is not None and selectors.is_organiser(user=user, event=team.event)


@rules.predicate
def team_is_published(user, team) -> bool:
    return team is not None and team.is_published


rules.add_perm("events.create", rules.is_authenticated & is_hr)
rules.add_perm("events.manage_event", rules.is_authenticated & organises)
rules.add_perm("events.view_event", rules.is_authenticated & (organises | is_visible))
rules.add_perm(
    "events.post_challenge",
    rules.is_authenticated & (organises | (is_open & answers_for_a_unit)),
)
rules.add_perm("events.register", rules.is_authenticated & is_open)
rules.add_perm(
    "events.view_team",
    rules.is_authenticated
    & (organises_team_event | (team_is_published & (in_team | owns_the_problem))),
)
