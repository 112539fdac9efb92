# SPDX-License-Identifier: EUPL-1.2
"""Thin views: check who is asking, call one service, render or redirect.

Rules are asked directly (``rules.has_perm``), not through ``user.has_perm``: Django grants every
permission to a superuser, and an administrator must not read anyone's 360 report (docs/access.md).
Every page sends ``Cache-Control: no-store``: a revoked share or a used rater link must not
linger in a shared cache or the back button.
"""

from __future__ import annotations

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.core.ids import posted_id
from elan.feedback import quality, selectors, services
from elan.feedback.constants import GROUP_LABELS, Relationship, RoundStatus
from elan.feedback.forms import InviteForm, RaterForm, ReviewForm, RoundForm, ShareForm
from elan.feedback.models import FeedbackRound, ReportShare
from elan.feedback.services import FeedbackError, LinkUnavailable


def _language() -> str:
    return (translation.get_language() or "en")[:2]


def _owned_round(request: HttpRequest, public_id):
    round_ = selectors.own_round(owner=request.user, public_id=public_id)
    if round_ is None or not rules.has_perm("feedback.manage_round", request.user, round_):
        raise Http404
    return round_


# --- the owner: rounds, raters, sharing -----------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                round_, created = services.round_open(
                    owner=request.user,
                    closes_on=form.cleaned_data["closes_on"],
                    token=form.cleaned_data["token"],
                )
            except FeedbackError as error:
                form.add_error("closes_on", str(error))
            else:
                if created:
                    messages.success(
                        request,
                        _("Your round has started. Choose your raters, then send the list."),
                    )
                return redirect("feedback:round", public_id=round_.public_id)
    else:
        form = RoundForm.fresh()
    context = {
        "form": form,
        "rounds": selectors.rounds_of(owner=request.user),
        "has_self_assessment": services.latest_self_assessment(request.user) is not None,
        "min_raters": settings.ANONYMITY_MIN_RATERS,
        "to_review": selectors.rounds_to_review(viewer=request.user),
    }
    return render(request, "feedback/home.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def round_detail(request: HttpRequest, public_id) -> HttpResponse:
    round_ = _owned_round(request, public_id)
    invite_form = InviteForm(
        request.POST if request.POST.get("action") == "invite" else None,
        initial={"language": _language()},
        prefix="invite",
    )
    # Prefixes keep the two forms' fields apart: both have an e-mail address.
    share_form = ShareForm(
        request.POST if request.POST.get("action") == "share" else None, prefix="share"
    )
    if request.method == "POST":
        done = _round_action(request, round_=round_, invite_form=invite_form, share_form=share_form)
        if done is not None:
            return done
    return render(
        request,
        "feedback/round.html",
        _round_context(request, round_=round_, invite_form=invite_form, share_form=share_form),
    )


def _round_action(
    request: HttpRequest,
    *,
    round_: FeedbackRound,
    invite_form: InviteForm,
    share_form: ShareForm,
) -> HttpResponse | None:
    """Carry out the posted action; a redirect, or None to show the page again (with the
    form's errors, or after an action nobody asked for)."""
    action = request.POST.get("action")
    if action == "invite" and invite_form.is_valid():
        return _invite_rater(request, round_=round_, form=invite_form)
    if action == "remove":
        return _remove_rater(request, round_)
    if action == "send_list":
        return _send_rater_list(request, round_)
    if action == "share" and share_form.is_valid():
        return _share_report(request, round_=round_, form=share_form)
    if action == "close":
        services.round_close(owner=request.user, round_=round_)
        messages.success(request, _("The round is closed: the links no longer work."))
        return redirect("feedback:round", public_id=round_.public_id)
    return None


def _invite_rater(
    request: HttpRequest, *, round_: FeedbackRound, form: InviteForm
) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        services.invitation_create(
            owner=request.user,
            round_=round_,
            email=data["email"],
            relationship=data["relationship"],
            name=data["name"],
            language=data["language"],
        )
    except FeedbackError as error:
        form.add_error("email", str(error))
        return None
    messages.success(
        request,
        _("%(email)s is on your list. Nothing is sent before the list goes out.")
        % {"email": data["email"]},
    )
    return redirect("feedback:round", public_id=round_.public_id)


def _remove_rater(request: HttpRequest, round_: FeedbackRound) -> HttpResponse:
    chosen = request.POST.get("invitation", "")
    invitation = selectors.invitations_of(round_).filter(pk=posted_id(chosen) or 0)
    try:
        for row in invitation:
            services.invitation_remove(owner=request.user, invitation=row)
    except FeedbackError as error:
        messages.error(request, str(error))
    return redirect("feedback:round", public_id=round_.public_id)


def _send_rater_list(request: HttpRequest, round_: FeedbackRound) -> HttpResponse:
    try:
        round_ = services.round_send_list(owner=request.user, round_=round_)
    except FeedbackError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your rater list is waiting for its review.")
            if round_.in_review
            else _("Your raters get their personal links now."),
        )
    return redirect("feedback:round", public_id=round_.public_id)


