# SPDX-License-Identifier: EUPL-1.2
"""The organiser's pages: HR officers whose HR role covers a programme's unit create it, open
sign-up, run and review the matching, publish the pairs, follow them, read the figures and
export the pairs.

Rules are asked directly (``rules.has_perm``), as in every app. A programme the reader may not
see answers 404, so that a page never tells that it exists; someone who may see it (a
participant, a colleague who may join) but not run it gets 403. A refusal of a service
(``NetworkError``) comes back as a message with the person's input, never an error page.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.network import explain, selectors, services
from elan.network import figures as counts
from elan.network.constants import (
    PROGRAMME_TRANSITIONS,
    MatchStatus,
    Mode,
    ProgrammeStatus,
    Role,
)
from elan.network.forms_organiser import MoveForm, ProgrammeForm, PublishForm
from elan.network.models import Match, Programme
from elan.network.services import NetworkError
from elan.organisations.constants import Role as ChartRole
from elan.organisations.selectors import coverage_of

MOVE_LABELS = {
    ProgrammeStatus.OPEN: lambda: _("Open sign-up"),
    ProgrammeStatus.RUNNING: lambda: _("Start the programme"),
    ProgrammeStatus.CLOSED: lambda: _("Close the programme"),
}
MOVED_MESSAGES = {
    ProgrammeStatus.OPEN: lambda: _("Sign-up is open: colleagues of the unit can join."),
    ProgrammeStatus.RUNNING: lambda: _("The programme runs."),
    ProgrammeStatus.CLOSED: lambda: _(
        "The programme is closed: the pairs have ended and the participants are invited to "
        "the end survey."
    ),
}


def _organise_or_403(request: HttpRequest) -> None:
    if not rules.has_perm("network.organise", request.user):
        raise PermissionDenied


def _managed(request: HttpRequest, public_id) -> Programme:
    """The programme for an organiser's page: 404 for who may not see it, 403 for who may see
    it but not run it."""
    programme = Programme.objects.select_related("scope").filter(public_id=public_id).first()
    if programme is None or not rules.has_perm("network.view_programme", request.user, programme):
        raise Http404
    if not rules.has_perm("network.manage_programme", request.user, programme):
        raise PermissionDenied
    return programme


def _manage_url(programme: Programme, anchor: str = "") -> str:
    url = reverse("network:programme_manage", args=[programme.public_id])
    return f"{url}#{anchor}" if anchor else url


def _covered_units(user):
    return coverage_of(user=user, role=ChartRole.HR).units().order_by("path")


def _locked(programme: Programme) -> bool:
    return programme.status in (ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSED)


# --- the list and the programme form ----------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def programmes(request: HttpRequest) -> HttpResponse:
    _organise_or_403(request)
    rows = counts.with_counts(selectors.organised_programmes(user=request.user)).order_by(
        "-starts_on", "title"
    )
    return render(request, "network/organiser_list.html", {"programmes": rows})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest) -> HttpResponse:
    _organise_or_403(request)
    units = _covered_units(request.user)
    if request.method == "POST":
        form = ProgrammeForm(request.POST, units=units)
        if form.is_valid():
            try:
                programme = services.programme_create(
                    organiser=request.user, **form.programme_fields()
                )
            except NetworkError as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("The programme is saved as a draft. Open sign-up when it is ready."),
                )
                return redirect(_manage_url(programme))
    else:
        form = ProgrammeForm(units=units)
    return render(request, "network/organiser_form.html", {"form": form, "programme": None})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, public_id) -> HttpResponse:
    programme = _managed(request, public_id)
    units = _covered_units(request.user)
    locked = _locked(programme)
    initial = ProgrammeForm.initial_of(programme)
    if request.method == "POST":
        form = ProgrammeForm(request.POST, units=units, locked=locked, initial=initial)
        if form.is_valid():
            try:
                services.programme_update(
                    programme=programme,
                    by=request.user,
                    version=form.cleaned_data.get("version") or 0,
                    **form.programme_fields(),
                )
            except NetworkError as error:
                current = Programme.objects.get(pk=programme.pk)
                if current.version != (form.cleaned_data.get("version") or 0):
                    # Saving again now knowingly replaces the other changes with these.
                    data = form.data.copy()
                    data["version"] = str(current.version)
                    locked = _locked(current)
                    form = ProgrammeForm(
                        data,
                        units=units,
                        locked=locked,
                        initial=ProgrammeForm.initial_of(current),
                    )
                    form.is_valid()
                    form.add_error(
                        None,
                        _(
                            "Someone else changed this programme while you were editing it. "
                            "What you wrote is still in the form: saving again replaces their "
                            "changes with yours."
                        ),
                    )
                else:
                    form.add_error(None, str(error))
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The programme is saved."))
                return redirect(_manage_url(programme))
    else:
        form = ProgrammeForm(initial=initial, units=units, locked=locked)
    return render(
        request,
        "network/organiser_form.html",
        {"form": form, "programme": programme, "locked": locked},
    )


# --- the overview -----------------------------------------------------------------------------


def _moves(programme: Programme) -> list[tuple[str, str]]:
    allowed = PROGRAMME_TRANSITIONS[ProgrammeStatus(programme.status)]
    moves = []
    for status in (ProgrammeStatus.OPEN, ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSED):
        if status not in allowed:
            continue
        # An organiser-matched programme starts by publishing its reviewed pairs.
        if status == ProgrammeStatus.RUNNING and programme.mode == Mode.ORGANISER:
            continue
        moves.append((status.value, MOVE_LABELS[status]()))
    return moves


def _participants(programme: Programme) -> tuple[list[dict], list[dict]]:
    taken: dict[int, int] = {}
    for mentor_id in Match.objects.filter(
        programme=programme, status__in=(MatchStatus.OFFERED, MatchStatus.ACCEPTED)
    ).values_list("mentor_id", flat=True):
        taken[mentor_id] = taken.get(mentor_id, 0) + 1
    mentees, mentors = [], []
    for participant in selectors.active_participants(programme=programme):
        row = {
            "participant": participant,
            "name": counts.person_name(participant.user),
            "unit": counts.unit_of(participant.user),
            "taken": taken.get(participant.pk, 0),
        }
        (mentees if participant.role == Role.MENTEE else mentors).append(row)
    return mentees, mentors


@never_cache
@login_required
@require_http_methods(["GET"])
def programme_manage(request: HttpRequest, public_id) -> HttpResponse:
    programme = _managed(request, public_id)
    reader = request.user
    pairs = list(counts.reviewed_pairs(programme=programme))
    rows = [
        {"match": match, "sentence": sentence}
        for match, sentence in zip(
            pairs, explain.pair_sentences(matches=pairs, reader=reader), strict=True
        )
    ]
    proposed = [row for row in rows if row["match"].status == MatchStatus.PROPOSED]
    published = [row for row in rows if row["match"].status != MatchStatus.PROPOSED]
    unmatched = [
        {
            "participant": mentee,
            "name": counts.person_name(mentee.user),
            "unit": counts.unit_of(mentee.user),
            "waiting": explain.unmatched_explanation(
                diagnosis=mentee.diagnosis, for_organiser=True
            ),
        }
        for mentee in counts.unmatched_mentees(programme=programme)
    ]
    mentees, mentors = _participants(programme)
    organiser_mode = programme.mode == Mode.ORGANISER
    return render(
        request,
        "network/organiser_manage.html",
        {
            "programme": programme,
            "summary": counts.overview_sentence(counts.overview(programme=programme)),
            "moves": _moves(programme),
            "mentees": mentees,
            "mentors": mentors,
            "organiser_mode": organiser_mode,
            "may_match": organiser_mode
            and programme.status in (ProgrammeStatus.OPEN, ProgrammeStatus.RUNNING),
            "proposed": proposed,
            "published": published,
            "unmatched": unmatched,
            "requests": [row for row in published if row["match"].requested],
        },
    )


# --- the moves --------------------------------------------------------------------------------


@never_cache
@login_required
@require_POST
def programme_move(request: HttpRequest, public_id) -> HttpResponse:
    programme = _managed(request, public_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the status to move the programme to."))
        return redirect(_manage_url(programme))
    to = form.cleaned_data["to"]
    try:
        services.programme_move(programme=programme, to=to, by=request.user)
    except NetworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, MOVED_MESSAGES[ProgrammeStatus(to)]())
    return redirect(_manage_url(programme))


@never_cache
@login_required
@require_POST
def programme_match(request: HttpRequest, public_id) -> HttpResponse:
    programme = _managed(request, public_id)
    try:
        result = services.programme_match(programme=programme, by=request.user)
    except NetworkError as error:
        messages.error(request, str(error))
        return redirect(_manage_url(programme))
    pairs, left = len(result.pairs), len(result.unmatched)
    sentence = ngettext(
        "The matching proposes %(count)s pair. Review it before you publish.",
        "The matching proposes %(count)s pairs. Review them before you publish.",
        pairs,
    ) % {"count": pairs}
    if left:
        sentence += " " + ngettext(
            "%(count)s mentee has no mentor: the page says why.",
            "%(count)s mentees have no mentor: the page says why.",
            left,
        ) % {"count": left}
    messages.success(request, sentence)
    return redirect(_manage_url(programme, "proposed"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def programme_publish(request: HttpRequest, public_id) -> HttpResponse:
    """GET asks for confirmation; POST publishes. Both people of each pair get an e-mail."""
    programme = _managed(request, public_id)
    proposed = Match.objects.filter(programme=programme, status=MatchStatus.PROPOSED).count()
    if request.method == "GET":
        if not proposed:
            messages.info(
                request, _("There are no proposed pairs to publish. Run the matching first.")
            )
            return redirect(_manage_url(programme))
        return render(
            request,
            "network/organiser_publish.html",
            {"programme": programme, "count": proposed, "form": PublishForm()},
        )
    form = PublishForm(request.POST)
    seen = form.cleaned_data.get("pairs") if form.is_valid() else None
    if seen is not None and seen != proposed:
        messages.warning(
            request,
            _("The proposed pairs changed since you looked at them. Review them again."),
        )
        return redirect(_manage_url(programme, "proposed"))
    try:
        published = services.programme_publish(programme=programme, by=request.user)
    except NetworkError as error:
        messages.error(request, str(error))
        return redirect(_manage_url(programme))
    messages.success(
        request,
        ngettext(
            "%(count)s pair is published: both people got an e-mail and answer it.",
            "%(count)s pairs are published: both people of each pair got an e-mail and answer it.",
            published,
        )
        % {"count": published},
    )
    return redirect(_manage_url(programme, "published"))


@never_cache
@login_required
@require_POST
def proposal_withdraw(request: HttpRequest, public_id, match_id) -> HttpResponse:
    programme = _managed(request, public_id)
    match = (
        Match.objects.select_related("mentee__user", "mentor__user")
        .filter(programme=programme, public_id=match_id)
        .first()
    )
    if match is None:
        raise Http404
    try:
        services.match_withdraw_proposal(match=match, by=request.user)
    except NetworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "The pair %(mentor)s and %(mentee)s is taken out. The mentee waits for the next "
                "matching run."
            )
            % {
                "mentor": counts.person_name(match.mentor.user),
                "mentee": counts.person_name(match.mentee.user),
            },
        )
    return redirect(_manage_url(programme, "proposed"))


# --- figures and export -----------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def programme_figures(request: HttpRequest, public_id) -> HttpResponse:
    programme = _managed(request, public_id)
    taking_part = counts.participation(programme=programme)
    survey = counts.survey_figures(programme=programme)
    return render(
        request,
        "network/organiser_figures.html",
        {
            "programme": programme,
            "participation": taking_part,
            "participation_sentence": counts.participation_sentence(taking_part),
            "survey": survey,
            "survey_sentence": counts.survey_sentence(survey),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def programme_export(request: HttpRequest, public_id) -> HttpResponse:
    programme = _managed(request, public_id)
    response = HttpResponse(
        counts.as_csv(programme=programme, reader=request.user),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="mentor-programme-{programme.public_id}.csv"'
    )
    return response
