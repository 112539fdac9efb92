# SPDX-License-Identifier: EUPL-1.2
"""The experiment card and its lifecycle, as its owners and readers see it: thin views that read
the input, ask the rules, call one service or the selectors, and render.

Rules are asked directly (``rules.has_perm``), never through ``user.has_perm``: Django grants
every permission to a superuser, and an administrator must not read anyone's draft
(docs/access.md). A card the reader may not read answers 404, so that a page never tells that it
exists; a reader who may read it but not change it gets 403 on the pages that change it. A
refusal of a service (``ExperimentError``) is shown on the page with the person's input, never as
an error page; a save made from an older version (``StaleEdit``) shows both versions side by side
and keeps what the person wrote.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.core.vocabulary import InnovationSkill, Principle
from elan.experiments import selectors, services
from elan.experiments.card_templates import all_templates, card_template
from elan.experiments.constants import (
    AskWhom,
    Criterion,
    Decision,
    EventKind,
    MandateOutcome,
    PermissionStatus,
    Sharing,
    Status,
)
from elan.experiments.forms import (
    CARD_TEXT_FIELDS,
    AnswerForm,
    AskForm,
    CardForm,
    CloseForm,
    CoOwnerForm,
    DecisionForm,
    IterationForm,
    MandateForm,
    ProfileEvidenceForm,
    RegulariseForm,
    ResumeForm,
    ShareForm,
)
from elan.experiments.mandate import MandateAnswers
from elan.experiments.models import Experiment, ExperimentEvent, Iteration, PermissionRequest
from elan.experiments.services import ExperimentError, StaleEdit


def _language() -> str:
    code = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE[:2]


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else _("a former colleague")


def _day(day) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""


def _readable_or_404(request: HttpRequest, public_id) -> Experiment:
    experiment = selectors.experiment_for(viewer=request.user, public_id=public_id)
    if experiment is None or not rules.has_perm("experiments.view", request.user, experiment):
        raise Http404
    return experiment


def _owned(request: HttpRequest, public_id, permission: str = "experiments.edit") -> Experiment:
    """The card for a page that changes it: 404 for who may not read it, 403 for a reader."""
    experiment = _readable_or_404(request, public_id)
    if not rules.has_perm(permission, request.user, experiment):
        raise PermissionDenied
    return experiment


def _card(experiment: Experiment, anchor: str = "") -> str:
    url = reverse("experiments:detail", args=[experiment.public_id])
    return f"{url}#{anchor}" if anchor else url


# --- what the card shows --------------------------------------------------------------------------


def time_box_sentence(experiment: Experiment, today: datetime.date | None = None) -> str:
    """The countdown of a running test ("9 days left", "ended 2 days ago"), or when a draft's
    time box would end; nothing once it is decided."""
    if not experiment.ends_on:
        return ""
    today = today or timezone.localdate()
    if experiment.status == Status.DRAFT:
        return _("The time box would end on %(date)s.") % {"date": _day(experiment.ends_on)}
    if experiment.status != Status.RUNNING:
        return ""
    days = (experiment.ends_on - today).days
    if days > 0:
        return ngettext("%(count)s day left", "%(count)s days left", days) % {"count": days}
    if days == 0:
        return _("The time box ends today.")
    return ngettext(
        "The time box ended %(count)s day ago.", "The time box ended %(count)s days ago.", -days
    ) % {"count": -days}


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def event_detail(event: ExperimentEvent) -> str:
    """What an event's stored codes say, in the reader's language. The platform writes codes
    (a status, a decision, a sharing level); a person's own words come back as written."""
    note = event.note
    if event.kind == EventKind.CREATED:
        return ""
    if event.kind == EventKind.STATUS:
        return _("From “%(from)s” to “%(to)s”.") % {
            "from": _label(Status, event.from_status),
            "to": _label(Status, event.to_status),
        }
    if event.kind == EventKind.MANDATE_CHECKED:
        return _label(MandateOutcome, note)
    if event.kind == EventKind.PERMISSION_ASKED:
        return _label(AskWhom, note)
    if event.kind == EventKind.PERMISSION_ANSWERED and ":" in note:
        whom, answer = note.split(":", 1)
        return _("%(whom)s: %(answer)s") % {
            "whom": _label(AskWhom, whom),
            "answer": _label(PermissionStatus, answer),
        }
    if event.kind == EventKind.DECIDED:
        return _label(Decision, note)
    if event.kind == EventKind.SHARED:
        return _label(Sharing, note)
    if event.kind == EventKind.ITERATION and note.isdigit():
        return _("Iteration %(number)s") % {"number": note}
    return note


