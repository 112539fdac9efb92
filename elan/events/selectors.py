# SPDX-License-Identifier: EUPL-1.2
"""Reads of the events (issue 19), and the bridge from the database to ``formation``."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from elan.events import formation
from elan.events.constants import HelpStatus, Status
from elan.events.models import (
    Challenge,
    Event,
    EventMentor,
    HelpRequest,
    Registration,
    Team,
    TeamMember,
    TeamRetrospective,
)
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.selectors import coverage_of, unit_of
from elan.skills import selectors as skills_selectors
from elan.skills.models import Competency

# Who may post a challenge for a unit besides the organisers: those who answer for it.
CHALLENGE_ROLES = (Role.TEAM_LEAD, Role.HR)


def is_organiser(*, user, event: Event) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and event.organisers.filter(pk=user.pk).exists()
    )


def may_post_for(*, user, unit: Unit) -> bool:
    """A team lead or HR whose role covers the unit."""
    return coverage_of(user=user, role=CHALLENGE_ROLES).covers(unit)


def may_post_anywhere(*, user) -> bool:
    return not coverage_of(user=user, role=CHALLENGE_ROLES).is_empty


def is_team_member(*, user, team: Team) -> bool:
    return TeamMember.objects.filter(team=team, registration__user_id=user.pk).exists()


def is_problem_owner(*, user, challenge: Challenge) -> bool:
    return challenge.problem_owner_id is not None and challenge.problem_owner_id == user.pk


def mentor_of(*, user, event: Event) -> EventMentor | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return EventMentor.objects.filter(event=event, user=user).first()


def is_mentor(*, user, event: Event) -> bool:
    return mentor_of(user=user, event=event) is not None


# --- the help queue, as the organiser reads it ------------------------------------------------


@dataclass(frozen=True)
class HelpFigures:
    """One skill's queue: how many wait now, for how long, and how soon a mentor came."""

    skill: Competency
    waiting: int
    median_wait: datetime.timedelta | None
    longest_wait: datetime.timedelta | None
    median_to_taken: datetime.timedelta | None


def _median(spans: list[datetime.timedelta]) -> datetime.timedelta | None:
    if not spans:
        return None
    return datetime.timedelta(seconds=statistics.median(s.total_seconds() for s in spans))


def help_queue_figures(*, event: Event) -> list[HelpFigures]:
    """Per skill asked for, in the skills' order: the requests waiting now with their median
    and longest wait, and the median time every request taken so far waited to be taken."""
    now = timezone.now()
    waits: dict[int, list[datetime.timedelta]] = defaultdict(list)
    to_taken: dict[int, list[datetime.timedelta]] = defaultdict(list)
    skills: dict[int, Competency] = {}
    for request in HelpRequest.objects.filter(team__event=event).select_related("skill"):
        skills[request.skill_id] = request.skill
        if request.status == HelpStatus.WAITING:
            waits[request.skill_id].append(now - request.created_at)
        if request.taken_at is not None:
            to_taken[request.skill_id].append(request.taken_at - request.created_at)
    return [
        HelpFigures(
            skill=skill,
            waiting=len(waits[pk]),
            median_wait=_median(waits[pk]),
            longest_wait=max(waits[pk], default=None),
            median_to_taken=_median(to_taken[pk]),
        )
        for pk, skill in sorted(skills.items(), key=lambda item: (str(item[1]), item[0]))
    ]


# --- formation's input ------------------------------------------------------------------------


@dataclass(frozen=True)
class FormationInput:
    participants: list[formation.Participant]
    challenges: list[formation.Challenge]
    rules: formation.Rules
    registrations: dict[str, Registration]
    mentors: list[formation.Mentor]
    # formation's mentor key → the mentor's user id
    mentor_users: dict[str, int]


def registration_key(registration: Registration) -> str:
    return str(registration.pk)


def challenge_key(challenge: Challenge) -> str:
    return str(challenge.pk)


def rules_of(event: Event) -> formation.Rules:
    return formation.Rules(
        min_size=event.min_team_size,
        max_size=event.max_team_size,
        # By slug: the same skill whichever version of its framework named it.
        required_skills=tuple(sorted(set(event.required_skills.values_list("slug", flat=True)))),
        max_per_unit=event.max_per_unit,
    )


