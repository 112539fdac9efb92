# SPDX-License-Identifier: EUPL-1.2
"""Writes of the events (issue 19). Every write is a keyword-only function; the event's
lifecycle moves through ``ensure_transition`` and leaves an appended ``EventEvent``.

Failures a person can fix raise Django's ``ValidationError`` with a translated message (and a
code) for the page.

Mentors volunteer for an event (``mentor_volunteer``) rather than come from the learning
network, which has no selector of its mentors outside a programme: ``teams_propose`` passes
their offers to ``formation``, stores each team's mentor, and keeps, for a team left without
one, formation's reason for the organiser. A swap or publishing checks the members, not the
mentors: the organiser proposes again to match mentors to changed teams.

While the event runs, teams post help requests and mentors pull the next one
(``help_request_pull``); each request moves along ``constants.HELP_TRANSITIONS`` and leaves an
appended ``HelpRequestEvent``.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.events import formation, selectors
from elan.events.constants import (
    CHALLENGE_STATUSES,
    EVENT_TRANSITIONS,
    GROUP_CODE_ALPHABET,
    GROUP_CODE_LENGTH,
    HELP_TRANSITIONS,
    MAX_RANKING,
    MENTOR_CAPACITY_MAX,
    MENTOR_STATUSES,
    PULL_ATTEMPTS,
    RESULT_STATUSES,
    EventKind,
    HelpStatus,
    Kind,
    Mode,
    Status,
)
from elan.events.models import (
    Challenge,
    ChallengeChoice,
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
from elan.experiments import services as experiment_services
from elan.network import selectors as network_selectors
from elan.organisations.models import Unit
from elan.skills.models import Competency

# What an organiser waits for: formation's own bounds (docs/performance.md).
DEFAULT_LIMITS = formation.Limits()
LANGUAGE_CODES = tuple(code for code, _label in settings.LANGUAGES)


def _languages_in_order(languages: Sequence[str]) -> list[str]:
    chosen = set(languages)
    return [code for code in LANGUAGE_CODES if code in chosen]


# --- events -----------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    kind: Kind | str,
    title: str,
    starts_on: date,
    ends_on: date,
    languages: Sequence[str],
    place: str = "",
    online: bool = False,
    description: str = "",
    min_team_size: int = 4,
    max_team_size: int = 6,
    max_per_unit: int = 2,
    required_skills: Sequence[Competency] = (),
    organisers: Sequence = (),
    by,
) -> Event:
    """A draft event; whoever creates it is one of its organisers."""
    if not languages or any(code not in LANGUAGE_CODES for code in languages):
        raise ValidationError(
            _("Choose at least one language among the platform's."), code="languages"
        )
    if min_team_size > max_team_size:
        raise ValidationError(
            _("The smallest team cannot be larger than the largest."), code="team_size"
        )
    if not online and not place.strip():
        raise ValidationError(_("Give a place, or hold the event online."), code="place")
    event = Event(
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        online=online,
        languages=_languages_in_order(languages),
        min_team_size=min_team_size,
        max_team_size=max_team_size,
        max_per_unit=max_per_unit,
    )
    event.full_clean()
    event.save()
    event.required_skills.set(required_skills)
    event.organisers.set({by, *organisers})
    EventEvent.objects.create(event=event, by=by, kind=EventKind.STATUS, to_status=event.status)
    return event


# What an organiser may still change: before registration closes, since teams are formed from
# the rules and languages registrations were made against.
EDITABLE_STATUSES = (Status.DRAFT, Status.OPEN)


@transaction.atomic
def event_update(
    *,
    event: Event,
    kind: Kind | str,
    title: str,
    starts_on: date,
    ends_on: date,
    languages: Sequence[str],
    place: str = "",
    online: bool = False,
    description: str = "",
    min_team_size: int = 4,
    max_team_size: int = 6,
    max_per_unit: int = 2,
    required_skills: Sequence[Competency] = (),
    organisers: Sequence = (),
    by,
) -> Event:
    """Change a draft or open event's details and rules; whoever changes it stays one of its
    organisers. Refused once registration has closed."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if not selectors.is_organiser(user=by, event=locked):
        raise ValidationError(_("Only the event's organisers can change it."), code="not_allowed")
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("Registration has closed: the event's details and rules can no longer change."),
            code="status",
        )
    if not languages or any(code not in LANGUAGE_CODES for code in languages):
        raise ValidationError(
            _("Choose at least one language among the platform's."), code="languages"
        )
    if min_team_size > max_team_size:
        raise ValidationError(
            _("The smallest team cannot be larger than the largest."), code="team_size"
        )
    if not online and not place.strip():
        raise ValidationError(_("Give a place, or hold the event online."), code="place")
    locked.kind = kind
    locked.title = title.strip()
    locked.description = description.strip()
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.place = place.strip()
    locked.online = online
    locked.languages = _languages_in_order(languages)
    locked.min_team_size = min_team_size
    locked.max_team_size = max_team_size
    locked.max_per_unit = max_per_unit
    locked.full_clean()
    locked.save()
    locked.required_skills.set(required_skills)
    locked.organisers.set({by, *organisers})
    EventEvent.objects.create(event=locked, by=by, kind=EventKind.CHANGED)
    return locked


