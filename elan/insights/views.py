# SPDX-License-Identifier: EUPL-1.2
"""Thin views: parse the request, check who may see it (selectors and rules), call one service or
a few selectors, render. Every figure shown comes from the guard's published decisions."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from elan.core.charts import (
    MAX_HEATMAP_ROWS,
    bars_svg,
    distance_legend,
    heatmap_svg,
    trend_svg,
)
from elan.core.ids import posted_id
from elan.insights import exports, selectors, services
from elan.insights.constants import (
    CAMPAIGN_TRANSITIONS,
    FAVOURABLE_FROM,
    FILTER_ATTRIBUTES,
    FILTER_LABELS,
    MAX_ACTIONS_PER_PLAN,
    PART_COMMENTS,
    TRANSITION_LABELS,
    CampaignStatus,
    CompareWith,
    Scope,
)
from elan.insights.forms import (
    ActionCheckForm,
    ActionForm,
    CampaignForm,
    ReleaseForm,
    ResponseForm,
    SurveyDraft,
    SurveyPage,
    survey_pages,
)
from elan.insights.instruments import MEAN, instrument_for
from elan.insights.models import Action, Campaign, Round
from elan.insights.suggestions import suggestions_for
from elan.insights.summaries import (
    change_summary,
    heatmap_summary,
    team_summary,
    trend_summary,
)
from elan.insights.templatetags.insights import CellRenderer, gap_reason
from elan.organisations.constants import GradeBand
from elan.organisations.rules import is_team_lead_of

DEPTHS = {"1": 1, "2": 2, "3": 3, "all": 64}


# --- Helpers -------------------------------------------------------------------------------------


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("unit"), pk=pk)


def _managed_campaign(request: HttpRequest, pk: int) -> Campaign:
    campaign = _campaign(pk)
    if not rules.has_perm("insights.manage_campaign", request.user, campaign):
        raise Http404
    return campaign


@dataclass
class Report:
    campaign: Campaign
    round: Round
    rounds: list[Round]
    view: selectors.RoundView
    attribute: str
    value: str
    scope: str

    def query(self, **changes) -> str:
        params = {
            "round": self.round.number,
            "filter": f"{self.attribute}:{self.value}" if self.attribute else "",
            "scope": self.scope,
        }
        params.update(changes)

        return "?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})


def _report(request: HttpRequest, pk: int) -> Report:
    """The campaign, closed round, filter and scope a report asks for; 404 on anything else."""
    campaign = _campaign(pk)
    rounds = selectors.closed_rounds(campaign)
    if not rounds:
        raise Http404
    raw_round = request.GET.get("round", "")
    if raw_round:
        matching = [r for r in rounds if str(r.number) == raw_round]
        if not matching:
            raise Http404
        round_ = matching[0]
    else:
        round_ = rounds[-1]
    try:
        attribute, value = selectors.parse_filter(request.GET.get("filter"))
    except ValueError:
        raise Http404 from None
    scope = request.GET.get("scope", Scope.UNIT)
    if scope not in Scope.values:
        raise Http404
    view = selectors.round_view(user=request.user, round_=round_)
    if not rules.has_perm("insights.view_results", request.user, view):
        raise Http404
    return Report(campaign, round_, rounds, view, attribute, value, scope)


def _filter_options(report: Report) -> list[dict]:
    options = [{"label": _("Everyone"), "value": "", "current": not report.attribute}]
    for attribute in FILTER_ATTRIBUTES:
        for value in selectors.FILTER_VALUES[attribute]:
            options.append(
                {
                    "label": f"{FILTER_LABELS[attribute]}: {_value_label(attribute, value)}",
                    "value": f"{attribute}:{value}",
                    "current": report.attribute == attribute and report.value == value,
                }
            )
    return options


def _value_label(attribute: str, value: str) -> str:
    if attribute == "language":
        return translation.get_language_info(value)["name_translated"]

    return str(GradeBand(value).label)


def _compared_with(comparison: selectors.Comparison) -> str:
    """What the colours compare with, to finish "compared with …"."""
    if comparison.kind == CompareWith.ORGANISATION:
        if comparison.subject:
            return _("the whole survey (%(unit)s)") % {"unit": comparison.subject}
        return _("the whole survey")
    if comparison.kind == CompareWith.PARENT:
        return _("the unit above each unit")
    if comparison.previous_round is not None:
        return _("the same group in round %(number)s") % {
            "number": comparison.previous_round.number
        }
    return _("the previous round")


def _filter_label(report: Report) -> str:
    if not report.attribute:
        return ""
    return f"{FILTER_LABELS[report.attribute]}: {_value_label(report.attribute, report.value)}"


# --- Home and campaigns --------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "insights/home.html",
        {
            "invitations": selectors.open_invitations(user=user),
            "results": selectors.campaigns_with_results_for(user=user),
            "managed": selectors.campaigns_managed_by(user=user),
            "may_run": rules.has_perm("insights.run_campaigns", user),
        },
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("insights.run_campaigns", request.user):
        raise Http404
    units = selectors.units_user_may_survey(user=request.user)
    form = CampaignForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(by=request.user, **form.campaign_data())
        except services.InsightsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The campaign is saved as a draft."))
            return redirect("insights:campaign_detail", pk=campaign.pk)
    return render(request, "insights/campaign_form.html", {"form": form, "campaign": None})


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, pk)
    if campaign.status != CampaignStatus.DRAFT:
        # The thresholds are locked once a campaign opens (409: the resource's state forbids it).
        return render(request, "insights/campaign_locked.html", {"campaign": campaign}, status=409)
    units = selectors.units_user_may_survey(user=request.user)
    initial = CampaignForm.initial_for(campaign)
    form = CampaignForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(campaign=campaign, by=request.user, **form.campaign_data())
        except services.InsightsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect("insights:campaign_detail", pk=campaign.pk)
    return render(request, "insights/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, pk)
    rounds = list(campaign.rounds.order_by("number"))
    # The next round keeps to the campaign's schedule: the button appears on its first day.
    next_round = None
    if CampaignStatus.OPEN in CAMPAIGN_TRANSITIONS[campaign.status]:
        opens_on = selectors.next_round_opens_on(campaign=campaign)
        if opens_on is not None:
            next_round = {
                "number": rounds[-1].number + 1 if rounds else 1,
                "opens_on": opens_on,
                "later": selectors.today() < opens_on,
            }
    transitions = [
        {"to": to, "label": TRANSITION_LABELS[to]}
        for to in sorted(CAMPAIGN_TRANSITIONS[campaign.status])
        if to != CampaignStatus.OPEN or (next_round is not None and not next_round["later"])
    ]
    names = {code: str(name) for code, name in settings.LANGUAGES}
    return render(
        request,
        "insights/campaign_detail.html",
        {
            "campaign": campaign,
            "written_in": [
                {"name": names[code], "description": bool(campaign.descriptions.get(code))}
                for code in names
                if campaign.titles.get(code)
            ],
            "missing_languages": [names[code] for code in names if not campaign.titles.get(code)],
            "instrument": instrument_for(campaign.instrument),
            "rounds": rounds,
            "transitions": transitions,
            "next_round": next_round,
            "may_see_results": selectors.may_see_results(user=request.user, campaign=campaign),
        },
    )


@login_required
def campaign_transition(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    to = request.POST.get("to", "")
    try:
        services.campaign_transition(campaign=campaign, to=to, by=request.user)
    except services.InsightsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The campaign's status has changed."))
    return redirect("insights:campaign_detail", pk=campaign.pk)


@login_required
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.reminders_send(campaign=campaign)
    except services.InsightsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A reminder goes to everyone who has not answered yet."))
    return redirect("insights:campaign_detail", pk=campaign.pk)


# --- Answering -----------------------------------------------------------------------------------


SURVEY_ACTIONS = ("next", "back", "send")


@never_cache
@login_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey, page by page. The answers of the pages done travel with the form, signed
    (``SurveyDraft``); nothing is stored until the last page sends them all, in one
    transaction, as before. A page that misses a required answer comes back with an error
    summary and what was given; sending checks every page and returns to the first that
    misses one."""
    campaign = _campaign(pk)
    participation = selectors.participation_for(user=request.user, campaign=campaign)
    if not rules.has_perm("insights.answer_survey", request.user, participation):
        raise Http404
    if campaign.status != CampaignStatus.OPEN:
        raise Http404
    if not participation.round.opens_on <= selectors.today() <= participation.round.closes_on:
        raise Http404  # past its closing date: the daily job closes it
    if participation.responded_on is not None:
        return render(request, "insights/already_answered.html", {"campaign": campaign})
    instrument = instrument_for(campaign.instrument)
    pages = survey_pages(instrument)
    draft = SurveyDraft(
        instrument=instrument, round_id=participation.round_id, user_id=request.user.pk
    )

    def page_view(page: SurveyPage, form: ResponseForm, answers: dict) -> HttpResponse:
        return render(
            request,
            "insights/respond.html",
            {
                "campaign": campaign,
                "round": participation.round,
                "instrument": instrument,
                "form": form,
                "page": page,
                "page_count": len(pages),
                "draft": draft.dump(answers),
                "preview": selectors.visibility_preview(participation=participation)
                if page.number == 1
                else None,
            },
        )

    if request.method != "POST":
        return page_view(pages[0], ResponseForm(instrument=instrument, page=pages[0]), {})
    answers = draft.load(request.POST)
    number = posted_id(request.POST.get("page", ""))
    page = pages[number - 1] if number is not None and 1 <= number <= len(pages) else None
    action = request.POST.get("action", "")
    # Without a page (a client that sends every answer at once), anything is a send.
    if page is None or action not in SURVEY_ACTIONS:
        action = "send"
    data = SurveyDraft.form_data(request.POST, answers, page)
    current = ResponseForm(data, instrument=instrument, page=page)
    current.is_valid()
    answers = current.kept_in(answers)
    if page is not None and action == "back":
        previous = pages[max(page.number - 2, 0)]
        form = ResponseForm(instrument=instrument, page=previous, initial=answers)
        return page_view(previous, form, answers)
    if page is not None and action == "next" and not page.is_last:
        if current.errors:
            return page_view(page, current, answers)
        following = pages[page.number]
        return page_view(
            following, ResponseForm(instrument=instrument, page=following, initial=answers), answers
        )
    whole = ResponseForm(data, instrument=instrument)
    if whole.is_valid():
        try:
            services.response_submit(
                round_id=participation.round_id,
                user=request.user,
                answers=whole.answers(),
                comment=whole.cleaned_data.get("comment", ""),
            )
        except services.AlreadyAnswered:
            return render(request, "insights/already_answered.html", {"campaign": campaign})
        except services.InsightsError as error:
            shown = page or pages[-1]
            form = ResponseForm(data, instrument=instrument, page=shown)
            form.add_error(None, error.message)
            return page_view(shown, form, answers)
        return redirect("insights:respond_done", pk=campaign.pk)
    # Back to the first page that misses an answer, with its errors and what was given.
    missing = next(
        (p for p in pages if any(name in whole.errors for name in p.field_names())), pages[0]
    )
    return page_view(missing, ResponseForm(data, instrument=instrument, page=missing), answers)