@dataclass
class MandateView:
    """A mandate check's result as the page says it."""

    outcome: str
    label: str
    reasons: list[str]
    asks: list[tuple[str, str]]
    suggestions: list[str]


def mandate_view(result) -> MandateView | None:
    if result is None:
        return None
    return MandateView(
        outcome=result.outcome,
        label=_label(MandateOutcome, result.outcome),
        reasons=[str(reason) for reason in result.reasons],
        asks=[(whom, _label(AskWhom, whom)) for whom in result.ask],
        suggestions=[str(suggestion) for suggestion in result.suggestions],
    )


@dataclass
class HistoryRow:
    at: datetime.datetime
    what: str
    detail: str
    by: str


# Notes that hold a person's address: their owners read them, the card's readers do not.
ADDRESS_NOTES = (EventKind.CO_OWNER_ADDED, EventKind.CO_OWNER_REMOVED)


def _history(events: list[ExperimentEvent], *, for_owner: bool) -> list[HistoryRow]:
    return [
        HistoryRow(
            at=event.at,
            what=str(event.get_kind_display()),
            detail=event_detail(event) if for_owner or event.kind not in ADDRESS_NOTES else "",
            by=_name(event.by) if event.by_id else "",
        )
        for event in events
    ]


def decision_prompts(experiment: Experiment, iterations, events) -> list[Iteration]:
    """The iterations that breached a guardrail or met the stop criterion since the last
    decision: while there are any, the card asks for a decision first."""
    if experiment.status != Status.RUNNING:
        return []
    last = max((event.at for event in events if event.kind == EventKind.DECIDED), default=None)
    return [
        iteration
        for iteration in iterations
        if iteration.prompts_a_decision and (last is None or iteration.recorded_at > last)
    ]


def _labels(choices, slugs) -> list[str]:
    return [str(choices(slug).label) for slug in slugs or [] if slug in choices.values]


def _text_language(experiment: Experiment) -> str:
    """The card's language when it is not the page's, for the ``lang`` of the person's text."""
    return experiment.language if experiment.language != _language() else ""


def _built_on(experiment: Experiment, user) -> list[tuple[Experiment, bool]]:
    """Who built on the card, each with whether the reader may open theirs (a draft is its
    owner's alone, even to the original's owners)."""
    built = list(selectors.built_on(experiment=experiment, viewer=user))
    readable = set(
        selectors.readable_by(viewer=user)
        .filter(pk__in=[child.pk for child in built])
        .values_list("pk", flat=True)
    )
    return [(child, child.pk in readable) for child in built]


