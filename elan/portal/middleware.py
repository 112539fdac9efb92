# SPDX-License-Identifier: EUPL-1.2
"""Middleware that answers with the site's error pages (elan/portal/errors.py): bad input is a
4xx, never a 500, and an unavailable database a 503 with Retry-After."""

from __future__ import annotations

import hashlib
import logging
import os
import time
import traceback
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve

from elan.core.addresses import client_address
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


# Logging in, out or through the second factor starts a new session: a copy of the first answer
# would lack its cookie and leave the person logged out. They create no record either.
SESSION_CHANGING_URL_NAMES = frozenset(
    {
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "mfa_authenticate",
        "mfa_reauthenticate",
    }
)
WRITING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class OneWritePerSubmitMiddleware:
    """Two identical submissions at once (a double click, a retried request, two tabs) make
    one record: the first is processed, the second gets the first's answer.

    "Identical" is the same session (or, without one, the same address), method, path and form,
    files included. The claim lives in the shared cache, so it holds across processes and
    nodes. A submission that was refused (a form with errors, a 403) releases it at once; one
    that succeeded (a redirect, as every form that writes answers) keeps its answer for
    ``REMEMBER_SECONDS``, and an identical one in that time is sent to the same place without
    writing again. A copy that arrives while the first is still being processed waits for it,
    up to ``WAIT_SECONDS``, then gets a page that says so (409) rather than a second write.
    """

    PENDING = "pending"
    CLAIM_SECONDS = 120
    REMEMBER_SECONDS = 10
    WAIT_SECONDS = 10.0
    POLL_SECONDS = 0.1

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self.key_for(request)
        if key is None:
            return self.get_response(request)
        if not cache.add(key, self.PENDING, self.CLAIM_SECONDS):
            return self._answer_as_the_first(request, key)
        try:
            response = self.get_response(request)
        except BaseException:
            cache.delete(key)
            raise
        if response.status_code in (301, 302, 303) and response.has_header("Location"):
            cache.set(key, (response.status_code, response["Location"]), self.REMEMBER_SECONDS)
        else:
            cache.delete(key)
        return response

    def key_for(self, request: HttpRequest) -> str | None:
        if request.method not in WRITING_METHODS:
            return None
        try:
            if resolve(request.path_info).url_name in SESSION_CHANGING_URL_NAMES:
                return None
        except Resolver404:
            return None
        digest = hashlib.sha256()
        session = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
        for part in (
            # Without a session, the visitor's own address: behind the proxy, REMOTE_ADDR is
            # the proxy's, which every visitor shares.
            session or f"address:{client_address(request) or ''}",
            request.method,
            request.path_info,
        ):
            digest.update(part.encode() + b"\0")
        if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            for name, values in sorted(request.POST.lists()):
                digest.update(repr((name, values)).encode())
            for name, uploads in sorted(request.FILES.lists()):
                for upload in uploads:
                    digest.update(repr((name, upload.name, upload.size)).encode())
                    for chunk in upload.chunks():
                        digest.update(chunk)
                    upload.seek(0)
        else:
            digest.update(request.body)
        return f"submit:{digest.hexdigest()}"

    def _answer_as_the_first(self, request: HttpRequest, key: str) -> HttpResponse:
        deadline = time.monotonic() + self.WAIT_SECONDS
        while True:
            stored = cache.get(key)
            if stored is None:
                # The first was refused or failed and released its claim: this one may try.
                return self(request)
            if stored != self.PENDING:
                status, location = stored
                # A redirect of Django's own kind, as the first was: clients and tests that
                # follow it read its ``url`` as they would the first's.
                response = HttpResponseRedirect(location)
                response.status_code = status
                return response
            if time.monotonic() >= deadline:
                return errors.already_being_sent(request)
            time.sleep(self.POLL_SECONDS)
