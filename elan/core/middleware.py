# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


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
                "frame-ancestors": ["'self'"],
            }
        return parts
