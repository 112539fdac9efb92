# SPDX-License-Identifier: EUPL-1.2
"""Thin views: check who is asking (rules and selectors), call one service, render or redirect.

Rules are asked directly (``rules.has_perm``), not through ``user.has_perm``: Django grants every
permission to a superuser, and an administrator must not read anyone's profile (docs/access.md).

Every private page sends ``Cache-Control: no-store``: a profile whose share was revoked must not
linger in a shared cache or in the browser's back button history.
"""

from __future__ import annotations

import uuid

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.assessments import selectors, services, team
from elan.assessments.forms import (
    ShareWithMentorForm,
    StartForm,
    StepDueForm,
    StepForm,
    StepStatusForm,
    SuggestionForm,
)
from elan.assessments.models import PlanStep, Share
from elan.assessments.pdf import render_profile_pdf
from elan.assessments.services import AssessmentError, IncompleteAssessment
from elan.core.vocabulary import InnovationSkill
from elan.experiments import selectors as experiment_selectors
from elan.organisations.models import StaffRecord, Unit


def _language() -> str:
    return (translation.get_language() or "en")[:2]


# --- taking the self-assessment -------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    instrument = selectors.active_instrument()
    if instrument is None:
        return render(request, "assessments/unavailable.html", status=200)
    if request.method == "POST":
        form = StartForm(request.POST)
        if form.is_valid():
            try:
                assessment, _created = services.assessment_start(
                    owner=request.user,
                    instrument=instrument,
                    token=form.cleaned_data["token"],
                    language=_language(),
                )
            except AssessmentError as error:
                form.add_error(None, str(error))
            else:
                if assessment.is_submitted:
                    messages.info(request, _("This self-assessment was already submitted."))
                    return redirect("assessments:profile")
                return redirect(
                    "assessments:step",
                    public_id=assessment.public_id,
                    step=assessment.current_step,
                )
    else:
        form = StartForm.fresh()
    open_one = selectors.open_assessment(owner=request.user, instrument=instrument)
    context = {
        "instrument": instrument,
        "form": form,
        "open_assessment": open_one,
        "answered": len(selectors.answers_of(open_one)) if open_one else 0,
        "item_count": instrument.items.count(),
        "step_count": selectors.step_count(instrument),
        "has_profile": selectors.submitted_assessments(owner=request.user).exists(),
        "min_group": selectors.min_group(),
    }
    return render(request, "assessments/start.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, public_id, step: int) -> HttpResponse:
    assessment = selectors.own_assessment(owner=request.user, public_id=public_id)
    if assessment is None:
        raise Http404
    if assessment.is_submitted:
        # A replayed final step after submission lands on the result, and records nothing.
        messages.info(request, _("This self-assessment was already submitted."))
        return redirect("assessments:profile")
    instrument = assessment.instrument
    total = selectors.step_count(instrument)
    if not 1 <= step <= total:
        raise Http404
    items = selectors.items_on_step(instrument, step)
    language = _language()
    gaps = []
    if request.method == "POST":
        form = StepForm(request.POST, items=items, scale=instrument.scale, language=language)
        if form.is_valid():
            action = request.POST.get("action", "next")
            target = {"back": step - 1, "later": step, "submit": step}.get(action, step + 1)
            target = min(max(target, 1), total)
            try:
                services.assessment_save_step(
                    assessment=assessment, answers=form.answers(), next_step=target
                )
                if action == "submit" and step == total:
                    services.assessment_submit(assessment=assessment)
                    messages.success(request, _("Thank you. Here is your profile."))
                    return redirect("assessments:profile")
            except IncompleteAssessment as incomplete:
                # The answers of this step are saved; the summary names each skill short of
                # answers and links to its open statements.
                gaps = incomplete.gaps
            except AssessmentError as error:
                form.add_error(None, str(error))
            else:
                if action == "later":
                    messages.success(
                        request,
                        _(
                            "Your answers are saved. Come back to this page whenever you like "
                            "to go on."
                        ),
                    )
                    return redirect("assessments:start")
                return redirect("assessments:step", public_id=assessment.public_id, step=target)
        existing = selectors.answers_of(assessment)
    else:
        existing = selectors.answers_of(assessment)
        form = StepForm(
            items=items,
            scale=instrument.scale,
            language=language,
            initial={item.code: existing[item.code] for item in items if item.code in existing},
        )
    context = {
        "assessment": assessment,
        "instrument": instrument,
        "form": form,
        "step": step,
        "total": total,
        "is_last": step == total,
        "offset": (step - 1) * instrument.items_per_page,
        "answered": len(existing),
        "item_count": instrument.items.count(),
        "gaps": gaps,
    }
    return render(request, "assessments/step.html", context)


# --- the profile ----------------------------------------------------------------------------


def _experiment_evidence(*, owner, viewer) -> list[dict]:
    """The skills the owner's experiments exercised, as far as the owner allowed it and the
    viewer may read those experiments (``experiments.selectors.skill_evidence``)."""
    found = experiment_selectors.skill_evidence(owner=owner, viewer=viewer)
    return [
        {
            "slug": slug,
            "label": InnovationSkill(slug).label,
            "rows": [
                {
                    "experiment": row.experiment,
                    "iterations": row.iterations,
                    "url": experiment_selectors.card_url(experiment=row.experiment),
                }
                for row in rows
            ],
        }
        for slug, rows in found.items()
    ]


def _profile_context(*, owner, viewer, read_only: bool, share: Share | None = None) -> dict:
    profile = selectors.build_profile(owner=owner, language=_language())
    plan = selectors.build_plan(
        owner=owner, profile=profile, language=_language(), with_suggestions=False
    )
    return {
        "profile": profile,
        "plan": plan,
        "owner": owner,
        "read_only": read_only,
        "share": share,
        "active_shares": selectors.shares_of(owner=owner).filter(revoked_at__isnull=True)
        if not read_only
        else [],
        "experiment_evidence": _experiment_evidence(owner=owner, viewer=viewer),
    }


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("assessments.view_profile", request.user, request.user):
        raise PermissionDenied
    context = _profile_context(owner=request.user, viewer=request.user, read_only=False)
    context["sees_team_mix"] = rules.has_perm("assessments.view_team_overview", request.user)
    context["has_shared_with_me"] = selectors.shared_with(viewer=request.user).exists()
    return render(request, "assessments/profile.html", context)


@never_cache
@login_required
def profile_pdf(request: HttpRequest) -> HttpResponse:
    context = _profile_context(owner=request.user, viewer=request.user, read_only=False)
    if context["profile"] is None:
        messages.info(
            request, _("Take the self-assessment first; then your profile can be downloaded.")
        )
        return redirect("assessments:profile")
    pdf = render_profile_pdf(context=context, language=_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"elan-profile-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = _language()
    return response


@never_cache
@login_required
@require_POST
def evaluation(request: HttpRequest) -> HttpResponse:
    assessment = (
        selectors.own_assessment(owner=request.user, public_id=request.POST.get("assessment", ""))
        if _is_uuid(request.POST.get("assessment", ""))
        else None
    )
    if assessment is None:
        raise Http404
    try:
        if request.POST.get("action") == "remove":
            services.evaluation_remove(owner=request.user, assessment=assessment)
            messages.success(
                request, _("Your profile is no longer part of your performance evaluation.")
            )
        else:
            services.evaluation_include(owner=request.user, assessment=assessment)
            messages.success(request, _("You added this profile to your performance evaluation."))
    except AssessmentError as error:
        messages.error(request, str(error))
    return redirect(reverse("assessments:sharing") + "#evaluation")


@never_cache
@login_required
@require_POST
def team_mix_choice(request: HttpRequest) -> HttpResponse:
    if request.POST.get("action") == "leave":
        services.team_mix_leave(owner=request.user)
        messages.success(
            request,
            _(
                "Your scores will no longer count in your team's skill mix from its next "
                "monthly update."
            ),
        )
    else:
        services.team_mix_join(owner=request.user)
        messages.success(
            request,
            _("Your scores will count in your team's skill mix from its next monthly update."),
        )
    return redirect(reverse("assessments:sharing") + "#team-mix")


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# --- the development plan -------------------------------------------------------------------


def _plan_page(request: HttpRequest, *, due_form: StepDueForm | None = None) -> HttpResponse:
    """The plan, each active step with its date form; ``due_form`` is one sent back with its
    error, shown in its step's place with what the person typed."""
    profile = selectors.build_profile(owner=request.user, language=_language())
    plan = selectors.build_plan(owner=request.user, profile=profile, language=_language())
    context = {
        "profile": profile,
        "plan": plan,
        "due_form_sent": due_form,
        "step_rows": [
            (
                view,
                due_form
                if due_form is not None and due_form.step.pk == view.step.pk
                else StepDueForm(step=view.step),
            )
            for view in plan.steps
        ],
    }
    return render(request, "assessments/plan.html", context)


def _own_step(request: HttpRequest, pk: int) -> PlanStep:
    # Someone else's step answers 404, like every private row of this app: not even its
    # existence is told.
    step_row = PlanStep.objects.filter(pk=pk).first()
    if step_row is None:
        raise Http404
    if not rules.has_perm("assessments.change_plan_step", request.user, step_row):
        raise Http404
    return step_row


@never_cache
@login_required
def plan(request: HttpRequest) -> HttpResponse:
    return _plan_page(request)


@never_cache
@login_required
@require_POST
def plan_add(request: HttpRequest) -> HttpResponse:
    form = SuggestionForm(request.POST)
    profile = selectors.build_profile(owner=request.user, language=_language())
    suggestion = (
        selectors.suggestion_by_key(
            owner=request.user, profile=profile, key=form.cleaned_data["key"], language=_language()
        )
        if form.is_valid()
        else None
    )
    if suggestion is None:
        messages.error(request, _("That suggestion is no longer available. Pick another one."))
        return redirect("assessments:plan")
    try:
        services.plan_step_add(
            owner=request.user,
            suggestion=suggestion,
            source_assessment=profile.assessment if profile else None,
        )
    except AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Added to your plan."))
    return redirect(reverse("assessments:plan") + "#plan-steps")


@never_cache
@login_required
@require_POST
def plan_step(request: HttpRequest, pk: int) -> HttpResponse:
    step_row = _own_step(request, pk)
    form = StepStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This step cannot move to that status."))
        return redirect("assessments:plan")
    try:
        services.plan_step_transition(
            owner=request.user, step=step_row, to_status=form.cleaned_data["status"]
        )
    except AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your plan is updated."))
    return redirect(reverse("assessments:plan") + "#plan-steps")


@never_cache
@login_required
@require_POST
def plan_step_due(request: HttpRequest, pk: int) -> HttpResponse:
    step_row = _own_step(request, pk)
    form = StepDueForm(request.POST, step=step_row)
    if form.is_valid():
        due_on = form.target()
        try:
            services.plan_step_set_due(owner=request.user, step=step_row, due_on=due_on)
        except AssessmentError as error:
            form.add_error("due_on", str(error))
        else:
            messages.success(
                request,
                _("The target date is saved.") if due_on else _("The target date is removed."),
            )
            return redirect(reverse("assessments:plan") + f"#step-{step_row.pk}")
    return _plan_page(request, due_form=form)


# --- sharing --------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest) -> HttpResponse:
    record = StaffRecord.objects.filter(user=request.user).select_related("line_manager").first()
    manager = record.line_manager if record and record.line_manager_id else None
    mentor_form = ShareWithMentorForm(
        request.POST if request.POST.get("action") == "mentor" else None
    )
    if request.method == "POST":
        action = request.POST.get("action")
        grantee = None
        if action == "manager" and manager is not None:
            grantee, kind = manager, "line_manager"
        elif action == "mentor" and mentor_form.is_valid():
            grantee, kind = mentor_form.grantee, "mentor"
        if grantee is not None:
            try:
                services.share_create(owner=request.user, grantee=grantee, kind=kind)
            except AssessmentError as error:
                if action == "mentor":
                    mentor_form.add_error("email", str(error))
                else:
                    messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s can now read your profile and plan. You can end this at any time.")
                    % {"name": grantee.get_full_name() or grantee.email},
                )
                return redirect("assessments:sharing")
    shares = selectors.shares_of(owner=request.user)
    context = {
        "manager": manager,
        "manager_has_access": manager is not None
        and shares.filter(grantee=manager, revoked_at__isnull=True).exists(),
        "mentor_form": mentor_form,
        "form": mentor_form,
        "active_shares": [share for share in shares if share.revoked_at is None],
        "past_shares": [share for share in shares if share.revoked_at is not None],
        # Dates, choices and history only: this page needs no scores (answers), so none are read.
        "assessments": selectors.submitted_assessments(owner=request.user).defer("scores")[:10],
        "events": selectors.profile_events(owner=request.user).defer("assessment__scores")[:30],
        "team_mix_consent": selectors.team_mix_consent(owner=request.user),
        "min_group": selectors.min_group(),
    }
    return render(request, "assessments/sharing.html", context)


@never_cache
@login_required
@require_POST
def share_revoke(request: HttpRequest, share_id) -> HttpResponse:
    share = get_object_or_404(Share, pk=share_id, owner=request.user)
    services.share_revoke(owner=request.user, share=share)
    messages.success(
        request,
        _("%(name)s can no longer see your profile and plan.")
        % {"name": share.grantee.get_full_name() or share.grantee.email},
    )
    return redirect("assessments:sharing")


@never_cache
@login_required
def shared_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessments/shared_list.html",
        {"shares": selectors.shared_with(viewer=request.user)},
    )


@never_cache
@login_required
def shared_profile(request: HttpRequest, share_id) -> HttpResponse:
    share = selectors.share_for_viewer(share_id=share_id, viewer=request.user)
    if share is None or not rules.has_perm("assessments.view_profile", request.user, share.owner):
        # A revoked or foreign share does not exist for the person asking.
        raise Http404
    context = _profile_context(owner=share.owner, viewer=request.user, read_only=True, share=share)
    return render(request, "assessments/profile.html", context)


# --- the team's skill mix ---------------------------------------------------------------------


@never_cache
@login_required
def team_overview(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("assessments.view_team_overview", request.user):
        raise PermissionDenied
    units = team.units_for_viewer(viewer=request.user)
    return render(request, "assessments/team_overview.html", {"units": units})


@never_cache
@login_required
def team_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    if not rules.has_perm("assessments.view_team_mix", request.user, unit):
        raise PermissionDenied
    mix = team.team_skill_mix(unit=unit, language=_language())
    return render(request, "assessments/team_unit.html", {"unit": unit, "mix": mix})