def _detail_context(request: HttpRequest, experiment: Experiment, **forms) -> dict:
    user = request.user
    is_owner = rules.has_perm("experiments.edit", user, experiment)
    iterations = selectors.iterations_of(experiment=experiment)
    events = selectors.history_of(experiment=experiment)
    based_on = (
        selectors.experiment_for(viewer=user, public_id=experiment.based_on.public_id)
        if experiment.based_on_id
        else None
    )
    status = experiment.status
    context: dict[str, Any] = {
        "experiment": experiment,
        "text_lang": _text_language(experiment),
        "template": card_template(experiment.template),
        "is_owner": is_owner,
        "owner_name": _name(experiment.owner),
        "co_owners": selectors.co_owners_of(experiment=experiment),
        "principles": _labels(Principle, experiment.principles),
        "skills": _labels(InnovationSkill, experiment.skills),
        "time_box": time_box_sentence(experiment),
        "iterations": [
            (iteration, _labels(InnovationSkill, iteration.skills)) for iteration in iterations
        ],
        "prompts": decision_prompts(experiment, iterations, events),
        "history": _history(events, for_owner=is_owner),
        "based_on": based_on,
        "may_try_too": not is_owner and status != Status.DRAFT,
    }
    if not is_owner:
        return context
    may_share = rules.has_perm("experiments.share", user, experiment)
    may_manage = rules.has_perm("experiments.manage_owners", user, experiment)
    context.update(
        {
            "may_edit": experiment.is_open,
            "may_check": status == Status.DRAFT,
            "may_start": status == Status.DRAFT,
            "may_iterate": status == Status.RUNNING,
            "may_decide": status == Status.RUNNING and bool(iterations),
            "may_regularise": status == Status.DECIDED and experiment.decision == Decision.SCALE,
            "may_resume": status == Status.DECIDED and experiment.decision == Decision.PARK,
            "may_close": status in (Status.DRAFT, Status.RUNNING, Status.DECIDED),
            "blockers": services.start_blockers(experiment=experiment)
            if status == Status.DRAFT
            else [],
            "mandate": mandate_view(services.mandate_result(experiment=experiment)),
            "requests": selectors.permission_requests_of(experiment=experiment),
            "built_on": _built_on(experiment, user),
            "may_share": may_share,
            "may_manage_owners": may_manage,
            "share_form": forms.get("share_form")
            or ShareForm(initial={"sharing": experiment.sharing}),
            "co_owner_form": forms.get("co_owner_form") or CoOwnerForm(),
            "profile_form": forms.get("profile_form")
            or ProfileEvidenceForm(initial={"allowed": experiment.skills_on_profile}),
            "may_propose_case": selectors.may_propose_case(viewer=user, experiment=experiment),
        }
    )
    return context


# --- my experiments -------------------------------------------------------------------------------


@dataclass
class HomeRow:
    experiment: Experiment
    co_owned: bool
    time_box: str


@never_cache
@login_required
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("experiments.use", request.user):
        raise PermissionDenied
    user = request.user
    owned = list(selectors.owned_by(viewer=user).select_related("owner", "unit"))
    groups = []
    for status in Status:
        rows = [
            HomeRow(experiment, experiment.owner_id != user.pk, time_box_sentence(experiment))
            for experiment in owned
            if experiment.status == status
        ]
        if rows:
            groups.append((status, status.label, rows))
    return render(
        request,
        "experiments/home.html",
        {
            "groups": groups,
            "waiting": list(selectors.requests_waiting_for(viewer=user)),
            "may_view_team": rules.has_perm("experiments.view_team", user),
            "may_view_figures": rules.has_perm("experiments.view_figures", user),
        },
    )


# --- the card -------------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("experiments.use", request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = CardForm(request.POST)
        form.apply_template(card_template(request.POST.get("template")))
        if form.is_valid():
            try:
                experiment = services.experiment_create(
                    owner=request.user,
                    title=form.cleaned_data["title"],
                    language=_language(),
                    template=form.cleaned_data["template"],
                    fields=form.card_fields(),
                )
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your card is saved as a draft. Only you and the co-owners you add see "
                        "it; complete it whenever you like."
                    ),
                )
                return redirect(_card(experiment))
        chosen = card_template(form.data.get("template"))
    else:
        code = request.GET.get("template", "")
        chosen = card_template(code)
        if code and chosen is None and code != "blank":
            messages.info(request, _("There is no such template: start from a blank card."))
        form = CardForm(initial={"template": chosen.code if chosen else ""})
        form.apply_template(chosen)
    return render(
        request,
        "experiments/card_form.html",
        {
            "form": form,
            "experiment": None,
            "chosen": chosen,
            "templates": all_templates(),
            "choosing": request.method == "GET" and "template" not in request.GET,
        },
    )


def _card_initial(experiment: Experiment) -> dict:
    return {
        "version": experiment.version,
        "template": experiment.template,
        "title": experiment.title,
        **{name: getattr(experiment, name) for name in CARD_TEXT_FIELDS},
        "starts_on": experiment.starts_on,
        "ends_on": experiment.ends_on,
        "cost_euros": experiment.cost_euros,
        "principles": list(experiment.principles or []),
        "skills": list(experiment.skills or []),
    }


CONFLICT_FIELDS = ("title", *CARD_TEXT_FIELDS, "starts_on", "ends_on", "cost_euros")


