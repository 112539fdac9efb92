# SPDX-License-Identifier: EUPL-1.2
"""The ideas' pages: the home (campaigns, one's boxes, what waits for one's answer, one's own
ideas), a campaign and a unit's idea box with their ideas, posting (with similar ideas first),
an idea with its support, comments, answer and moderation, the private link of an anonymous
idea, and each unit's response figures.

Rules are asked directly (``rules.has_perm``), never ``user.has_perm``, through which Django
would let a superuser pass. Something the reader may not see answers 404; a reader who may not
do what a page does gets 403. A refusal of a service comes back on the form with what was
typed, never as an error page.

The private link's page needs no login and records nobody: it is the anonymous author's only
way back, and reading it must not tie them to their idea.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.core.form_errors import add_service_errors
from elan.ideas import figures as response_figures
from elan.ideas import selectors, services
from elan.ideas.forms import (
    AnswerForm,
    CampaignForm,
    CommentForm,
    HideForm,
    IdeaForm,
    ReplyForm,
)
from elan.ideas.models import Campaign, Idea
from elan.organisations.constants import Role
from elan.organisations.models import Unit
from elan.organisations.selectors import coverage_of, unit_of

# A campaign of the whole administration gathers thousands of ideas: a page shows this many.
IDEAS_PER_PAGE = 50


def _language() -> str:
    return (get_language() or "en")[:2]


# --- finding things, or not -----------------------------------------------------------------


def _campaign(request: HttpRequest, public_id) -> Campaign:
    campaign = selectors.campaign_for(public_id=public_id)
    if campaign is None or not rules.has_perm("ideas.view_campaign", request.user, campaign):
        raise Http404
    return campaign


def _managed_campaign(request: HttpRequest, public_id) -> Campaign:
    campaign = _campaign(request, public_id)
    if not rules.has_perm("ideas.manage_campaign", request.user, campaign):
        raise PermissionDenied
    return campaign


def _box_unit(request: HttpRequest, code: str) -> Unit:
    unit = selectors.unit_by_code(code)
    if unit is None or not rules.has_perm("ideas.view_box", request.user, unit):
        raise Http404
    return unit


def _idea(request: HttpRequest, public_id) -> Idea:
    idea = selectors.idea_for(public_id=public_id)
    if idea is None or not rules.has_perm("ideas.view_idea", request.user, idea):
        raise Http404
    return idea


def _idea_url(idea: Idea, fragment: str) -> str:
    """The idea's page at ``fragment``: a form sent to ``…#error-summary`` must not leave the
    browser at that fragment once it succeeded."""
    return reverse("ideas:idea", kwargs={"public_id": idea.public_id}) + "#" + fragment


def _page_of(request: HttpRequest, ideas) -> dict:
    """One page of a list of ideas; a page number that is no number, or past the end, shows the
    first or the last page."""
    page_obj = Paginator(ideas, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    return {"ideas": list(page_obj.object_list), "page_obj": page_obj}


def _campaign_units(user):
    return coverage_of(user=user, role=(Role.HR, Role.TEAM_LEAD)).units().order_by("path")


# --- home, boxes, figures --------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    own_unit = unit_of(user=request.user)
    return render(
        request,
        "ideas/home.html",
        {
            "campaigns": selectors.campaigns_for_reader(user=request.user),
            "own_unit": own_unit,
            "waiting": list(selectors.ideas_waiting_for(user=request.user)),
            "mine": list(
                selectors.with_counts(selectors.named_ideas_of(user=request.user)).order_by(
                    "-posted_on", "-pk"
                )
            ),
            "may_create": rules.has_perm("ideas.create_campaign", request.user),
            "today": selectors.today(),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def boxes(request: HttpRequest) -> HttpResponse:
    own_unit = unit_of(user=request.user)
    units = selectors.box_units_of_organisation(unit=own_unit) if own_unit else []
    return render(request, "ideas/boxes.html", {"units": units, "own_unit": own_unit})


@never_cache
@login_required
@require_http_methods(["GET"])
def figures(request: HttpRequest) -> HttpResponse:
    own_unit = unit_of(user=request.user)
    report = response_figures.cached_report_for(unit=own_unit) if own_unit else None
    return render(request, "ideas/figures.html", {"report": report})


@never_cache
@login_required
@require_http_methods(["GET"])
def box(request: HttpRequest, code: str) -> HttpResponse:
    unit = _box_unit(request, code)
    return render(
        request,
        "ideas/box.html",
        {
            "unit": unit,
            "owners": [
                person.get_full_name() or person.email for person in selectors.box_owners(unit=unit)
            ],
            **_page_of(request, selectors.listed_ideas(box_unit=unit, reader=request.user)),
            "may_post": rules.has_perm("ideas.post_to_box", request.user, unit),
        },
    )


# --- campaigns ------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("ideas.create_campaign", request.user):
        raise Http404
    form = CampaignForm(
        request.POST or None,
        units=_campaign_units(request.user),
        initial={"language": _language(), "opens_on": selectors.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(by=request.user, **form.campaign_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The campaign is saved. Colleagues in its units see it from its first day."),
            )
            return redirect("ideas:campaign", public_id=campaign.public_id)
    return render(request, "ideas/campaign_form.html", {"form": form, "campaign": None})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, public_id) -> HttpResponse:
    campaign = _managed_campaign(request, public_id)
    owners = campaign.owners.exclude(pk=request.user.pk).order_by("pk")
    initial = {
        "title": campaign.title,
        "question": campaign.question,
        "language": campaign.language,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
        "other_owners": "\n".join(person.email for person in owners),
    }
    form = CampaignForm(
        request.POST or None, units=Unit.objects.none(), editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(campaign=campaign, by=request.user, **form.campaign_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect("ideas:campaign", public_id=campaign.public_id)
    return render(request, "ideas/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
@require_POST
def campaign_close(request: HttpRequest, public_id) -> HttpResponse:
    campaign = _managed_campaign(request, public_id)
    try:
        services.campaign_close(campaign=campaign, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The campaign is closed. Its ideas still each get an answer."))
    return redirect("ideas:campaign", public_id=campaign.public_id)


@never_cache
@login_required
@require_http_methods(["GET"])
def campaign(request: HttpRequest, public_id) -> HttpResponse:
    campaign = _campaign(request, public_id)
    return render(
        request,
        "ideas/campaign.html",
        {
            "campaign": campaign,
            "owners": list(campaign.owners.order_by("pk")),
            **_page_of(request, selectors.listed_ideas(campaign=campaign, reader=request.user)),
            "may_post": rules.has_perm("ideas.post_to_campaign", request.user, campaign),
            "manages": rules.has_perm("ideas.manage_campaign", request.user, campaign),
            "takes_ideas": selectors.accepts_ideas(campaign),
        },
    )


# --- posting ----------------------------------------------------------------------------------


def _post(request: HttpRequest, *, campaign: Campaign | None, unit: Unit | None) -> HttpResponse:
    where = {"campaign": campaign, "unit": unit}
    form = IdeaForm(request.POST or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "confirmed" not in request.POST:
            among = selectors.readable_ideas_like(campaign=campaign, box_unit=unit)
            similar = selectors.similar_ideas(
                text=f"{data['title']} {data['body']}", language=_language(), among=among
            )
        if not similar:
            try:
                idea, token = services.idea_post(
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    language=_language(),
                    anonymous=data["anonymous"],
                    campaign=campaign,
                    box_unit=unit,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if token:
                    # Shown once, in this answer, never stored: the page is not cached.
                    response = render(
                        request,
                        "ideas/posted_anonymously.html",
                        {
                            "idea": idea,
                            "private_url": request.build_absolute_uri(
                                reverse("ideas:private", kwargs={"token": token})
                            ),
                            **where,
                        },
                    )
                    response["Cache-Control"] = "no-store"
                    return response
                messages.success(
                    request,
                    _("Your idea is posted. Its owner answers it by %(day)s.")
                    % {"day": idea.answer_due.isoformat()},
                )
                return redirect("ideas:idea", public_id=idea.public_id)
    return render(request, "ideas/idea_form.html", {"form": form, "similar": similar, **where})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def campaign_idea_new(request: HttpRequest, public_id) -> HttpResponse:
    campaign = _campaign(request, public_id)
    if not rules.has_perm("ideas.post_to_campaign", request.user, campaign):
        raise PermissionDenied
    return _post(request, campaign=campaign, unit=None)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def box_idea_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = _box_unit(request, code)
    if not rules.has_perm("ideas.post_to_box", request.user, unit):
        raise PermissionDenied
    return _post(request, campaign=None, unit=unit)


# --- an idea ----------------------------------------------------------------------------------


def _idea_page(request: HttpRequest, idea: Idea, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    answers = rules.has_perm("ideas.answer_idea", user, idea)
    moderates = rules.has_perm("ideas.moderate", user)
    context = {
        "idea": idea,
        "support_count": selectors.support_count(idea=idea),
        "supported": selectors.has_supported(idea=idea, user=user),
        "comments": selectors.comments_of(idea=idea),
        "history": selectors.history_of(idea=idea),
        "may_support": rules.has_perm("ideas.support_idea", user, idea),
        "may_comment": rules.has_perm("ideas.comment_idea", user, idea),
        "answers": answers,
        "moderates": moderates,
        "wrote": idea.author_id == user.pk,
        "comment_form": forms.get("comment_form") or CommentForm(),
        "answer_form": forms.get("answer_form") or (AnswerForm() if answers else None),
        "hide_form": forms.get("hide_form") or (HideForm() if moderates else None),
    }
    return render(request, "ideas/idea.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET"])
def idea(request: HttpRequest, public_id) -> HttpResponse:
    return _idea_page(request, _idea(request, public_id))


@login_required
@require_POST
def idea_support(request: HttpRequest, public_id) -> HttpResponse:
    idea = _idea(request, public_id)
    if not rules.has_perm("ideas.support_idea", request.user, idea):
        raise PermissionDenied
    if request.POST.get("support") == "remove":
        services.idea_unsupport(idea=idea, user=request.user)
        messages.success(request, _("You no longer support this idea."))
    else:
        services.idea_support(idea=idea, user=request.user)
        messages.success(request, _("You support this idea."))
    return redirect("ideas:idea", public_id=idea.public_id)


@never_cache
@login_required
@require_POST
def idea_comment(request: HttpRequest, public_id) -> HttpResponse:
    idea = _idea(request, public_id)
    if not rules.has_perm("ideas.comment_idea", request.user, idea):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(idea=idea, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(
                reverse("ideas:idea", kwargs={"public_id": idea.public_id}) + "#comments"
            )
    return _idea_page(request, idea, status=400, comment_form=form)


@never_cache
@login_required
@require_POST
def idea_answer(request: HttpRequest, public_id) -> HttpResponse:
    idea = _idea(request, public_id)
    if not rules.has_perm("ideas.answer_idea", request.user, idea):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.idea_answer(
                idea=idea, by=request.user, language=_language(), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your answer is saved and its author is told."))
            return redirect(_idea_url(idea, "answer"))
    return _idea_page(request, idea, status=400, answer_form=form)


@never_cache
@login_required
@require_POST
def idea_hide(request: HttpRequest, public_id) -> HttpResponse:
    idea = _idea(request, public_id)
    if not rules.has_perm("ideas.moderate", request.user):
        raise PermissionDenied
    form = HideForm(request.POST)
    if form.is_valid():
        services.idea_hide(idea=idea, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The idea is hidden. Its author reads your reason."))
        return redirect(_idea_url(idea, "main"))
    return _idea_page(request, idea, status=400, hide_form=form)


@login_required
@require_POST
def idea_show(request: HttpRequest, public_id) -> HttpResponse:
    idea = _idea(request, public_id)
    if not rules.has_perm("ideas.moderate", request.user):
        raise PermissionDenied
    services.idea_show(idea=idea, by=request.user)
    messages.success(request, _("The idea is shown again."))
    return redirect("ideas:idea", public_id=idea.public_id)


@login_required
@require_POST
def comment_hide(request: HttpRequest, public_id, comment_id) -> HttpResponse:
    idea = _idea(request, public_id)
    if not rules.has_perm("ideas.moderate", request.user):
        raise PermissionDenied
    comment = idea.comments.filter(public_id=comment_id).first()
    if comment is None:
        raise Http404
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you hide it: its author reads the reason."))
    else:
        services.comment_hide(comment=comment, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The comment is hidden. Its author reads your reason."))
    return redirect(reverse("ideas:idea", kwargs={"public_id": idea.public_id}) + "#comments")


# --- the private link -------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def private(request: HttpRequest, token: str) -> HttpResponse:
    idea = selectors.idea_by_token(token=token)
    if idea is None:
        raise Http404
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and not idea.is_hidden and form.is_valid():
        try:
            services.comment_add_by_link(idea=idea, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your reply is posted, without your name."))
            return redirect(reverse("ideas:private", kwargs={"token": token}) + "#comments")
    response = render(
        request,
        "ideas/private.html",
        {
            "idea": idea,
            "comments": selectors.comments_of(idea=idea),
            "support_count": selectors.support_count(idea=idea),
            "form": form,
            "may_reply": not idea.is_hidden,
            # The footer's barrier report names the page it was sent from: never this one's
            # secret.
            "barrier_page": reverse("ideas:home") + "private/",
        },
        status=400 if form.errors else 200,
    )
    # The link must not travel further than this page: the origin alone as referrer (no
    # referrer at all would make the browser's reply form fail the CSRF origin check), no cache.
    response["Referrer-Policy"] = "strict-origin"
    response["Cache-Control"] = "no-store"
    return response