@login_required
def respond_done(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(pk)
    if not campaign.rounds.filter(participations__user=request.user).exists():
        raise Http404
    return render(request, "insights/respond_done.html", {"campaign": campaign})


# --- Reports -------------------------------------------------------------------------------------


def _reach_or_404(report: Report, code: str) -> None:
    if code not in report.view.path_of or not report.view.reaches(code):
        raise Http404


@login_required
def team_report(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _report(request, pk)
    _reach_or_404(report, code)
    view = report.view
    figure = selectors.team_figure(
        view, code=code, scope=report.scope, attribute=report.attribute, value=report.value
    )
    if figure is None:
        raise Http404
    instrument = view.instrument
    section = instrument.section(request.GET.get("section"))
    measures = [instrument.measure(c) for c in section.measures]
    summary = team_summary(name=figure.unit_name, figure=figure, measures=measures)
    # The change since the previous round: the same group there, as this person may see it.
    since = selectors.compare(
        user=request.user,
        view=view,
        rows=[figure],
        kind=CompareWith.PREVIOUS,
        scope=report.scope,
        attribute=report.attribute,
        value=report.value,
    )
    chart = bars_svg(
        bars=[(m, figure.value(m.code)) for m in measures],
        title=_("Results of %(unit)s, round %(round)s")
        % {"unit": figure.unit_name, "round": report.round.number},
        summary=summary,
        chart_id="team-chart",
    )
    on_team = rules.has_perm("insights.plan_actions", request.user, code)
    release = view.shared_by_team(code)
    return render(
        request,
        "insights/team_report.html",
        {
            "report": report,
            "campaign": report.campaign,
            "figure": figure,
            "measures": measures,
            "sections": instrument.sections,
            "section": section,
            "scale_note": instrument.scale_note,
            "summary": summary,
            "chart": chart,
            "previous_round": since.previous_round,
            "baseline": since.baseline(figure.unit_code),
            "change_summary": change_summary(figure=figure, measures=measures, comparison=since),
            "has_favourable": any(m.kind == MEAN for m in measures),
            "favourable_from": FAVOURABLE_FROM,
            "filters": _filter_options(report),
            "filter_label": _filter_label(report),
            "on_team": on_team,
            "report_keep": [("scope", report.scope)],
            "unit_scope_query": report.query(scope=Scope.UNIT),
            "subtree_scope_query": report.query(scope=Scope.SUBTREE),
            "leads": rules.has_perm("insights.share_results", request.user, code),
            "release": release,
            "gone_up": view.gone_up,
            "has_children": any(
                p.startswith(view.path_of[code]) and p != view.path_of[code]
                for p in view.path_of.values()
            ),
        },
    )


@login_required
def heatmap(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    view = report.view
    root = request.GET.get("root") or selectors.default_root(view)
    depth = DEPTHS.get(request.GET.get("depth", "1"))
    if depth is None:
        raise Http404
    instrument = view.instrument
    section = instrument.section(request.GET.get("section"))
    try:
        data = selectors.heatmap(
            view,
            root=root,
            attribute=report.attribute,
            value=report.value,
            depth=depth,
            measures=section.measures,
        )
    except LookupError:
        raise Http404 from None
    measures = [instrument.measure(c) for c in data.measures]
    root_figure = next((row for row in data.rows if row.unit_code == root), None)
    root_name = root_figure.unit_name if root_figure else root
    compare_with = request.GET.get("compare") or selectors.default_comparison(
        user=request.user, view=view
    )
    if compare_with not in CompareWith.values:
        raise Http404
    comparison = selectors.compare(
        user=request.user,
        view=view,
        rows=data.rows,
        kind=compare_with,
        attribute=report.attribute,
        value=report.value,
    )
    compared_with = _compared_with(comparison)
    summary = heatmap_summary(
        root_name=root_name,
        root=root_figure,
        rows=data.rows,
        measures=measures,
        comparison=comparison,
        compared_with=compared_with,
    )
    base_depth = len(view.path_of[root]) // 4
    previous = comparison.previous_round
    cells = CellRenderer(
        min_group=report.campaign.min_group, previous_number=previous.number if previous else None
    )
    # Said once above the table when no row can be compared (the whole survey's figure is
    # hidden, or this is the first round), rather than in every cell.
    why = comparison.single.unavailable if comparison.single is not None else ""
    not_compared = (
        gap_reason(
            why,
            min_group=report.campaign.min_group,
            previous_number=previous.number if previous else None,
        )
        if why
        else ""
    )
    kinds = {m.code: m.kind for m in measures}

    def distance_of(row: selectors.Figure):
        baseline = comparison.baseline(row.unit_code)
        return lambda code: selectors.gap(row, baseline, code, kinds[code]).value

    chart = heatmap_svg(
        rows=[
            (
                row.unit_name,
                row.depth + 1 - base_depth,
                row.value,
                not row.is_released,
                distance_of(row),
            )
            for row in data.rows
        ],
        measures=measures,
        title=_("Heatmap of %(unit)s, round %(round)s")
        % {"unit": root_name, "round": report.round.number},
        summary=summary,
    )
    # The report form's htmx request gets only what changes (the template's "update" partial);
    # a history restore, and any browser without JavaScript, gets the whole page.
    headers = request.headers
    in_place = "HX-Request" in headers and "HX-History-Restore-Request" not in headers
    response = render(
        request,
        "insights/heatmap.html#update" if in_place else "insights/heatmap.html",
        {
            "report": report,
            "campaign": report.campaign,
            "data": data,
            "table_body": cells.heatmap_body(
                [(row, max(0, row.depth + 1 - base_depth)) for row in data.rows],
                measures,
                team_url=reverse(
                    "insights:team_report", kwargs={"pk": report.campaign.pk, "code": root}
                ).removesuffix(f"{root}/"),
                query=f"?round={report.round.number}&scope=subtree",
                comparison=comparison,
                note=bool(not_compared),
            ),
            "comparison": comparison,
            "compared_with": compared_with,
            "comparisons": [
                {"value": value, "label": label, "current": value == compare_with}
                for value, label in CompareWith.choices
            ],
            "not_compared": not_compared,
            "legends": [
                {"id": f"heatmap-legend-{index}", "steps": distance_legend(kind)}
                for index, kind in enumerate(dict.fromkeys(m.kind for m in measures))
            ],
            "has_favourable": any(m.kind == MEAN for m in measures),
            "favourable_from": FAVOURABLE_FROM,
            "measures": measures,
            "sections": instrument.sections,
            "section": section,
            "scale_note": instrument.scale_note,
            "root": root,
            "root_name": root_name,
            "summary": summary,
            "chart": chart,
            "chart_truncated": len(data.rows) > MAX_HEATMAP_ROWS,
            "max_rows": MAX_HEATMAP_ROWS,
            "filters": _filter_options(report),
            "filter_label": _filter_label(report),
            "depth": request.GET.get("depth", "1"),
            "depths": list(DEPTHS),
            "report_keep": [("root", root)],
            "export_query": report.query(root=root, depth=request.GET.get("depth", "1")),
        },
    )
    # One address, two answers: no cache may hand the partial to a full page load.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    report = _report(request, pk)
    view = report.view
    root = request.GET.get("root") or selectors.default_root(view)
    depth = DEPTHS.get(request.GET.get("depth", "1"))
    if depth is None:
        raise Http404
    scope = request.GET.get("scope", Scope.SUBTREE)
    try:
        data = selectors.heatmap(
            view,
            root=root,
            attribute=report.attribute,
            value=report.value,
            depth=depth,
            scope=scope,
        )
    except LookupError:
        raise Http404 from None
    measures = list(view.instrument.measures)
    name = f"campaign-{report.campaign.pk}-round-{report.round.number}-{root}"
    if fmt == "csv":
        response = HttpResponse(
            exports.as_csv(data.rows, measures), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        exports.as_xlsx(data.rows, measures),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def trends(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _report(request, pk)
    _reach_or_404(report, code)
    figures = selectors.trend(
        user=request.user,
        campaign=report.campaign,
        code=code,
        scope=report.scope,
        reader=report.view.reader,
    )
    instrument = report.view.instrument
    section = instrument.section(request.GET.get("section"))
    measures = [instrument.measure(c) for c in section.measures]
    summary = trend_summary(figures=figures, measures=measures)
    # A line needs two points: with one round, or one round with figures to see, the page says
    # so instead of drawing charts with a single dot or none.
    drawable = len([f for f in figures if f.is_released]) >= 2
    charts = [
        {
            "measure": measure,
            "svg": trend_svg(
                measure=measure,
                points=[(str(f.round), f.value(measure.code)) for f in figures],
                title=str(measure.label),
                summary=summary,
                chart_id=f"trend-{index}",
            ),
        }
        for index, measure in enumerate(measures)
        if drawable
    ]
    name = figures[-1].unit_name if figures else code
    return render(
        request,
        "insights/trends.html",
        {
            "report": report,
            "campaign": report.campaign,
            "figures": figures,
            "measures": measures,
            "sections": instrument.sections,
            "section": section,
            "charts": charts,
            "rounds_closed": len(report.rounds),
            "summary": summary,
            "code": code,
            "unit_name": name,
        },
    )


@login_required
def comments(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _report(request, pk)
    _reach_or_404(report, code)
    found = selectors.comments(report.view, code=code, scope=report.scope)
    if found is None:
        raise Http404
    return render(
        request,
        "insights/comments.html",
        {"report": report, "campaign": report.campaign, "found": found, "code": code},
    )


# --- Team-first release and actions ------------------------------------------------------------


@login_required
def release(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _report(request, pk)
    _reach_or_404(report, code)
    if not rules.has_perm("insights.share_results", request.user, code):
        raise Http404
    view = report.view
    current = view.shared_by_team(code)
    already = frozenset(current.parts) if current else frozenset()
    form = ReleaseForm(request.POST or None, instrument=view.instrument, already=already)
    if request.method == "POST" and not view.gone_up and form.is_valid():
        try:
            services.release_share(
                round_=report.round,
                unit_code=code,
                by=request.user,
                parts=form.cleaned_data["parts"],
                note=form.cleaned_data["note"],
            )
        except services.InsightsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The chosen results now go up the line."))
            return redirect(
                reverse("insights:team_report", kwargs={"pk": pk, "code": code})
                + report.query(filter="", scope="")
            )
    shared = [m.label for m in view.instrument.measures if m.code in already] + (
        [_("Comments")] if PART_COMMENTS in already else []
    )
    names = selectors.unit_names([code])
    return render(
        request,
        "insights/release.html",
        {
            "report": report,
            "campaign": report.campaign,
            "form": form,
            "code": code,
            "unit_name": names.get(code, code),
            "shared": shared,
            "gone_up": view.gone_up,
            "goes_up_on": report.round.goes_up_on,
        },
    )


@login_required
def action_plan(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _report(request, pk)
    _reach_or_404(report, code)
    if not rules.has_perm("insights.plan_actions", request.user, code):
        raise Http404
    view = report.view
    figure = selectors.team_figure(view, code=code)
    weakest = selectors.weakest_measures(figure, view.instrument)
    suggestions = suggestions_for(
        measures=weakest,
        instrument=view.instrument,
        language=translation.get_language() or "en",
    )
    plan = selectors.action_plan_for(round_=report.round, code=code)
    actions = list(plan.actions.all()) if plan else []
    form = None
    if len(actions) < MAX_ACTIONS_PER_PLAN:
        form = ActionForm(
            request.POST or None,
            suggestions=suggestions,
            measures=view.instrument.measures,
            owners=selectors.team_members(code=code),
        )
        if request.method == "POST" and form.is_valid():
            measure, title, url = form.action()
            try:
                services.action_add(
                    round_=report.round,
                    unit_code=code,
                    by=request.user,
                    measure=measure,
                    title=title,
                    url=url,
                    owner=form.cleaned_data["owner"],
                )
            except services.InsightsError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The action is added to the team's plan."))
                return redirect(
                    reverse("insights:action_plan", kwargs={"pk": pk, "code": code})
                    + report.query(filter="", scope="")
                )
    elif request.method == "POST":
        messages.error(request, _("A team picks at most three actions per round."))
    names = selectors.unit_names([code])
    standing = selectors.standing_actions(code=code)
    for action in standing:
        # The link was written in its author's language; each reader follows it in theirs.
        action.url = _in_readers_language(action.url)
    leads_the_team = bool(standing) and is_team_lead_of(request.user, code)
    return render(
        request,
        "insights/action_plan.html",
        {
            "report": report,
            "campaign": report.campaign,
            "code": code,
            "unit_name": names.get(code, code),
            "weakest": [view.instrument.measure(m) for m in weakest],
            "figure": figure,
            "actions": actions,
            "standing_actions": standing,
            # insights.check_action for actions all of this unit's: asked once, not per row.
            "standing_checkable": {
                action.pk
                for action in standing
                if action.owner_id == request.user.pk or leads_the_team
            },
            "form": form,
            "max_actions": MAX_ACTIONS_PER_PLAN,
            "today": selectors.today(),
        },
    )


def _in_readers_language(url: str) -> str:
    """A link of this site, written under its author's language prefix, under the reader's."""
    written_in = translation.get_language_from_path(url)
    if written_in is None:
        return url
    reader = translation.get_language()
    # Django resolves a prefixed path only under the language of its prefix.
    with translation.override(written_in):
        return translate_url(url, reader)


def _after_check(action: Action) -> str:
    """Back to where the action was decided: its round's plan, or, for an action of the
    standing plan, the page it links (its retrospective) when that page is on this site."""
    round_ = action.plan.round
    if round_ is None:
        if url_has_allowed_host_and_scheme(action.url, allowed_hosts=None):
            return _in_readers_language(action.url)
        return reverse("portal:home")
    return (
        reverse(
            "insights:action_plan",
            kwargs={"pk": round_.campaign_id, "code": action.plan.unit_code},
        )
        + f"?round={round_.number}"
    )


@login_required
def action_check(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("plan__round__campaign"), pk=pk)
    user = request.user
    if not rules.has_perm("insights.check_action", user, action):
        raise Http404
    due = selectors.today() >= action.check_due_on
    form = ActionCheckForm(request.POST or None) if due else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.action_check(
                action=action,
                by=user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except services.InsightsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The check is recorded."))
            return redirect(_after_check(action))
    return render(
        request,
        "insights/action_check.html",
        {
            "action": action,
            "form": form,
            "due": due,
            "campaign": action.plan.round.campaign if action.plan.round else None,
        },
    )
