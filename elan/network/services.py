# SPDX-License-Identifier: EUPL-1.2
"""Writes of the learning network (docs/network.md). Every write is a keyword-only function;
lifecycles move through ``ensure_transition`` and leave an appended event.

Failures a person can fix raise ``NetworkError`` with a translated message for the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial
from typing import cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.network import matching, selectors, tasks
from elan.network.constants import (
    INTRODUCTIONS_PER_DAY,
    LIVE_MATCH_STATUSES,
    MATCH_TRANSITIONS,
    MAX_PREFERENCES,
    MAX_WISHES,
    PROGRAMME_TRANSITIONS,
    SURVEY_QUESTIONS,
    SURVEY_SCALE,
    WORKING_LANGUAGES,
    Answer,
    EventKind,
    MatchStatus,
    Mode,
    ProgrammeStatus,
    Role,
)
from elan.network.models import (
    CheckIn,
    Introduction,
    LearningWish,
    Match,
    MatchEvent,
    Meeting,
    NetworkProfile,
    Participant,
    Preference,
    ProfileStrength,
    Programme,
    ProgrammeEvent,
    SurveyParticipation,
    SurveyResponse,
)
from elan.organisations.models import StaffRecord
from elan.skills.models import Competency


class NetworkError(Exception):
    """A write refused for a reason the person can read and act on."""


# --- profiles ---------------------------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    owner,
    wish_sentence: str,
    languages: Sequence[str],
    availability: str,
    offers_mentoring: bool,
    mentor_capacity: int,
    strengths: Sequence[Competency],
    wishes: Sequence[Competency],
) -> NetworkProfile:
    """Create or update the owner's profile. Strengths come only from the owner's own skills
    profile (``selectors.strength_choices``); wishes are skills, first wish first."""
    allowed_strengths = set(selectors.strength_choices(owner=owner))
    if any(competency not in allowed_strengths for competency in strengths):
        raise NetworkError(_("A strength must be a skill of your own self-assessment profile."))
    if len(wishes) > MAX_WISHES or len(set(wishes)) != len(wishes):
        raise NetworkError(_("Choose up to three different learning wishes."))
    known = {code for code, _label in WORKING_LANGUAGES}
    if not languages or any(language not in known for language in languages):
        raise NetworkError(_("Choose at least one working language."))
    profile, _created = NetworkProfile.objects.select_for_update().get_or_create(owner=owner)
    profile.wish_sentence = wish_sentence.strip()
    profile.languages = [code for code, _label in WORKING_LANGUAGES if code in set(languages)]
    profile.availability = availability
    profile.offers_mentoring = offers_mentoring
    profile.mentor_capacity = mentor_capacity
    profile.full_clean()
    profile.save()
    profile.strengths.all().delete()
    ProfileStrength.objects.bulk_create(
        ProfileStrength(profile=profile, competency=competency) for competency in strengths
    )
    profile.wishes.all().delete()
    LearningWish.objects.bulk_create(
        LearningWish(profile=profile, competency=competency, rank=rank)
        for rank, competency in enumerate(wishes)
    )
    if not offers_mentoring:
        # Someone who no longer mentors leaves the programmes they mentor in.
        for participant in Participant.objects.filter(
            user=owner, role=Role.MENTOR, left_at__isnull=True
        ):
            _leave(participant=participant, by=owner)
    return profile


@transaction.atomic
def profile_pause(*, owner) -> None:
    """Hide the profile and leave every programme and suggestion at once."""
    profile = NetworkProfile.objects.select_for_update().filter(owner=owner).first()
    if profile is None:
        return
    if profile.paused_at is None:
        profile.paused_at = timezone.now()
        profile.save(update_fields=["paused_at", "updated_at"])
    _leave_everything(user=owner)


@transaction.atomic
def profile_resume(*, owner) -> None:
    NetworkProfile.objects.filter(owner=owner).update(paused_at=None, updated_at=timezone.now())


@transaction.atomic
def profile_delete(*, owner) -> None:
    _leave_everything(user=owner)
    NetworkProfile.objects.filter(owner=owner).delete()


def _leave_everything(*, user) -> None:
    for participant in Participant.objects.filter(user=user, left_at__isnull=True):
        _leave(participant=participant, by=user)


# --- programmes -------------------------------------------------------------------------------

PROGRAMME_FIELDS = (
    "title",
    "description",
    "scope",
    "starts_on",
    "ends_on",
    "mode",
    "department_rule",
    "shared_language",
    "grade_gap_min",
    "grade_gap_max",
    "wish_required",
    "honour_preferences",
    "answer_days",
)
# The rules are fixed once pairs are published: changing them would change who may be paired
# after people accepted.
RULE_FIELDS = frozenset(PROGRAMME_FIELDS) - {"title", "description", "ends_on"}


@transaction.atomic
def programme_create(*, organiser, **fields) -> Programme:
    programme = Programme(
        organiser=organiser, **{k: fields[k] for k in PROGRAMME_FIELDS if k in fields}
    )
    _check_grade_gap(programme)
    programme.full_clean()
    programme.save()
    ProgrammeEvent.objects.create(
        programme=programme, by=organiser, kind=EventKind.STATUS, to_status=programme.status
    )
    return programme


def _check_grade_gap(programme: Programme) -> None:
    low, high = programme.grade_gap_min, programme.grade_gap_max
    if low is not None and high is not None and low > high:
        raise NetworkError(_("The smallest level gap cannot be larger than the largest."))


@transaction.atomic
def programme_update(*, programme: Programme, by, version: int, **fields) -> Programme:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.version != version:
        raise NetworkError(
            _("Someone else changed this programme meanwhile. Reload it and try again.")
        )
    if locked.status in (ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSED):
        changed = {k for k in RULE_FIELDS if k in fields and fields[k] != getattr(locked, k)}
        if changed:
            raise NetworkError(
                _(
                    "Once pairs are published, only the title, the description and the end "
                    "date can change."
                )
            )
    for key in PROGRAMME_FIELDS:
        if key in fields:
            setattr(locked, key, fields[key])
    _check_grade_gap(locked)
    locked.version += 1
    locked.full_clean()
    locked.save()
    ProgrammeEvent.objects.create(programme=locked, by=by, kind=EventKind.EDITED)
    return locked


@transaction.atomic
def programme_move(*, programme: Programme, to: str, by) -> Programme:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    try:
        ensure_transition(PROGRAMME_TRANSITIONS, locked.status, to)
    except TransitionNotAllowed as error:
        raise NetworkError(_("This programme cannot move to that status now.")) from error
    if to == ProgrammeStatus.RUNNING and locked.mode == Mode.ORGANISER:
        raise NetworkError(_("Publish the reviewed pairs to start the programme."))
    previous = locked.status
    locked.status = to
    locked.version += 1
    locked.save(update_fields=["status", "version"])
    ProgrammeEvent.objects.create(
        programme=locked, by=by, kind=EventKind.STATUS, from_status=previous, to_status=to
    )
    if to == ProgrammeStatus.CLOSED:
        for match in Match.objects.filter(programme=locked, status__in=LIVE_MATCH_STATUSES):
            _move_match(
                match,
                MatchStatus.ENDED
                if match.status == MatchStatus.ACCEPTED
                else MatchStatus.WITHDRAWN,
                by=by,
            )
        transaction.on_commit(
            partial(tasks.send_survey_invitations.enqueue, programme_id=locked.pk)
        )
    return locked


@transaction.atomic
def programme_join(*, programme: Programme, user, role: str, capacity: int = 1) -> Participant:
    profile = selectors.active_profile(owner=user)
    if profile is None:
        raise NetworkError(_("Create your network profile, or resume it, before you join."))
    if programme.status != ProgrammeStatus.OPEN and not (
        programme.status == ProgrammeStatus.RUNNING and programme.mode == Mode.CHOICE
    ):
        raise NetworkError(_("This programme is not open for sign-up."))
    if not selectors.is_in_scope(user=user, programme=programme):
        raise NetworkError(_("This programme is for another part of the organisation."))
    if role == Role.MENTOR and not profile.offers_mentoring:
        raise NetworkError(_("Say in your profile that you are willing to mentor first."))
    if role == Role.MENTEE and not profile.wishes.exists():
        raise NetworkError(_("Add at least one learning wish to your profile first."))
    if role == Role.MENTOR and programme.wish_required and not profile.strengths.exists():
        raise NetworkError(_("Show at least one strength in your profile first."))
    participant = Participant.objects.filter(programme=programme, user=user).first()
    if participant is not None and participant.left_at is None:
        raise NetworkError(_("You have already joined this programme."))
    if participant is None:
        participant = Participant(programme=programme, user=user)
    participant.role = role
    participant.capacity = min(capacity, profile.mentor_capacity) if role == Role.MENTOR else 1
    participant.left_at = None
    participant.diagnosis = {}
    participant.full_clean(exclude=["programme", "user"])
    participant.save()
    return participant


@transaction.atomic
def programme_leave(*, participant: Participant, by) -> None:
    _leave(participant=participant, by=by)


def _leave(*, participant: Participant, by) -> None:
    """Leave a programme: every live pair is withdrawn, preferences naming the person go, and a
    mentee who loses a mentor this way is matched again at once (running programmes)."""
    participant.left_at = timezone.now()
    participant.save(update_fields=["left_at"])
    Preference.objects.filter(mentor=participant).delete()
    partners = []
    for match in Match.objects.filter(status__in=LIVE_MATCH_STATUSES).filter(
        mentee=participant
    ) | Match.objects.filter(status__in=LIVE_MATCH_STATUSES, mentor=participant):
        _move_match(match, MatchStatus.WITHDRAWN, by=by)
        if match.mentor_id == participant.pk and match.status != MatchStatus.PROPOSED:
            partners.append(match.mentee)
    programme = participant.programme
    if (
        partners
        and programme.status == ProgrammeStatus.RUNNING
        and programme.mode == Mode.ORGANISER
    ):
        _rematch(programme=programme, mentees=partners, by=by)


def _move_match(match: Match, to: str, *, by) -> None:
    ensure_transition(MATCH_TRANSITIONS, match.status, to)
    previous = match.status
    match.status = to
    if to in (MatchStatus.ACCEPTED, MatchStatus.DECLINED, MatchStatus.ENDED, MatchStatus.WITHDRAWN):
        match.decided_at = timezone.now()
    match.save()
    MatchEvent.objects.create(match=match, by=by, from_status=previous, to_status=to)


@transaction.atomic
def preferences_set(*, participant: Participant, mentors: Sequence[Participant]) -> None:
    if participant.role != Role.MENTEE:
        raise NetworkError(_("Only mentees rank mentors."))
    if len(mentors) > MAX_PREFERENCES or len(set(mentors)) != len(mentors):
        raise NetworkError(_("Rank up to five different mentors."))
    if any(
        mentor.programme_id != participant.programme_id
        or mentor.role != Role.MENTOR
        or mentor.left_at
        for mentor in mentors
    ):
        raise NetworkError(_("Rank only mentors of this programme."))
    participant.preferences.all().delete()
    Preference.objects.bulk_create(
        Preference(mentee=participant, mentor=mentor, rank=rank)
        for rank, mentor in enumerate(mentors)
    )


# --- matching ---------------------------------------------------------------------------------


def _reasons(pair: matching.Pair, data: selectors.MatchingInput) -> dict:
    return {
        "wish": pair.wish,
        "wish_rank": pair.wish_rank,
        "cross": pair.cross_department,
        "mentee_department": data.departments.get(cast(int, pair.mentee), ""),
        "mentor_department": data.departments.get(cast(int, pair.mentor), ""),
        "languages": sorted(pair.languages),
        "preference_rank": pair.preference_rank,
    }


def _create_matches(
    *, programme: Programme, result: matching.Result, data: selectors.MatchingInput, status: str, by
) -> list[Match]:
    made = []
    for pair in result.pairs:
        match = Match.objects.create(
            programme=programme,
            # The solver's keys are the participants' ids (selectors.matching_input).
            mentee_id=cast(int, pair.mentee),
            mentor_id=cast(int, pair.mentor),
            status=status,
            fit=pair.fit,
            reasons=_reasons(pair, data),
        )
        MatchEvent.objects.create(match=match, by=by, to_status=status)
        made.append(match)
    for mentee in data.mentees:
        diagnosis = (
            {} if mentee.key not in set(result.unmatched) else diagnose(mentee=mentee, data=data)
        )
        Participant.objects.filter(pk=cast(int, mentee.key)).update(diagnosis=diagnosis)
    return made


def diagnose(*, mentee: matching.Mentee, data: selectors.MatchingInput) -> dict:
    """Why a mentee was left without a mentor: the first hard rule that leaves nobody, with the
    count of mentors each step keeps, and what would open more (selectors words it)."""
    rules = data.rules
    mentors = [mentor for mentor in data.mentors if (mentee.key, mentor.key) not in data.excluded]
    steps = [("mentors", len(mentors))]
    if rules.shared_language:
        speaking = [m for m in mentors if m.languages & mentee.languages]
        others: dict[str, int] = {}
        for mentor in mentors:
            for language in mentor.languages - mentee.languages:
                others[language] = others.get(language, 0) + 1
        steps.append(("language", len(speaking)))
        if not speaking:
            return {"blocked": "language", "steps": steps, "other_languages": others}
        mentors = speaking
    if rules.department == matching.DepartmentRule.REQUIRED:
        mentors = [m for m in mentors if m.department != mentee.department]
        steps.append(("department", len(mentors)))
        if not mentors:
            return {"blocked": "department", "steps": steps}
    if rules.grade_rule:
        if mentee.grade is None:
            return {"blocked": "no_grade", "steps": steps}
        mentors = [
            m for m in mentors if m.grade is not None and rules.grade_allows(mentee.grade, m.grade)
        ]
        steps.append(("grade", len(mentors)))
        if not mentors:
            return {"blocked": "grade", "steps": steps}
    if rules.wish_required:
        holding = [m for m in mentors if set(mentee.wishes) & m.strengths]
        steps.append(("wish", len(holding)))
        if not holding:
            skills: dict[int, int] = {}
            for mentor in mentors:
                for skill in mentor.strengths:
                    skills[skill] = skills.get(skill, 0) + 1
            best = sorted(skills.items(), key=lambda item: (-item[1], item[0]))[:3]
            return {"blocked": "wish", "steps": steps, "skills_held": best}
        mentors = holding
    return {"blocked": "capacity", "steps": steps, "candidates": len(mentors)}


@transaction.atomic
def programme_match(*, programme: Programme, by) -> matching.Result:
    """Match the whole cohort (organiser mode): the pairs are proposed for review; mentees
    already in a published pair keep it."""
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.mode != Mode.ORGANISER or locked.status not in (
        ProgrammeStatus.OPEN,
        ProgrammeStatus.RUNNING,
    ):
        raise NetworkError(_("Only an open programme matched by its organiser can be matched."))
    for match in Match.objects.filter(programme=locked, status=MatchStatus.PROPOSED):
        _move_match(match, MatchStatus.WITHDRAWN, by=by)
    waiting = [
        mentee
        for mentee in selectors.active_participants(programme=locked, role=Role.MENTEE)
        if selectors.live_match_of(mentee=mentee) is None
    ]
    data = selectors.matching_input(
        programme=locked, mentees=waiting, capacity_left=selectors.capacity_left(programme=locked)
    )
    result = matching.match(data.mentees, data.mentors, data.rules, excluded=data.excluded)
    _create_matches(programme=locked, result=result, data=data, status=MatchStatus.PROPOSED, by=by)
    ProgrammeEvent.objects.create(
        programme=locked, by=by, kind=EventKind.MATCHED, count=len(result.pairs)
    )
    return result


@transaction.atomic
def programme_publish(*, programme: Programme, by) -> int:
    """Publish the reviewed pairs: each is offered to both people, and the programme runs."""
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    proposed = list(Match.objects.filter(programme=locked, status=MatchStatus.PROPOSED))
    if not proposed:
        raise NetworkError(_("There are no proposed pairs to publish. Run the matching first."))
    for match in proposed:
        _move_match(match, MatchStatus.OFFERED, by=by)
        transaction.on_commit(partial(tasks.send_match_offered.enqueue, match_id=match.pk))
    if locked.status == ProgrammeStatus.OPEN:
        ensure_transition(PROGRAMME_TRANSITIONS, locked.status, ProgrammeStatus.RUNNING)
        locked.status = ProgrammeStatus.RUNNING
        locked.version += 1
        locked.save(update_fields=["status", "version"])
        ProgrammeEvent.objects.create(
            programme=locked,
            by=by,
            kind=EventKind.STATUS,
            from_status=ProgrammeStatus.OPEN,
            to_status=ProgrammeStatus.RUNNING,
        )
    ProgrammeEvent.objects.create(
        programme=locked, by=by, kind=EventKind.PUBLISHED, count=len(proposed)
    )
    return len(proposed)


@transaction.atomic
def match_withdraw_proposal(*, match: Match, by) -> None:
    """The organiser takes a proposed pair out before publishing; the mentee waits for the next
    matching run, with that pair excluded no more than any other."""
    if match.status != MatchStatus.PROPOSED:
        raise NetworkError(_("Only a proposed pair can be taken out."))
    _move_match(match, MatchStatus.WITHDRAWN, by=by)


def _rematch(*, programme: Programme, mentees: list[Participant], by) -> list[Match]:
    """Match the given mentees again with the places still free. Every other pair, accepted or
    waiting, stays as it is: the solver sees only the free places and these mentees."""
    waiting = [
        mentee
        for mentee in mentees
        if mentee.left_at is None and selectors.live_match_of(mentee=mentee) is None
    ]
    if not waiting:
        return []
    data = selectors.matching_input(
        programme=programme,
        mentees=waiting,
        capacity_left=selectors.capacity_left(programme=programme),
    )
    result = matching.match(data.mentees, data.mentors, data.rules, excluded=data.excluded)
    made = _create_matches(
        programme=programme, result=result, data=data, status=MatchStatus.OFFERED, by=by
    )
    for match in made:
        transaction.on_commit(partial(tasks.send_match_offered.enqueue, match_id=match.pk))
    ProgrammeEvent.objects.create(
        programme=programme, by=by, kind=EventKind.REMATCHED, count=len(made)
    )
    return made


@transaction.atomic
def match_answer(*, match: Match, by, accept: bool, reason: str = "") -> Match:
    """The mentee or the mentor accepts or declines. Both accepting makes the pair; a decline
    frees the place, and the mentee is matched again (organiser mode) or offered the next
    suggestions (choice mode), without touching any other pair."""
    locked = (
        Match.objects.select_for_update()
        .select_related("programme", "mentee", "mentor")
        .get(pk=match.pk)
    )
    if locked.status != MatchStatus.OFFERED:
        raise NetworkError(_("This pair is no longer waiting for an answer."))
    if by.pk == locked.mentee.user_id:
        side = "mentee_answer"
    elif by.pk == locked.mentor.user_id:
        side = "mentor_answer"
    else:
        raise NetworkError(_("Only the two people of a pair answer it."))
    if getattr(locked, side) != Answer.WAITING:
        raise NetworkError(_("You have already answered."))
    setattr(locked, side, Answer.ACCEPTED if accept else Answer.DECLINED)
    locked.decline_reason = "" if accept else reason.strip()[:500]
    locked.save()
    if not accept:
        _move_match(locked, MatchStatus.DECLINED, by=by)
        transaction.on_commit(partial(tasks.send_match_declined.enqueue, match_id=locked.pk))
        if (
            locked.programme.mode == Mode.ORGANISER
            and locked.programme.status == ProgrammeStatus.RUNNING
        ):
            _rematch(programme=locked.programme, mentees=[locked.mentee], by=by)
    elif locked.mentee_answer == Answer.ACCEPTED and locked.mentor_answer == Answer.ACCEPTED:
        _move_match(locked, MatchStatus.ACCEPTED, by=by)
        transaction.on_commit(partial(tasks.send_match_accepted.enqueue, match_id=locked.pk))
    return locked


@transaction.atomic
def match_request(*, mentee: Participant, mentor: Participant, today: date | None = None) -> Match:
    """A choosing mentee asks one of their suggested mentors, who answers within the
    programme's days."""
    programme = mentee.programme
    if programme.mode != Mode.CHOICE or programme.status not in (
        ProgrammeStatus.OPEN,
        ProgrammeStatus.RUNNING,
    ):
        raise NetworkError(_("In this programme the organiser makes the pairs."))
    if selectors.live_match_of(mentee=mentee) is not None:
        raise NetworkError(_("You already have a mentor, or a request waiting for an answer."))
    if mentor.pk not in {
        pair.mentor for pair in selectors.suggestions_for(mentee=mentee, shown=10_000)
    }:
        raise NetworkError(_("This mentor is not among your suggestions any more. Choose another."))
    data = selectors.matching_input(programme=programme, mentees=[mentee])
    mentor_row = next(row for row in data.mentors if row.key == mentor.pk)
    pair = matching.pair_of(data.rules, data.mentees[0], mentor_row)
    today = today or timezone.localdate()
    match = Match.objects.create(
        programme=programme,
        mentee=mentee,
        mentor=mentor,
        status=MatchStatus.OFFERED,
        requested=True,
        mentee_answer=Answer.ACCEPTED,
        fit=pair.fit,
        reasons=_reasons(pair, data),
        answer_due=today + timedelta(days=programme.answer_days),
    )
    MatchEvent.objects.create(match=match, by=mentee.user, to_status=MatchStatus.OFFERED)
    transaction.on_commit(partial(tasks.send_match_requested.enqueue, match_id=match.pk))
    return match


