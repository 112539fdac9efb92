# SPDX-License-Identifier: EUPL-1.2
"""Whole-page caching of hub pages for visitors who are not logged in.

A hub page is the same for every such visitor: no form with a CSRF token, no name in the header.
A cached copy is served before Wagtail even looks the page up, which is most of the cost of a
page. The cache key holds the address, the language and the hub's content version (one row,
``HubContentVersion``, bumped whenever a hub page is published, unpublished, moved or deleted,
or a document changes), so a change shows at once in every web process. Logged-in people,
previews, requests with a query string and requests carrying a message are never cached.
"""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from elan.knowledge.models import HubContentVersion

TIMEOUT_SECONDS = 60 * 60


def current_version() -> str:
    row = HubContentVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    if row is None:
        return "0"
    number, changed_at = row
    # The time as well as the number: a number alone can repeat after a rolled-back transaction.
    return f"{number}.{changed_at.timestamp():.6f}"


def key_for(*, request) -> str | None:
    if request.method not in ("GET", "HEAD") or request.GET:
        return None
    if getattr(request, "is_preview", False) or getattr(request, "in_preview_panel", False):
        return None
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return None
    if len(get_messages(request)):
        return None
    language = translation.get_language() or ""
    return f"knowledge:page:{language}:{request.path}:{current_version()}"


def get(key: str) -> HttpResponse | None:
    stored = cache.get(key)
    if stored is None:
        return None
    content, content_type = stored
    return HttpResponse(content, content_type=content_type)


def put(key: str, response) -> None:
    cache.set(key, (response.content, response["Content-Type"]), TIMEOUT_SECONDS)
