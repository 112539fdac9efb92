# SPDX-License-Identifier: EUPL-1.2
"""A small read-only JSON API over the same guarded figures as the pages (django-ninja).

Mounted at ``/api/insights/`` outside the language prefixes; session login, GET only. A figure
is the core's ``GuardedFigure``: a hidden group is its own type with no number field at all.
Figures a team has not shared up the line yet are listed by name in ``not_shared``, and a group
the team has not shared at all has ``status: "not_shared_yet"`` and no figure. A released
figure's ``figures`` hold each measure's mean (or share), the response rate (``rate``) and, for
the means, the share of favourable answers (``favourable:<measure>``), hidden with the mean.
"""

from __future__ import annotations

import datetime
from typing import Literal

import rules
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.security import django_auth

from elan.core.anonymity import api_dict
from elan.core.anonymity.schemas import GuardedFigure
from elan.insights import selectors
from elan.insights.constants import Scope
from elan.insights.models import Campaign

api = NinjaAPI(
    title="Elan insights",
    version="1",
    urls_namespace="insights_api",
    auth=django_auth,
    docs_url=None,  # the interactive docs load scripts from a CDN; the schema stays available
)


# Unknown and not-yours answer the same, so the API does not confirm what exists. (403 rather
# than 404: Django's LocaleMiddleware turns a 404 outside the language prefixes into a
# redirect to the prefixed path, which an API client should never get.)
NOT_YOURS = "not found, or not yours to see"


class ErrorOut(Schema):
    """Every answer but 200: what went wrong, in one sentence."""

    detail: str


# The answers every operation may give besides its 200, listed in the OpenAPI schema with the
# one shape they share: 400 a parameter that is malformed or not on its allowlist, 401 no login,
# 403 not found or not yours (the same answer, on purpose), 503 the database unavailable.
ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 503: ErrorOut}


