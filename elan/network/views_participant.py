# SPDX-License-Identifier: EUPL-1.2
"""A programme's pages as its participants see them: the programme with its rules, joining and
leaving, ranking mentors, choosing among suggestions, the pair with its answers, meeting log and
check-ins, and the anonymous end survey.

Thin views: they read the input, ask the rules, call one service or the selectors, and render.
Rules are asked directly (``rules.has_perm``), never through ``user.has_perm``, so that a
superuser gets no more than anyone else. A programme or a pair the reader may not see answers
404, so that a page never tells that it exists. The pair's page is the pair's alone: its
organiser sees the pair's status on their own pages, never its log. A refusal of a service
(``NetworkError``) is shown on the page with the person's input, never as an error page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.core.ids import posted_id
from elan.network import explain, selectors, services
from elan.network.constants import (
    MAX_PREFERENCES,
    WORKING_LANGUAGES,
    Answer,
    CheckInKind,
    Department,
    MatchStatus,
    Mode,
    ProgrammeStatus,
    Role,
)
from elan.network.figures import person_name, unit_name
from elan.network.forms_participant import (
    PREFERENCE_FIELDS,
    AnswerForm,
    CheckInForm,
    JoinForm,
    MeetingForm,
    PreferencesForm,
    SurveyForm,
)
from elan.network.models import (
    CheckIn,
    Match,
    Participant,
    ProfileStrength,
    Programme,
    SurveyParticipation,
)
from elan.network.services import NetworkError

# The end check-in opens this many days before the programme ends.
END_CHECK_IN_DAYS = 14


def _day(day) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""


def _languages(codes) -> list[str]:
    labels = dict(WORKING_LANGUAGES)
    return [str(labels[code]) for code in codes if code in labels]


def _programme_or_404(request: HttpRequest, public_id) -> Programme:
    programme = Programme.objects.select_related("scope").filter(public_id=public_id).first()
    if programme is None or not rules.has_perm("network.view_programme", request.user, programme):
        raise Http404
    return programme


def _was_offered(match: Match) -> bool:
    """Whether the two people were ever told of the pair: a proposal the organiser took out
    before publishing stays the organiser's."""
    if match.status == MatchStatus.PROPOSED:
        return False
    if match.status != MatchStatus.WITHDRAWN:
        return True
    return match.events.filter(to_status=MatchStatus.OFFERED).exists()


def _pair_or_404(request: HttpRequest, public_id) -> Match:
    match = (
        Match.objects.select_related(
            "programme", "mentee__user__staff_record__unit", "mentor__user__staff_record__unit"
        )
        .filter(public_id=public_id)
        .first()
    )
    if (
        match is None
        or not rules.has_perm("network.view_pair", request.user, match)
        or not _was_offered(match)
    ):
        raise Http404
    return match


def _programme_url(programme: Programme) -> str:
    return reverse("network:programme", args=[programme.public_id])


def _pair_url(match: Match, anchor: str = "") -> str:
    url = reverse("network:pair", args=[match.public_id])
    return f"{url}#{anchor}" if anchor else url


# --- what the programme page shows -------------------------------------------------------------


def programme_rules(programme: Programme) -> list[str]:
    """The programme's rules as sentences a participant reads."""
    lines = [str(Mode(programme.mode).label) + "."]
    if programme.department_rule != Department.NONE:
        lines.append(str(Department(programme.department_rule).label) + ".")
    lines.append(_("Never someone in your own reporting line, above or below you."))
    if programme.shared_language:
        lines.append(_("Mentor and mentee share a working language."))
    low, high = programme.grade_gap_min, programme.grade_gap_max
    if low is not None and high is not None:
        lines.append(
            _("The mentor is between %(low)s and %(high)s levels above the mentee.")
            % {"low": low, "high": high}
        )
    elif low is not None:
        lines.append(_("The mentor is at least %(low)s levels above the mentee.") % {"low": low})
    elif high is not None:
        lines.append(_("The mentor is at most %(high)s levels above the mentee.") % {"high": high})
    if programme.wish_required:
        lines.append(_("The mentor shows a strength in one of the mentee's learning wishes."))
    if programme.honour_preferences:
        lines.append(_("Mentees may rank mentors they would like, and the matching counts it."))
    if programme.mode == Mode.CHOICE:
        lines.append(
            _("A mentor answers a request within %(count)s days.")
            % {"count": programme.answer_days}
        )
    return lines


