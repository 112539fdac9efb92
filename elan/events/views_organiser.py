# SPDX-License-Identifier: EUPL-1.2
"""The organiser's pages: HR creates an event; its organisers set it up, open and close
registration, form the teams, swap members, publish the teams and follow the help queue. Units
post their challenges here too, through their team leads and HR.

Rules are asked directly (``rules.has_perm``), as in every app. An event the reader may not see
answers 404, so that a page never tells that it exists; someone who may see it but not run it
gets 403. A refusal of a service (``ValidationError``) comes back on the page with the person's
input, never as an error page.
"""

from __future__ import annotations

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.core.ids import posted_id
from elan.events import explain, selectors, services
from elan.events.constants import CHALLENGE_STATUSES, EVENT_TRANSITIONS, Status
from elan.events.forms_organiser import ChallengeForm, EventForm, MoveForm, SwapForm
from elan.events.models import Event, Team, TeamMember

# The moves the cockpit offers, in this order. Publishing the teams is its own button: it
# publishes the checked teams and moves the event in one step.
MOVE_ORDER = (Status.OPEN, Status.CLOSED, Status.FINISHED, Status.CANCELLED)
MOVE_LABELS = {
    Status.OPEN: lambda event: (
        _("Reopen registration") if event.status == Status.CLOSED else _("Open registration")
    ),
    Status.CLOSED: lambda event: _("Close registration"),
    Status.FINISHED: lambda event: _("Mark the event finished"),
    Status.CANCELLED: lambda event: _("Cancel the event"),
}
MOVED_MESSAGES = {
    Status.OPEN: lambda: _("Registration is open: colleagues can register and post challenges."),
    Status.CLOSED: lambda: _("Registration is closed: you can form the teams now."),
    Status.FINISHED: lambda: _(
        "The event is finished: teams write their results and retrospectives."
    ),
    Status.CANCELLED: lambda: _("The event is cancelled."),
}


def _managed(request: HttpRequest, public_id) -> Event:
    """The event for an organiser's page: 404 for who may not see it, 403 for who may see it
    but not run it."""
    event = Event.objects.filter(public_id=public_id).first()
    if event is None or not rules.has_perm("events.view_event", request.user, event):
        raise Http404
    if not rules.has_perm("events.manage_event", request.user, event):
        raise PermissionDenied
    return event


def _url(name: str, event: Event, anchor: str = "") -> str:
    url = reverse(f"events:{name}", args=[event.public_id])
    return f"{url}#{anchor}" if anchor else url


def _add_service_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = name if name in form.fields else None
            for message in ValidationError(errors).messages:
                form.add_error(field, message)
        return
    for message in error.messages:
        form.add_error(None, message)


def _name(user) -> str:
    return user.get_full_name() or user.email


def _unit_of(user):
    record = getattr(user, "staff_record", None)
    return record.unit if record is not None else None


def _language_names(codes) -> str:
    names = dict(settings.LANGUAGES)
    return ", ".join(str(names.get(code, code)) for code in codes)


def _editable(event: Event) -> bool:
    return event.status in services.EDITABLE_STATUSES


# --- the list and the event form --------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def organiser_list(request: HttpRequest) -> HttpResponse:
    may_create = rules.has_perm("events.create", request.user)
    if not (may_create or selectors.organises_any(user=request.user)):
        raise PermissionDenied
    return render(
        request,
        "events/organiser_list.html",
        {"events": selectors.organised_events(user=request.user), "may_create": may_create},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("events.create", request.user):
        raise PermissionDenied
    skills = selectors.event_skill_choices()
    if request.method == "POST":
        form = EventForm(request.POST, skills=skills)
        if form.is_valid():
            try:
                event = services.event_create(by=request.user, **form.event_fields())
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The event is saved as a draft. Post its challenges, then open "
                        "registration."
                    ),
                )
                return redirect(_url("event_manage", event))
    else:
        form = EventForm(skills=skills)
    return render(request, "events/organiser_form.html", {"form": form, "event": None})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, public_id) -> HttpResponse:
    event = _managed(request, public_id)
    if not _editable(event):
        messages.info(
            request,
            _("Registration has closed: the event's details and rules can no longer change."),
        )
        return redirect(_url("event_manage", event))
    skills = selectors.event_skill_choices()
    initial = EventForm.initial_of(event, reader=request.user)
    if request.method == "POST":
        form = EventForm(request.POST, skills=skills, initial=initial)
        if form.is_valid():
            try:
                services.event_update(event=event, by=request.user, **form.event_fields())
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("The event is saved."))
                return redirect(_url("event_manage", event))
    else:
        form = EventForm(skills=skills, initial=initial)
    return render(request, "events/organiser_form.html", {"form": form, "event": event})


