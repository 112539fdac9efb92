# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import logging
import time
from collections.abc import Callable

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.admin.auth import require_admin_access

from elan.accounts import second_factor

log = logging.getLogger(__name__)

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
    """Ends a session after 30 idle minutes or 10 hours in all (docs/access.md, ASVS 7.3).

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
        return


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


# What a privileged person who has not enrolled a second factor may still reach: enrolment and
# what it needs (allauth asks for the password again before a security change), the recovery
# codes it offers, and the way out. Static files and error pages never reach process_view, and
# the language switcher links to the same page in another language.
ENROLMENT_URL_NAMES = frozenset(
    {
        "root",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_generate_recovery_codes",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        "account_logout",
    }
)


class SecondFactorMiddleware:
    """Every login passes the second factor of an account that has one (docs/security.md).

    On the way in, a session of an account with an authenticator that has not passed it is
    logged out, and a privileged person without one is sent to enrol. On the way out, a view
    that has just logged someone in without the second factor (any login but allauth's) has
    its login undone before the session cookie leaves: the class of defect, not one view.
    Comes after AuthenticationMiddleware and SessionLifetimeMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not second_factor.passed(request, user):
            state = second_factor.account_state(request, user)
            if state == second_factor.ENROLLED:
                log.warning("Refused a session of account %s without its second factor.", user.pk)
                logout(request)
                request.elan_second_factor_refused = True
            elif state == second_factor.REQUIRED:
                request.elan_second_factor_to_enrol = True
        response = self.get_response(request)
        self._undo_login_without_second_factor(request)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if getattr(request, "elan_second_factor_refused", False) and hasattr(request, "_messages"):
            messages.info(request, gettext("Please log in again with your second factor."))
            return None
        if not getattr(request, "elan_second_factor_to_enrol", False):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ENROLMENT_URL_NAMES and not match.namespace:
            return None
        if hasattr(request, "_messages"):
            messages.info(
                request,
                gettext(
                    "Your role requires two-step verification. Set up an authenticator app "
                    "to continue."
                ),
            )
        return redirect("mfa_activate_totp")

    def _undo_login_without_second_factor(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated:
            return
        if SESSION_KEY not in session or second_factor.passed(request, user):
            return
        # Cached for a minute, except right after a login, which forgets the cached answer.
        if second_factor.account_state(request, user) == second_factor.ENROLLED:
            log.warning(
                "A view logged account %s in without its second factor; the login is undone.",
                user.pk,
            )
            logout(request)


# The code of the view that Wagtail's ``require_admin_access`` wraps around every back-office
# view but its login, password reset and static helpers: found on a view's ``__wrapped__``
# chain, it says that Wagtail would turn the person away.
_WAGTAIL_ADMIN_GUARD = require_admin_access(lambda request: None).__code__


def is_guarded_by_wagtail(view_func) -> bool:
    """Whether Wagtail's back-office access check wraps ``view_func``."""
    view = view_func
    for _depth in range(16):  # a handful of decorators; never an endless chain
        if view is None:
            return False
        if getattr(view, "__code__", None) is _WAGTAIL_ADMIN_GUARD:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


class BackOfficeAccessMiddleware:
    """Someone logged in without back-office access gets a 403 there, in their own language.

    Wagtail answers such a person with a redirect to its login page (``require_admin_access``),
    which is the one login, allauth's; allauth sends someone already logged in on to ``next``,
    the back office, and round again. Here the views Wagtail guards answer 403 first, with the
    same test Wagtail makes (``wagtailadmin.access_admin``, elan/organisations/rules.py). A
    visitor still goes to the one login, and a session that still owes its second factor has
    been dealt with by ``SecondFactorMiddleware``, which comes before this one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not is_guarded_by_wagtail(view_func):
            return
        # Wagtail lets a superuser in whatever the rules say, so the mirror of its test must too.
        if user.is_superuser or rules.has_perm("wagtailadmin.access_admin", user):
            return
        # The back office has no language prefix: the refusal speaks the person's language.
        language = getattr(user, "preferred_language", "") or ""
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        raise PermissionDenied