@dataclass
class Suggestion:
    """A mentor offered to a choosing mentee, with the sentence why."""

    mentor: Participant
    name: str
    unit: str
    languages: list[str]
    sentence: str


def _suggestions(mentee: Participant) -> list[Suggestion]:
    pairs = selectors.suggestions_for(mentee=mentee)
    mentors = {
        mentor.pk: mentor
        for mentor in selectors.active_participants(
            programme=mentee.programme, role=Role.MENTOR
        ).filter(pk__in=[pair.mentor for pair in pairs])
    }
    scope = mentee.programme.scope
    offered: list[tuple[Participant, Match, list[str]]] = []
    for pair in pairs:
        mentor = mentors.get(pair.mentor)
        if mentor is None:
            continue
        record = getattr(mentor.user, "staff_record", None)
        # An unsaved pair carries the matching's reasons so that the sentence is the one the
        # pair would get once made.
        draft = Match(
            programme=mentee.programme,
            mentee=mentee,
            mentor=mentor,
            reasons={
                "wish": pair.wish,
                "cross": pair.cross_department,
                "mentor_department": selectors.department_path(
                    unit_path=record.unit.path, scope=scope
                )
                if record is not None
                else "",
                "languages": sorted(pair.languages),
                "preference_rank": pair.preference_rank,
            },
        )
        offered.append((mentor, draft, _languages(sorted(pair.languages))))
    sentences = explain.pair_sentences(
        matches=[draft for _mentor, draft, _spoken in offered], reader=mentee.user
    )
    return [
        Suggestion(
            mentor=mentor,
            name=person_name(mentor.user),
            unit=unit_name(mentor.user),
            languages=spoken,
            sentence=sentence,
        )
        for (mentor, _draft, spoken), sentence in zip(offered, sentences, strict=True)
    ]


@dataclass
class PairRow:
    match: Match
    partner: str
    sentence: str
    waiting_for_me: bool


def _pair_rows(matches: list[Match], user) -> list[PairRow]:
    """The reader's pairs, with the skills and departments their sentences name read once."""
    rows = []
    for match, sentence in zip(
        matches, explain.pair_sentences(matches=matches, reader=user), strict=True
    ):
        mine = "mentee_answer" if match.mentee.user_id == user.pk else "mentor_answer"
        partner = match.mentor.user if mine == "mentee_answer" else match.mentee.user
        rows.append(
            PairRow(
                match=match,
                partner=person_name(partner),
                sentence=sentence,
                waiting_for_me=match.status == MatchStatus.OFFERED
                and getattr(match, mine) == Answer.WAITING,
            )
        )
    return rows


@dataclass
class MenteeState:
    pair: PairRow | None = None
    waiting: explain.Waiting | None = None
    before_matching: bool = False
    last_declined: Match | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    may_rank: bool = False


def _mentee_state(participant: Participant, user) -> MenteeState:
    programme = participant.programme
    state = MenteeState()
    live = selectors.live_match_of(mentee=participant)
    if live is not None:
        state.pair = _pair_rows([live], user)[0]
        return state
    if programme.mode == Mode.CHOICE:
        state.last_declined = (
            selectors.matches_of(participant=participant)
            .filter(status=MatchStatus.DECLINED, requested=True)
            .order_by("-decided_at", "-pk")
            .first()
        )
        if programme.status != ProgrammeStatus.CLOSED:
            state.suggestions = _suggestions(participant)
            if not state.suggestions:
                data = selectors.matching_input(
                    programme=programme,
                    mentees=[participant],
                    capacity_left=selectors.capacity_left(programme=programme),
                )
                if data.mentees:
                    state.waiting = explain.unmatched_explanation(
                        diagnosis=services.diagnose(mentee=data.mentees[0], data=data)
                    )
        state.may_rank = programme.honour_preferences and programme.status != ProgrammeStatus.CLOSED
        return state
    # The organiser's matching is a draft until published: before that, the mentee reads
    # neither its pairs nor why they were left out.
    if programme.status == ProgrammeStatus.OPEN:
        state.before_matching = True
        state.may_rank = programme.honour_preferences
        return state
    state.waiting = explain.unmatched_explanation(diagnosis=participant.diagnosis)
    return state


@dataclass
class MentorState:
    pairs: list[PairRow]
    capacity: int
    taken: int


