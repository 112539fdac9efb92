# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with hackathons and sprints, one rule per line (docs/access.md).

HR creates events and organises them with the organisers it names; team leads and HR post
their units' challenges; any member of staff registers for an open event; a team is read by
its members, its challenge's problem owner, its mentor and the organisers, and by all but the
organisers only once published. Anyone on staff may offer to mentor before the teams are out.
While the event runs, a team's members ask for help, the event's mentors pull the requests and
the one who took a request answers it; once the teams are out, the members or the problem owner
record the team's result and each member writes a retrospective.
"""

from __future__ import annotations

import rules

from elan.events import selectors
from elan.events.constants import MENTOR_STATUSES, RESULT_STATUSES, Status
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
def mentors_team(user, team) -> bool:
    return team is not None and team.mentor_id is not None and team.mentor_id == user.pk


@rules.predicate
def organises_team_event(user, team) -> bool:
    return team is not None and selectors.is_organiser(user=user, event=team.event)


@rules.predicate
def team_is_published(user, team) -> bool:
    return team is not None and team.is_published


@rules.predicate
def takes_mentors(user, event) -> bool:
    return event is not None and event.status in MENTOR_STATUSES


@rules.predicate
def is_running(user, event) -> bool:
    return event is not None and event.status == Status.TEAMS_PUBLISHED


@rules.predicate
def mentors_event(user, event) -> bool:
    return event is not None and selectors.is_mentor(user=user, event=event)


@rules.predicate
def team_is_running(user, team) -> bool:
    return team is not None and team.is_published and team.event.status == Status.TEAMS_PUBLISHED


@rules.predicate
def team_has_run(user, team) -> bool:
    return team is not None and team.is_published and team.event.status in RESULT_STATUSES


@rules.predicate
def took_request(user, request) -> bool:
    return (
        request is not None and request.taken_by_id is not None and request.taken_by_id == user.pk
    )


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
    & (organises_team_event | (team_is_published & (in_team | owns_the_problem | mentors_team))),
)
rules.add_perm("events.volunteer_as_mentor", rules.is_authenticated & takes_mentors)
rules.add_perm("events.post_help_request", rules.is_authenticated & team_is_running & in_team)
rules.add_perm("events.pull_help_request", rules.is_authenticated & is_running & mentors_event)
rules.add_perm("events.answer_help_request", rules.is_authenticated & took_request)
rules.add_perm(
    "events.record_result", rules.is_authenticated & team_has_run & (in_team | owns_the_problem)
)
rules.add_perm("events.write_retrospective", rules.is_authenticated & team_has_run & in_team)
