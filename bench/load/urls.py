# SPDX-License-Identifier: EUPL-1.2
"""Elan's URLs plus a bare view under the same language prefix and middleware stack.

The bare view exists only in the load benchmark, never in the production URLs: it is the floor
(nginx, TLS, gunicorn, every middleware) that each page of the survey journey is compared with.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from elan.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


# Before Elan's own, because Wagtail's catch-all would otherwise take the path.
urlpatterns = i18n_patterns(path("bare/", bare, name="bench_bare")) + urlpatterns
