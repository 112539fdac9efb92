# SPDX-License-Identifier: EUPL-1.2
"""Who is asking, by address, behind the trusted proxies (``ALLAUTH_TRUSTED_PROXY_COUNT``)."""

from __future__ import annotations

from allauth.core.internal.httpkit import get_client_ip
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The visitor's address, read as allauth's rate limits read it: for the login lockout
    (``AXES_CLIENT_IP_CALLABLE``) and the double-submit guard (elan/portal/middleware.py).

    Axes reads ``AXES_IPWARE_PROXY_COUNT`` only through django-ipware, which Elan does not
    install; without this, behind the proxy every attempt was recorded with the proxy's own
    address, so the "account + address" rule became "account only" and the login records named
    the proxy. A request that reaches a node without the proxy's header (nothing should) is
    counted under the address it came from rather than failing.
    """
    try:
        return get_client_ip(request)
    except ImproperlyConfigured:
        return request.META.get("REMOTE_ADDR")
