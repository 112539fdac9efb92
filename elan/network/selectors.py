# SPDX-License-Identifier: EUPL-1.2
"""Reads of the learning network (docs/network.md). Every read that other people's pages make
goes through here, so that a paused profile, a participant who left or a pair's private log
never leaks into a page by a forgotten filter."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from elan.assessments.selectors import build_profile
from elan.network import matching
from elan.network.constants import (
    LIVE_MATCH_STATUSES,
    SENIORITY,
    SUGGESTIONS_SHOWN,
    SURVEY_OPEN_DAYS,
    MatchStatus,
    Mode,
    ProgrammeStatus,
    Role,
)
from elan.network.models import (
    LearningWish,
    Match,
    NetworkProfile,
    Participant,
    Preference,
    ProfileStrength,
    Programme,
)
from elan.organisations.constants import Role as ChartRole
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.selectors import coverage_of
from elan.skills.models import Competency

# --- profiles ---------------------------------------------------------------------------------


def profile_of(*, owner) -> NetworkProfile | None:
    if not getattr(owner, "is_authenticated", False):
        return None
    return NetworkProfile.objects.filter(owner=owner).first()


def active_profile(*, owner) -> NetworkProfile | None:
    profile = profile_of(owner=owner)
    return profile if profile is not None and profile.is_active else None


def strength_choices(*, owner) -> list[Competency]:
    """The skills the owner may show as strengths: those of their latest self-assessment
    profile, its strengths first. Nothing before a first self-assessment."""
    profile = build_profile(owner=owner)
    if profile is None:
        return []
    order = [skill.slug for skill in profile.strengths] + [
        skill.slug for skill in profile.skills if skill.complete
    ]
    by_slug = {
        competency.slug: competency
        for competency in Competency.objects.filter(
            framework=profile.instrument.framework, slug__in=order
        )
    }
    seen: list[Competency] = []
    for slug in order:
        competency = by_slug.get(slug)
        if competency is not None and competency not in seen:
            seen.append(competency)
    return seen


def wish_choices() -> QuerySet[Competency]:
    """The skills a wish may name: every skill of the published frameworks."""
    return (
        Competency.objects.filter(framework__is_published=True)
        .select_related("framework", "group")
        .order_by("framework__slug", "group__position", "position")
    )


# --- programmes -------------------------------------------------------------------------------


def organised_programmes(*, user) -> QuerySet[Programme]:
    """The programmes an HR officer may run: those of units their HR role covers."""
    coverage = coverage_of(user=user, role=ChartRole.HR)
    if coverage.whole_organisation:
        return Programme.objects.all()
    if not coverage.root_paths:
        return Programme.objects.none()
    condition = Q()
    for path in coverage.root_paths:
        condition |= Q(scope__path__startswith=path)
    return Programme.objects.filter(condition)


def can_organise(*, user, programme: Programme) -> bool:
    return organised_programmes(user=user).filter(pk=programme.pk).exists()


def is_in_scope(*, user, programme: Programme) -> bool:
    return StaffRecord.objects.filter(
        user=user, unit__path__startswith=programme.scope.path
    ).exists()


def open_programmes(*, user) -> QuerySet[Programme]:
    """The programmes a person may join: open (or running and choosing) in their part of the
    chart."""
    record = StaffRecord.objects.filter(user=user).select_related("unit").first()
    if record is None:
        return Programme.objects.none()
    paths = [
        record.unit.path[:end]
        for end in range(Unit.steplen, len(record.unit.path) + 1, Unit.steplen)
    ]
    return Programme.objects.filter(scope__path__in=paths).filter(
        Q(status=ProgrammeStatus.OPEN) | Q(status=ProgrammeStatus.RUNNING, mode=Mode.CHOICE)
    )


def participation(*, user, programme: Programme) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(programme=programme, user=user, left_at__isnull=True).first()


def participations_of(*, user) -> QuerySet[Participant]:
    return Participant.objects.filter(user=user, left_at__isnull=True).select_related("programme")


def active_participants(*, programme: Programme, role: str | None = None) -> QuerySet[Participant]:
    rows = Participant.objects.filter(
        programme=programme,
        left_at__isnull=True,
        user__is_active=True,
        user__network_profile__paused_at__isnull=True,
    ).select_related("user", "user__network_profile", "user__staff_record__unit")
    return rows.filter(role=role) if role else rows


def matches_of(*, participant: Participant) -> QuerySet[Match]:
    field = "mentee" if participant.role == Role.MENTEE else "mentor"
    return Match.objects.filter(**{field: participant}).select_related(
        "mentee__user", "mentor__user", "programme"
    )


def live_match_of(*, mentee: Participant) -> Match | None:
    return (
        Match.objects.filter(mentee=mentee, status__in=LIVE_MATCH_STATUSES)
        .exclude(status=MatchStatus.PROPOSED)
        .first()
    )


def is_in_pair(*, user, match: Match) -> bool:
    return getattr(user, "pk", None) in (match.mentee.user_id, match.mentor.user_id)


def survey_closes_on(*, programme: Programme) -> date | None:
    """The last day the end survey takes answers, or None while the programme is not closed."""
    if programme.status != ProgrammeStatus.CLOSED:
        return None
    closed_at = (
        programme.events.filter(to_status=ProgrammeStatus.CLOSED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    closed_on = timezone.localdate(closed_at) if closed_at else programme.ends_on
    return closed_on + timedelta(days=SURVEY_OPEN_DAYS)


def taken_places(*, mentor: Participant) -> int:
    """The mentees a mentor holds or is asked about; a declined or withdrawn pair frees one."""
    return Match.objects.filter(
        mentor=mentor, status__in=(MatchStatus.OFFERED, MatchStatus.ACCEPTED)
    ).count()


# --- the matching's people --------------------------------------------------------------------


def department_path(*, unit_path: str, scope: Unit) -> str:
    """A person's department for a programme: the unit just below the programme's scope on the
    way to their own unit; the scope itself for someone who sits at it."""
    end = len(scope.path) + Unit.steplen
    return unit_path[:end] if len(unit_path) >= end else scope.path


@dataclass
class MatchingInput:
    mentees: list[matching.Mentee]
    mentors: list[matching.Mentor]
    excluded: set[tuple[int, int]]
    departments: dict[int, str]  # participant id -> department path
    rules: matching.Rules


def rules_of(programme: Programme) -> matching.Rules:
    return matching.Rules(
        department=matching.DepartmentRule(programme.department_rule),
        shared_language=programme.shared_language,
        grade_gap_min=programme.grade_gap_min,
        grade_gap_max=programme.grade_gap_max,
        wish_required=programme.wish_required,
        honour_preferences=programme.honour_preferences,
    )


def _reporting_chains(user_ids: set[int]) -> dict[int, set[int]]:
    """Everyone above each person in the reporting line, walking the whole chart once."""
    manager_of = dict(
        StaffRecord.objects.filter(line_manager__isnull=False).values_list(
            "user_id", "line_manager_id"
        )
    )
    chains: dict[int, set[int]] = {}
    for user_id in user_ids:
        above: set[int] = set()
        current = manager_of.get(user_id)
        while current is not None and current not in above and current != user_id:
            above.add(current)
            current = manager_of.get(current)
        chains[user_id] = above
    return chains


def matching_input(
    *,
    programme: Programme,
    mentees: list[Participant] | None = None,
    capacity_left: dict[int, int] | None = None,
) -> MatchingInput:
    """The programme's people as the solver reads them. ``mentees`` narrows the mentees (a
    re-match after a decline); ``capacity_left`` gives each mentor's free places."""
    participants = list(active_participants(programme=programme))
    if mentees is None:
        mentees = [p for p in participants if p.role == Role.MENTEE]
    mentors = [p for p in participants if p.role == Role.MENTOR]
    profile_ids = [p.user.network_profile.pk for p in participants]
    wishes: dict[int, list[int]] = {}
    for profile_id, competency_id in (
        LearningWish.objects.filter(profile_id__in=profile_ids)
        .order_by("rank")
        .values_list("profile_id", "competency_id")
    ):
        wishes.setdefault(profile_id, []).append(competency_id)
    strengths: dict[int, set[int]] = {}
    for profile_id, competency_id in ProfileStrength.objects.filter(
        profile_id__in=profile_ids
    ).values_list("profile_id", "competency_id"):
        strengths.setdefault(profile_id, set()).add(competency_id)
    departments: dict[int, str] = {}
    numbers: dict[str, int] = {}

    def place(participant: Participant) -> tuple[int, int | None]:
        record = getattr(participant.user, "staff_record", None)
        path = department_path(
            unit_path=record.unit.path if record else programme.scope.path, scope=programme.scope
        )
        departments[participant.pk] = path
        grade = SENIORITY.get(record.grade) if record and record.grade else None
        return numbers.setdefault(path, len(numbers)), grade

    preferences: dict[int, list[int]] = {}
    for mentee_id, mentor_id in (
        Preference.objects.filter(mentee__programme=programme)
        .order_by("rank")
        .values_list("mentee_id", "mentor_id")
    ):
        preferences.setdefault(mentee_id, []).append(mentor_id)
    mentee_rows = []
    for participant in mentees:
        department, grade = place(participant)
        profile = participant.user.network_profile
        mentee_rows.append(
            matching.Mentee(
                key=participant.pk,
                department=department,
                languages=frozenset(profile.languages),
                grade=grade,
                wishes=tuple(wishes.get(profile.pk, ())),
                preferences=tuple(preferences.get(participant.pk, ())),
            )
        )
    mentor_rows = []
    for participant in mentors:
        department, grade = place(participant)
        profile = participant.user.network_profile
        capacity = (
            capacity_left.get(participant.pk, 0)
            if capacity_left is not None
            else participant.capacity
        )
        mentor_rows.append(
            matching.Mentor(
                key=participant.pk,
                department=department,
                languages=frozenset(profile.languages),
                grade=grade,
                strengths=frozenset(strengths.get(profile.pk, ())),
                capacity=capacity,
            )
        )
    # Never within one's reporting line, up or down; never a pair either side declined.
    chains = _reporting_chains({p.user_id for p in mentees} | {p.user_id for p in mentors})
    mentor_by_user = {p.user_id: p.pk for p in mentors}
    mentee_by_user = {p.user_id: p.pk for p in mentees}
    excluded: set[tuple[int, int]] = set()
    for participant in mentees:
        for manager in chains[participant.user_id]:
            if manager in mentor_by_user:
                excluded.add((participant.pk, mentor_by_user[manager]))
    for participant in mentors:
        for manager in chains[participant.user_id]:
            if manager in mentee_by_user:
                excluded.add((mentee_by_user[manager], participant.pk))
    for mentee_id, mentor_id in Match.objects.filter(
        programme=programme, status=MatchStatus.DECLINED
    ).values_list("mentee_id", "mentor_id"):
        excluded.add((mentee_id, mentor_id))
    return MatchingInput(
        mentees=mentee_rows,
        mentors=mentor_rows,
        excluded=excluded,
        departments=departments,
        rules=rules_of(programme),
    )