@transaction.atomic
def event_move(*, event: Event, to: Status | str, by) -> Event:
    """Move the event along its lifecycle (constants.EVENT_TRANSITIONS)."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    try:
        ensure_transition(EVENT_TRANSITIONS, locked.status, to)
    except TransitionNotAllowed:
        raise ValidationError(
            _("An event that is “%(current)s” cannot become “%(to)s”.")
            % {"current": Status(locked.status).label, "to": Status(to).label},
            code="transition",
        ) from None
    if to == Status.TEAMS_PUBLISHED:
        # Only teams_publish gets here: it publishes the checked teams in the same transaction.
        _ensure_published(locked)
    from_status, locked.status = locked.status, to
    locked.save(update_fields=["status"])
    EventEvent.objects.create(
        event=locked, by=by, kind=EventKind.STATUS, from_status=from_status, to_status=to
    )
    event.status = locked.status
    return locked


# --- challenges -------------------------------------------------------------------------------


@transaction.atomic
def challenge_post(
    *,
    event: Event,
    unit: Unit,
    title: str,
    problem: str,
    problem_owner,
    max_teams: int | None = None,
    by,
) -> Challenge:
    """A unit's challenge, posted by an organiser or by a team lead or HR whose role covers
    the unit, while the event is a draft or open."""
    if not (
        selectors.is_organiser(user=by, event=event) or selectors.may_post_for(user=by, unit=unit)
    ):
        raise ValidationError(
            _("Only the organisers or someone with a role on this unit can post its challenge."),
            code="not_allowed",
        )
    if event.status not in CHALLENGE_STATUSES:
        raise ValidationError(
            _("Challenges can only be posted before registration closes."), code="status"
        )
    challenge = Challenge(
        event=event,
        unit=unit,
        title=title.strip(),
        problem=problem.strip(),
        problem_owner=problem_owner,
        max_teams=max_teams,
        posted_by=by,
    )
    challenge.full_clean()
    challenge.save()
    EventEvent.objects.create(event=event, by=by, kind=EventKind.CHALLENGE)
    return challenge


# --- registrations ----------------------------------------------------------------------------


def group_code_new() -> str:
    """A code for a group to share; whoever forms the group passes it to the others."""
    return "".join(secrets.choice(GROUP_CODE_ALPHABET) for _i in range(GROUP_CODE_LENGTH))


def _offer_errors(
    *, event: Event, user, strengths: Sequence[Competency], languages: Sequence[str]
) -> list[ValidationError]:
    """What a participant and a mentor offer alike: languages of the event, and strengths
    their own self-assessment shows."""
    errors = []
    if not languages or any(code not in event.languages for code in languages):
        errors.append(
            ValidationError(_("Choose at least one language, among the event's."), code="languages")
        )
    # The strengths the learning network lets a person show: their own self-assessment's.
    approved = {c.pk for c in network_selectors.strength_choices(owner=user)}
    if any(c.pk not in approved for c in strengths):
        errors.append(
            ValidationError(
                _("A strength must be one your own self-assessment profile shows."),
                code="unapproved_strength",
            )
        )
    return errors


def _normalised_group_code(code: str) -> str:
    code = code.strip().upper()
    if len(code) != GROUP_CODE_LENGTH or any(c not in GROUP_CODE_ALPHABET for c in code):
        raise ValidationError(
            _("A group code has %(length)d letters and digits, as the group shared it.")
            % {"length": GROUP_CODE_LENGTH},
            code="group_code",
        )
    return code


@transaction.atomic
def registration_submit(
    *,
    event: Event,
    user,
    strengths: Sequence[Competency],
    practise: Sequence[Competency],
    challenges: Sequence[Challenge],
    languages: Sequence[str],
    mode: Mode | str = Mode.FREE_AGENT,
    group_code: str = "",
) -> Registration:
    """Register, or update one's registration, while the event is open. ``challenges`` are
    ranked, first choice first."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status != Status.OPEN:
        raise ValidationError(_("This event is not open for registration."), code="not_open")
    errors = []
    if len(challenges) > MAX_RANKING:
        errors.append(
            ValidationError(
                _("Rank at most %(count)d challenges.") % {"count": MAX_RANKING},
                code="too_many_challenges",
            )
        )
    if len({c.pk for c in challenges}) != len(challenges):
        errors.append(ValidationError(_("Rank each challenge only once."), code="repeated"))
    if any(c.event_id != locked.pk for c in challenges):
        errors.append(
            ValidationError(
                _("Choose only among this event's challenges."), code="other_event_challenge"
            )
        )
    errors += _offer_errors(event=locked, user=user, strengths=strengths, languages=languages)
    if EventMentor.objects.filter(event=locked, user=user).exists():
        errors.append(
            ValidationError(
                _("You mentor this event's teams: withdraw that offer to take part instead."),
                code="mentoring",
            )
        )
    code = ""
    if mode == Mode.GROUP:
        try:
            code = _normalised_group_code(group_code)
        except ValidationError as error:
            errors.append(error)
    elif mode != Mode.FREE_AGENT:
        errors.append(ValidationError(_("Choose how you come."), code="mode"))
    if errors:
        raise ValidationError(errors)
    registration, _created = Registration.objects.select_for_update().get_or_create(
        event=locked, user=user, defaults={"mode": mode, "group_code": code}
    )
    registration.mode = mode
    registration.group_code = code
    registration.languages = _languages_in_order(languages)
    registration.full_clean()
    registration.save()
    registration.strengths.set(strengths)
    registration.practise.set(practise)
    registration.choices.all().delete()
    ChallengeChoice.objects.bulk_create(
        ChallengeChoice(registration=registration, challenge=challenge, rank=rank)
        for rank, challenge in enumerate(challenges, start=1)
    )
    return registration