def _share_report(
    request: HttpRequest, *, round_: FeedbackRound, form: ShareForm
) -> HttpResponse | None:
    try:
        services.report_share_create(owner=request.user, round_=round_, grantee=form.grantee)
    except FeedbackError as error:
        form.add_error("email", str(error))
        return None
    grantee = form.grantee
    messages.success(
        request,
        _("%(name)s can now read this report. You can end this at any time.")
        % {"name": grantee.get_full_name() or grantee.email},
    )
    return redirect("feedback:round", public_id=round_.public_id)


def _round_context(
    request: HttpRequest,
    *,
    round_: FeedbackRound,
    invite_form: InviteForm,
    share_form: ShareForm,
) -> dict:
    invited, answered = selectors.answer_counts(round_)
    shares = list(selectors.shares_of(round_))
    closed = round_.status == RoundStatus.CLOSED
    return {
        "round": round_,
        "invite_form": invite_form,
        "share_form": share_form,
        # Once closed, the addresses and names are erased: the page shows counts per group.
        "invitations": [
            (invitation, selectors.rater_display_name(invitation))
            for invitation in selectors.invitations_of(round_)
        ]
        if not closed
        else [],
        "invited_per_group": selectors.invited_per_group(round_) if closed else [],
        "reviewers": selectors.reviewers_of(request.user) if round_.is_draft else [],
        "line_manager": selectors.line_manager_of(request.user) if round_.is_draft else None,
        "sent_back_note": selectors.last_sent_back_note(round_) if round_.is_draft else "",
        "invited": invited,
        "answered": answered,
        "accepts_answers": services.accepts_answers(round_),
        "active_shares": [share for share in shares if share.revoked_at is None],
        "past_shares": [share for share in shares if share.revoked_at is not None],
    }


# --- the reviewer: the rater list before it goes out ----------------------------------------


@never_cache
@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "feedback/review_list.html",
        {"rounds": selectors.rounds_to_review(viewer=request.user)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, public_id) -> HttpResponse:
    round_ = selectors.round_for_review(viewer=request.user, public_id=public_id)
    if round_ is None or not rules.has_perm("feedback.review_raters", request.user, round_):
        raise Http404
    form = ReviewForm(request.POST or None)
    owner_name = round_.owner.get_full_name() or round_.owner.email
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == ReviewForm.APPROVE:
                services.round_approve(reviewer=request.user, round_=round_)
                messages.success(
                    request,
                    _("You approved the list: %(name)s's raters get their links now.")
                    % {"name": owner_name},
                )
            else:
                services.round_send_back(
                    reviewer=request.user, round_=round_, note=form.cleaned_data["note"]
                )
                messages.success(
                    request,
                    _("You sent the list back to %(name)s with your note.") % {"name": owner_name},
                )
        except FeedbackError as error:
            form.add_error(None, str(error))
        else:
            return redirect("feedback:reviews")
    context = {
        "round": round_,
        "form": form,
        "owner_name": owner_name,
        "invitations": [
            (invitation, selectors.rater_display_name(invitation))
            for invitation in selectors.invitations_of(round_)
        ],
    }
    return render(request, "feedback/review.html", context)


