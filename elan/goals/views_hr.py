# SPDX-License-Identifier: EUPL-1.2
"""HR's process figures per unit, which talks took place and when, and the units' objectives
tree."""

from __future__ import annotations

from urllib.parse import urlencode

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from elan.goals import figures as process
from elan.goals import objectives, talk_dates
from elan.goals.forms_hr import (
    FiguresYearForm,
    ObjectiveEditForm,
    ObjectiveForm,
    ObjectivesUnitForm,
    TalkDatesForm,
)
from elan.goals.services import GoalsError
from elan.organisations.models import Unit

# --- HR: process figures -----------------------------------------------------------------------


def _figures_for(request: HttpRequest) -> tuple[FiguresYearForm, process.ProcessFigures]:
    if not rules.has_perm("goals.view_process_figures", request.user):
        raise PermissionDenied
    today = timezone.localdate()
    years = process.years_for(viewer=request.user, today=today)
    form = FiguresYearForm(request.GET if "year" in request.GET else None, years=years)
    year = form.cleaned_data["year"] if form.is_valid() else today.year
    return form, process.process_figures(viewer=request.user, year=year, today=today)


@never_cache
@login_required
def figures(request: HttpRequest) -> HttpResponse:
    form, data = _figures_for(request)
    summaries = {measure: process.summary(data, measure) for measure in process.MEASURES}
    return render(
        request,
        "goals/figures.html",
        {
            "form": form,
            "figures": data,
            "summaries": summaries,
            "endings": process.ENDINGS,
            "csv_url": reverse("goals:figures_csv") + "?" + urlencode({"year": data.year}),
        },
    )


@never_cache
@login_required
def figures_csv(request: HttpRequest) -> HttpResponse:
    _form, data = _figures_for(request)
    response = HttpResponse(process.as_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="goals-process-figures-{data.year}.csv"'
    )
    return response


# --- HR: which talks took place, and when ----------------------------------------------------

TALK_DATES_PER_PAGE = 50


def _talk_dates_for(request: HttpRequest) -> tuple[TalkDatesForm, dict]:
    if not rules.has_perm("goals.view_talk_dates", request.user):
        raise PermissionDenied
    today = timezone.localdate()
    years = process.years_for(viewer=request.user, today=today)
    chosen = FiguresYearForm(request.GET if "year" in request.GET else None, years=years)
    year = chosen.cleaned_data["year"] if chosen.is_valid() else today.year
    units = talk_dates.units_with_cycles(viewer=request.user, year=year)
    form = TalkDatesForm(
        request.GET if request.GET.keys() & {"year", "unit", "only_overdue"} else None,
        years=years,
        units=units,
        initial={"year": year, "unit": units.first()},
    )
    unit, only_overdue = units.first(), False
    if form.is_bound:
        if form.is_valid():
            unit = form.cleaned_data["unit"] or unit
            only_overdue = form.cleaned_data["only_overdue"]
        else:
            unit = None
    rows = (
        talk_dates.cycle_dates(
            viewer=request.user, unit=unit, year=year, today=today, only_overdue=only_overdue
        )
        if unit is not None
        else []
    )
    query = {"year": year, **({"unit": unit.code} if unit else {})}
    if only_overdue:
        query["only_overdue"] = "on"
    return form, {
        "year": year,
        "unit": unit,
        "rows": rows,
        "only_overdue": only_overdue,
        "today": today,
        "query_string": urlencode(query),
    }


@never_cache
@login_required
def talks(request: HttpRequest) -> HttpResponse:
    form, found = _talk_dates_for(request)
    page = Paginator(found["rows"], TALK_DATES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "goals/talk_dates.html",
        {
            **found,
            "form": form,
            "page": page,
            "csv_url": reverse("goals:talks_csv") + "?" + found["query_string"],
        },
    )