# --- the cockpit and the moves ----------------------------------------------------------------


def _moves(event: Event) -> list[tuple[str, str]]:
    allowed = EVENT_TRANSITIONS[Status(event.status)]
    return [(to.value, MOVE_LABELS[to](event)) for to in MOVE_ORDER if to in allowed]


@never_cache
@login_required
@require_http_methods(["GET"])
def event_manage(request: HttpRequest, public_id) -> HttpResponse:
    event = _managed(request, public_id)
    return render(
        request,
        "events/organiser_manage.html",
        {
            "event": event,
            "editable": _editable(event),
            "moves": _moves(event),
            "may_post": event.status in CHALLENGE_STATUSES,
            "challenges": selectors.challenges_of(event=event).order_by("posted_at", "pk"),
            "registrations": [
                {
                    "registration": registration,
                    "name": _name(registration.user),
                    "unit": _unit_of(registration.user),
                    "languages": _language_names(registration.languages),
                }
                for registration in selectors.registrations_for_organiser(event=event)
            ],
            "mentors": [
                {
                    "offer": offer,
                    "name": _name(offer.user),
                    "languages": _language_names(offer.languages),
                }
                for offer in selectors.mentor_offers(event=event)
            ],
            "languages": _language_names(event.languages),
            "team_count": Team.objects.filter(event=event).count(),
            "required_skills": event.required_skills.all(),
        },
    )