@never_cache
@login_required
def report(request: HttpRequest, public_id) -> HttpResponse:
    round_ = _owned_round(request, public_id)
    if not rules.has_perm("feedback.view_report", request.user, round_):
        raise PermissionDenied
    return _render_report(request, round_, read_only=False)


def _render_report(request: HttpRequest, round_, *, read_only: bool, share=None) -> HttpResponse:
    context = {"round": round_, "read_only": read_only, "share": share}
    if selectors.report_is_open(round_):
        context["report"] = selectors.build_report(round_=round_, language=_language())
    else:
        invited, answered = selectors.answer_counts(round_)
        context.update(invited=invited, answered=answered)
    return render(request, "feedback/report.html", context)


@never_cache
@login_required
@require_POST
def share_revoke(request: HttpRequest, share_id) -> HttpResponse:
    share = get_object_or_404(ReportShare, pk=share_id, round__owner=request.user)
    services.report_share_revoke(owner=request.user, share=share)
    messages.success(
        request,
        _("%(name)s can no longer read this report.")
        % {"name": share.grantee.get_full_name() or share.grantee.email},
    )
    return redirect("feedback:round", public_id=share.round.public_id)


@never_cache
@login_required
def shared_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "feedback/shared_list.html", {"shares": selectors.shared_with(viewer=request.user)}
    )


@never_cache
@login_required
def shared_report(request: HttpRequest, share_id) -> HttpResponse:
    share = selectors.share_for_viewer(share_id=share_id, viewer=request.user)
    if share is None or not rules.has_perm("feedback.view_report", request.user, share.round):
        raise Http404
    return _render_report(request, share.round, read_only=True, share=share)


# --- the rater: a link, no account ----------------------------------------------------------


def _unavailable(request: HttpRequest, error: LinkUnavailable) -> HttpResponse:
    status = 404 if error.reason == "unknown" else 410
    return render(
        request,
        "feedback/link_unavailable.html",
        {"message": str(error), "reason": error.reason},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, secret: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_secret(secret)
    except LinkUnavailable as error:
        return _unavailable(request, error)
    round_ = invitation.round
    instrument = round_.instrument
    items = list(instrument.items.order_by("position"))
    language = _language()
    is_manager = invitation.relationship == Relationship.MANAGER
    is_external = invitation.relationship == Relationship.EXTERNAL
    form_kwargs = {
        "items": items,
        "scale": instrument.scale,
        "language": language,
        "is_manager": is_manager,
        "is_external": is_external,
        "min_raters": round_.min_raters,
    }
    if request.method == "POST":
        form = RaterForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.response_submit(
                    secret=secret,
                    answers=form.answers(),
                    comment=form.cleaned_data.get("comment", ""),
                    language=language,
                )
            except LinkUnavailable as error:
                return _unavailable(request, error)
            except FeedbackError as error:
                form.add_error(None, str(error))
            else:
                return redirect("feedback:respond_done")
    else:
        form = RaterForm(**form_kwargs)
    owner = round_.owner
    context = {
        "form": form,
        "invitation": invitation,
        "round": round_,
        "instrument": instrument,
        "owner_name": owner.get_full_name() or owner.email,
        "is_manager": is_manager,
        "is_external": is_external,
        "group_label": GROUP_LABELS[invitation.relationship],
    }
    # The link is the rater's key. The site's "same-origin" referrer policy already keeps it
    # from other sites; "no-referrer" would go further but makes browsers send "Origin: null"
    # with the form, which the CSRF check rightly refuses.
    return render(request, "feedback/respond.html", context)


@never_cache
def respond_done(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/respond_done.html")


# --- HR: instrument quality -----------------------------------------------------------------


@never_cache
@login_required
def psychometrics(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("feedback.view_psychometrics", request.user):
        raise PermissionDenied
    return render(
        request,
        "feedback/psychometrics.html",
        {
            # Stored steps only: nothing on this page is computed from the answers live.
            "organisations": quality.reports_for(viewer=request.user),
            "minimum": quality.min_responses(),
            "step": quality.min_step(),
        },
    )
