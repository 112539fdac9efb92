# SPDX-License-Identifier: EUPL-1.2
"""An event's pages as its participants see them: the events open to them, an event with its
challenges, registering and offering to mentor, and the team with why the reader is in it, its
help requests, its result and the members' retrospectives.

Thin views: they read the input, ask the rules, call one service or the selectors, and render.
Rules are asked directly (``rules.has_perm``), never through ``user.has_perm``, so that a
superuser gets no more than anyone else. An event, a team or a help request the reader may not
see answers 404, so that a page never tells that it exists. A refusal of a service
(``ValidationError``) is shown on the page with the person's input, never as an error page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.events import explain, selectors, services
from elan.events.constants import MAX_RANKING, MENTOR_CAPACITY_MAX, HelpStatus, Mode
from elan.events.forms_participant import (
    GROUP_NEW,
    RANK_FIELDS,
    ExperimentOwnerForm,
    HelpRequestForm,
    MentorForm,
    RegistrationForm,
    ResultForm,
    RetrospectiveForm,
)
from elan.events.models import Event, HelpRequest, Team, TeamResult
from elan.network import selectors as network_selectors


def person_name(user) -> str:
    if user is None:
        return _("a former colleague")
    return user.get_full_name() or user.email


def unit_name(user) -> str:
    record = getattr(user, "staff_record", None) if user is not None else None
    return record.unit.name if record is not None else ""


def _languages(codes) -> list[str]:
    labels = dict(settings.LANGUAGES)
    return [str(labels[code]) for code in codes if code in labels]


def _optional_url(name: str, **kwargs) -> str:
    """The address of a page another part of the app may not have shipped yet: no link rather
    than a broken page."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def _event_or_404(request: HttpRequest, public_id) -> Event:
    event = Event.objects.filter(public_id=public_id).first()
    if event is None or not rules.has_perm("events.view_event", request.user, event):
        raise Http404
    return event


def _team_or_404(request: HttpRequest, public_id) -> Team:
    team = (
        Team.objects.select_related(
            "event", "challenge__unit", "challenge__problem_owner", "mentor"
        )
        .filter(public_id=public_id)
        .first()
    )
    if team is None or not rules.has_perm("events.view_team", request.user, team):
        raise Http404
    return team


def _event_url(event: Event, anchor: str = "") -> str:
    url = reverse("events:event", kwargs={"public_id": event.public_id})
    return f"{url}#{anchor}" if anchor else url


def _team_url(team: Team, anchor: str = "") -> str:
    url = reverse("events:team", kwargs={"public_id": team.public_id})
    return f"{url}#{anchor}" if anchor else url


def _add_service_errors(form, error: ValidationError, fields: dict[str, str]) -> None:
    """A service's refusals beside the field they concern, the others above the form."""
    for item in error.error_list:
        field = fields.get(item.code or "")
        form.add_error(field if field in form.fields else None, item)


# --- the events' home -------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    may_organise = selectors.organises_any(user=user) or rules.has_perm("events.create", user)
    return render(
        request,
        "events/home.html",
        {
            "open_events": [
                event
                for event in selectors.open_events()
                if rules.has_perm("events.view_event", user, event)
            ],
            "registrations": list(selectors.registrations_of(user=user)),
            "teams": list(selectors.published_teams_of(user=user)),
            "followed_teams": list(selectors.followed_teams_of(user=user)),
            "mentoring": list(selectors.mentoring_of(user=user)),
            "organiser_url": _optional_url("events:organiser_list") if may_organise else "",
        },
    )


# --- an event ---------------------------------------------------------------------------------


@dataclass
class ChallengeRow:
    challenge: object
    unit: str
    problem_owner: str


def _challenge_rows(event: Event) -> list[ChallengeRow]:
    return [
        ChallengeRow(
            challenge=challenge,
            unit=challenge.unit.name,
            problem_owner=person_name(challenge.problem_owner),
        )
        for challenge in selectors.challenges_of(event=event)
    ]


