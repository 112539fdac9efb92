# SPDX-License-Identifier: EUPL-1.2
"""The evaluation cycle's pages: thin views that read the input, ask the rules, call one service
or the selectors, and render.

Rules are asked directly (``rules.has_perm``), not through ``user.has_perm``: Django grants every
permission to a superuser, and an administrator must not read anyone's goals (docs/access.md).
A cycle, goal, talk or evidence that is not the reader's to see answers 404, so that a page
never tells that it exists. A refusal of a service (``GoalsError``) is shown on the page with
the person's input, never as an error page; a save made from an older version (``StaleEdit``)
shows both versions side by side and keeps what the person wrote.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.assessments import selectors as assessment_selectors
from elan.assessments.scoring import strengths_and_growth
from elan.core.ids import posted_id
from elan.core.numbers import format_score
from elan.feedback import selectors as feedback_selectors
from elan.feedback.constants import RoundStatus
from elan.goals import balance, climate, objectives, selectors, services
from elan.goals.constants import (
    Agreement,
    EvidenceKind,
    GoalKind,
    GoalProgress,
    InnovationKind,
    TalkKind,
    TalkStatus,
)
from elan.goals.forms import (
    CycleStartForm,
    EvidenceChoiceForm,
    GoalChangeForm,
    GoalForm,
    HoldForm,
    HubSearchForm,
    MoveTalkForm,
    NotesForm,
    ProgressForm,
    SecondEvaluatorForm,
    SendBackForm,
    SheetChoiceForm,
    StopCycleForm,
    TalkForm,
    find_hub_items,
    hub_items,
)
from elan.goals.models import Cycle, Evidence, Goal, GoalTemplate, Talk
from elan.goals.services import GoalsError, StaleEdit
from elan.skills.models import Competency
from elan.skills.multilingual import localize
from elan.skills.selectors import INNOVATION_FRAMEWORK_SLUG, framework_by_slug


def _language() -> str:
    return (translation.get_language() or "en")[:2]


def _cycle_or_404(request: HttpRequest, public_id) -> Cycle:
    cycle = selectors.cycle_for(public_id=public_id, viewer=request.user)
    if cycle is None or not rules.has_perm("goals.view_cycle", request.user, cycle):
        raise Http404
    return cycle


def _goal_or_404(request: HttpRequest, public_id) -> Goal:
    goal = selectors.goal_for(public_id=public_id, viewer=request.user)
    if goal is None or not rules.has_perm("goals.view_cycle", request.user, goal.cycle):
        raise Http404
    return goal


def _talk_or_404(request: HttpRequest, public_id) -> Talk:
    talk = selectors.talk_for(public_id=public_id, viewer=request.user)
    if talk is None or not rules.has_perm("goals.view_cycle", request.user, talk.cycle):
        raise Http404
    return talk


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def _day(day) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""


# --- home: my cycle, the cycles I evaluate ------------------------------------------------------


@dataclass
class EvaluatedRow:
    cycle: Cycle
    next_talk: Talk | None
    waiting: int


def _home_context(request: HttpRequest, start_form: CycleStartForm) -> dict:
    user = request.user
    current = selectors.current_cycle(person=user)
    waiting = dict(
        selectors.goals_waiting_for(evaluator=user)
        .values_list("cycle_id")
        .annotate(count=Count("pk"))
        .values_list("cycle_id", "count")
    )
    cycles = list(selectors.cycles_evaluated_by(evaluator=user))
    next_talks = selectors.next_talks(cycles=cycles)
    evaluated = [
        EvaluatedRow(cycle, next_talks.get(cycle.pk), waiting.get(cycle.pk, 0)) for cycle in cycles
    ]
    return {
        "current": current,
        "next_talk": selectors.next_talk(cycle=current) if current else None,
        "earliest_next_talk": selectors.earliest_next_talk(cycle=current) if current else None,
        "past": [cycle for cycle in selectors.cycles_of(person=user) if not cycle.is_open],
        "evaluated": evaluated,
        "start_form": start_form,
        "may_view_figures": rules.has_perm("goals.view_process_figures", user),
        "may_keep_objectives": objectives.manageable_units(user=user).exists(),
    }


@never_cache
@login_required
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("goals.use_goals", request.user):
        raise PermissionDenied
    return render(request, "goals/home.html", _home_context(request, CycleStartForm.fresh()))


@never_cache
@login_required
@require_POST
def cycle_start(request: HttpRequest) -> HttpResponse:
    form = CycleStartForm(request.POST)
    if form.is_valid():
        try:
            cycle = services.cycle_start(
                person=request.user, starts_on=form.cleaned_data["starts_on"], actor=request.user
            )
        except GoalsError as error:
            form.add_error("starts_on", str(error))
        else:
            messages.success(
                request,
                _("Your cycle has started. Draft your goals, then plan the planning talk."),
            )
            return redirect("goals:cycle", public_id=cycle.public_id)
    return render(request, "goals/home.html", _home_context(request, form))


# --- the cycle page -----------------------------------------------------------------------------


@dataclass
class GoalRow:
    goal: Goal
    can_edit: bool = False
    can_take_back: bool = False
    can_agree: bool = False
    send_back_form: SendBackForm | None = None
    history: list = field(default_factory=list)
    trend: Any = None
    trend_sentence: str = ""


def _trend_sentence(points) -> str:
    if not points:
        return _(
            "Nothing about your team's climate for innovation is released yet: a survey round "
            "shows a figure only once enough people answered and the team shared it."
        )
    first, last = points[0], points[-1]
    if len(points) == 1:
        return _("Support for innovation in your team: %(value)s (%(date)s).") % {
            "value": first.text,
            "date": _day(first.closed_on),
        }
    if last.value > first.value:
        change = _("it rose")
    elif last.value < first.value:
        change = _("it fell")
    else:
        change = _("it stayed the same")
    return _(
        "Support for innovation in your team went from %(first)s (%(first_date)s) to %(last)s "
        "(%(last_date)s): %(change)s."
    ) % {
        "first": first.text,
        "first_date": _day(first.closed_on),
        "last": last.text,
        "last_date": _day(last.closed_on),
        "change": change,
    }


def _goal_rows(
    request: HttpRequest, cycle: Cycle, goals: list[Goal], send_back: dict | None = None
) -> list[GoalRow]:
    user = request.user
    may_edit = rules.has_perm("goals.edit_goals", user, cycle)
    may_agree = rules.has_perm("goals.agree_goals", user, cycle)
    histories = selectors.goal_histories(goals=goals)
    # Every goal that follows the climate follows the same team's: its trend is read once.
    trend: list | None = None
    rows = []
    for goal in goals:
        row = GoalRow(goal=goal, history=histories[goal.pk])
        if may_edit:
            row.can_edit = goal.agreement == Agreement.DRAFT
            row.can_take_back = goal.agreement == Agreement.PROPOSED
        if may_agree and goal.agreement == Agreement.PROPOSED:
            row.can_agree = True
            row.send_back_form = (send_back or {}).get(goal.pk) or SendBackForm(
                prefix=f"goal-{goal.pk}"
            )
        if goal.innovation == InnovationKind.ENABLING and goal.follows_climate:
            if trend is None:
                trend = climate.climate_trend_for_goal(goal=goal, viewer=user) or []
            row.trend = trend
            row.trend_sentence = _trend_sentence(row.trend)
        rows.append(row)
    return rows


@dataclass
class FindingView:
    code: str
    reason: str
    goal: Goal | None
    template: GoalTemplate | None
    words: str = ""


def _balance(cycle: Cycle, goals: list[Goal]) -> list[FindingView]:
    """The balance check's findings, each with the template that would fix it, if offered."""
    offered = selectors.templates_for(person=cycle.person)
    by_code = {template.code: template for template in offered}
    findings = balance.check_balance(
        goals=goals, is_manager=selectors.is_manager(person=cycle.person), templates=offered
    )
    return [
        FindingView(
            code=finding.code,
            reason=str(finding.reason),
            goal=finding.goal,
            template=by_code.get(finding.template_code or ""),
            words=", ".join(f"“{word}”" for word in finding.words),
        )
        for finding in findings
    ]


