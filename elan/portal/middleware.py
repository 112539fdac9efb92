# SPDX-License-Identifier: EUPL-1.2
"""Middleware that answers with the site's error pages (elan/portal/errors.py): bad input is a
4xx, never a 500, and an unavailable database a 503 with Retry-After."""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from elan.portal import errors

logger = logging.getLogger(__name__)


def _is_clean_text(value: str) -> bool:
    """No NUL (PostgreSQL refuses it in text) and no lone surrogate (it cannot be encoded)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_clean_query(raw: str) -> bool:
    """The raw query string (bytes read as Latin-1), percent-decoded: UTF-8 and no NUL."""
    data = unquote_to_bytes(raw.encode("latin-1", errors="replace"))
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# Headers, cookies included, and the body's type, as the WSGI server passes them on.
HEADER_PREFIXES = ("HTTP_", "CONTENT_TYPE")


def _raised_preparing_a_lookup(exception: BaseException) -> bool:
    """Did a model field refuse a lookup's value (``pk="abc"`` on a number, a broken UUID)?"""
    return any(
        frame.name == "get_prep_lookup" and frame.filename.endswith(LOOKUPS_MODULE)
        for frame in traceback.extract_tb(exception.__traceback__)
    )


LOOKUPS_MODULE = os.path.join("django", "db", "models", "lookups.py")


class RejectMalformedInputMiddleware:
    """Bad input answers 4xx, never 500: NUL or broken text is a 400, an impossible key a 404.

    A NUL byte, broken UTF-8 or a lone surrogate: no person types these; they come from broken
    clients and attackers, and reaching the database they turn into a 500 (PostgreSQL refuses NUL
    in text). Checking every request once, before anything reads the path, the query, a header, a
    cookie or a form field, covers every view, Wagtail's and the libraries' included. (Django
    itself re-encodes broken UTF-8 in the path as ``%XX``, which is harmless text.) Comes before
    the session and the cache read the cookie and the path.

    A value in the address that its model field cannot hold (letters for a numeric id) can match
    no row, so it is "not found", whichever view looked it up: several of Wagtail's back-office
    views let the field's ValueError through as a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._is_well_formed(request):
            return errors.malformed_request(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, ValueError | ValidationError) and _raised_preparing_a_lookup(
            exception
        ):
            logger.info("Not found: a lookup refused its value (%s).", exception)
            return errors.page_not_found(request, exception)
        return None

    def _is_well_formed(self, request: HttpRequest) -> bool:
        meta = request.META
        if not _is_clean_text(request.path_info):
            return False
        if not _is_clean_query(meta.get("QUERY_STRING", "")):
            return False
        headers = (value for name, value in meta.items() if name.startswith(HEADER_PREFIXES))
        if any("\x00" in value for value in headers if isinstance(value, str)):
            return False
        if request.method == "POST":
            # Parsing here rather than in the view changes nothing for it: Django keeps the
            # result, and the CSRF check would read it before the view anyway. Invalid UTF-8 in
            # a form field is already decoded to U+FFFD, which the database stores as it is.
            for name, values in request.POST.lists():
                if not all(_is_clean_text(text) for text in (name, *values)):
                    return False
            for name, uploads in request.FILES.lists():
                names = (name, *(upload.name or "" for upload in uploads))
                if not all(_is_clean_text(text) for text in names):
                    return False
        return True


class DatabaseUnavailableMiddleware:
    """The database down, unreachable or too slow answers 503 with Retry-After, never 500.

    A view that fails this way has written nothing: every write runs in one atomic service,
    rolled back when the error passes out of it. What fails outside a view (a middleware
    loading the session, the session being saved) reaches ``errors.server_error``, which
    answers the same 503.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not errors.is_database_unavailable(exception):
            return None
        # The answer says nothing of the cause; the log keeps it whole for the operator.
        logger.error(
            "The database is unavailable: %s",
            exception,
            exc_info=(type(exception), exception, exception.__traceback__),
        )
        return errors.service_unavailable(request)
