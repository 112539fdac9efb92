# SPDX-License-Identifier: EUPL-1.2
"""Hackathons and sprints as personal data: export and erasure (docs/privacy.md).

Registered with the register in elan/core/personal_data.py, which core's ``ready`` fills by
importing every app's ``personal_data`` module: nothing else needs to call this one.

The download holds:

- **the registrations**: the event, the strengths brought, the skills to practise, the ranked
  challenges, the languages, how the person came (alone or with a group, and its code);
- **the teams, once published** (a proposal is the organisers' draft): the event, the
  challenge, the working language, the mentor's name, the published date, the other members'
  names, and the reasons the person is in that team;
- **the challenges they own or posted**, **the published teams they mentor**, **the events
  they organise**, and what they did to events (kind and time);
- **their offers to mentor**: the event, the number of teams, the strengths and languages;
- **the help requests they asked or took**: the team, the question, the skill, the status and
  its times; and what they did to help requests;
- **the results they recorded** and **the retrospectives they wrote**.

Erasure: registrations go, with their ranked challenges and team places; a challenge they own
or posted stays for its team, without them; a team they mentor keeps no mentor; events they
organise stay for their participants, without them; the history keeps what happened, no
longer by whom. Their offers to mentor and their retrospectives go; a help request they asked
stays for the organiser's waiting times, without them and without its question; one they took
stays without them; a result they recorded stays for its team, without them.

Retention: nothing beyond the account.
"""

from __future__ import annotations

from elan.core.personal_data import register_eraser, register_exporter
from elan.events.models import (
    Challenge,
    Event,
    EventEvent,
    EventMentor,
    HelpRequest,
    HelpRequestEvent,
    Registration,
    Team,
    TeamMember,
    TeamResult,
    TeamRetrospective,
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


def _export_request(request: HelpRequest) -> dict:
    return {
        "event": request.team.event.title,
        "team": request.team.number,
        "question": request.question,
        "skill": str(request.skill),
        "status": request.status,
        "asked_at": _iso(request.created_at),
        "taken_at": _iso(request.taken_at),
        "answered_at": _iso(request.answered_at),
    }


def export_events(user) -> dict:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event")
        .prefetch_related("strengths", "practise", "choices__challenge")
        .order_by("registered_at", "pk")
    )
    # A proposed team is the organisers' draft until they publish it: its members see it then
    # (rules.py, events.view_team), and the download shows no more than they may see.
    memberships = (
        TeamMember.objects.filter(registration__user=user, team__published_at__isnull=False)
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
            for t in Team.objects.filter(mentor=user, published_at__isnull=False).select_related(
                "event", "challenge"
            )
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
        "your_offers_to_mentor": [
            {
                "event": offer.event.title,
                "teams": offer.capacity,
                "strengths": [str(c) for c in offer.strengths.all()],
                "languages": list(offer.languages),
                "volunteered_at": _iso(offer.volunteered_at),
            }
            for offer in EventMentor.objects.filter(user=user)
            .select_related("event")
            .prefetch_related("strengths")
        ],
        "help_requests_you_asked": [
            _export_request(request)
            for request in HelpRequest.objects.filter(asked_by=user).select_related(
                "team__event", "skill"
            )
        ],
        "help_requests_you_took": [
            _export_request(request)
            for request in HelpRequest.objects.filter(taken_by=user).select_related(
                "team__event", "skill"
            )
        ],
        "your_actions_on_help_requests": [
            {"event": title, "to": to_status, "at": _iso(at)}
            for title, to_status, at in HelpRequestEvent.objects.filter(by=user)
            .order_by("at", "pk")
            .values_list("request__team__event__title", "to_status", "at")
        ],
        "results_you_recorded": [
            {
                "event": result.team.event.title,
                "team": result.team.number,
                "summary": result.summary,
                "recorded_at": _iso(result.recorded_at),
            }
            for result in TeamResult.objects.filter(recorded_by=user).select_related("team__event")
        ],
        "retrospectives_you_wrote": [
            {
                "event": retro.team.event.title,
                "team": retro.team.number,
                "went_well": retro.went_well,
                "to_change": retro.to_change,
                "next_step": retro.next_step,
                "written_at": _iso(retro.written_at),
            }
            for retro in TeamRetrospective.objects.filter(author=user).select_related("team__event")
        ],
    }


def erase_events(*, user, now) -> None:
    """Delete the person's registrations (their choices and team places go with them); keep
    challenges, teams and events without them."""
    Registration.objects.filter(user=user).delete()
    Challenge.objects.filter(problem_owner=user).update(problem_owner=None)
    Challenge.objects.filter(posted_by=user).update(posted_by=None)
    Team.objects.filter(mentor=user).update(mentor=None)
    user.organised_events.clear()
    EventEvent.objects.filter(by=user).update(by=None)
    EventMentor.objects.filter(user=user).delete()
    # The question is the person's own words; the times stay for the organiser's figures.
    HelpRequest.objects.filter(asked_by=user).update(asked_by=None, question="")
    HelpRequest.objects.filter(taken_by=user).update(taken_by=None)
    HelpRequestEvent.objects.filter(by=user).update(by=None)
    TeamResult.objects.filter(recorded_by=user).update(recorded_by=None)
    TeamRetrospective.objects.filter(author=user).delete()


EVENTS_MODELS = (
    "events.Event",
    "events.EventEvent",
    "events.Challenge",
    "events.Registration",
    "events.ChallengeChoice",
    "events.Team",
    "events.TeamMember",
    "events.EventMentor",
    "events.HelpRequest",
    "events.HelpRequestEvent",
    "events.TeamResult",
    "events.TeamRetrospective",
)

register_exporter("events", export_events, models=EVENTS_MODELS)
register_eraser("events", erase_events, models=EVENTS_MODELS)