@transaction.atomic
def registration_withdraw(*, registration: Registration, by) -> None:
    """Withdraw while registration is open; what was registered goes with it."""
    locked = Event.objects.select_for_update().get(pk=registration.event_id)
    if locked.status != Status.OPEN:
        raise ValidationError(
            _("Registration has closed: ask the organisers to take you off the event."),
            code="not_open",
        )
    registration.delete()


# --- teams ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """Teams stored, or, when no plan meets every hard rule, why (nothing stored)."""

    teams: list[Team]
    infeasible: formation.Infeasible | None = None
    plan: formation.Plan | None = None


def _ensure_closed(event: Event) -> None:
    if event.status != Status.CLOSED:
        raise ValidationError(
            _("Teams are formed once registration has closed, and before they are published."),
            code="status",
        )


@transaction.atomic
def teams_propose(*, event: Event, by, limits: formation.Limits = DEFAULT_LIMITS) -> Proposal:
    """Form the teams of a closed event and store them as a proposal, in place of any earlier
    one. An event no plan can satisfy keeps what it had and gets the blocking rules."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _ensure_closed(locked)
    data = selectors.formation_input(event=locked)
    result = formation.form_teams(
        data.participants, data.challenges, data.rules, data.mentors, limits=limits
    )
    if isinstance(result, formation.Infeasible):
        return Proposal(teams=[], infeasible=result)
    Team.objects.filter(event=locked).delete()
    challenges = {str(c.pk): c for c in Challenge.objects.filter(event=locked)}
    gaps = {str(gap.params["team"]): gap for gap in result.mentor_gaps}
    # Two writes for the whole plan, not two per team.
    teams = Team.objects.bulk_create(
        Team(
            event=locked,
            challenge=challenges[planned.challenge],
            number=number,
            working_language=planned.language,
            mentor_id=data.mentor_users[planned.mentor] if planned.mentor else None,
            mentor_gap=(
                {"code": gap.code, "params": dict(gap.params)}
                if (gap := gaps.get(planned.key))
                else {}
            ),
        )
        for number, planned in enumerate(result.teams, start=1)
    )
    TeamMember.objects.bulk_create(
        TeamMember(
            team=team,
            registration=data.registrations[key],
            reasons=_reasons_for(result, key),
        )
        for team, planned in zip(teams, result.teams, strict=True)
        for key in planned.members
    )
    EventEvent.objects.create(event=locked, by=by, kind=EventKind.PROPOSED, count=len(teams))
    return Proposal(teams=teams, plan=result)


def _reasons_for(plan: formation.Plan, key: str) -> list[dict]:
    return [
        {"code": reason.code, "params": dict(reason.params)}
        for reason in plan.explanations.get(key, ())
    ]


# formation.check's rules, worded; a rule not listed here (an unknown person or challenge)
# means the data changed under the plan and is shown by its code.
BREACH_MESSAGES = {
    "unassigned": gettext_lazy("someone registered is in no team"),
    "assigned_twice": gettext_lazy("someone is in two teams"),
    "team_size": gettext_lazy("a team has too few or too many members"),
    "group_split": gettext_lazy("a group that came together is split"),
    "working_language": gettext_lazy("a member does not speak the team's working language"),
    "required_skill": gettext_lazy("a team lacks a skill every team needs"),
    "unit_cap": gettext_lazy("a team has too many members of one unit"),
    "challenge_capacity": gettext_lazy("a challenge has more teams than it takes"),
}


def _breach_text(breach: formation.Breach) -> str:
    text = BREACH_MESSAGES.get(breach.rule)
    return str(text) if text is not None else breach.rule


def _breach_errors(breaches: Sequence[formation.Breach], sentence: str) -> ValidationError:
    """One error per broken rule, each worded in ``sentence`` ("... %(rule)s.")."""
    return ValidationError(
        [
            ValidationError(sentence % {"rule": _breach_text(breach)}, code=breach.rule)
            for breach in breaches
        ]
    )


@transaction.atomic
def team_swap(*, member: TeamMember, to_team: Team, with_member: TeamMember | None = None, by):
    """Move ``member`` to ``to_team``, or swap them with ``with_member`` of that team; saved
    only when the plan still meets every hard rule, refused with the rules it breaks
    otherwise."""
    team = member.team
    locked = Event.objects.select_for_update().get(pk=team.event_id)
    _ensure_closed(locked)
    if to_team.event_id != locked.pk or (
        with_member is not None and with_member.team_id != to_team.pk
    ):
        raise ValidationError(_("Swap only within this event's teams."), code="other_team")
    moves = {member.registration_id: to_team.number}
    if with_member is not None:
        moves[with_member.registration_id] = team.number
    data = selectors.formation_input(event=locked)
    plan = []
    for planned in selectors.plan_of(event=locked):
        kept = [key for key in planned.members if int(key) not in moves]
        joined = [str(reg) for reg, number in moves.items() if str(number) == planned.key]
        plan.append(
            formation.Team(
                key=planned.key,
                challenge=planned.challenge,
                language=planned.language,
                members=tuple(kept + joined),
            )
        )
    breaches = formation.check(plan, data.participants, data.challenges, data.rules)
    if breaches:
        raise _breach_errors(breaches, _("This change breaks a rule: %(rule)s."))
    TeamMember.objects.filter(pk=member.pk).update(team=to_team)
    if with_member is not None:
        TeamMember.objects.filter(pk=with_member.pk).update(team=team)
    EventEvent.objects.create(event=locked, by=by, kind=EventKind.SWAPPED)


def _ensure_published(event: Event) -> None:
    teams = Team.objects.filter(event=event)
    if not teams.exists() or teams.filter(published_at__isnull=True).exists():
        raise ValidationError(
            _("Publish the teams to move the event on."), code="teams_not_published"
        )


@transaction.atomic
def teams_publish(*, event: Event, by) -> list[Team]:
    """Publish the proposed teams, checked once more against every hard rule."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _ensure_closed(locked)
    teams = list(Team.objects.filter(event=locked))
    if not teams:
        raise ValidationError(_("Propose the teams before publishing them."), code="no_teams")
    data = selectors.formation_input(event=locked)
    breaches = formation.check(
        selectors.plan_of(event=locked), data.participants, data.challenges, data.rules
    )
    if breaches:
        raise _breach_errors(breaches, _("The teams break a rule: %(rule)s."))
    now = timezone.now()
    Team.objects.filter(event=locked).update(published_at=now)
    EventEvent.objects.create(event=locked, by=by, kind=EventKind.PUBLISHED, count=len(teams))
    event_move(event=locked, to=Status.TEAMS_PUBLISHED, by=by)
    event.status = Status.TEAMS_PUBLISHED
    return list(Team.objects.filter(event=locked))