def _cycle_context(request: HttpRequest, cycle: Cycle, **forms) -> dict:
    user = request.user
    is_person = selectors.is_person(viewer=user, cycle=cycle)
    goals = selectors.goals_visible_to(cycle=cycle, viewer=user)
    rows = _goal_rows(request, cycle, goals, forms.pop("send_back", None))
    talks = selectors.talks_of(cycle=cycle)
    return {
        "cycle": cycle,
        "is_person": is_person,
        "is_evaluator": selectors.is_evaluator(viewer=user, cycle=cycle),
        "may_edit": rules.has_perm("goals.edit_goals", user, cycle),
        "may_choose_second": cycle.is_open and cycle.evaluator_id == user.pk,
        "performance": [row for row in rows if row.goal.kind == GoalKind.PERFORMANCE],
        "development": [row for row in rows if row.goal.kind == GoalKind.DEVELOPMENT],
        "findings": _balance(cycle, goals),
        "talks": talks,
        "next_talk": selectors.next_talk(cycle=cycle),
        "earliest_next_talk": selectors.earliest_next_talk(cycle=cycle) if cycle.is_open else None,
        "evidence": selectors.evidence_visible_to(cycle=cycle, viewer=user),
        "history": selectors.history_of(cycle=cycle),
        "sheet_form": forms.get("sheet_form")
        or SheetChoiceForm(initial={"show_self_assessment": cycle.sheet_shows_self_assessment}),
        "second_form": forms.get("second_form") or SecondEvaluatorForm(),
        "may_stop": cycle.is_open and selectors.is_evaluator(viewer=user, cycle=cycle),
        "stop_form": forms.get("stop_form") or StopCycleForm(),
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cycle_detail(request: HttpRequest, public_id) -> HttpResponse:
    cycle = _cycle_or_404(request, public_id)
    forms: dict = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "sheet_choice":
            form = SheetChoiceForm(request.POST)
            if form.is_valid():
                try:
                    services.cycle_set_sheet_choice(
                        cycle=cycle,
                        actor=request.user,
                        show_self_assessment=form.cleaned_data["show_self_assessment"],
                    )
                except GoalsError as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, _("Your choice for the goals sheet is saved."))
                return redirect("goals:cycle", public_id=cycle.public_id)
            forms["sheet_form"] = form
        elif action in ("second_evaluator", "remove_second_evaluator"):
            done = _second_evaluator(request, cycle, action, forms)
            if done is not None:
                return done
        elif action == "stop":
            done = _stop(request, cycle, forms)
            if done is not None:
                return done
        else:
            raise Http404
    return render(request, "goals/cycle.html", _cycle_context(request, cycle, **forms))