def capacity_left(*, programme: Programme) -> dict[int, int]:
    """Each active mentor's free places, counted in one query for the whole programme."""
    live = (MatchStatus.OFFERED, MatchStatus.ACCEPTED)
    mentors = (
        Participant.objects.filter(
            pk__in=active_participants(programme=programme, role=Role.MENTOR).values("pk")
        )
        .annotate(taken=Count("as_mentor", filter=Q(as_mentor__status__in=live)))
        .values_list("pk", "capacity", "taken")
    )
    return {pk: max(0, capacity - taken) for pk, capacity, taken in mentors}


def suggestions_for(*, mentee: Participant, shown: int = SUGGESTIONS_SHOWN) -> list[matching.Pair]:
    """The mentors a choosing mentee is offered: allowed, with a free place, best fit first.
    Among equal fits the order is a fixed shuffle per mentee, so that no mentor is first for
    everyone: popularity never ranks people."""
    data = matching_input(
        programme=mentee.programme,
        mentees=[mentee],
        capacity_left=capacity_left(programme=mentee.programme),
    )
    if not data.mentees:
        return []
    person = data.mentees[0]
    pairs = [
        matching.pair_of(data.rules, person, mentor)
        for mentor in data.mentors
        if mentor.capacity > 0
        and matching.allowed(data.rules, person, mentor, (person.key, mentor.key) in data.excluded)
    ]

    def shuffle(pair: matching.Pair) -> str:
        return hashlib.sha256(f"{mentee.pk}:{pair.mentor}".encode()).hexdigest()

    pairs.sort(key=lambda pair: (-pair.fit, shuffle(pair)))
    return pairs[:shown]


# --- peer help ------------------------------------------------------------------------------


def helpers_for(*, viewer, competency: Competency, today: date) -> list:
    """Colleagues whose shown strengths hold the skill, with an active profile, never the
    viewer. In a shuffle that changes daily and differs per reader: no ranking by popularity."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            network_profile__paused_at__isnull=True,
            network_profile__strengths__competency=competency,
        )
        .exclude(pk=viewer.pk)
        .select_related("network_profile", "staff_record__unit")
        .distinct()
    )

    def shuffle(user) -> str:
        return hashlib.sha256(f"{viewer.pk}:{competency.pk}:{today}:{user.pk}".encode()).hexdigest()

    return sorted(users, key=shuffle)


def programme_status_unit_paths(*, programme: Programme) -> list[str]:
    return sorted(
        {
            department_path(unit_path=path, scope=programme.scope)
            for path in Participant.objects.filter(programme=programme).values_list(
                "user__staff_record__unit__path", flat=True
            )
            if path
        }
    )