@api.exception_handler(ValidationError)
def malformed_parameter(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # django-ninja's own answer is a 422 with pydantic's error list; bad input is a 400 here,
    # like everywhere else in Elan, and names only the parameters.
    names = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    return api.create_response(
        request, {"detail": f"malformed parameter: {', '.join(names)}"}, status=400
    )


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Handed on to Django, whose DatabaseUnavailableMiddleware (elan/portal/middleware.py) gives
    # the site's JSON 503, also when DEBUG would have ninja show a traceback instead.
    raise exc


class FigureRow(Schema):
    unit: str
    name: str
    depth: int
    round: int
    scope: str
    filter: str
    filter_value: str
    status: Literal["released", "suppressed", "not_shared_yet"]
    figure: GuardedFigure | None = None
    not_shared: list[str] = []
    shared_on: datetime.date | None = None


class RoundOut(Schema):
    number: int
    closed_on: datetime.date
    goes_up_on: datetime.date


class HeatmapOut(Schema):
    campaign: int
    round: int
    root: str
    rows: list[FigureRow]


class CommentsOut(Schema):
    group: FigureRow
    comments: list[str]


def _row(figure: selectors.Figure) -> dict:
    if figure.outcome is None:
        status, guarded = "not_shared_yet", None
    else:
        guarded = api_dict(figure.outcome, json_key=list)
        status = "released" if figure.is_released else "suppressed"
    return {
        "unit": figure.unit_code,
        "name": figure.unit_name,
        "depth": figure.depth,
        "round": figure.round,
        "scope": figure.scope,
        "filter": figure.attribute,
        "filter_value": figure.filter_value,
        "status": status,
        "figure": guarded,
        "not_shared": sorted(figure.withheld),
        "shared_on": figure.shared_on,
    }


def _view(request: HttpRequest, pk: int, round_number: int | None) -> selectors.RoundView:
    campaign = Campaign.objects.filter(pk=pk).first()
    if campaign is None:
        raise HttpError(403, NOT_YOURS)
    rounds = selectors.closed_rounds(campaign)
    if round_number is not None:
        rounds = [r for r in rounds if r.number == round_number]
    if not rounds:
        raise HttpError(403, NOT_YOURS)
    view = selectors.round_view(user=request.user, round_=rounds[-1])
    if not rules.has_perm("insights.view_results", request.user, view):
        raise HttpError(403, NOT_YOURS)
    return view


def _filter(raw: str) -> tuple[str, str]:
    try:
        return selectors.parse_filter(raw)
    except ValueError:
        raise HttpError(400, "filter not on the allowlist") from None


def _scope(raw: str) -> str:
    if raw not in Scope.values:
        raise HttpError(400, "unknown scope")
    return raw


@api.get("/campaigns/{pk}/rounds", response={200: list[RoundOut], **ERRORS})
def rounds(request: HttpRequest, pk: int):
    view = _view(request, pk, None)
    return [
        {"number": r.number, "closed_on": r.closed_on, "goes_up_on": r.goes_up_on}
        for r in selectors.closed_rounds(view.round.campaign)
    ]


@api.get("/campaigns/{pk}/heatmap", response={200: HeatmapOut, **ERRORS})
def heatmap(
    request: HttpRequest,
    pk: int,
    round: int | None = None,  # the public parameter name
    root: str = "",
    filter: str = "",
    depth: int = 1,
    scope: str = Scope.SUBTREE,
):
    """Each unit from ``root`` down: its roll-up (``scope=subtree``) or its own people."""
    view = _view(request, pk, round)
    attribute, value = _filter(filter)
    root = root or selectors.default_root(view)
    try:
        data = selectors.heatmap(
            view,
            root=root,
            attribute=attribute,
            value=value,
            depth=max(1, min(depth, 64)),
            scope=_scope(scope),
        )
    except LookupError:
        raise HttpError(403, NOT_YOURS) from None
    # Rows are built by the same _row as every endpoint and their shape is checked against
    # HeatmapOut in the tests; validating 1,500 of them again on every call would cost more
    # than building them, so the payload goes out as it is.
    return JsonResponse(
        {
            "campaign": pk,
            "round": view.round.number,
            "root": root,
            "rows": [_row(f) for f in data.rows],
        }
    )


@api.get("/campaigns/{pk}/units/{code}", response={200: FigureRow, **ERRORS})
def unit(
    request: HttpRequest,
    pk: int,
    code: str,
    round: int | None = None,
    scope: str = Scope.UNIT,
    filter: str = "",
):
    view = _view(request, pk, round)
    attribute, value = _filter(filter)
    figure = selectors.team_figure(
        view, code=code, scope=_scope(scope), attribute=attribute, value=value
    )
    if figure is None:
        raise HttpError(403, NOT_YOURS)
    return _row(figure)


@api.get("/campaigns/{pk}/units/{code}/trend", response={200: list[FigureRow], **ERRORS})
def trend(request: HttpRequest, pk: int, code: str, scope: str = Scope.UNIT):
    view = _view(request, pk, None)
    figures = selectors.trend(
        user=request.user,
        campaign=view.round.campaign,
        code=code,
        scope=_scope(scope),
        reader=view.reader,
    )
    if not figures:
        raise HttpError(403, NOT_YOURS)
    return [_row(f) for f in figures]


@api.get("/campaigns/{pk}/units/{code}/comments", response={200: CommentsOut, **ERRORS})
def comments(
    request: HttpRequest,
    pk: int,
    code: str,
    round: int | None = None,
    scope: str = Scope.UNIT,
):
    view = _view(request, pk, round)
    if code not in view.path_of:
        raise HttpError(403, NOT_YOURS)
    found = selectors.comments(view, code=code, scope=_scope(scope))
    if found is None:
        raise HttpError(403, NOT_YOURS)
    return {"group": _row(found.figure), "comments": found.comments}


__all__ = ["api"]