def _stop(request: HttpRequest, cycle: Cycle, forms: dict) -> HttpResponse | None:
    form = StopCycleForm(request.POST)
    forms["stop_form"] = form
    if not form.is_valid():
        return None
    try:
        services.cycle_stop(cycle=cycle, actor=request.user, note=form.cleaned_data["note"])
    except GoalsError as error:
        # The person themselves, or a cycle that ended meanwhile: the form is not on their page.
        messages.error(request, str(error))
    else:
        messages.success(request, _("The cycle is stopped; its talks still to come are cancelled."))
    return redirect("goals:cycle", public_id=cycle.public_id)


def _second_evaluator(request: HttpRequest, cycle: Cycle, action: str, forms: dict):
    colleague = None
    if action == "second_evaluator":
        form = SecondEvaluatorForm(request.POST)
        forms["second_form"] = form
        if not form.is_valid():
            return None
        colleague = form.colleague
    try:
        services.cycle_set_second_evaluator(
            cycle=cycle, second_evaluator=colleague, actor=request.user
        )
    except GoalsError as error:
        if colleague is None:
            messages.error(request, str(error))
            return redirect("goals:cycle", public_id=cycle.public_id)
        forms["second_form"].add_error("email", str(error))
        return None
    if colleague is None:
        messages.success(request, _("The second evaluator is removed."))
    else:
        messages.success(
            request, _("%(name)s is now the second evaluator.") % {"name": _name(colleague)}
        )
    return redirect("goals:cycle", public_id=cycle.public_id)


# --- goals: drafting, agreeing, following -------------------------------------------------------


def _competencies(language: str) -> list[Competency]:
    """The skills of the framework the self-assessment uses, in its order."""
    instrument = assessment_selectors.active_instrument()
    framework = (
        instrument.framework
        if instrument is not None
        else framework_by_slug(slug=INNOVATION_FRAMEWORK_SLUG)
    )
    if framework is None:
        return []
    return list(
        Competency.objects.filter(framework=framework)
        .select_related("group")
        .order_by("group__position", "position", "slug")
    )


def _hub_choices(*, linked=(), posted=(), query: str = "") -> list:
    """The hub items the form offers: those linked or ticked, then those a search found."""
    seen: dict[int, Any] = {}
    ids = [number for value in posted if (number := posted_id(value)) is not None]
    for page in [*linked, *hub_items().filter(pk__in=ids), *find_hub_items(query)]:
        seen.setdefault(page.pk, page)
    return list(seen.values())


def _goal_form(
    form_class,
    cycle: Cycle,
    *,
    data=None,
    initial=None,
    linked=(),
    query: str = "",
    posted_pages=(),
):
    language = _language()
    return form_class(
        data,
        initial=initial,
        unit=cycle.unit,
        competencies=_competencies(language),
        hub_choices=_hub_choices(linked=linked, posted=posted_pages, query=query),
        language=language,
    )


def _posted_goal_form(request: HttpRequest, form_class, cycle: Cycle, *, linked=()):
    """The goal form as posted: a hub search keeps what was typed without judging it yet
    (its form is unbound), a save binds the data."""
    posted_pages = request.POST.getlist("hub_pages")
    if "find_hub" in request.POST:
        return _goal_form(
            form_class,
            cycle,
            initial=_initial_from_post(request.POST),
            linked=linked,
            query=request.POST.get("hub_query", ""),
            posted_pages=posted_pages,
        )
    return _goal_form(
        form_class, cycle, data=request.POST, linked=linked, posted_pages=posted_pages
    )


def _initial_from_post(post) -> dict:
    """The posted values as a form's initial values: a hub search keeps what was typed without
    judging it yet."""
    initial: dict[str, Any] = {key: post.get(key) for key in post if key != "hub_pages"}
    initial["hub_pages"] = post.getlist("hub_pages")
    initial["follows_climate"] = bool(post.get("follows_climate"))
    return initial


def _goal_initial(goal: Goal) -> dict:
    return {
        "version": goal.version,
        "kind": goal.kind,
        "innovation": goal.innovation,
        "title": goal.title,
        "indicator": goal.indicator,
        "target": goal.target,
        "due_on": goal.due_on,
        "objective": goal.objective_id,
        "competency": goal.competency_id,
        "hub_pages": [page.pk for page in goal.hub_pages.all()],
        "follows_climate": goal.follows_climate,
    }


FIELD_LABELS = {
    "kind": GoalForm.base_fields["kind"].label,
    "innovation": GoalForm.base_fields["innovation"].label,
    "title": GoalForm.base_fields["title"].label,
    "indicator": GoalForm.base_fields["indicator"].label,
    "target": GoalForm.base_fields["target"].label,
    "due_on": GoalForm.base_fields["due_on"].label,
    "objective": GoalForm.base_fields["objective"].label,
    "competency": GoalForm.base_fields["competency"].label,
    "follows_climate": GoalForm.base_fields["follows_climate"].label,
}


