# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

SESSION_STARTED_KEY = "elan_session_started"
SESSION_SEEN_KEY = "elan_session_seen"


class SessionLifetimeMiddleware:
    """Ends a session after 30 idle minutes or 10 hours in all (ACCESS.md).

    Django's cookie age alone can express only one of the two limits, and it trusts the
    browser to drop the cookie; this checks both on the server for every request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED_KEY, now)
            seen = request.session.get(SESSION_SEEN_KEY, now)
            idle_too_long = now - seen > settings.SESSION_IDLE_TIMEOUT_SECONDS
            too_old = now - started > settings.SESSION_ABSOLUTE_LIFETIME_SECONDS
            if idle_too_long or too_old:
                logout(request)
                request.session["elan_session_expired"] = True
            else:
                request.session[SESSION_STARTED_KEY] = started
                # Writing once a minute at most keeps a busy page from saving the session
                # on every request.
                if now - seen >= 60 or SESSION_SEEN_KEY not in request.session:
                    request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)
