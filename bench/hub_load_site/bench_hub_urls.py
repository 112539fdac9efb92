# SPDX-License-Identifier: EUPL-1.2
"""Elan's URLs plus a bare view under the same language prefix and middleware stack.

The bare view exists only here, never in the production URLs: it is the floor the hub's pages
are compared against.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from elan.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = i18n_patterns(path("bench/bare/", bare, name="bench_bare")) + urlpatterns