def _readable(snapshot: dict) -> dict:
    """A goal snapshot as people read it: labels for codes, words for yes and no."""
    kind = snapshot.get("kind") or ""
    innovation = snapshot.get("innovation") or ""
    due = snapshot.get("due_on") or ""
    return {
        **snapshot,
        "kind": str(GoalKind(kind).label) if kind in GoalKind.values else kind,
        "innovation": str(InnovationKind(innovation).label)
        if innovation in InnovationKind.values
        else _("Not an innovation goal"),
        "due_on": _day(due) if not isinstance(due, str) else due,
        "follows_climate": _("Yes") if snapshot.get("follows_climate") else _("No"),
    }


def _yours(fields: dict) -> dict:
    return {
        "kind": fields["kind"],
        "innovation": fields["innovation"],
        "title": fields["title"],
        "indicator": fields["indicator"],
        "target": fields["target"],
        "due_on": fields["due_on"].isoformat() if fields["due_on"] else "",
        "objective": fields["objective"].title if fields["objective"] else "",
        "competency": str(fields["competency"]) if fields["competency"] else "",
        "follows_climate": fields["follows_climate"],
    }


def _conflict_rows(theirs: dict, yours: dict) -> list[tuple[str, Any, Any, bool]]:
    theirs, yours = _readable(theirs), _readable(yours)
    return [
        (str(label), theirs.get(key, ""), yours.get(key, ""), theirs.get(key) != yours.get(key))
        for key, label in FIELD_LABELS.items()
    ]


def _form_after_conflict(request, context, form_class, cycle, form, *, stale, fields, linked):
    """Someone saved the goal in between: show what they saved beside what this person wrote,
    and give the form back with their words on the version now stored."""
    context["conflict"] = _conflict_rows(selectors.goal_snapshot(stale.saved), _yours(fields))
    redone = _goal_form(
        form_class,
        cycle,
        data=_after_conflict(form, stale.saved.version),
        linked=linked,
        posted_pages=request.POST.getlist("hub_pages"),
    )
    redone.is_valid()
    return redone


def _after_conflict(form, saved_version: int):
    """The same posted values, now carrying the saved version: saving again overwrites what
    the other person saved, knowingly."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(saved_version)
    return data


def _offered_template(cycle: Cycle, code: str | None) -> GoalTemplate | None:
    if not code:
        return None
    for template in selectors.templates_for(person=cycle.person):
        if template.code == code:
            return template
    return None


def _template_cards(cycle: Cycle, language: str) -> list[dict]:
    cards = []
    for template in selectors.templates_for(person=cycle.person):
        cards.append(
            {
                "template": template,
                "title": localize(template.title, language),
                "indicator": localize(template.indicator, language),
                "target": localize(template.target, language),
                "guidance": localize(template.guidance, language),
            }
        )
    return cards


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, public_id) -> HttpResponse:
    cycle = _cycle_or_404(request, public_id)
    if not rules.has_perm("goals.edit_goals", request.user, cycle):
        raise PermissionDenied
    language = _language()
    if request.method == "POST":
        form = _posted_goal_form(request, GoalForm, cycle)
        if form.is_bound and form.is_valid():
            fields = form.goal_fields()
            try:
                goal = services.goal_create(
                    cycle=cycle,
                    actor=request.user,
                    template=_offered_template(cycle, form.cleaned_data.get("template")),
                    **fields,
                )
            except GoalsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your draft is saved. Only you see it until you propose it to your "
                        "evaluator."
                    ),
                )
                return redirect(
                    reverse("goals:cycle", args=[cycle.public_id]) + f"#goal-{goal.public_id}"
                )
    else:
        template = _offered_template(cycle, request.GET.get("template"))
        initial: dict[str, Any] = {}
        if template is not None:
            initial = {
                "template": template.code,
                "kind": template.kind,
                "innovation": template.innovation,
                **selectors.template_texts(template, language),
            }
        elif request.GET.get("template"):
            messages.info(
                request, _("That template is not offered to you: start from an empty form.")
            )
        form = _goal_form(GoalForm, cycle, initial=initial)
    return render(
        request,
        "goals/goal_form.html",
        {
            "cycle": cycle,
            "form": form,
            "goal": None,
            "templates": _template_cards(cycle, language),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, public_id) -> HttpResponse:
    goal = _goal_or_404(request, public_id)
    cycle = goal.cycle
    if not selectors.is_person(viewer=request.user, cycle=cycle):
        raise PermissionDenied
    context: dict[str, Any] = {"cycle": cycle, "goal": goal, "templates": []}
    if goal.agreement != Agreement.DRAFT or not cycle.is_open:
        # An agreed goal changes only in an interim talk; a proposed one is taken back first.
        interim = [
            talk
            for talk in selectors.talks_of(cycle=cycle)
            if talk.kind == TalkKind.INTERIM and talk.status == TalkStatus.SCHEDULED
        ]
        return render(
            request,
            "goals/goal_locked.html",
            {**context, "interim_talks": interim if goal.agreement == Agreement.AGREED else []},
        )
    linked = list(goal.hub_pages.all())
    if request.method == "POST":
        form = _posted_goal_form(request, GoalForm, cycle, linked=linked)
        if form.is_bound and form.is_valid():
            fields = form.goal_fields()
            try:
                services.goal_update_draft(
                    goal=goal,
                    actor=request.user,
                    version=form.cleaned_data.get("version") or 0,
                    fields=fields,
                )
            except StaleEdit as stale:
                form = _form_after_conflict(
                    request,
                    context,
                    GoalForm,
                    cycle,
                    form,
                    stale=stale,
                    fields=fields,
                    linked=linked,
                )
            except GoalsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your draft is saved."))
                return redirect(
                    reverse("goals:cycle", args=[cycle.public_id]) + f"#goal-{goal.public_id}"
                )
    else:
        form = _goal_form(GoalForm, cycle, initial=_goal_initial(goal), linked=linked)
    return render(request, "goals/goal_form.html", {**context, "form": form})


GOAL_ACTIONS = ("propose", "take-back", "delete", "agree", "send-back", "progress")


@never_cache
@login_required
@require_POST
def goal_action(request: HttpRequest, public_id, action: str) -> HttpResponse:
    if action not in GOAL_ACTIONS:
        raise Http404
    goal = _goal_or_404(request, public_id)
    cycle = goal.cycle
    back = _back_to(request, cycle)
    user = request.user
    try:
        if action == "propose":
            services.goal_propose(goal=goal, actor=user)
            messages.success(request, _("Your goal is proposed to your evaluator."))
        elif action == "take-back":
            services.goal_take_back(goal=goal, actor=user)
            messages.success(request, _("The goal is your private draft again."))
        elif action == "delete":
            services.goal_delete_draft(goal=goal, actor=user)
            messages.success(request, _("The draft is deleted."))
        elif action == "agree":
            services.goal_agree(goal=goal, actor=user)
            messages.success(request, _("You agreed to this goal."))
        elif action == "send-back":
            form = SendBackForm(request.POST, prefix=f"goal-{goal.pk}")
            if not form.is_valid():
                return _cycle_again(request, cycle, {goal.pk: form})
            try:
                services.goal_send_back(goal=goal, actor=user, reason=form.cleaned_data["reason"])
            except GoalsError as error:
                form.add_error("reason", str(error))
                return _cycle_again(request, cycle, {goal.pk: form})
            messages.success(request, _("The goal is sent back with your note."))
        else:
            return _progress(request, goal, back)
    except GoalsError as error:
        messages.error(request, str(error))
    return redirect(back)


def _cycle_again(request: HttpRequest, cycle: Cycle, send_back: dict) -> HttpResponse:
    return render(request, "goals/cycle.html", _cycle_context(request, cycle, send_back=send_back))


def _back_to(request: HttpRequest, cycle: Cycle) -> str:
    """The talk page the action was sent from, when it is one of this cycle's; else the cycle."""
    talk_id = request.POST.get("talk", "")
    if talk_id:
        public_id = _uuid_or_none(talk_id)
        talk = selectors.talk_for(public_id=public_id, viewer=request.user) if public_id else None
        if talk is not None and talk.cycle_id == cycle.pk:
            return reverse("goals:talk", args=[talk.public_id])
    return reverse("goals:cycle", args=[cycle.public_id])


