# SPDX-License-Identifier: EUPL-1.2
"""The site's own pages: the way in, the home page, the accessibility statement and its form."""

from __future__ import annotations

import datetime

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from elan.core.health import report as health_report
from elan.portal import services
from elan.portal.forms import BarrierReportForm
from elan.portal.selectors import home_context


def root_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """``/`` goes to the person's preferred language, then the browser's (docs/access.md)."""
    language = None
    if request.user.is_authenticated:
        language = request.user.preferred_language
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language_from_request(request, check_path=False)
    return redirect(f"/{language}/")


@csrf_exempt
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer and the monitoring: can this node reach what it needs?

    The database decides the status: without it, nothing works, so the node answers 503 and the
    proxy sends people elsewhere. A cache or queue problem is reported but keeps 200, because the
    node still serves pages (the cache falls back to the database; the queue only delays
    e-mails), and taking every node out at once would be worse. Touches neither the session nor
    the user, so it answers the same whoever asks (docs/deployment.md, docs/security.md).
    """
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", home_context(user=request.user))


# The statement's dates change only when someone reviews it again, together with its text.
ACCESSIBILITY_STATEMENT_PREPARED_ON = datetime.date(2026, 11, 27)
ACCESSIBILITY_STATEMENT_REVIEWED_ON = datetime.date(2026, 11, 28)


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED_ON,
            "reviewed_on": ACCESSIBILITY_STATEMENT_REVIEWED_ON,
        },
    )


@require_http_methods(["GET", "POST"])
def report_barrier(request: HttpRequest) -> HttpResponse:
    initial = {"page_url": request.GET.get("page", "")[:500]}
    form = BarrierReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        signed_in = request.user.is_authenticated
        action = "barrier_report_signed_in" if signed_in else "barrier_report"
        if not ratelimit.consume(request, action=action):
            form.add_error(
                None,
                _(
                    "You sent several reports in a short time. Wait an hour and send this one "
                    "again, or write to %(address)s."
                )
                % {"address": settings.ACCESSIBILITY_CONTACT_EMAIL},
            )
            return render(request, "portal/report_barrier.html", {"form": form}, status=429)
        services.barrier_report_create(
            **form.cleaned_data,
            language=translation.get_language() or "en",
            reporter=request.user if signed_in else None,
        )
        messages.success(request, _("Thank you. We received your report and will look into it."))
        return redirect("portal:accessibility")
    return render(request, "portal/report_barrier.html", {"form": form})
