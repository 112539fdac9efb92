# SPDX-License-Identifier: EUPL-1.2
"""The anonymity rule as people read it: the page every aggregate links to, and the rule whole;
and the favicon at the address browsers ask for by themselves."""

from __future__ import annotations

from pathlib import Path

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control


def _check(request: HttpRequest) -> None:
    if not rules.has_perm("core.view_anonymity_rule", request.user):
        raise PermissionDenied


def anonymity(request: HttpRequest) -> HttpResponse:
    _check(request)
    return render(
        request,
        "core/anonymity.html",
        {
            "min_group": settings.ANONYMITY_MIN_GROUP,
            "min_comments": settings.ANONYMITY_MIN_COMMENTS,
            "min_raters": settings.ANONYMITY_MIN_RATERS,
        },
    )


def anonymity_rule(request: HttpRequest) -> HttpResponse:
    """docs/anonymity.md as shipped with this version, for readers who want the whole rule."""
    _check(request)
    document = Path(settings.BASE_DIR) / "docs" / "anonymity.md"
    return HttpResponse(
        document.read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8"
    )


def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which browsers and feed readers ask for by themselves, leads to the icon.

    A temporary redirect: the icon's static address changes with its content, so a permanent one
    would outlive the file it points to.
    """
    response = redirect(static("elan/img/favicon.svg"))
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response
