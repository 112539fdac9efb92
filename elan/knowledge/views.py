# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.views import serve as wagtail_serve

from elan.knowledge import cache as page_cache
from elan.knowledge import selectors
from elan.knowledge.constants import INTENTION_ROUTES, Intention
from elan.knowledge.forms import HubSearchForm, NavigatorForm

RESULTS_PER_PAGE = 10


def _check(request: HttpRequest) -> None:
    if not rules.has_perm("knowledge.view_hub", request.user):
        raise PermissionDenied


@require_GET
def navigator(request: HttpRequest) -> HttpResponse:
    _check(request)
    language = translation.get_language()
    form = NavigatorForm(request.GET or None)
    route = None
    if form.is_bound and form.is_valid():
        route = selectors.navigator_route(
            intention=form.cleaned_data["intention"], language=language
        )
    return render(
        request,
        "knowledge/navigator.html",
        {
            "form": form,
            "route": route,
            "intentions": [(Intention(key), INTENTION_ROUTES[key]) for key in Intention.values],
            "hub_home_url": selectors.hub_home_url(language=language),
        },
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    _check(request)
    language = translation.get_language()
    form = HubSearchForm(request.GET or None)
    page_obj = None
    searched = False
    if form.is_bound and form.is_valid() and form.has_criteria():
        searched = True
        hits = selectors.hub_search(
            query=form.cleaned_data["q"],
            language=language,
            kind=form.cleaned_data["kind"] or None,
            principle=form.cleaned_data["principle"] or None,
            skill=form.cleaned_data["skill"] or None,
        )
        page_obj = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "knowledge/search.html",
        {
            "form": form,
            "searched": searched,
            "page_obj": page_obj,
            "query_string": query_without_page.urlencode(),
            "hub_home_url": selectors.hub_home_url(language=language),
        },
    )


def hub_page(request: HttpRequest, rest: str = "") -> HttpResponse:
    """A hub page: Wagtail serves it; visitors who are not logged in may get a cached copy."""
    _check(request)
    key = page_cache.key_for(request=request)
    if key is not None:
        cached = page_cache.get(key)
        if cached is not None:
            return cached
    response = wagtail_serve(request, f"hub/{rest}")
    if (
        key is not None
        and response.status_code == 200
        and getattr(request, "knowledge_cacheable", False)
    ):
        if getattr(response, "is_rendered", True):
            page_cache.put(key, response)
        else:
            response.add_post_render_callback(lambda rendered: page_cache.put(key, rendered))
    return response
