# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from wagtail.permission_policies.pages import PagePermissionPolicy

from elan.core import errors

logger = logging.getLogger(__name__)


class ScopedCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere, relaxed only under the Wagtail admin's paths.

    Wagtail's admin still writes inline scripts and styles. Rather than weaken the policy for
    every page, the relaxation is scoped to ``CSP_RELAXED_PATH_PREFIXES``
    (docs/adr/0003-content-security-policy.md).
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.CSP_RELAXED_PATH_PREFIXES):
            parts.update = {
                **(parts.update or {}),
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
                "img-src": ["blob:"],
                "frame-src": ["'self'"],
            }
            # Replaced, not merged into the strict policy's 'none'. The back office frames its
            # own previews.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts

    def process_response(self, request: HttpRequest, response: HttpResponseBase):
        # X-Frame-Options must say what frame-ancestors says: with DENY beside 'self' the back
        # office said two things, and which one a browser obeys depends on the browser. (This
        # middleware sits outside Django's, so it sees the header that one has set.)
        if request.path_info.startswith(settings.CSP_RELAXED_PATH_PREFIXES) and (
            response.get("X-Frame-Options") == "DENY"
        ):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Turns off the browser features Elan never uses, on every response (docs/security.md).

    Comes first, so that static files and answers given before the view (a refused request,
    the database being down) carry the header too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


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


# Any one of these on any page makes someone a reader of the page tree, drafts included.
PAGE_TREE_PERMISSIONS = frozenset({"add", "change", "publish", "bulk_delete", "lock", "unlock"})
# The back office's views of the page tree: the explorer, the page editor and its moderation,
# workflow and move views, the page chooser, the admin API the explorer reads, translations
# and bulk actions. Several of them show a page's latest (draft) title before, or without,
# checking a page permission: the chooser, the move confirmation, a workflow action's message.
PAGE_TREE_NAMESPACES = frozenset(
    {"wagtailadmin_pages", "wagtailadmin_api", "wagtailadmin_workflows", "wagtail_localize"}
)
PAGE_TREE_URL_NAMES = frozenset(
    {
        "wagtailadmin_explore",
        "wagtailadmin_explore_results",
        "wagtailadmin_explore_root",
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_choose_page_chosen_multiple",
        "wagtail_bulk_action",
    }
)


def may_read_drafts(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, PAGE_TREE_PERMISSIONS)


class PageTreeForDraftReadersMiddleware:
    """Hub drafts stay with editors and moderators in the back office too (docs/access.md).

    HR reach the back office for frameworks and the organisation import and hold no page
    permission. Wagtail checks a page permission in most of its page views, but not in all,
    and not always before it writes the title into the page or a message; so the whole page
    tree is closed, in one place, to whoever holds no page permission.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        in_page_tree = match.url_name in PAGE_TREE_URL_NAMES or not PAGE_TREE_NAMESPACES.isdisjoint(
            match.namespaces
        )
        if in_page_tree and not may_read_drafts(request.user):
            raise PermissionDenied
        return None
