# SPDX-License-Identifier: EUPL-1.2
"""Error pages in the visitor's language, inside the normal layout where it is safe to."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

# How long a client should wait before it asks again while the database is unavailable.
RETRY_AFTER_SECONDS = 30
# The JSON API sits outside the language prefixes and answers in JSON, errors included.
API_PREFIX = "/api/"
HEALTH_PATH = "/health/"


def is_database_unavailable(exception: BaseException | None) -> bool:
    """Down, unreachable, restarting or past its timeout: OperationalError and InterfaceError.

    Bad data (DataError, IntegrityError) is a defect of ours or of the input, not unavailability.
    """
    return isinstance(exception, OperationalError | InterfaceError)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _language(request: HttpRequest) -> str:
    # The path's prefix, the language cookie or the browser's: none of them asks the database.
    return translation.get_language_from_request(request, check_path=True)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with translation.override(_language(request)):
        if _is_api(request):
            return JsonResponse({"detail": gettext("Bad request.")}, status=400)
        return render(request, "400.html", status=400)


def malformed_request(request: HttpRequest) -> HttpResponse:
    """A request with a NUL byte or broken text in it (elan.portal.middleware)."""
    with translation.override(_language(request)):
        if _is_api(request):
            message = gettext("The request contains characters that are not allowed.")
            return JsonResponse({"detail": message}, status=400)
        return render(request, "400.html", {"malformed": True}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After, rendered without the database: no user, no session, no context
    processors, since any of them may be what failed."""
    response: HttpResponse
    with translation.override(_language(request)):
        if request.path_info == HEALTH_PATH:
            # The load balancer's probe keeps its own two answers whatever failed on the way.
            response = JsonResponse({"status": "unavailable"}, status=503)
        elif _is_api(request):
            message = gettext("The service is temporarily unavailable. Please try again later.")
            response = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def already_being_sent(request: HttpRequest) -> HttpResponse:
    """The same form, sent again while the first is still being processed (409)."""
    if _is_api(request):
        with translation.override(_language(request)):
            message = gettext("This request is already being processed. Please wait.")
        return JsonResponse({"detail": message}, status=409)
    response = render(request, "409.html", status=409)
    response["Retry-After"] = "5"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while it handles the exception, so the exception is at hand. A
    # database failure outside a view (the session loaded or saved by a middleware) gets the
    # same 503 as one inside it.
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    # No context processors: whatever broke the page may break them too.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
