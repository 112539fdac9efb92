# SPDX-License-Identifier: EUPL-1.2
"""Security middleware every page goes through: the Content-Security-Policy, the
Permissions-Policy and the page tree closed to those who may not read drafts.

The middleware that answers bad input and an unavailable database with the site's error pages
is the portal's (elan/portal/middleware.py).
"""

from __future__ import annotations

from collections.abc import Callable

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from wagtail.permission_policies.pages import PagePermissionPolicy


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
            return
        in_page_tree = match.url_name in PAGE_TREE_URL_NAMES or not PAGE_TREE_NAMESPACES.isdisjoint(
            match.namespaces
        )
        if in_page_tree and not may_read_drafts(request.user):
            raise PermissionDenied
        return
