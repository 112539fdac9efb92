# SPDX-License-Identifier: EUPL-1.2
"""The learning wall and the yearly "what we learnt" report, for everyone logged in; each shows
only what the reader may read (``wall``, ``report``)."""

from __future__ import annotations

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from elan.experiments import report as yearly
from elan.experiments import selectors
from elan.experiments import wall as learning_wall
from elan.experiments.forms_wall import ReportYearForm, WallFilterForm


def _check(request: HttpRequest) -> None:
    if not rules.has_perm("experiments.use", request.user):
        raise PermissionDenied


def _language() -> str:
    return (translation.get_language() or "en")[:2]


@never_cache
@login_required
@require_GET
def wall(request: HttpRequest) -> HttpResponse:
    _check(request)
    # Who reads what is worked out once for the request: the filter's units, the list and the
    # "built on" counts all start from it.
    readable = selectors.readable_by(viewer=request.user)
    units = learning_wall.units_to_filter(viewer=request.user, readable=readable)
    form = WallFilterForm(request.GET or None, units=units)
    page_obj, entries = None, []
    if not form.is_bound or form.is_valid():
        found = learning_wall.wall_entries(
            viewer=request.user, filters=form.filters(), language=_language(), readable=readable
        )
        page_obj = Paginator(found, learning_wall.PER_PAGE).get_page(form.page_number)
        entries = learning_wall.entries_for_page(
            viewer=request.user, experiments=page_obj.object_list, readable=readable
        )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "experiments/wall.html",
        {
            "form": form,
            "page_obj": page_obj,
            "entries": entries,
            "filtered": form.is_bound and form.is_valid() and form.has_criteria(),
            "query_string": query_without_page.urlencode(),
        },
    )


def _report_for(request: HttpRequest) -> tuple[ReportYearForm, yearly.YearReport | None]:
    _check(request)
    years = yearly.report_years(viewer=request.user)
    form = ReportYearForm(
        request.GET if "year" in request.GET else None,
        years=years,
        initial={"year": yearly.default_year(years)},
    )
    if form.is_bound and not form.is_valid():
        return form, None
    year = form.cleaned_data["year"] if form.is_bound else yearly.default_year(years)
    return form, yearly.build_report(viewer=request.user, year=year, language=_language())


def _report_page(request, form, report, *, status: int = 200) -> HttpResponse:
    context = {"form": form, "years": form.fields["year"].choices}
    if report is not None:
        context.update(yearly.report_context(report))
    return render(request, "experiments/report.html", context, status=status)


@never_cache
@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    form, found = _report_for(request)
    return _report_page(request, form, found)


@never_cache
@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    form, found = _report_for(request)
    if found is None:
        # A year typed into the address: the page says what is wrong, with the years to choose.
        return _report_page(request, form, found, status=400)
    context = yearly.report_context(found)
    response = HttpResponse(
        yearly.render_report_pdf(context=context), content_type="application/pdf"
    )
    organisation = slugify(found.organisation.code) if found.organisation else "none"
    filename = f"elan-what-we-learnt-{organisation}-{found.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = found.language
    return response