def _mentor_state(participant: Participant, user) -> MentorState:
    matches = selectors.matches_of(participant=participant).filter(
        status__in=(MatchStatus.OFFERED, MatchStatus.ACCEPTED, MatchStatus.ENDED)
    )
    return MentorState(
        pairs=_pair_rows(list(matches), user),
        capacity=participant.capacity,
        taken=selectors.taken_places(mentor=participant),
    )


def _programme_context(request: HttpRequest, programme: Programme, **forms) -> dict[str, Any]:
    user = request.user
    participant = selectors.participation(user=user, programme=programme)
    context: dict[str, Any] = {
        "programme": programme,
        "rules": programme_rules(programme),
        "participant": participant,
        "is_organiser": rules.has_perm("network.manage_programme", user, programme),
        "survey_open": programme.status == ProgrammeStatus.CLOSED and participant is not None,
    }
    if participant is None:
        profile = selectors.active_profile(owner=user)
        may_join = selectors.open_programmes(user=user).filter(pk=programme.pk).exists()
        context.update(
            {
                "profile": profile,
                "may_join": may_join,
                "join_form": forms.get("join_form")
                or (JoinForm(profile=profile) if profile is not None and may_join else None),
            }
        )
    elif participant.role == Role.MENTEE:
        context["mentee"] = _mentee_state(participant, user)
    else:
        context["mentor"] = _mentor_state(participant, user)
    return context


@never_cache
@login_required
@require_http_methods(["GET"])
def programme(request: HttpRequest, public_id) -> HttpResponse:
    found = _programme_or_404(request, public_id)
    return render(request, "network/programme.html", _programme_context(request, found))


@never_cache
@login_required
@require_POST
def programme_join(request: HttpRequest, public_id) -> HttpResponse:
    found = _programme_or_404(request, public_id)
    profile = selectors.active_profile(owner=request.user)
    if profile is None:
        messages.error(request, _("Create your network profile, or resume it, before you join."))
        return redirect("network:profile")
    form = JoinForm(request.POST, profile=profile)
    if form.is_valid():
        try:
            services.programme_join(
                programme=found,
                user=request.user,
                role=form.cleaned_data["role"],
                capacity=form.cleaned_data.get("capacity") or 1,
            )
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("You have joined the programme."))
            return redirect(_programme_url(found))
    return render(
        request, "network/programme.html", _programme_context(request, found, join_form=form)
    )


@never_cache
@login_required
@require_POST
def programme_leave(request: HttpRequest, public_id) -> HttpResponse:
    found = _programme_or_404(request, public_id)
    participant = selectors.participation(user=request.user, programme=found)
    if participant is None:
        messages.info(request, _("You are not taking part in this programme."))
        return redirect(_programme_url(found))
    services.programme_leave(participant=participant, by=request.user)
    messages.success(request, _("You have left the programme. Your pairs in it are withdrawn."))
    return redirect("network:home")


# --- ranking mentors ---------------------------------------------------------------------------


@dataclass
class MentorRow:
    participant: Participant
    name: str
    unit: str
    strengths: list[str]


def _mentor_rows(programme: Programme) -> list[MentorRow]:
    """The programme's mentors by name: never by how often they are chosen."""
    mentors = list(selectors.active_participants(programme=programme, role=Role.MENTOR))
    strengths: dict[int, list[str]] = {}
    for shown in ProfileStrength.objects.filter(
        profile__owner__in=[mentor.user_id for mentor in mentors]
    ).select_related("competency", "profile"):
        strengths.setdefault(shown.profile.owner_id, []).append(str(shown.competency))
    rows = [
        MentorRow(
            participant=mentor,
            name=person_name(mentor.user),
            unit=unit_name(mentor.user),
            strengths=sorted(strengths.get(mentor.user_id, [])),
        )
        for mentor in mentors
    ]
    return sorted(rows, key=lambda row: (row.name.casefold(), row.participant.pk))