@transaction.atomic
def requests_expire(*, today: date | None = None) -> int:
    """Requests a mentor left unanswered past their day count as declined; the mentee is told
    and sees the next suggestions. Run daily (``manage.py network_daily``)."""
    today = today or timezone.localdate()
    expired = list(
        Match.objects.select_for_update().filter(
            status=MatchStatus.OFFERED, requested=True, answer_due__lt=today
        )
    )
    for match in expired:
        match.mentor_answer = Answer.DECLINED
        match.save(update_fields=["mentor_answer"])
        _move_match(match, MatchStatus.DECLINED, by=None)
        transaction.on_commit(partial(tasks.send_request_expired.enqueue, match_id=match.pk))
    return len(expired)


# --- the pair's life --------------------------------------------------------------------------


def _pair_member(match: Match, by) -> None:
    if not selectors.is_in_pair(user=by, match=match):
        raise NetworkError(_("Only the two people of a pair keep its log."))
    if match.status != MatchStatus.ACCEPTED:
        raise NetworkError(_("The log opens once both of you have accepted."))


@transaction.atomic
def meeting_log(*, match: Match, by, held_on: date, note: str) -> Meeting:
    _pair_member(match, by)
    if held_on > timezone.localdate():
        raise NetworkError(_("Log a meeting once it has taken place."))
    meeting = Meeting(match=match, held_on=held_on, note=note.strip(), logged_by=by)
    meeting.full_clean(exclude=["match", "logged_by"])
    meeting.save()
    return meeting