def _progress(request: HttpRequest, goal: Goal, back: str) -> HttpResponse:
    form = ProgressForm(request.POST, prefix=f"goal-{goal.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses in the list."))
        return redirect(back)
    chosen = form.cleaned_data["progress"]
    try:
        services.goal_set_progress(
            goal=goal, actor=request.user, progress=chosen, version=form.cleaned_data["version"]
        )
    except StaleEdit as stale:
        messages.error(
            request,
            _(
                'Someone else changed the goal "%(goal)s" while you were choosing: its status '
                'is now "%(theirs)s". You chose "%(yours)s": choose again if it still applies.'
            )
            % {
                "goal": stale.saved.title,
                "theirs": stale.saved.get_progress_display(),
                "yours": GoalProgress(chosen).label,
            },
        )
    except GoalsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The goal's status is saved."))
    return redirect(back)


# --- talks --------------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def talk_new(request: HttpRequest, public_id) -> HttpResponse:
    cycle = _cycle_or_404(request, public_id)
    if not cycle.is_open:
        raise PermissionDenied
    earliest = selectors.earliest_next_talk(cycle=cycle)
    if request.method == "POST":
        form = TalkForm(request.POST)
        if form.is_valid():
            try:
                talk = services.talk_schedule(
                    cycle=cycle,
                    kind=form.cleaned_data["kind"],
                    planned_on=form.cleaned_data["planned_on"],
                    actor=request.user,
                )
            except GoalsError as error:
                form.add_error("planned_on", str(error))
            else:
                messages.success(request, _("The talk is planned."))
                return redirect("goals:talk", public_id=talk.public_id)
    else:
        form = TalkForm(initial={"kind": TalkKind.INTERIM, "planned_on": earliest})
    return render(
        request, "goals/talk_form.html", {"cycle": cycle, "form": form, "earliest": earliest}
    )


def _notes_side(talk: Talk, viewer) -> str | None:
    if selectors.is_person(viewer=viewer, cycle=talk.cycle):
        return "person"
    if selectors.is_evaluator(viewer=viewer, cycle=talk.cycle):
        return "evaluator"
    return None


def _notes_form(talk: Talk, side: str | None, data=None) -> NotesForm | None:
    if side is None:
        return None
    return NotesForm(
        data,
        initial={
            "notes": getattr(talk, f"{side}_notes"),
            "version": getattr(talk, f"{side}_notes_version"),
        },
        prefix="notes",
    )


@dataclass
class TalkGoal:
    goal: Goal
    progress_form: ProgressForm | None