@never_cache
@login_required
@require_POST
def event_move(request: HttpRequest, public_id) -> HttpResponse:
    event = _managed(request, public_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the status to move the event to."))
        return redirect(_url("event_manage", event))
    to = form.cleaned_data["to"]
    try:
        services.event_move(event=event, to=to, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        moved = MOVED_MESSAGES.get(Status(to))
        messages.success(request, moved() if moved else _("The event's status changed."))
    return redirect(_url("event_manage", event))


# --- the teams --------------------------------------------------------------------------------


def _team_rows(event: Event, swap_forms: dict[int, SwapForm] | None = None) -> list[dict]:
    teams = list(selectors.organiser_teams(event=event))
    members = [member for team in teams for member in team.members.all()]
    sentences = dict(
        zip(
            (member.pk for member in members),
            explain.member_sentences(members=members),
            strict=True,
        )
    )
    may_swap = event.status == Status.CLOSED and len(teams) > 1
    swap_forms = swap_forms or {}
    rows = []
    for team in teams:
        rows.append(
            {
                "team": team,
                "gap": "" if team.mentor_id else explain.mentor_gap_sentence(team=team),
                "members": [
                    {
                        "member": member,
                        "name": _name(member.registration.user),
                        "unit": _unit_of(member.registration.user),
                        "sentence": sentences[member.pk],
                        "swap": (swap_forms.get(member.pk) or SwapForm(teams=teams, member=member))
                        if may_swap
                        else None,
                    }
                    for member in team.members.all()
                ],
            }
        )
    return rows


def _teams_page(
    request: HttpRequest,
    event: Event,
    *,
    blockers: list[str] | None = None,
    proven: bool = True,
    swap_forms: dict[int, SwapForm] | None = None,
) -> HttpResponse:
    rows = _team_rows(event, swap_forms)
    return render(
        request,
        "events/organiser_teams.html",
        {
            "event": event,
            "rows": rows,
            "may_propose": event.status == Status.CLOSED,
            "may_publish": event.status == Status.CLOSED and bool(rows),
            "published": any(row["team"].is_published for row in rows),
            "blockers": blockers or [],
            "proven": proven,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def event_teams(request: HttpRequest, public_id) -> HttpResponse:
    return _teams_page(request, _managed(request, public_id))


@never_cache
@login_required
@require_POST
def teams_propose(request: HttpRequest, public_id) -> HttpResponse:
    event = _managed(request, public_id)
    try:
        proposal = services.teams_propose(event=event, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_url("event_teams", event))
    if proposal.infeasible is not None:
        # Nothing was stored and the diagnosis lives in this answer only: shown, not redirected.
        return _teams_page(
            request,
            event,
            blockers=explain.blocker_sentences(infeasible=proposal.infeasible, event=event),
            proven=proposal.infeasible.proven,
        )
    count = len(proposal.teams)
    messages.success(
        request,
        ngettext(
            "%(count)s team is proposed. Review it, swap members if needed, then publish.",
            "%(count)s teams are proposed. Review them, swap members if needed, then publish.",
            count,
        )
        % {"count": count},
    )
    return redirect(_url("event_teams", event))


@never_cache
@login_required
@require_POST
def team_swap(request: HttpRequest, public_id) -> HttpResponse:
    event = _managed(request, public_id)
    number = posted_id(request.POST.get("member"))
    member = (
        TeamMember.objects.select_related("team", "registration__user")
        .filter(team__event=event, pk=number)
        .first()
        if number is not None
        else None
    )
    if member is None:
        messages.error(request, _("That person is in none of this event's teams any more."))
        return redirect(_url("event_teams", event))
    teams = list(selectors.organiser_teams(event=event))
    form = SwapForm(request.POST, teams=teams, member=member)
    if form.is_valid():
        by_number = {team.number: team for team in teams}
        partner_id = form.cleaned_data.get("with_member")
        partner = (
            TeamMember.objects.filter(team__event=event, pk=partner_id).first()
            if partner_id is not None
            else None
        )
        try:
            services.team_swap(
                member=member,
                to_team=by_number[form.cleaned_data["to_team"]],
                with_member=partner,
                by=request.user,
            )
        except ValidationError as error:
            # On the team field, whose control the screen reader then announces them with.
            for message in error.messages:
                form.add_error("to_team", message)
        else:
            messages.success(
                request,
                _("The change keeps every rule and is saved. Publish the teams when ready."),
            )
            return redirect(_url("event_teams", event, f"team-{form.cleaned_data['to_team']}"))
    return _teams_page(request, event, swap_forms={member.pk: form})


@never_cache
@login_required
@require_POST
def teams_publish(request: HttpRequest, public_id) -> HttpResponse:
    event = _managed(request, public_id)
    try:
        teams = services.teams_publish(event=event, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_url("event_teams", event))
    messages.success(
        request,
        ngettext(
            "%(count)s team is published: its members see it now.",
            "%(count)s teams are published: their members see them now.",
            len(teams),
        )
        % {"count": len(teams)},
    )
    return redirect(_url("event_teams", event))


# --- the help queue ---------------------------------------------------------------------------


def _duration(span) -> str:
    if span is None:
        return "–"
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    hours, rest = divmod(minutes, 60)
    return _("%(hours)s h %(minutes)02d min") % {"hours": hours, "minutes": rest}


def _help_sentence(figures) -> str:
    waiting = sum(row.waiting for row in figures)
    if not figures:
        return _("Nobody has asked for help yet.")
    if not waiting:
        return _("Nobody is waiting for a mentor now.")
    longest = max((row.longest_wait for row in figures if row.longest_wait), default=None)
    return ngettext(
        "%(count)s request waits for a mentor now; the longest has waited %(longest)s.",
        "%(count)s requests wait for a mentor now; the longest has waited %(longest)s.",
        waiting,
    ) % {"count": waiting, "longest": _duration(longest)}


@never_cache
@login_required
@require_http_methods(["GET"])
def help_figures(request: HttpRequest, public_id) -> HttpResponse:
    event = _managed(request, public_id)
    figures = selectors.help_queue_figures(event=event)
    return render(
        request,
        "events/organiser_help.html",
        {
            "event": event,
            "rows": [
                {
                    "skill": row.skill,
                    "waiting": row.waiting,
                    "median_wait": _duration(row.median_wait),
                    "longest_wait": _duration(row.longest_wait),
                    "median_to_taken": _duration(row.median_to_taken),
                }
                for row in figures
            ],
            "sentence": _help_sentence(figures),
            "waiting": selectors.waiting_help_requests(event=event),
        },
    )


# --- a unit's challenge -----------------------------------------------------------------------


def _after_posting(event: Event, user) -> str:
    if rules.has_perm("events.manage_event", user, event):
        return _url("event_manage", event, "challenges")
    return _url("event", event)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def challenge_new(request: HttpRequest, public_id) -> HttpResponse:
    event = Event.objects.filter(public_id=public_id).first()
    if event is None or not rules.has_perm("events.view_event", request.user, event):
        raise Http404
    if not rules.has_perm("events.post_challenge", request.user, event):
        raise PermissionDenied
    units = selectors.challenge_units(user=request.user, event=event)
    if request.method == "POST":
        form = ChallengeForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.challenge_post(
                    event=event,
                    unit=data["unit"],
                    title=data["title"],
                    problem=data["problem"],
                    problem_owner=data["problem_owner"],
                    max_teams=data.get("max_teams"),
                    by=request.user,
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The challenge is posted: colleagues can choose it when they register."),
                )
                return redirect(_after_posting(event, request.user))
    else:
        form = ChallengeForm(units=units)
    return render(
        request,
        "events/challenge_form.html",
        {
            "event": event,
            "form": form,
            "organiser": rules.has_perm("events.manage_event", request.user, event),
        },
    )