@transaction.atomic
def check_in(*, match: Match, by, kind: str, progress: str, note: str = "") -> CheckIn:
    _pair_member(match, by)
    participant = match.mentee if by.pk == match.mentee.user_id else match.mentor
    row, _created = CheckIn.objects.update_or_create(
        match=match,
        participant=participant,
        kind=kind,
        defaults={"progress": progress, "note": note.strip()},
    )
    return row


@transaction.atomic
def survey_answer(*, programme: Programme, user, scores: dict[str, int], comment: str = "") -> None:
    """The anonymous end survey: who answered and what was answered go to two tables that
    nothing joins; the answer keeps the department and the week, not the person or the time."""
    if programme.status != ProgrammeStatus.CLOSED:
        raise NetworkError(_("The end survey opens when the programme closes."))
    closes_on = selectors.survey_closes_on(programme=programme)
    if closes_on is not None and timezone.localdate() > closes_on:
        raise NetworkError(_("The end survey has closed."))
    participant = Participant.objects.filter(programme=programme, user=user).first()
    if (
        participant is None
        or not Match.objects.filter(status__in=(MatchStatus.ENDED, MatchStatus.ACCEPTED))
        .filter(**{("mentee" if participant.role == Role.MENTEE else "mentor"): participant})
        .exists()
    ):
        raise NetworkError(_("The end survey is for the people who took part in a pair."))
    low, high = SURVEY_SCALE
    keys = {key for key, _text in SURVEY_QUESTIONS}
    if set(scores) != keys or any(not (low <= value <= high) for value in scores.values()):
        raise NetworkError(_("Answer every question on the scale."))
    if SurveyParticipation.objects.filter(programme=programme, user=user).exists():
        raise NetworkError(_("You have already answered the end survey."))
    SurveyParticipation.objects.create(programme=programme, user=user)
    record = StaffRecord.objects.filter(user=user).select_related("unit").first()
    unit_path = selectors.department_path(
        unit_path=record.unit.path if record else programme.scope.path, scope=programme.scope
    )
    today = timezone.localdate()
    SurveyResponse.objects.create(
        programme=programme,
        unit_path=unit_path,
        scores=scores,
        comment=comment.strip(),
        week=today - timedelta(days=today.weekday()),
    )


# --- peer help --------------------------------------------------------------------------------


@transaction.atomic
def introduction_send(*, sender, recipient, competency: Competency, message: str) -> Introduction:
    if selectors.active_profile(owner=sender) is None:
        raise NetworkError(_("Create your network profile, or resume it, to introduce yourself."))
    if recipient not in selectors.helpers_for(
        viewer=sender, competency=competency, today=timezone.localdate()
    ):
        raise NetworkError(_("This colleague does not offer help with this skill."))
    since = timezone.now() - timedelta(days=1)
    if (
        Introduction.objects.filter(sender=sender, sent_at__gte=since).count()
        >= INTRODUCTIONS_PER_DAY
    ):
        raise NetworkError(
            _("You have sent five introductions in the last day. Try again tomorrow.")
        )
    text = message.strip()
    if not text:
        raise NetworkError(_("Write a short message to introduce yourself."))
    introduction = Introduction(
        sender=sender, recipient=recipient, competency=competency, message=text
    )
    introduction.full_clean(exclude=["sender", "recipient", "competency"])
    introduction.save()
    transaction.on_commit(partial(tasks.send_introduction.enqueue, introduction_id=introduction.pk))
    return introduction