def formation_input(*, event: Event) -> FormationInput:
    """The event's registrations, challenges and rules as ``formation`` reads them, in a fixed
    number of queries."""
    registrations = list(
        Registration.objects.filter(event=event)
        .select_related("user")
        .prefetch_related("strengths", "practise", "choices")
        .order_by("pk")
    )
    user_ids = [r.user_id for r in registrations]
    staff = {
        user_id: (code, grade)
        for user_id, code, grade in StaffRecord.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "unit__code", "grade"
        )
    }
    # A newcomer never registered for an event that started before this one.
    veterans = set(
        Registration.objects.filter(user_id__in=user_ids, event__starts_on__lt=event.starts_on)
        .exclude(event=event)
        .values_list("user_id", flat=True)
    )
    participants = []
    for registration in registrations:
        unit, grade = staff.get(registration.user_id, (None, ""))
        participants.append(
            formation.Participant(
                key=registration_key(registration),
                # Someone without a staff record belongs to no unit: a unit of their own, so
                # that no cap on units ever counts them with anyone else.
                unit=unit or f"no-unit:{registration.user_id}",
                grade=grade or "",
                languages=frozenset(registration.languages),
                strengths=frozenset(c.slug for c in registration.strengths.all()),
                practise=frozenset(c.slug for c in registration.practise.all()),
                ranking=tuple(
                    str(choice.challenge_id)
                    for choice in sorted(registration.choices.all(), key=lambda c: c.rank)
                ),
                group=registration.group_code or None,
                newcomer=registration.user_id not in veterans,
            )
        )
    challenges = [
        formation.Challenge(key=challenge_key(challenge), max_teams=challenge.max_teams)
        for challenge in Challenge.objects.filter(event=event).order_by("pk")
    ]
    offers = list(EventMentor.objects.filter(event=event).prefetch_related("strengths"))
    return FormationInput(
        participants=participants,
        challenges=challenges,
        rules=rules_of(event),
        registrations={registration_key(r): r for r in registrations},
        mentors=[
            formation.Mentor(
                key=str(offer.pk),
                capacity=offer.capacity,
                strengths=frozenset(c.slug for c in offer.strengths.all()),
                languages=frozenset(offer.languages),
            )
            for offer in offers
        ],
        mentor_users={str(offer.pk): offer.user_id for offer in offers},
    )


def plan_of(*, event: Event) -> list[formation.Team]:
    """The stored teams as ``formation.check`` reads them."""
    return [
        formation.Team(
            key=str(team.number),
            challenge=str(team.challenge_id),
            language=team.working_language,
            members=tuple(str(m.registration_id) for m in team.members.all()),
        )
        for team in Team.objects.filter(event=event).prefetch_related("members")
    ]


# --- what organisers read ---------------------------------------------------------------------


def organised_events(*, user) -> QuerySet[Event]:
    """The events the reader organises, each with its counts, newest first."""
    return (
        Event.objects.filter(organisers=user)
        .annotate(
            registration_count=Count("registrations", distinct=True),
            challenge_count=Count("challenges", distinct=True),
            team_count=Count("teams", distinct=True),
        )
        .order_by("-starts_on", "title", "pk")
    )


def event_skill_choices() -> QuerySet[Competency]:
    """The skills an event may ask of every team: the newest published innovation framework's.
    Formation compares skills by slug, so any version's holders count."""
    framework = skills_selectors.framework_by_slug(slug=skills_selectors.INNOVATION_FRAMEWORK_SLUG)
    if framework is None:
        return Competency.objects.none()
    return Competency.objects.filter(framework=framework).order_by("group__position", "position")


def challenge_units(*, user, event: Event) -> QuerySet[Unit]:
    """The units the reader may post a challenge for: those their team-lead or HR role covers,
    and, for an organiser, every unit of their own organisation (the tree their unit is in)."""
    condition = coverage_of(user=user, role=CHALLENGE_ROLES).unit_filter()
    if is_organiser(user=user, event=event):
        own = unit_of(user=user)
        if own is not None:
            condition |= Q(path__startswith=own.path[: Unit.steplen])
    return Unit.objects.filter(condition, is_active=True).order_by("path")