@never_cache
@login_required
@require_http_methods(["GET"])
def event(request: HttpRequest, public_id) -> HttpResponse:
    found = _event_or_404(request, public_id)
    user = request.user
    registration = selectors.registration_of(user=user, event=found)
    mentor = selectors.mentor_of(user=user, event=found)
    return render(
        request,
        "events/event.html",
        {
            "event": found,
            "languages": _languages(found.languages),
            "required_skills": [str(skill) for skill in found.required_skills.all()],
            "challenges": _challenge_rows(found),
            "registration": registration,
            "registration_languages": _languages(registration.languages) if registration else [],
            "ranked": sorted(registration.choices.all(), key=lambda c: c.rank)
            if registration
            else [],
            "is_group": registration is not None and registration.mode == Mode.GROUP,
            "may_register": rules.has_perm("events.register", user, found),
            "mentor": mentor,
            "mentor_languages": _languages(mentor.languages) if mentor else [],
            "may_volunteer": rules.has_perm("events.volunteer_as_mentor", user, found),
            "challenge_new_url": _optional_url("events:challenge_new", public_id=found.public_id)
            if rules.has_perm("events.post_challenge", user, found)
            else "",
            "team": selectors.published_team_of(user=user, event=found),
        },
    )


# --- registering ------------------------------------------------------------------------------

REGISTRATION_ERROR_FIELDS = {
    "languages": "languages",
    "unapproved_strength": "strengths",
    "group_code": "group_code",
}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, public_id) -> HttpResponse:
    found = _event_or_404(request, public_id)
    user = request.user
    if not rules.has_perm("events.register", user, found):
        messages.info(request, _("This event is not open for registration."))
        return redirect(_event_url(found))
    registration = selectors.registration_of(user=user, event=found)
    strengths = network_selectors.strength_choices(owner=user)
    options = {
        "event": found,
        "strengths": strengths,
        # The innovation framework's skills, one flat list: formation compares them by slug.
        "practise": selectors.event_skill_choices(),
        "challenges": list(selectors.challenges_of(event=found)),
    }
    if request.method == "POST":
        form = RegistrationForm(request.POST, **options)
        if form.is_valid():
            chosen = form.registration()
            try:
                saved = services.registration_submit(event=found, user=user, **chosen)
            except ValidationError as error:
                fields = dict(REGISTRATION_ERROR_FIELDS)
                if form.cleaned_data.get("coming") == GROUP_NEW:
                    # The generated code is not the person's input: its error is the form's.
                    fields.pop("group_code")
                _add_service_errors(form, error, fields)
            else:
                if form.cleaned_data["coming"] == GROUP_NEW:
                    messages.success(
                        request,
                        _(
                            "You are registered. Your group's code is %(code)s: share it with "
                            "the people you come with."
                        )
                        % {"code": saved.group_code},
                    )
                else:
                    messages.success(
                        request,
                        _("You are registered. You can change it until registration closes."),
                    )
                return redirect(_event_url(found, "my-registration"))
    else:
        initial = RegistrationForm.initial_of(registration) if registration else {}
        # Offered whichever way the person comes, so that "start a new group" needs no second
        # page: the code shown is the one saved.
        initial["new_code"] = services.group_code_new()
        form = RegistrationForm(initial=initial, **options)
    return render(
        request,
        "events/register.html",
        {
            "event": found,
            "form": form,
            "registration": registration,
            "has_strengths": bool(strengths),
            "rank_fields": [form[name] for name in RANK_FIELDS],
            "max_ranking": MAX_RANKING,
            "new_code": form["new_code"].value() or "",
        },
    )


