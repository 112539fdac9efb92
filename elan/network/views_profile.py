# SPDX-License-Identifier: EUPL-1.2
"""The learning network's own pages for a member of staff: the network's home, the opt-in
profile (create, edit, pause, resume, delete), and peer help with its short introduction.

Thin views: they read the input, ask the rules, call one service or the selectors, and render.
Rules are asked directly (``rules.has_perm``), never through ``user.has_perm``, so that a
superuser gets no more than anyone else. A refusal of a service (``NetworkError``) is shown on
the page with the person's input. Peer help without an active profile is explained on the page
rather than refused: the way in is to create or resume one.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.network import selectors, services
from elan.network.constants import WORKING_LANGUAGES
from elan.network.forms_profile import WISH_FIELDS, HelpForm, IntroductionForm, ProfileForm
from elan.network.models import ProfileStrength
from elan.network.services import NetworkError
from elan.skills.models import Competency


def _require_use(request: HttpRequest) -> None:
    if not rules.has_perm("network.use", request.user):
        raise PermissionDenied


def _languages(codes) -> list[str]:
    labels = dict(WORKING_LANGUAGES)
    return [str(labels[code]) for code in codes if code in labels]


# --- the network's home -------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    _require_use(request)
    user = request.user
    participations = list(selectors.participations_of(user=user).order_by("programme__starts_on"))
    joined = {participant.programme_id for participant in participations}
    return render(
        request,
        "network/home.html",
        {
            "profile": selectors.profile_of(owner=user),
            "participations": participations,
            "open_programmes": [
                programme
                for programme in selectors.open_programmes(user=user)
                if programme.pk not in joined
            ],
            "may_organise": rules.has_perm("network.organise", user),
        },
    )


# --- the profile --------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    _require_use(request)
    user = request.user
    existing = selectors.profile_of(owner=user)
    if request.method == "POST":
        form = ProfileForm(request.POST, owner=user)
        if form.is_valid():
            try:
                services.profile_save(owner=user, **form.service_arguments())
            except NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Your network profile is saved.")
                    if existing
                    else _("Your network profile is created. Colleagues can now find you."),
                )
                return redirect("network:home")
    else:
        form = ProfileForm(initial=ProfileForm.initial_of(existing), owner=user)
    return render(
        request,
        "network/profile_form.html",
        {
            "form": form,
            "profile": existing,
            "wish_fields": [form[name] for name in WISH_FIELDS],
        },
    )


@never_cache
@login_required
@require_POST
def profile_pause(request: HttpRequest) -> HttpResponse:
    _require_use(request)
    if selectors.profile_of(owner=request.user) is None:
        messages.info(request, _("You have no network profile to pause."))
        return redirect("network:home")
    services.profile_pause(owner=request.user)
    messages.success(
        request,
        _(
            "Your network profile is paused. You have left every programme and suggestion, and "
            "nobody finds you through peer help until you resume it."
        ),
    )
    return redirect("network:home")


@never_cache
@login_required
@require_POST
def profile_resume(request: HttpRequest) -> HttpResponse:
    _require_use(request)
    if selectors.profile_of(owner=request.user) is None:
        messages.info(request, _("You have no network profile to resume."))
        return redirect("network:profile")
    services.profile_resume(owner=request.user)
    messages.success(
        request,
        _(
            "Your network profile is active again. Join a programme again if you wish: the "
            "ones you left stay left."
        ),
    )
    return redirect("network:home")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile_delete(request: HttpRequest) -> HttpResponse:
    _require_use(request)
    existing = selectors.profile_of(owner=request.user)
    if existing is None:
        messages.info(request, _("You have no network profile."))
        return redirect("network:home")
    if request.method == "POST":
        services.profile_delete(owner=request.user)
        messages.success(
            request,
            _("Your network profile is deleted, and you have left every programme."),
        )
        return redirect("network:home")
    return render(
        request,
        "network/profile_delete.html",
        {"profile": existing, "participations": selectors.participations_of(user=request.user)},
    )


# --- peer help ----------------------------------------------------------------------------------


@dataclass
class HelperRow:
    """A colleague as peer help shows them: no wish sentence, no count, no rank."""

    user: object
    name: str
    unit: str
    languages: list[str]
    strengths: list[str]


def _helper_rows(viewer, competency: Competency) -> list[HelperRow]:
    today = timezone.localdate()
    helpers = selectors.helpers_for(viewer=viewer, competency=competency, today=today)
    strengths: dict[int, list[str]] = {}
    for shown in ProfileStrength.objects.filter(
        profile__owner__in=[helper.pk for helper in helpers]
    ).select_related("competency", "profile"):
        strengths.setdefault(shown.profile.owner_id, []).append(str(shown.competency))
    rows = []
    for helper in helpers:
        record = getattr(helper, "staff_record", None)
        rows.append(
            HelperRow(
                user=helper,
                name=helper.get_full_name() or helper.email,
                unit=record.unit.name if record is not None else "",
                languages=_languages(helper.network_profile.languages),
                strengths=sorted(strengths.get(helper.pk, [])),
            )
        )
    return rows


@never_cache
@login_required
@require_http_methods(["GET"])
def peer_help(request: HttpRequest) -> HttpResponse:
    _require_use(request)
    user = request.user
    if not rules.has_perm("network.peer_help", user):
        return render(
            request,
            "network/help.html",
            {"no_profile": True, "profile": selectors.profile_of(owner=user)},
        )
    form = HelpForm(
        request.GET if "skill" in request.GET else None, skills=selectors.wish_choices()
    )
    competency = None
    helpers: list[HelperRow] = []
    if form.is_bound and form.is_valid():
        competency = form.competency()
        helpers = _helper_rows(user, competency)
    return render(
        request,
        "network/help.html",
        {"form": form, "competency": competency, "helpers": helpers},
    )


def _pk(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if number <= 0 or number > 2**31 - 1:
        raise Http404
    return number


def _introduction_parties(request: HttpRequest, source) -> tuple:
    """The colleague and the skill named by the request, or 404: a colleague who offers no help
    with that skill, or whose profile is paused, is not told apart from one who does not exist."""
    competency = Competency.objects.filter(pk=_pk(source.get("skill"))).first()
    recipient = get_user_model().objects.filter(pk=_pk(source.get("to"))).first()
    if competency is None or recipient is None:
        raise Http404
    if recipient not in selectors.helpers_for(
        viewer=request.user, competency=competency, today=timezone.localdate()
    ):
        raise Http404
    return recipient, competency


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def introduce(request: HttpRequest) -> HttpResponse:
    _require_use(request)
    if not rules.has_perm("network.peer_help", request.user):
        return redirect("network:help")
    source = request.POST if request.method == "POST" else request.GET
    recipient, competency = _introduction_parties(request, source)
    if request.method == "POST":
        form = IntroductionForm(request.POST)
        if form.is_valid():
            try:
                services.introduction_send(
                    sender=request.user,
                    recipient=recipient,
                    competency=competency,
                    message=form.cleaned_data["message"],
                )
            except NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Your message is on its way to %(name)s.")
                    % {"name": recipient.get_full_name() or recipient.email},
                )
                return redirect(f"{reverse('network:help')}?skill={competency.pk}")
    else:
        form = IntroductionForm()
    return render(
        request,
        "network/introduce.html",
        {
            "form": form,
            "recipient": recipient,
            "recipient_name": recipient.get_full_name() or recipient.email,
            "competency": competency,
        },
    )
