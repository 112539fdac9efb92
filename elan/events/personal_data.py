# SPDX-License-Identifier: EUPL-1.2
"""Hackathons and sprints as personal data: export and erasure (docs/privacy.md).

Registered with the register in elan/core/personal_data.py, which core's ``ready`` fills by
importing every app's ``personal_data`` module: nothing else needs to call this one.

The download holds:

- **the registrations**: the event, the strengths brought, the skills to practise, the ranked
  challenges, the languages, how the person came (alone or with a group, and its code);
- **the teams**: the event, the challenge, the working language, the mentor's name, the
  published date, the other members' names, and the reasons the person is in that team;
- **the challenges they own or posted**, **the teams they mentor**, **the events they
  organise**, and what they did to events (kind and time).

Erasure: registrations go, with their ranked challenges and team places; a challenge they own
or posted stays for its team, without them; a team they mentor keeps no mentor; events they
organise stay for their participants, without them; the history keeps what happened, no
longer by whom.

Retention: nothing beyond the account.
"""

from __future__ import annotations

from elan.core.personal_data import register_eraser, register_exporter
from elan.events.models import (
    Challenge,
    Event,
    EventEvent,
    Registration,
    Team,
    TeamMember,
)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.email


def _export_team(membership: TeamMember, *, user) -> dict:
    team = membership.team
    return {
        "team": team.number,
        "challenge": team.challenge.title,
        "working_language": team.working_language,
        "mentor": _name(team.mentor),
        "published_at": _iso(team.published_at),
        "other_members": [
            _name(other.registration.user)
            for other in team.members.all()
            if other.registration.user_id != user.pk
        ],
        "why_you_are_in_this_team": membership.reasons,
    }


def export_events(user) -> dict:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event")
        .prefetch_related("strengths", "practise", "choices__challenge")
        .order_by("registered_at", "pk")
    )
    memberships = (
        TeamMember.objects.filter(registration__user=user)
        .select_related("team__challenge", "team__mentor", "team__event")
        .prefetch_related("team__members__registration__user")
    )
    teams_by_event = {m.team.event_id: _export_team(m, user=user) for m in memberships}
    return {
        "registrations": [
            {
                "event": registration.event.title,
                "starts_on": _iso(registration.event.starts_on),
                "strengths": [str(c) for c in registration.strengths.all()],
                "skills_to_practise": [str(c) for c in registration.practise.all()],
                "challenges_ranked": [c.challenge.title for c in registration.choices.all()],
                "languages": list(registration.languages),
                "how_you_come": registration.mode,
                "group_code": registration.group_code,
                "registered_at": _iso(registration.registered_at),
                "updated_at": _iso(registration.updated_at),
                "team": teams_by_event.get(registration.event_id),
            }
            for registration in registrations
        ],
        "challenges_you_own": [
            {"event": c.event.title, "title": c.title, "problem": c.problem}
            for c in Challenge.objects.filter(problem_owner=user).select_related("event")
        ],
        "challenges_you_posted": [
            {"event": c.event.title, "title": c.title, "posted_at": _iso(c.posted_at)}
            for c in Challenge.objects.filter(posted_by=user).select_related("event")
        ],
        "teams_you_mentor": [
            {"event": t.event.title, "challenge": t.challenge.title, "team": t.number}
            for t in Team.objects.filter(mentor=user).select_related("event", "challenge")
        ],
        "events_you_organise": sorted(
            Event.objects.filter(organisers=user).values_list("title", flat=True)
        ),
        "your_actions_on_events": [
            {"event": title, "what": kind, "to": to_status, "at": _iso(at)}
            for title, kind, to_status, at in EventEvent.objects.filter(by=user)
            .order_by("at", "pk")
            .values_list("event__title", "kind", "to_status", "at")
        ],
    }


def erase_events(*, user, now) -> None:
    """Delete the person's registrations (their choices and team places go with them); keep
    challenges, teams and events without them."""
    Registration.objects.filter(user=user).delete()
    Challenge.objects.filter(problem_owner=user).update(problem_owner=None)
    Challenge.objects.filter(posted_by=user).update(posted_by=None)
    Team.objects.filter(mentor=user).update(mentor=None)
    for event in Event.objects.filter(organisers=user):
        event.organisers.remove(user)
    EventEvent.objects.filter(by=user).update(by=None)


EVENTS_MODELS = (
    "events.Event",
    "events.EventEvent",
    "events.Challenge",
    "events.Registration",
    "events.ChallengeChoice",
    "events.Team",
    "events.TeamMember",
)

register_exporter("events", export_events, models=EVENTS_MODELS)
register_eraser("events", erase_events, models=EVENTS_MODELS)