@never_cache
@login_required
@require_POST
def registration_withdraw(request: HttpRequest, public_id) -> HttpResponse:
    found = _event_or_404(request, public_id)
    registration = selectors.registration_of(user=request.user, event=found)
    if registration is None:
        messages.info(request, _("You are not registered for this event."))
        return redirect(_event_url(found))
    try:
        services.registration_withdraw(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration is withdrawn."))
    return redirect(_event_url(found))


# --- offering to mentor -----------------------------------------------------------------------

MENTOR_ERROR_FIELDS = {
    "languages": "languages",
    "unapproved_strength": "strengths",
    "capacity": "capacity",
}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mentor_volunteer(request: HttpRequest, public_id) -> HttpResponse:
    found = _event_or_404(request, public_id)
    user = request.user
    if not rules.has_perm("events.volunteer_as_mentor", user, found):
        messages.info(request, _("Mentors offer their help before the teams are published."))
        return redirect(_event_url(found))
    mentor = selectors.mentor_of(user=user, event=found)
    strengths = network_selectors.strength_choices(owner=user)
    if request.method == "POST":
        form = MentorForm(request.POST, event=found, strengths=strengths)
        if form.is_valid():
            try:
                services.mentor_volunteer(event=found, user=user, **form.offer())
            except ValidationError as error:
                _add_service_errors(form, error, MENTOR_ERROR_FIELDS)
            else:
                messages.success(request, _("Thank you: your offer to mentor is saved."))
                return redirect(_event_url(found, "my-mentoring"))
    else:
        form = MentorForm(
            initial=MentorForm.initial_of(mentor) if mentor else None,
            event=found,
            strengths=strengths,
        )
    return render(
        request,
        "events/mentor_form.html",
        {
            "event": found,
            "form": form,
            "mentor": mentor,
            "has_strengths": bool(strengths),
            "capacity_max": MENTOR_CAPACITY_MAX,
            "registered": selectors.registration_of(user=user, event=found) is not None,
        },
    )


@never_cache
@login_required
@require_POST
def mentor_withdraw(request: HttpRequest, public_id) -> HttpResponse:
    found = _event_or_404(request, public_id)
    mentor = selectors.mentor_of(user=request.user, event=found)
    if mentor is None:
        messages.info(request, _("You have not offered to mentor this event's teams."))
        return redirect(_event_url(found))
    try:
        services.mentor_withdraw(mentor=mentor, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your offer to mentor is withdrawn."))
    return redirect(_event_url(found))


# --- the team ---------------------------------------------------------------------------------


@dataclass
class MemberRow:
    name: str
    unit: str
    is_me: bool


def _help_skills(team: Team) -> list:
    """The skills a question may name: those every team needs first, then every published
    framework's, which the mentors' strengths come from."""
    required = list(team.event.required_skills.select_related("framework"))
    seen = {skill.pk for skill in required}
    return required + [skill for skill in network_selectors.wish_choices() if skill.pk not in seen]


def _owner_choices(team: Team, members) -> list[tuple[object, str]]:
    people: list[tuple[object, str]] = []
    owner = team.challenge.problem_owner
    if owner is not None:
        people.append((owner, _("%(name)s, the problem owner") % {"name": person_name(owner)}))
    for member in members:
        user = member.registration.user
        if owner is None or user.pk != owner.pk:
            people.append((user, person_name(user)))
    return people


def _team_result(team: Team) -> TeamResult | None:
    return TeamResult.objects.select_related("experiment").filter(team=team).first()


def _team_context(request: HttpRequest, team: Team, **forms) -> dict[str, Any]:
    user = request.user
    members = list(selectors.members_of(team=team))
    mine = next((m for m in members if m.registration.user_id == user.pk), None)
    is_member = mine is not None
    is_organiser = selectors.is_organiser(user=user, event=team.event)
    # A team's retrospectives are its own and the organisers'; its questions are its mentor's
    # too. The problem owner reads the team and its result, not its questions or reflections.
    inside = is_member or is_organiser
    sees_help = inside or (team.mentor_id is not None and team.mentor_id == user.pk)
    may_record = rules.has_perm("events.record_result", user, team)
    result = _team_result(team)
    may_post_help = rules.has_perm("events.post_help_request", user, team)
    context: dict[str, Any] = {
        "team": team,
        "event": team.event,
        "challenge": team.challenge,
        "unit": team.challenge.unit.name,
        "problem_owner": person_name(team.challenge.problem_owner),
        "mentor": person_name(team.mentor) if team.mentor_id else "",
        "members": [
            MemberRow(
                name=person_name(m.registration.user),
                unit=unit_name(m.registration.user),
                is_me=m is mine,
            )
            for m in members
        ],
        "is_member": is_member,
        "sentence": (explain.member_sentences(members=[mine], reader=user) or [""])[0]
        if mine
        else "",
        "inside": inside,
        "sees_help": sees_help,
        "help_requests": list(selectors.help_requests_of(team=team)) if sees_help else [],
        "help_form": (forms.get("help_form") or HelpRequestForm(skills=_help_skills(team)))
        if may_post_help
        else None,
        "withdrawable": (HelpStatus.WAITING, HelpStatus.TAKEN),
        "result": result,
        "may_record": may_record,
        "result_form": (
            forms.get("result_form")
            or ResultForm(initial={"summary": result.summary} if result else None)
        )
        if may_record
        else None,
        "experiment_form": (
            forms.get("experiment_form")
            or ExperimentOwnerForm(people=_owner_choices(team, members))
        )
        if may_record and result is not None and result.experiment_id is None
        else None,
        "retrospectives": list(selectors.retrospectives_of(team=team)) if inside else [],
        "may_write_retrospective": rules.has_perm("events.write_retrospective", user, team),
    }
    return context


@never_cache
@login_required
@require_http_methods(["GET"])
def team(request: HttpRequest, public_id) -> HttpResponse:
    found = _team_or_404(request, public_id)
    return render(request, "events/team.html", _team_context(request, found))


@never_cache
@login_required
@require_POST
def help_post(request: HttpRequest, public_id) -> HttpResponse:
    found = _team_or_404(request, public_id)
    if not rules.has_perm("events.post_help_request", request.user, found):
        messages.error(
            request,
            _("The team's members ask for help while the event runs, once the teams are out."),
        )
        return redirect(_team_url(found))
    form = HelpRequestForm(request.POST, skills=_help_skills(found))
    if form.is_valid():
        try:
            services.help_request_post(
                team=found,
                question=form.cleaned_data["question"],
                skill=form.chosen_skill(),
                by=request.user,
            )
        except ValidationError as error:
            _add_service_errors(form, error, {"question": "question"})
        else:
            messages.success(
                request, _("Your question is in the queue: the next free mentor takes it.")
            )
            return redirect(_team_url(found, "help"))
    return render(request, "events/team.html", _team_context(request, found, help_form=form))


@never_cache
@login_required
@require_POST
def help_withdraw(request: HttpRequest, public_id) -> HttpResponse:
    help_request = (
        HelpRequest.objects.select_related("team__event", "team__challenge")
        .filter(public_id=public_id)
        .first()
    )
    if help_request is None or not rules.has_perm(
        "events.view_team", request.user, help_request.team
    ):
        raise Http404
    try:
        services.help_request_withdraw(request=help_request, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your question is withdrawn."))
    return redirect(_team_url(help_request.team, "help"))


@never_cache
@login_required
@require_POST
def result(request: HttpRequest, public_id) -> HttpResponse:
    found = _team_or_404(request, public_id)
    if not rules.has_perm("events.record_result", request.user, found):
        messages.error(
            request,
            _("The team's members or the problem owner record its result, once the teams are out."),
        )
        return redirect(_team_url(found))
    form = ResultForm(request.POST)
    if form.is_valid():
        try:
            services.result_record(
                team=found, summary=form.cleaned_data["summary"], by=request.user
            )
        except ValidationError as error:
            _add_service_errors(form, error, {"summary": "summary"})
        else:
            messages.success(request, _("The team's result is saved."))
            return redirect(_team_url(found, "result"))
    return render(request, "events/team.html", _team_context(request, found, result_form=form))


@never_cache
@login_required
@require_POST
def result_experiment(request: HttpRequest, public_id) -> HttpResponse:
    found = _team_or_404(request, public_id)
    user = request.user
    result_found = _team_result(found)
    if not rules.has_perm("events.record_result", user, found) or result_found is None:
        messages.error(request, _("Record the team's result first, then take it further."))
        return redirect(_team_url(found, "result"))
    form = ExperimentOwnerForm(
        request.POST, people=_owner_choices(found, selectors.members_of(team=found))
    )
    if form.is_valid():
        owner = form.chosen_owner()
        try:
            services.result_to_experiment(result=result_found, owner=owner, by=user)
        except ValidationError as error:
            _add_service_errors(form, error, {"owner": "owner"})
        else:
            messages.success(
                request,
                _("The experiment card is open as a draft, owned by %(name)s.")
                % {"name": person_name(owner)},
            )
            return redirect(_team_url(found, "result"))
    return render(request, "events/team.html", _team_context(request, found, experiment_form=form))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def retrospective(request: HttpRequest, public_id) -> HttpResponse:
    found = _team_or_404(request, public_id)
    user = request.user
    if not rules.has_perm("events.write_retrospective", user, found):
        messages.info(
            request, _("The team's members write their retrospectives once the teams are out.")
        )
        return redirect(_team_url(found))
    own = next((r for r in selectors.retrospectives_of(team=found) if r.author_id == user.pk), None)
    if request.method == "POST":
        form = RetrospectiveForm(request.POST)
        if form.is_valid():
            try:
                services.retrospective_write(team=found, by=user, **form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(form, error, {})
            else:
                messages.success(request, _("Your retrospective is saved."))
                return redirect(_team_url(found, "retrospectives"))
    else:
        form = RetrospectiveForm(
            initial={
                "went_well": own.went_well,
                "to_change": own.to_change,
                "next_step": own.next_step,
            }
            if own
            else None
        )
    return render(
        request,
        "events/retrospective.html",
        {
            "team": found,
            "event": found.event,
            "form": form,
            "own": own,
            "retrospectives": [
                r for r in selectors.retrospectives_of(team=found) if r.author_id != user.pk
            ],
        },
    )
