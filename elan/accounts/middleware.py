# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import ngettext

SESSION_STARTED_KEY = "elan_session_started"
SESSION_SEEN_KEY = "elan_session_seen"
# Writing "last seen" once a minute at most keeps a busy page from saving the session on
# every request. The price: the idle limit may bite up to this much early, never late.
SEEN_WRITE_INTERVAL_SECONDS = 60

IDLE = "idle"
ABSOLUTE = "absolute"


def session_stamp(request: HttpRequest, *, now: int | None = None) -> None:
    """Start both clocks; called at login, when Django has just issued a new session key."""
    now = int(time.time()) if now is None else now
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_SEEN_KEY] = now


def session_expiry_reason(session, *, now: int) -> str | None:
    started = session.get(SESSION_STARTED_KEY, now)
    seen = session.get(SESSION_SEEN_KEY, now)
    if now - started > settings.SESSION_ABSOLUTE_LIFETIME_SECONDS:
        return ABSOLUTE
    if now - seen > settings.SESSION_IDLE_TIMEOUT_SECONDS:
        return IDLE
    return None


class SessionLifetimeMiddleware:
    """Ends a session after 30 idle minutes or 10 hours in all (ACCESS.md, ASVS 7.3).

    Django's cookie age alone can express only one of the two limits, and it trusts the
    browser to drop the cookie; this checks both on the server for every request. The check
    runs before the view so that nothing downstream sees the expired login; the message
    telling the person why waits for ``process_view``, when the message store exists.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            reason = session_expiry_reason(request.session, now=now)
            if reason:
                logout(request)
                request.elan_session_expired = reason
            else:
                request.session.setdefault(SESSION_STARTED_KEY, now)
                seen = request.session.get(SESSION_SEEN_KEY)
                if seen is None or now - seen >= SEEN_WRITE_INTERVAL_SECONDS:
                    request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        reason = getattr(request, "elan_session_expired", None)
        if reason and hasattr(request, "_messages"):
            messages.info(request, expiry_message(reason))
        return None


def expiry_message(reason: str) -> str:
    if reason == IDLE:
        minutes = settings.SESSION_IDLE_TIMEOUT_SECONDS // 60
        return ngettext(
            "Your session expired after %(minutes)d minute without activity. Please log in again.",
            "Your session expired after %(minutes)d minutes without activity. Please log in again.",
            minutes,
        ) % {"minutes": minutes}
    hours = settings.SESSION_ABSOLUTE_LIFETIME_SECONDS // 3600
    return ngettext(
        "Your session ended because it was open for %(hours)d hour. Please log in again.",
        "Your session ended because it was open for %(hours)d hours. Please log in again.",
        hours,
    ) % {"hours": hours}