@never_cache
@login_required
def talks_csv(request: HttpRequest) -> HttpResponse:
    _form, found = _talk_dates_for(request)
    response = HttpResponse(
        talk_dates.as_csv(found["rows"]), content_type="text/csv; charset=utf-8"
    )
    unit = found["unit"].code if found["unit"] else "none"
    response["Content-Disposition"] = (
        f'attachment; filename="goals-talks-{slugify(unit)}-{found["year"]}.csv"'
    )
    return response


# --- the units' objectives tree -------------------------------------------------------------


def _objectives_url(unit: Unit) -> str:
    return reverse("goals:objectives") + "?" + urlencode({"unit": unit.code})


@never_cache
@login_required
def objectives_home(request: HttpRequest) -> HttpResponse:
    units = objectives.manageable_units(user=request.user)
    if not units.exists():
        raise PermissionDenied
    data = request.GET if "unit" in request.GET else None
    if data is None:
        # Open on the first unit that has objectives, so the page starts with a tree to read.
        first = units.filter(objectives__isnull=False).first() or units.first()
        data = {"unit": first.code}
    form = ObjectivesUnitForm(data, units=units)
    unit = form.cleaned_data["unit"] if form.is_valid() else None
    return render(
        request,
        "goals/objectives.html",
        {
            "form": form,
            "units": units,
            "unit": unit,
            "tree": objectives.tree_for(unit=unit) if unit is not None else [],
        },
    )


def _save(form, write) -> bool:
    """Run the service; a refusal goes to the form, next to the parent when it is about it."""
    try:
        write()
    except objectives.ParentRefused as refusal:
        form.add_error("parent", str(refusal))
        return False
    except GoalsError as refusal:
        form.add_error(None, str(refusal))
        return False
    return True


@never_cache
@login_required
def objective_new(request: HttpRequest) -> HttpResponse:
    unit = Unit.objects.filter(code=request.GET.get("unit", "")).first()
    if unit is None:
        raise Http404
    if not objectives.may_manage(user=request.user, unit=unit):
        raise PermissionDenied
    form = ObjectiveForm(
        request.POST if request.method == "POST" else None,
        choices=objectives.parent_choices(unit=unit),
    )
    if form.is_valid():
        values = form.cleaned_data
        if _save(
            form,
            lambda: objectives.objective_create(
                unit=unit,
                actor=request.user,
                title=values["title"],
                description=values["description"],
                parent=values["parent"],
            ),
        ):
            messages.success(request, _("The objective is saved."))
            return redirect(_objectives_url(unit))
    return render(
        request, "goals/objectives_form.html", {"form": form, "unit": unit, "objective": None}
    )


@never_cache
@login_required
def objective_edit(request: HttpRequest, public_id) -> HttpResponse:
    objective = objectives.objective_for(public_id=public_id, user=request.user)
    if objective is None:
        raise Http404
    unit = objective.unit
    if request.method == "POST" and "remove" in request.POST:
        try:
            deleted = objectives.objective_remove(objective=objective, actor=request.user)
        except GoalsError as refusal:
            messages.error(request, str(refusal))
            return redirect(_objectives_url(unit))
        messages.success(
            request,
            _("The objective is deleted.")
            if deleted
            else _(
                "Goals or other objectives link to this objective, so it is kept for them and "
                "marked as no longer in use."
            ),
        )
        return redirect(_objectives_url(unit))
    form = ObjectiveEditForm(
        request.POST if request.method == "POST" else None,
        choices=objectives.parent_choices(unit=unit, objective=objective),
        initial={
            "title": objective.title,
            "description": objective.description,
            "parent": objective.parent.public_id if objective.parent_id else None,
            "is_active": objective.is_active,
        },
    )
    if form.is_valid():
        values = form.cleaned_data
        if _save(
            form,
            lambda: objectives.objective_update(
                objective=objective,
                actor=request.user,
                title=values["title"],
                description=values["description"],
                parent=values["parent"],
                is_active=values["is_active"],
            ),
        ):
            messages.success(request, _("The objective is saved."))
            return redirect(_objectives_url(unit))
    return render(
        request,
        "goals/objectives_form.html",
        {"form": form, "unit": unit, "objective": objective},
    )