def registrations_for_organiser(*, event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event)
        .select_related("user__staff_record__unit")
        .annotate(strength_count=Count("strengths", distinct=True))
        .order_by("registered_at", "pk")
    )


def mentor_offers(*, event: Event) -> QuerySet[EventMentor]:
    return (
        EventMentor.objects.filter(event=event)
        .select_related("user")
        .order_by("volunteered_at", "pk")
    )


def organiser_teams(*, event: Event) -> QuerySet[Team]:
    """The event's teams with what the organiser's page shows of each, in a few queries."""
    return (
        Team.objects.filter(event=event)
        .select_related("challenge", "mentor")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=TeamMember.objects.select_related(
                    "registration__user__staff_record__unit"
                ).order_by("pk"),
            )
        )
        .order_by("number")
    )


def waiting_help_requests(*, event: Event) -> QuerySet[HelpRequest]:
    """The requests waiting for a mentor now, longest waiting first."""
    return (
        HelpRequest.objects.filter(team__event=event, status=HelpStatus.WAITING)
        .select_related("team", "skill")
        .order_by("created_at", "pk")
    )


# --- what participants and mentors read -------------------------------------------------------


def open_events() -> QuerySet[Event]:
    """The events taking registrations, soonest first: drafts are their organisers' alone."""
    return Event.objects.filter(status=Status.OPEN).order_by("starts_on", "title", "pk")


def registrations_of(*, user) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user_id=user.pk)
        .exclude(event__status=Status.DRAFT)
        .select_related("event")
        .order_by("-event__starts_on", "pk")
    )


def registration_of(*, user, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Registration.objects.filter(event=event, user_id=user.pk)
        .prefetch_related("strengths", "practise", "choices__challenge")
        .first()
    )


def published_teams_of(*, user) -> QuerySet[Team]:
    """The reader's teams once published: a proposal stays the organisers' draft."""
    return (
        Team.objects.filter(members__registration__user_id=user.pk, published_at__isnull=False)
        .select_related("event", "challenge")
        .order_by("-event__starts_on", "number")
    )


def followed_teams_of(*, user) -> QuerySet[Team]:
    """The published teams the reader accompanies without being a member: those on a challenge
    they own as problem owner, and those they mentor."""
    return (
        Team.objects.filter(
            Q(challenge__problem_owner_id=user.pk) | Q(mentor_id=user.pk),
            published_at__isnull=False,
        )
        .select_related("event", "challenge")
        .order_by("-event__starts_on", "number")
    )


def published_team_of(*, user, event: Event) -> Team | None:
    return published_teams_of(user=user).filter(event=event).first()


def mentoring_of(*, user) -> QuerySet[EventMentor]:
    return (
        EventMentor.objects.filter(user_id=user.pk)
        .exclude(event__status=Status.DRAFT)
        .select_related("event")
        .order_by("-event__starts_on", "pk")
    )


def organises_any(*, user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        Event.objects.filter(organisers=user).exists()
    )


def challenges_of(*, event: Event) -> QuerySet[Challenge]:
    return Challenge.objects.filter(event=event).select_related("unit", "problem_owner")


def members_of(*, team: Team) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(team=team).select_related(
        "registration__user__staff_record__unit"
    )


def help_requests_of(*, team: Team) -> QuerySet[HelpRequest]:
    return (
        HelpRequest.objects.filter(team=team)
        .select_related("skill", "asked_by", "taken_by")
        .order_by("-created_at", "-pk")
    )


def taken_requests_of(*, mentor_user, event: Event) -> QuerySet[HelpRequest]:
    """The requests this mentor took and has not answered yet, oldest first."""
    return (
        HelpRequest.objects.filter(
            team__event=event, taken_by_id=mentor_user.pk, status=HelpStatus.TAKEN
        )
        .select_related("team", "skill")
        .order_by("taken_at", "pk")
    )


def retrospectives_of(*, team: Team) -> QuerySet[TeamRetrospective]:
    return TeamRetrospective.objects.filter(team=team).select_related("author")
