# SPDX-License-Identifier: EUPL-1.2
"""Published frameworks: readable pages, and downloads as Elan JSON and as a CASE package."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation

from elan.skills import selectors
from elan.skills.case import case_package
from elan.skills.interchange import export_framework


def _check(request: HttpRequest) -> None:
    if not rules.has_perm("skills.view_frameworks", request.user):
        raise PermissionDenied


def _framework_or_404(request: HttpRequest, slug: str):
    """The framework the URL names, in the version asked for, to whoever may read frameworks."""
    _check(request)
    version = request.GET.get("version") or None
    framework = selectors.framework_by_slug(slug=slug, version=version)
    if framework is None:
        raise Http404
    return framework


def framework_list(request: HttpRequest) -> HttpResponse:
    _check(request)
    return render(
        request, "skills/framework_list.html", {"frameworks": selectors.latest_frameworks()}
    )


def framework_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework_or_404(request, slug)
    versions = list(
        selectors.published_frameworks().filter(slug=slug).values_list("version", flat=True)
    )
    context = {"framework": framework, "versions": versions, **selectors.framework_tree(framework)}
    return render(request, "skills/framework_detail.html", context)


def _download(payload: dict, filename: str) -> HttpResponse:
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def framework_export(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework_or_404(request, slug)
    return _download(export_framework(framework), f"{framework.slug}-{framework.version}.elan.json")


def framework_case(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework_or_404(request, slug)
    language = translation.get_language() or "en"
    package = case_package(framework, language=language)
    return _download(package, f"{framework.slug}-{framework.version}.case-{language}.json")
