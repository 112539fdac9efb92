# SPDX-License-Identifier: EUPL-1.2
"""The manager's view of the team's experiments, and HR's figures per unit."""

from __future__ import annotations

from urllib.parse import urlencode

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from elan.experiments import figures as counts
from elan.experiments import selectors
from elan.experiments import team as team_selectors
from elan.experiments.forms_team import FiguresYearForm, TeamFilterForm

TEAM_PER_PAGE = 50

# --- The manager's view ------------------------------------------------------------------------


@never_cache
@login_required
def team(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("experiments.view_team", request.user):
        raise PermissionDenied
    viewer = request.user
    today = timezone.localdate()
    form = TeamFilterForm(request.GET if "status" in request.GET else None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    # The chart is followed down once per request, not once per list.
    below = selectors.people_below(manager=viewer)
    experiments = team_selectors.team_experiments(manager=viewer, status=status, below=below)
    page = Paginator(experiments, TEAM_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "experiments/team.html",
        {
            "form": form,
            "page": page,
            "status": status,
            "query_string": urlencode({"status": status} if status else {}),
            "has_team": bool(below),
            "waiting": list(team_selectors.waiting_requests(viewer=viewer)),
            "running_out": list(
                team_selectors.running_out(manager=viewer, today=today, below=below)
            ),
            "running_out_days": team_selectors.RUNNING_OUT_DAYS,
            "today": today,
        },
    )


# --- HR: figures per unit ----------------------------------------------------------------------


def _figures_for(request: HttpRequest) -> tuple[FiguresYearForm, counts.ExperimentFigures]:
    if not rules.has_perm("experiments.view_figures", request.user):
        raise PermissionDenied
    today = timezone.localdate()
    years = counts.years_for(viewer=request.user, today=today)
    form = FiguresYearForm(request.GET if "year" in request.GET else None, years=years)
    year = form.cleaned_data["year"] if form.is_valid() else today.year
    return form, counts.experiment_figures(viewer=request.user, year=year)


@never_cache
@login_required
def figures(request: HttpRequest) -> HttpResponse:
    form, data = _figures_for(request)
    return render(
        request,
        "experiments/figures.html",
        {
            "form": form,
            "figures": data,
            "summary": counts.summary(data),
            "csv_url": reverse("experiments:figures_csv") + "?" + urlencode({"year": data.year}),
        },
    )


@never_cache
@login_required
def figures_csv(request: HttpRequest) -> HttpResponse:
    _form, data = _figures_for(request)
    response = HttpResponse(counts.as_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="experiments-figures-{data.year}.csv"'
    return response