def _may_rank(participant: Participant | None) -> str:
    """Why this person may not rank mentors now, or an empty string when they may."""
    if participant is None or participant.role != Role.MENTEE:
        return _("Only the programme's mentees rank mentors.")
    programme = participant.programme
    if not programme.honour_preferences:
        return _("This programme does not use ranked preferences.")
    if programme.status == ProgrammeStatus.CLOSED:
        return _("This programme has ended.")
    if selectors.live_match_of(mentee=participant) is not None:
        return _("You already have a mentor, or a pair waiting for answers.")
    return ""


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, public_id) -> HttpResponse:
    found = _programme_or_404(request, public_id)
    participant = selectors.participation(user=request.user, programme=found)
    refusal = _may_rank(participant)
    if refusal:
        messages.info(request, refusal)
        return redirect(_programme_url(found))
    rows = _mentor_rows(found)
    choices = [
        (row.participant, f"{row.name} ({row.unit})" if row.unit else row.name) for row in rows
    ]
    if request.method == "POST":
        form = PreferencesForm(request.POST, mentors=choices)
        if form.is_valid():
            try:
                services.preferences_set(participant=participant, mentors=form.mentors())
            except NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your preferences are saved."))
                return redirect(_programme_url(found))
    else:
        form = PreferencesForm(
            initial=PreferencesForm.initial_of(participant.preferences.all()), mentors=choices
        )
    return render(
        request,
        "network/preferences.html",
        {
            "programme": found,
            "form": form,
            "mentors": rows,
            "choice_fields": [form[name] for name in PREFERENCE_FIELDS],
            "max_preferences": MAX_PREFERENCES,
        },
    )


# --- choosing among suggestions ----------------------------------------------------------------


@never_cache
@login_required
@require_POST
def request_mentor(request: HttpRequest, public_id) -> HttpResponse:
    found = _programme_or_404(request, public_id)
    participant = selectors.participation(user=request.user, programme=found)
    if participant is None or participant.role != Role.MENTEE:
        messages.error(request, _("Only the programme's mentees ask a mentor."))
        return redirect(_programme_url(found))
    number = posted_id(request.POST.get("mentor", ""))
    mentor = (
        selectors.active_participants(programme=found, role=Role.MENTOR).filter(pk=number).first()
        if number is not None
        else None
    )
    if mentor is None:
        messages.error(
            request, _("This mentor is not among your suggestions any more. Choose another.")
        )
        return redirect(_programme_url(found))
    try:
        match = services.match_request(mentee=participant, mentor=mentor)
    except NetworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your request is on its way to %(name)s, who answers by %(date)s.")
            % {"name": person_name(mentor.user), "date": _day(match.answer_due)},
        )
    return redirect(_programme_url(found))


# --- the pair ---------------------------------------------------------------------------------


def _check_in_days(programme: Programme) -> dict[str, datetime.date]:
    """Each check-in with the day it opens."""
    return {
        CheckInKind.MIDPOINT: programme.midpoint,
        CheckInKind.END: max(
            programme.midpoint, programme.ends_on - datetime.timedelta(days=END_CHECK_IN_DAYS)
        ),
    }


@dataclass
class CheckInRow:
    kind: str
    label: str
    opens_on: datetime.date
    is_open: bool
    mine: CheckIn | None
    form: CheckInForm | None


def _check_in_rows(match: Match, me: Participant, **forms) -> list[CheckInRow]:
    today = timezone.localdate()
    mine = {row.kind: row for row in CheckIn.objects.filter(match=match, participant=me)}
    rows = []
    for kind, opens_on in _check_in_days(match.programme).items():
        is_open = match.status == MatchStatus.ACCEPTED and today >= opens_on
        existing = mine.get(kind)
        form = None
        if is_open:
            form = forms.get(f"check_in_{kind}") or CheckInForm(
                prefix=kind,
                initial={"progress": existing.progress, "note": existing.note}
                if existing
                else None,
            )
        rows.append(
            CheckInRow(
                kind=kind,
                label=str(CheckInKind(kind).label),
                opens_on=opens_on,
                is_open=is_open,
                mine=existing,
                form=form,
            )
        )
    return rows


def _pair_context(request: HttpRequest, match: Match, **forms) -> dict[str, Any]:
    user = request.user
    i_am_mentee = match.mentee.user_id == user.pk
    me = match.mentee if i_am_mentee else match.mentor
    partner = match.mentor.user if i_am_mentee else match.mentee.user
    my_answer = match.mentee_answer if i_am_mentee else match.mentor_answer
    partner_answer = match.mentor_answer if i_am_mentee else match.mentee_answer
    accepted = match.status == MatchStatus.ACCEPTED
    opened = match.status in (MatchStatus.ACCEPTED, MatchStatus.ENDED)
    return {
        "match": match,
        "programme": match.programme,
        "sentence": explain.pair_sentence(match=match, reader=user),
        "i_am_mentee": i_am_mentee,
        "partner": partner,
        "partner_name": person_name(partner),
        "partner_unit": unit_name(partner),
        "my_answer": Answer(my_answer).label,
        "partner_answer": Answer(partner_answer).label,
        "answer_form": (forms.get("answer_form") or AnswerForm())
        if match.status == MatchStatus.OFFERED and my_answer == Answer.WAITING
        else None,
        "opened": opened,
        "meetings": list(match.meetings.all()) if opened else [],
        "meeting_form": (forms.get("meeting_form") or MeetingForm()) if accepted else None,
        "check_ins": _check_in_rows(match, me, **forms) if opened else [],
        "survey_open": match.programme.status == ProgrammeStatus.CLOSED,
    }


