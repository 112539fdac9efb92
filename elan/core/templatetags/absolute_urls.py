# SPDX-License-Identifier: EUPL-1.2
"""Absolute addresses for what is read outside the page: hreflang alternates, shared links."""

from __future__ import annotations

from urllib.parse import urljoin

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` on this site's scheme and host (as the request came in), or on ``SITE_URL``."""
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(url)
    return urljoin(settings.SITE_URL.rstrip("/") + "/", url)