def _talk_context(request: HttpRequest, talk: Talk, **extra) -> dict:
    cycle = talk.cycle
    user = request.user
    side = _notes_side(talk, user)
    goals = selectors.goals_visible_to(cycle=cycle, viewer=user)
    agreed = [goal for goal in goals if goal.agreement == Agreement.AGREED]
    scheduled = talk.status == TalkStatus.SCHEDULED
    return {
        "talk": talk,
        "cycle": cycle,
        "side": side,
        "is_person": side == "person",
        "notes_form": extra.get("notes_form") or _notes_form(talk, side),
        "hold_form": extra.get("hold_form") or HoldForm(initial={"held_on": timezone.localdate()}),
        "may_hold": scheduled and rules.has_perm("goals.hold_talks", user, cycle),
        "may_cancel": scheduled and cycle.is_open and talk.kind != TalkKind.PLANNING,
        "may_move": scheduled and cycle.is_open,
        "move_form": extra.get("move_form")
        or MoveTalkForm(initial={"planned_on": talk.planned_on}),
        "conflict": extra.get("conflict"),
        "goals": [
            TalkGoal(
                goal=goal,
                progress_form=ProgressForm(
                    initial={"progress": goal.progress, "version": goal.version},
                    prefix=f"goal-{goal.pk}",
                )
                if cycle.is_open
                else None,
            )
            for goal in agreed
        ],
        "other_goals": [goal for goal in goals if goal.agreement != Agreement.AGREED],
        "findings": _balance(cycle, goals)
        if talk.kind == TalkKind.PLANNING and scheduled
        else None,
        "may_change_goals": talk.kind == TalkKind.INTERIM and scheduled and cycle.is_open,
        "earliest": selectors.earliest_next_talk(cycle=cycle, excluding=talk)
        if scheduled
        else None,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def talk_detail(request: HttpRequest, public_id) -> HttpResponse:
    talk = _talk_or_404(request, public_id)
    extra: dict[str, Any] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "notes":
            done = _save_notes(request, talk, extra)
        elif action == "hold":
            done = _hold(request, talk, extra)
        elif action == "move":
            done = _move(request, talk, extra)
        elif action == "cancel":
            try:
                services.talk_cancel(talk=talk, actor=request.user)
            except GoalsError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The talk is cancelled."))
            done = redirect("goals:talk", public_id=talk.public_id)
        else:
            raise Http404
        if done is not None:
            return done
        talk = _talk_or_404(request, public_id)
    return render(request, "goals/talk.html", _talk_context(request, talk, **extra))


def _save_notes(request: HttpRequest, talk: Talk, extra: dict) -> HttpResponse | None:
    side = _notes_side(talk, request.user)
    form = _notes_form(talk, side, data=request.POST)
    extra["notes_form"] = form
    if form is None or not form.is_valid():
        return None
    notes = form.cleaned_data["notes"]
    try:
        services.talk_save_notes(
            talk=talk, actor=request.user, notes=notes, version=form.cleaned_data["version"]
        )
    except StaleEdit as stale:
        saved = stale.saved
        extra["conflict"] = [
            (_("Notes"), getattr(saved, f"{side}_notes"), notes, True),
        ]
        extra["notes_form"] = _notes_form(
            talk, side, data=_after_conflict(form, getattr(saved, f"{side}_notes_version"))
        )
        extra["notes_form"].is_valid()
        return None
    except GoalsError as error:
        form.add_error("notes", str(error))
        return None
    messages.success(request, _("Your notes are saved."))
    return redirect("goals:talk", public_id=talk.public_id)


def _move(request: HttpRequest, talk: Talk, extra: dict) -> HttpResponse | None:
    form = MoveTalkForm(request.POST)
    extra["move_form"] = form
    if not form.is_valid():
        return None
    try:
        moved = services.talk_reschedule(
            talk=talk, planned_on=form.cleaned_data["planned_on"], actor=request.user
        )
    except GoalsError as error:
        form.add_error("planned_on", str(error))
        return None
    messages.success(
        request,
        _("The talk is moved to %(date)s.")
        % {"date": date_format(moved.planned_on, "DATE_FORMAT")},
    )
    return redirect("goals:talk", public_id=talk.public_id)


def _hold(request: HttpRequest, talk: Talk, extra: dict) -> HttpResponse | None:
    form = HoldForm(request.POST)
    extra["hold_form"] = form
    if not form.is_valid():
        return None
    try:
        services.talk_hold(talk=talk, actor=request.user, held_on=form.cleaned_data["held_on"])
    except GoalsError as error:
        form.add_error("held_on", str(error))
        return None
    messages.success(request, _("The talk is recorded as held."))
    return redirect("goals:talk", public_id=talk.public_id)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def goal_change(request: HttpRequest, talk_id, goal_id) -> HttpResponse:
    talk = _talk_or_404(request, talk_id)
    goal = _goal_or_404(request, goal_id)
    if goal.cycle_id != talk.cycle_id:
        raise Http404
    cycle = talk.cycle
    context: dict[str, Any] = {"talk": talk, "goal": goal, "cycle": cycle}
    if not (
        talk.kind == TalkKind.INTERIM
        and talk.status == TalkStatus.SCHEDULED
        and goal.agreement == Agreement.AGREED
        and cycle.is_open
    ):
        return render(request, "goals/goal_locked.html", {**context, "interim_talks": []})
    linked = list(goal.hub_pages.all())
    if request.method == "POST":
        form = _posted_goal_form(request, GoalChangeForm, cycle, linked=linked)
        if form.is_bound and form.is_valid():
            fields = form.goal_fields()
            try:
                services.goal_change_in_talk(
                    goal=goal,
                    talk=talk,
                    actor=request.user,
                    version=form.cleaned_data.get("version") or 0,
                    reason=form.cleaned_data["reason"],
                    fields=fields,
                )
            except StaleEdit as stale:
                form = _form_after_conflict(
                    request,
                    context,
                    GoalChangeForm,
                    cycle,
                    form,
                    stale=stale,
                    fields=fields,
                    linked=linked,
                )
            except GoalsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The goal is changed; the reason is kept."))
                return redirect("goals:talk", public_id=talk.public_id)
    else:
        form = _goal_form(GoalChangeForm, cycle, initial=_goal_initial(goal), linked=linked)
    return render(request, "goals/goal_change.html", {**context, "form": form})


# --- evidence -----------------------------------------------------------------------------------


def _assessment_choices(user) -> list[tuple[int, str]]:
    return [
        (
            assessment.pk,
            _("Self-assessment of %(date)s") % {"date": _day(assessment.submitted_at)},
        )
        # The list needs the dates alone; the scores are the person's answers.
        for assessment in assessment_selectors.submitted_assessments(owner=user).defer("scores")
    ]


def _round_choices(user) -> list[tuple[int, str]]:
    return [
        (
            round_.pk,
            _("360 feedback round closed on %(date)s")
            % {"date": _day(round_.closed_at or round_.closes_on)},
        )
        for round_ in feedback_selectors.rounds_of(owner=user).filter(status=RoundStatus.CLOSED)
    ]


def _experiment_choices(user) -> list[tuple[int, str]]:
    choices = []
    for experiment in selectors.citable_experiments(person=user):
        if experiment.decision:
            label = _("%(title)s (%(status)s: %(decision)s)") % {
                "title": experiment.title,
                "status": experiment.get_status_display(),
                "decision": experiment.get_decision_display(),
            }
        else:
            label = _("%(title)s (%(status)s)") % {
                "title": experiment.title,
                "status": experiment.get_status_display(),
            }
        choices.append((experiment.pk, label))
    return choices


def _goal_hub_pages(cycle: Cycle) -> list:
    pages: dict[int, Any] = {}
    for goal in cycle.goals.prefetch_related("hub_pages"):
        for page in goal.hub_pages.all():
            if page.live:
                pages.setdefault(page.pk, page)
    return list(pages.values())


def _evidence_forms(request: HttpRequest, cycle: Cycle, query: str, bound: dict) -> dict:
    user = request.user
    hub_pages = _goal_hub_pages(cycle)
    found = list(find_hub_items(query))
    hub_choices = {page.pk: page for page in [*hub_pages, *found]}
    return {
        "assessment_form": bound.get("self_assessment")
        or EvidenceChoiceForm(
            choices=_assessment_choices(user),
            label=_("Your self-assessment"),
            prefix="self_assessment",
        ),
        "round_form": bound.get("feedback_report")
        or EvidenceChoiceForm(
            choices=_round_choices(user), label=_("Your 360 feedback report"), prefix="round"
        ),
        "hub_form": bound.get("hub_item")
        or EvidenceChoiceForm(
            choices=[(pk, page.title) for pk, page in hub_choices.items()],
            label=_("Knowledge hub item"),
            prefix="hub",
        ),
        "experiment_form": bound.get("experiment")
        or EvidenceChoiceForm(
            choices=_experiment_choices(user), label=_("Your experiment"), prefix="experiment"
        ),
        "search_form": HubSearchForm(request.GET if "q" in request.GET else None),
        "found": found,
        "searched": bool(query.strip()),
    }


EVIDENCE_ACTIONS = {
    EvidenceKind.SELF_ASSESSMENT: "self_assessment",
    EvidenceKind.FEEDBACK_REPORT: "round",
    EvidenceKind.HUB_ITEM: "hub",
    EvidenceKind.EXPERIMENT: "experiment",
}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def evidence(request: HttpRequest, public_id) -> HttpResponse:
    cycle = _cycle_or_404(request, public_id)
    may_add = rules.has_perm("goals.add_evidence", request.user, cycle)
    bound: dict = {}
    if request.method == "POST":
        if not selectors.is_person(viewer=request.user, cycle=cycle):
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action == "withdraw":
            return _withdraw(request, cycle)
        if action not in EVIDENCE_ACTIONS:
            raise Http404
        done = _add_evidence(request, cycle, action, bound)
        if done is not None:
            return done
    query = request.GET.get("q", "") if may_add else ""
    context = {
        "cycle": cycle,
        "is_person": selectors.is_person(viewer=request.user, cycle=cycle),
        "may_add": may_add,
        "evidence": selectors.evidence_visible_to(cycle=cycle, viewer=request.user),
    }
    if may_add:
        context.update(_evidence_forms(request, cycle, query, bound))
    return render(request, "goals/evidence.html", context)


def _add_evidence(request: HttpRequest, cycle: Cycle, kind: str, bound: dict):
    user = request.user
    prefix = EVIDENCE_ACTIONS[kind]
    if kind == EvidenceKind.SELF_ASSESSMENT:
        choices = _assessment_choices(user)
    elif kind == EvidenceKind.FEEDBACK_REPORT:
        choices = _round_choices(user)
    elif kind == EvidenceKind.EXPERIMENT:
        choices = _experiment_choices(user)
    else:
        number = posted_id(request.POST.get(f"{prefix}-choice", ""))
        page = hub_items().filter(pk=number).first() if number is not None else None
        choices = [(page.pk, page.title)] if page is not None else []
    form = EvidenceChoiceForm(request.POST, choices=choices, prefix=prefix)
    bound[kind] = form
    if not form.is_valid():
        return None
    chosen = form.cleaned_data["choice"]
    target: dict[str, Any] = {}
    if kind == EvidenceKind.SELF_ASSESSMENT:
        target["assessment"] = assessment_selectors.submitted_assessments(owner=user).get(pk=chosen)
    elif kind == EvidenceKind.FEEDBACK_REPORT:
        target["feedback_round"] = feedback_selectors.rounds_of(owner=user).get(pk=chosen)
    elif kind == EvidenceKind.EXPERIMENT:
        target["experiment"] = selectors.citable_experiments(person=user).get(pk=chosen)
    else:
        target["hub_page"] = hub_items().get(pk=chosen)
    try:
        services.evidence_add(cycle=cycle, actor=user, kind=kind, **target)
    except GoalsError as error:
        form.add_error("choice", str(error))
        return None
    messages.success(request, _("Added. Your evaluator can read it until you withdraw it."))
    return redirect("goals:evidence", public_id=cycle.public_id)


def _withdraw(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    chosen = selectors.evidence_for(
        public_id=_uuid_or_none(request.POST.get("evidence")), viewer=request.user
    )
    if chosen is None or chosen.cycle_id != cycle.pk:
        raise Http404
    try:
        services.evidence_withdraw(evidence=chosen, actor=request.user)
    except GoalsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Withdrawn: your evaluators no longer see it."))
    return redirect("goals:evidence", public_id=cycle.public_id)


def _uuid_or_none(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


@dataclass
class AssessmentSummary:
    """One self-assessment as the person added it: its scores, strengths and areas to grow."""

    assessment: Any
    rows: list[tuple[Any, float | None]]
    strengths: list[tuple[Any, float | None]]
    growth: list[tuple[Any, float | None]]
    minimum: int
    maximum: int
    summary: str


def _assessment_summary(assessment, language: str) -> AssessmentSummary:
    """The summary of exactly the added assessment: the owner's later ones stay theirs."""
    instrument = assessment.instrument
    competencies = list(
        Competency.objects.filter(framework=instrument.framework, subscales__instrument=instrument)
        .order_by("position")
        .distinct()
    )
    stored = assessment.scores or {}
    means = {c.slug: (stored.get(c.slug) or {}).get("mean") for c in competencies}
    names = {c.slug: localize(c.name, language) for c in competencies}
    rows = [(names[c.slug], means[c.slug]) for c in competencies]
    strong, grow = strengths_and_growth(means)
    strengths = [(names[slug], means[slug]) for slug in strong]
    growth = [(names[slug], means[slug]) for slug in grow]
    maximum = instrument.scale.maximum
    if not strengths:
        summary = _("There were not enough answers to score the skills.")
    elif not growth:
        summary = _("The strongest skill is %(skill)s, with %(score)s out of %(maximum)s.") % {
            "skill": strengths[0][0].text,
            "score": format_score(strengths[0][1]),
            "maximum": maximum,
        }
    else:
        summary = _(
            "The strongest skill is %(strong)s (%(strong_score)s out of %(maximum)s); "
            "%(growth)s (%(growth_score)s) has the most room to grow."
        ) % {
            "strong": strengths[0][0].text,
            "strong_score": format_score(strengths[0][1]),
            "maximum": maximum,
            "growth": growth[0][0].text,
            "growth_score": format_score(growth[0][1]),
        }
    return AssessmentSummary(
        assessment=assessment,
        rows=rows,
        strengths=strengths,
        growth=growth,
        minimum=instrument.scale.minimum,
        maximum=maximum,
        summary=summary,
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def evidence_view(request: HttpRequest, public_id) -> HttpResponse:
    chosen: Evidence | None = selectors.evidence_for(public_id=public_id, viewer=request.user)
    if chosen is None or not rules.has_perm("goals.view_cycle", request.user, chosen.cycle):
        raise Http404
    language = _language()
    context: dict[str, Any] = {"evidence": chosen, "cycle": chosen.cycle}
    added = (
        selectors.evidence_assessment(evidence=chosen)
        if chosen.kind == EvidenceKind.SELF_ASSESSMENT and chosen.assessment_id
        else None
    )
    if added is not None:
        context["assessment"] = _assessment_summary(added, language)
    elif chosen.kind == EvidenceKind.FEEDBACK_REPORT and chosen.feedback_round_id:
        round_ = chosen.feedback_round
        # The report's own reading, so that its anonymity rules hold here as on its page.
        if feedback_selectors.report_is_open(round_):
            report = feedback_selectors.build_report(round_=round_, language=language)
            context["report"] = report
            context["report_summary"] = feedback_selectors.overview_summary(report)
    elif chosen.kind == EvidenceKind.HUB_ITEM and chosen.hub_page_id:
        page = chosen.hub_page
        context["hub_page"] = page
        context["hub_url"] = page.get_url(request)
    elif chosen.kind == EvidenceKind.EXPERIMENT:
        context["experiment"] = selectors.evidence_experiment(evidence=chosen, viewer=request.user)
    return render(request, "goals/evidence_view.html", context)