@never_cache
@login_required
@require_http_methods(["GET"])
def pair(request: HttpRequest, public_id) -> HttpResponse:
    match = _pair_or_404(request, public_id)
    return render(request, "network/pair.html", _pair_context(request, match))


@never_cache
@login_required
@require_POST
def pair_answer(request: HttpRequest, public_id) -> HttpResponse:
    match = _pair_or_404(request, public_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answered = services.match_answer(
                match=match,
                by=request.user,
                accept=form.accepts,
                reason=form.cleaned_data["reason"],
            )
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            if not form.accepts:
                messages.success(request, _("You have declined the pair. The place is free again."))
                return redirect(_programme_url(match.programme))
            if answered.status == MatchStatus.ACCEPTED:
                messages.success(
                    request, _("You both accepted: the pair is made. Its log is open.")
                )
            else:
                messages.success(
                    request, _("You have accepted. The pair is made once the other answers too.")
                )
            return redirect(_pair_url(match))
    return render(request, "network/pair.html", _pair_context(request, match, answer_form=form))


@never_cache
@login_required
@require_POST
def meeting_new(request: HttpRequest, public_id) -> HttpResponse:
    match = _pair_or_404(request, public_id)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_log(
                match=match,
                by=request.user,
                held_on=form.cleaned_data["held_on"],
                note=form.cleaned_data["note"],
            )
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect(_pair_url(match, "meetings"))
    return render(request, "network/pair.html", _pair_context(request, match, meeting_form=form))


@never_cache
@login_required
@require_POST
def check_in(request: HttpRequest, public_id) -> HttpResponse:
    match = _pair_or_404(request, public_id)
    kind = request.POST.get("kind", "")
    opens_on = _check_in_days(match.programme).get(kind)
    if opens_on is None:
        messages.error(request, _("Choose the midpoint or the end check-in."))
        return redirect(_pair_url(match, "check-ins"))
    if timezone.localdate() < opens_on:
        messages.error(
            request,
            _("This check-in opens on %(date)s.") % {"date": _day(opens_on)},
        )
        return redirect(_pair_url(match, "check-ins"))
    form = CheckInForm(request.POST, prefix=kind)
    if form.is_valid():
        try:
            services.check_in(
                match=match,
                by=request.user,
                kind=kind,
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
            )
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your check-in is saved."))
            return redirect(_pair_url(match, "check-ins"))
    return render(
        request,
        "network/pair.html",
        _pair_context(request, match, **{f"check_in_{kind}": form}),
    )


# --- the end survey ---------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, public_id) -> HttpResponse:
    found = _programme_or_404(request, public_id)
    user = request.user
    closes_on = selectors.survey_closes_on(programme=found)
    context: dict[str, Any] = {
        "programme": found,
        "takes_part": selectors.participation(user=user, programme=found) is not None,
        "closes_on": closes_on,
        "has_closed": closes_on is not None and timezone.localdate() > closes_on,
        "is_open": closes_on is not None and timezone.localdate() <= closes_on,
        "answered": SurveyParticipation.objects.filter(programme=found, user=user).exists(),
    }
    form = None
    if context["is_open"] and context["takes_part"] and not context["answered"]:
        form = SurveyForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                services.survey_answer(
                    programme=found,
                    user=user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you: your answers are stored."))
                return redirect("network:survey", public_id=found.public_id)
    elif request.method == "POST":
        messages.error(
            request,
            _("You have already answered the end survey.")
            if context["answered"]
            else _("The end survey has closed.")
            if context["has_closed"]
            else _("The end survey is for the people who took part in a pair, once it closes."),
        )
        return redirect("network:survey", public_id=found.public_id)
    context["form"] = form
    return render(request, "network/survey.html", context)