# --- mentors ----------------------------------------------------------------------------------


@transaction.atomic
def mentor_volunteer(
    *,
    event: Event,
    user,
    strengths: Sequence[Competency],
    languages: Sequence[str],
    capacity: int = 1,
) -> EventMentor:
    """Offer to mentor up to ``capacity`` teams, or update one's offer, before the teams are
    published; the strengths are approved ones, as a participant's."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status not in MENTOR_STATUSES:
        raise ValidationError(
            _("Mentors volunteer while the event is open or closed, before the teams are out."),
            code="status",
        )
    errors = []
    if Registration.objects.filter(event=locked, user=user).exists():
        errors.append(
            ValidationError(
                _("You take part in this event: you cannot mentor its teams too."),
                code="registered",
            )
        )
    if not 1 <= capacity <= MENTOR_CAPACITY_MAX:
        errors.append(
            ValidationError(
                _("Mentor between 1 and %(count)d teams.") % {"count": MENTOR_CAPACITY_MAX},
                code="capacity",
            )
        )
    errors += _offer_errors(event=locked, user=user, strengths=strengths, languages=languages)
    if errors:
        raise ValidationError(errors)
    mentor, _created = EventMentor.objects.select_for_update().get_or_create(
        event=locked, user=user
    )
    mentor.capacity = capacity
    mentor.languages = _languages_in_order(languages)
    mentor.full_clean()
    mentor.save()
    mentor.strengths.set(strengths)
    return mentor


@transaction.atomic
def mentor_withdraw(*, mentor: EventMentor, by) -> None:
    """Withdraw an offer before the teams are published; a proposed team it mentored keeps no
    mentor, and says why, until the organiser proposes again."""
    locked = Event.objects.select_for_update().get(pk=mentor.event_id)
    if by.pk != mentor.user_id and not selectors.is_organiser(user=by, event=locked):
        raise ValidationError(
            _("Only the mentor or the organisers can withdraw this offer."), code="not_allowed"
        )
    if locked.status not in MENTOR_STATUSES:
        raise ValidationError(
            _("The teams are out: ask the organisers to find your teams another mentor."),
            code="status",
        )
    Team.objects.filter(event=locked, mentor_id=mentor.user_id).update(
        mentor=None, mentor_gap={"code": "mentor_withdrew", "params": {}}
    )
    mentor.delete()


# --- the help queue ---------------------------------------------------------------------------


def _help_move(request: HelpRequest, to: HelpStatus, by, **fields) -> HelpRequest:
    locked = HelpRequest.objects.select_for_update().get(pk=request.pk)
    try:
        ensure_transition(HELP_TRANSITIONS, locked.status, to)
    except TransitionNotAllowed:
        raise ValidationError(
            _("A help request that is “%(current)s” cannot become “%(to)s”.")
            % {"current": HelpStatus(locked.status).label, "to": HelpStatus(to).label},
            code="transition",
        ) from None
    from_status, locked.status = locked.status, to
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", *fields])
    HelpRequestEvent.objects.create(request=locked, by=by, from_status=from_status, to_status=to)
    return locked


def _queue_closed() -> ValidationError:
    return ValidationError(
        _("The help queue is open while the event runs, once the teams are published."),
        code="not_running",
    )


def _ensure_running(team: Team) -> None:
    if not team.is_published or team.event.status != Status.TEAMS_PUBLISHED:
        raise _queue_closed()


@transaction.atomic
def help_request_post(*, team: Team, question: str, skill: Competency, by) -> HelpRequest:
    """A member of a published team asks for help with a skill, while the event runs."""
    _ensure_running(team)
    if not selectors.is_team_member(user=by, team=team):
        raise ValidationError(
            _("Only the team's members can ask for help for it."), code="not_member"
        )
    request = HelpRequest(team=team, asked_by=by, question=question.strip(), skill=skill)
    if not request.question:
        raise ValidationError(_("Write the question a mentor should answer."), code="question")
    request.full_clean()
    request.save()
    HelpRequestEvent.objects.create(request=request, by=by, to_status=request.status)
    return request


def _next_waiting(*, event: Event, slugs: Sequence[str], tried: Sequence[int]):
    # skip_locked: a request another mentor is taking right now is passed over, not waited for;
    # of=("self",) locks the request alone, not its team, on PostgreSQL.
    waiting = (
        HelpRequest.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(team__event=event, status=HelpStatus.WAITING)
        .exclude(pk__in=tried)
        .order_by("created_at", "pk")
    )
    return waiting.filter(skill__slug__in=slugs).first() or waiting.first()


@transaction.atomic
def help_request_pull(*, mentor_user, event: Event) -> HelpRequest | None:
    """Give the mentor the oldest waiting request whose skill they hold, else the oldest one
    waiting; None when nobody waits. Two mentors pulling at once never get the same one."""
    # Read afresh: a mentor's page may have loaded the event before the organiser ended it.
    if not Event.objects.filter(pk=event.pk, status=Status.TEAMS_PUBLISHED).exists():
        raise _queue_closed()
    mentor = selectors.mentor_of(user=mentor_user, event=event)
    if mentor is None:
        raise ValidationError(_("Only the event's mentors take help requests."), code="not_mentor")
    slugs = list(mentor.strengths.values_list("slug", flat=True))
    tried: list[int] = []
    for _attempt in range(PULL_ATTEMPTS):
        candidate = _next_waiting(event=event, slugs=slugs, tried=tried)
        if candidate is None:
            return None
        # The row lock is the guard where the database has one; this conditional write is the
        # guard where it has none (SQLite): only one mentor's update finds the request waiting.
        now = timezone.now()
        taken = HelpRequest.objects.filter(pk=candidate.pk, status=HelpStatus.WAITING).update(
            status=HelpStatus.TAKEN, taken_at=now, taken_by=mentor_user
        )
        if taken:
            HelpRequestEvent.objects.create(
                request=candidate,
                by=mentor_user,
                from_status=HelpStatus.WAITING,
                to_status=HelpStatus.TAKEN,
                at=now,
            )
            return HelpRequest.objects.get(pk=candidate.pk)
        tried.append(candidate.pk)
    return None


@transaction.atomic
def help_request_answer(*, request: HelpRequest, by) -> HelpRequest:
    """The mentor who took the request marks it answered."""
    if request.taken_by_id is None or request.taken_by_id != by.pk:
        raise ValidationError(
            _("Only the mentor who took this request can mark it answered."), code="not_taker"
        )
    return _help_move(request, HelpStatus.ANSWERED, by, answered_at=timezone.now())


@transaction.atomic
def help_request_withdraw(*, request: HelpRequest, by) -> HelpRequest:
    """A member of the team takes its request back, answered elsewhere or no longer needed."""
    if not selectors.is_team_member(user=by, team=request.team):
        raise ValidationError(
            _("Only the team's members can withdraw its request."), code="not_member"
        )
    return _help_move(request, HelpStatus.WITHDRAWN, by)


# --- results and retrospectives ---------------------------------------------------------------


def _ensure_has_run(team: Team) -> None:
    if not team.is_published or team.event.status not in RESULT_STATUSES:
        raise ValidationError(
            _("Results and retrospectives are written once the teams are published."),
            code="status",
        )


def _member_or_problem_owner(user, team: Team) -> bool:
    return selectors.is_team_member(user=user, team=team) or selectors.is_problem_owner(
        user=user, challenge=team.challenge
    )


@transaction.atomic
def result_record(*, team: Team, summary: str, by) -> TeamResult:
    """Record, or rewrite, what the team achieved: a member or the problem owner, once the
    teams are published."""
    _ensure_has_run(team)
    if not _member_or_problem_owner(by, team):
        raise ValidationError(
            _("Only the team's members or the problem owner can record its result."),
            code="not_allowed",
        )
    summary = summary.strip()
    if not summary:
        raise ValidationError(_("Say what the team achieved."), code="summary")
    result, _created = TeamResult.objects.select_for_update().get_or_create(
        team=team, defaults={"summary": summary, "recorded_by": by}
    )
    result.summary = summary
    result.recorded_by = by
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def result_to_experiment(*, result: TeamResult, owner, by):
    """Open a draft experiment card from the result, owned by the problem owner or a member,
    to take it further; the result keeps the card (the card does not point back: see
    models.TeamResult)."""
    locked = (
        TeamResult.objects.select_for_update().select_related("team__challenge").get(pk=result.pk)
    )
    team = locked.team
    if not _member_or_problem_owner(by, team):
        raise ValidationError(
            _("Only the team's members or the problem owner can take its result further."),
            code="not_allowed",
        )
    if not _member_or_problem_owner(owner, team):
        raise ValidationError(
            _("The card's owner must be the problem owner or a member of the team."),
            code="owner",
        )
    if locked.experiment_id is not None:
        raise ValidationError(
            _("This result already has its experiment card."), code="already_linked"
        )
    try:
        experiment = experiment_services.experiment_create(
            owner=owner,
            title=team.challenge.title,
            language=team.working_language,
            fields={"problem": team.challenge.problem, "what_we_try": locked.summary},
        )
    except experiment_services.ExperimentError as error:
        raise ValidationError(str(error), code="experiment") from error
    locked.experiment = experiment
    locked.save(update_fields=["experiment", "updated_at"])
    result.experiment = experiment
    return experiment


@transaction.atomic
def retrospective_write(
    *, team: Team, went_well: str, to_change: str, next_step: str, by
) -> TeamRetrospective:
    """A member's retrospective of their team, one each, rewritten as often as they like."""
    _ensure_has_run(team)
    if not selectors.is_team_member(user=by, team=team):
        raise ValidationError(
            _("Only the team's members write its retrospectives."), code="not_member"
        )
    texts = {
        "went_well": went_well.strip(),
        "to_change": to_change.strip(),
        "next_step": next_step.strip(),
    }
    if not any(texts.values()):
        raise ValidationError(_("Write at least one of the three answers."), code="empty")
    retrospective, _created = TeamRetrospective.objects.select_for_update().get_or_create(
        team=team, author=by, defaults=texts
    )
    for name, value in texts.items():
        setattr(retrospective, name, value)
    retrospective.full_clean()
    retrospective.save()
    return retrospective