def _readable_value(name: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return _day(value)
    if name == "principles":
        return ", ".join(_labels(Principle, value))
    if name == "skills":
        return ", ".join(_labels(InnovationSkill, value))
    return str(value)


def conflict_rows(saved: Experiment, yours: dict) -> list[tuple[str, str, str, bool]]:
    """What the other person saved beside what this person wrote, field by field."""
    rows = []
    for name in (*CONFLICT_FIELDS, "principles", "skills"):
        theirs = getattr(saved, name)
        mine = yours.get(name)
        if name in ("principles", "skills"):
            differs = sorted(theirs or []) != sorted(mine or [])
        else:
            differs = (theirs or "") != (mine or "")
        rows.append(
            (
                str(CardForm.base_fields[name].label),
                _readable_value(name, theirs),
                _readable_value(name, mine),
                differs,
            )
        )
    return rows


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    if not experiment.is_open:
        messages.info(request, _("A decided experiment's card no longer changes."))
        return redirect(_card(experiment))
    context: dict[str, Any] = {"experiment": experiment, "templates": [], "choosing": False}
    chosen = card_template(experiment.template)
    if request.method == "POST":
        form = CardForm(request.POST)
        form.apply_template(chosen)
        if form.is_valid():
            fields = {"title": form.cleaned_data["title"], **form.card_fields()}
            try:
                services.experiment_update(
                    experiment=experiment,
                    actor=request.user,
                    version=form.cleaned_data.get("version") or 0,
                    fields=fields,
                )
            except StaleEdit as stale:
                context["conflict"] = conflict_rows(stale.saved, fields)
                data = form.data.copy()
                # Saving again now knowingly replaces the other version with this one.
                data["version"] = str(stale.saved.version)
                form = CardForm(data)
                form.apply_template(chosen)
                form.is_valid()
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The card is saved."))
                return redirect(_card(experiment))
    else:
        form = CardForm(initial=_card_initial(experiment))
        form.apply_template(chosen)
    return render(
        request, "experiments/card_form.html", {**context, "form": form, "chosen": chosen}
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def detail(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _readable_or_404(request, public_id)
    return render(request, "experiments/detail.html", _detail_context(request, experiment))


# --- within my mandate? -------------------------------------------------------------------------


def _yes_no(value) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _default_question(experiment: Experiment, whom: str) -> str:
    """A first wording of the question, from the answers given; the owner rewrites it."""
    if whom == AskWhom.DATA_PROTECTION:
        return _(
            "We would like to run a small test, “%(title)s”, that handles personal data. May we "
            "go ahead as described, and what should we take care of?"
        ) % {"title": experiment.title}
    limit = selectors.rules_for(unit=experiment.unit).spend_limit_euros
    spend = experiment.mandate_spend_euros or 0
    parts = [_("We would like to run a small test, “%(title)s”.") % {"title": experiment.title}]
    if spend > limit:
        parts.append(_("It costs %(cost)s euros.") % {"cost": spend})
    if experiment.mandate_other_unit:
        parts.append(_("It needs the help of another unit."))
    parts.append(_("May we go ahead?"))
    return " ".join(str(part) for part in parts)


def _mandate_context(request: HttpRequest, experiment: Experiment, **forms) -> dict:
    result = services.mandate_result(experiment=experiment)
    requests = selectors.permission_requests_of(experiment=experiment)
    asks = []
    if result is not None and result.outcome == MandateOutcome.ASK:
        for whom in result.ask:
            latest = next((r for r in requests if r.whom == whom), None)
            open_question = latest is None or latest.status == PermissionStatus.REFUSED
            form = None
            if experiment.status == Status.DRAFT and open_question:
                form = forms.get(f"ask_{whom}") or AskForm(
                    prefix=whom,
                    initial={"whom": whom, "question": _default_question(experiment, whom)},
                )
            asks.append(
                {"whom": whom, "label": AskWhom(whom).label, "latest": latest, "form": form}
            )
    mandate_form = forms.get("mandate_form")
    if mandate_form is None and experiment.status == Status.DRAFT:
        spend = experiment.mandate_spend_euros
        mandate_form = MandateForm(
            initial={
                "changes_rights": _yes_no(experiment.mandate_changes_rights),
                "personal_data": _yes_no(experiment.mandate_personal_data),
                "spend_euros": spend if spend is not None else experiment.cost_euros,
                "other_unit": _yes_no(experiment.mandate_other_unit),
            }
        )
    return {
        "experiment": experiment,
        "form": mandate_form,
        "result": mandate_view(result),
        "asks": asks,
        "requests": requests,
        "spend_limit": selectors.rules_for(unit=experiment.unit).spend_limit_euros,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mandate(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    forms: dict[str, Any] = {}
    if request.method == "POST":
        form = MandateForm(request.POST)
        forms["mandate_form"] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.mandate_check(
                    experiment=experiment,
                    actor=request.user,
                    answers=MandateAnswers(
                        changes_rights=data["changes_rights"],
                        personal_data=data["personal_data"],
                        spend_euros=data["spend_euros"],
                        other_unit=data["other_unit"],
                    ),
                )
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                return redirect(reverse("experiments:mandate", args=[public_id]) + "#result")
    return render(
        request, "experiments/mandate.html", _mandate_context(request, experiment, **forms)
    )


@never_cache
@login_required
@require_POST
def ask(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    whom = next((w for w in AskWhom.values if f"{w}-question" in request.POST), None)
    if whom is None:
        messages.error(request, _("Choose whom to ask."))
        return redirect("experiments:mandate", public_id=public_id)
    form = AskForm(request.POST, prefix=whom)
    if form.is_valid() and form.cleaned_data["whom"] == whom:
        try:
            permission = services.permission_ask(
                experiment=experiment,
                actor=request.user,
                whom=whom,
                question=form.cleaned_data["question"],
            )
        except ExperimentError as error:
            form.add_error(None, str(error))
        else:
            if permission.asked_of_id:
                sent = _("Your question is sent to %(name)s. The card shows the answer.") % {
                    "name": _name(permission.asked_of)
                }
            else:
                sent = _(
                    "Your question is sent to %(address)s. Nobody on Elan holds that address: "
                    "record the answer you receive on the request's page."
                ) % {"address": permission.asked_email}
            messages.success(request, sent)
            return redirect(reverse("experiments:mandate", args=[public_id]) + "#permissions")
    elif form.is_valid():
        form.add_error(None, _("Choose whom to ask."))
    return render(
        request,
        "experiments/mandate.html",
        _mandate_context(request, experiment, **{f"ask_{whom}": form}),
    )


def _may_answer(user, request: PermissionRequest) -> bool:
    if request.status != PermissionStatus.WAITING:
        return False
    if request.asked_of_id is not None:
        return rules.has_perm("experiments.answer_permission", user, request)
    # Nobody on Elan holds the address asked: the owners record the answer they received.
    return selectors.is_owner(viewer=user, experiment=request.experiment)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def permission(request: HttpRequest, public_id) -> HttpResponse:
    asked = selectors.permission_request_for(viewer=request.user, public_id=public_id)
    if asked is None:
        raise Http404
    may_answer = _may_answer(request.user, asked)
    form = AnswerForm() if may_answer else None
    if request.method == "POST":
        if not may_answer:
            if asked.status == PermissionStatus.WAITING:
                raise PermissionDenied
            messages.info(request, _("This request has been answered already."))
            return redirect("experiments:permission", public_id=public_id)
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.permission_answer(
                    request=asked,
                    actor=request.user,
                    granted=form.cleaned_data["granted"],
                    reason=form.cleaned_data["reason"],
                )
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Your answer is recorded; the owners see it on their card.")
                )
                return redirect("experiments:permission", public_id=public_id)
    experiment = asked.experiment
    return render(
        request,
        "experiments/permission.html",
        {
            "asked": asked,
            "experiment": experiment,
            "owner_name": _name(experiment.owner),
            "asked_name": _name(asked.asked_of) if asked.asked_of_id else asked.asked_email,
            "is_owner": selectors.is_owner(viewer=request.user, experiment=experiment),
            "records_for_someone": asked.asked_of_id is None,
            "form": form,
        },
    )


# --- starting, iterating, deciding --------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    if experiment.status != Status.DRAFT:
        messages.info(request, _("This experiment has started already."))
        return redirect(_card(experiment))
    error = ""
    if request.method == "POST":
        try:
            services.experiment_start(experiment=experiment, actor=request.user)
        except ExperimentError:
            error = _("The test cannot start yet: see what is still missing.")
        else:
            messages.success(
                request, _("The test has started. The card counts down the days of its time box.")
            )
            return redirect(_card(experiment))
    return render(
        request,
        "experiments/start.html",
        {
            "experiment": experiment,
            "blockers": services.start_blockers(experiment=experiment),
            "error": error,
        },
    )


def _step(request, experiment: Experiment, form, *, step: str, **extra) -> HttpResponse:
    return render(
        request,
        "experiments/step_form.html",
        {"experiment": experiment, "form": form, "step": step, **extra},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def iteration_new(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    if experiment.status != Status.RUNNING:
        messages.info(request, _("Iterations are recorded while the experiment runs."))
        return redirect(_card(experiment))
    if request.method == "POST":
        form = IterationForm(request.POST)
        if form.is_valid():
            try:
                iteration = services.iteration_add(
                    experiment=experiment, actor=request.user, **form.cleaned_data
                )
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                if iteration.prompts_a_decision:
                    messages.warning(
                        request,
                        _(
                            "Recorded. A guardrail was breached or the stop criterion is met: "
                            "decide what comes next before the next round."
                        ),
                    )
                    return redirect(_card(experiment, "decision-prompt"))
                messages.success(request, _("The iteration is recorded."))
                return redirect(_card(experiment, "iterations"))
    else:
        form = IterationForm(
            initial={"tried_on": timezone.localdate(), "success": Criterion.UNCLEAR}
        )
    number = experiment.iterations.count() + 1
    return _step(request, experiment, form, step="iteration", number=number)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    if experiment.status != Status.RUNNING:
        messages.info(request, _("A decision is taken while the experiment runs."))
        return redirect(_card(experiment))
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            try:
                services.experiment_decide(
                    experiment=experiment,
                    actor=request.user,
                    decision=decision,
                    reason=form.cleaned_data["reason"],
                    lessons=form.cleaned_data["lessons"],
                )
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, DECIDED_MESSAGES[decision]())
                return redirect(_card(experiment))
    else:
        form = DecisionForm(initial={"lessons": experiment.lessons})
    iterations = selectors.iterations_of(experiment=experiment)
    return _step(
        request,
        experiment,
        form,
        step="decide",
        has_iterations=bool(iterations),
        prompts=decision_prompts(
            experiment, iterations, selectors.history_of(experiment=experiment)
        ),
    )


DECIDED_MESSAGES = {
    Decision.SCALE: lambda: _(
        "Decided: scale it up. Record who approved the new way of working when it is official."
    ),
    Decision.ITERATE: lambda: _("Decided: another round. The test keeps running."),
    Decision.PARK: lambda: _("Decided: parked for now. You can take it up again later."),
    Decision.STOP: lambda: _("Decided: stopped. What you learnt stays on the card for others."),
}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def regularise(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    if experiment.status != Status.DECIDED or experiment.decision != Decision.SCALE:
        messages.info(request, _("Only an experiment decided to scale up is made official."))
        return redirect(_card(experiment))
    if request.method == "POST":
        form = RegulariseForm(request.POST)
        if form.is_valid():
            try:
                services.experiment_regularise(
                    experiment=experiment, actor=request.user, **form.cleaned_data
                )
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Made official: the new way of working is policy."))
                return redirect(_card(experiment))
    else:
        form = RegulariseForm()
    return _step(request, experiment, form, step="regularise")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    if experiment.status not in (Status.DRAFT, Status.RUNNING, Status.DECIDED):
        messages.info(request, _("This experiment is closed already."))
        return redirect(_card(experiment))
    if request.method == "POST":
        form = CloseForm(request.POST)
        if form.is_valid():
            try:
                services.experiment_close(
                    experiment=experiment, actor=request.user, lessons=form.cleaned_data["lessons"]
                )
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The experiment is closed."))
                return redirect(_card(experiment))
    else:
        form = CloseForm(initial={"lessons": experiment.lessons})
    return _step(request, experiment, form, step="close")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id)
    if experiment.status != Status.DECIDED or experiment.decision != Decision.PARK:
        messages.info(request, _("Only a parked experiment is taken up again."))
        return redirect(_card(experiment))
    if request.method == "POST":
        form = ResumeForm(request.POST)
        if form.is_valid():
            try:
                services.experiment_resume(
                    experiment=experiment, actor=request.user, ends_on=form.cleaned_data["ends_on"]
                )
            except ExperimentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The test runs again, with its new time box."))
                return redirect(_card(experiment))
    else:
        form = ResumeForm()
    return _step(request, experiment, form, step="resume")


# --- sharing, co-owners, the skills profile, building on it ---------------------------------------


def _detail_again(request: HttpRequest, experiment: Experiment, **forms) -> HttpResponse:
    return render(request, "experiments/detail.html", _detail_context(request, experiment, **forms))


@never_cache
@login_required
@require_POST
def share(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id, "experiments.share")
    form = ShareForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, experiment, share_form=form)
    sharing = form.cleaned_data["sharing"]
    try:
        services.experiment_share(experiment=experiment, actor=request.user, sharing=sharing)
    except ExperimentError as error:
        form.add_error(None, str(error))
        return _detail_again(request, experiment, share_form=form)
    if experiment.status == Status.DRAFT and sharing != Sharing.PRIVATE:
        messages.success(
            request,
            _(
                "Saved. A draft stays private until it starts; from then on, these people can "
                "read it: %(whom)s."
            )
            % {"whom": Sharing(sharing).label},
        )
    else:
        messages.success(
            request, _("Saved. Who may read it: %(whom)s.") % {"whom": Sharing(sharing).label}
        )
    return redirect(_card(experiment, "sharing"))


@never_cache
@login_required
@require_POST
def owners(request: HttpRequest, public_id) -> HttpResponse:
    experiment = _owned(request, public_id, "experiments.manage_owners")
    if request.POST.get("action") == "remove":
        colleague = next(
            (
                person
                for person in selectors.co_owners_of(experiment=experiment)
                if str(person.pk) == request.POST.get("co_owner", "")
            ),
            None,
        )
        if colleague is None:
            messages.error(request, _("That person is not a co-owner of this experiment."))
            return redirect(_card(experiment, "owners"))
        try:
            services.co_owner_remove(experiment=experiment, actor=request.user, co_owner=colleague)
        except ExperimentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(name)s is no longer a co-owner.") % {"name": _name(colleague)}
            )
        return redirect(_card(experiment, "owners"))
    form = CoOwnerForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, experiment, co_owner_form=form)
    try:
        services.co_owner_add(experiment=experiment, actor=request.user, co_owner=form.colleague)
    except ExperimentError as error:
        form.add_error("email", str(error))
        return _detail_again(request, experiment, co_owner_form=form)
    messages.success(
        request,
        _("%(name)s is a co-owner now and edits the card with you.")
        % {"name": _name(form.colleague)},
    )
    return redirect(_card(experiment, "owners"))


@never_cache
@login_required
@require_POST
def profile_evidence(request: HttpRequest, public_id) -> HttpResponse:
    # The owner's own skills profile: the owner alone chooses, as for sharing.
    experiment = _owned(request, public_id, "experiments.profile_evidence")
    form = ProfileEvidenceForm(request.POST)
    if not form.is_valid():
        return _detail_again(request, experiment, profile_form=form)
    allowed = form.cleaned_data["allowed"]
    try:
        services.experiment_set_profile_evidence(
            experiment=experiment, actor=request.user, allowed=allowed
        )
    except ExperimentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your skills profile shows the skills this experiment exercised.")
            if allowed
            else _("Your skills profile no longer shows this experiment."),
        )
    return redirect(_card(experiment, "profile"))


@never_cache
@login_required
@require_POST
def try_too(request: HttpRequest, public_id) -> HttpResponse:
    original = _readable_or_404(request, public_id)
    try:
        mine = services.experiment_try_too(
            original=original, actor=request.user, language=_language()
        )
    except ExperimentError as error:
        messages.error(request, str(error))
        return redirect(_card(original))
    messages.success(
        request,
        _(
            "Your own card is ready, with the problem, the hypothesis and the criteria of "
            "“%(title)s”: adapt them to your work. Only you see it until you start it."
        )
        % {"title": original.title},
    )
    return redirect("experiments:edit", public_id=mine.public_id)
