# SPDX-License-Identifier: EUPL-1.2
"""Pages of the organisation app outside the back office.

Confirming a new login address asks no rule: the e-mailed link is the key, and whoever holds
it may confirm, logged in or not (docs/security.md).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from elan.organisations import services

TEMPLATE = "organisations/confirm_address.html"


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_address(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to a new login address: whoever holds it confirms, no login needed.

    GET only shows the button, so a mail scanner that opens links confirms nothing.
    """
    try:
        change = services.pending_email_change_for(token=token)
    except services.AddressChangeUnavailable:
        return render(request, TEMPLATE, {"state": "unavailable"}, status=404)
    if request.method == "POST":
        try:
            user = services.email_change_confirm(token=token)
        except services.AddressChangeUnavailable:
            return render(request, TEMPLATE, {"state": "unavailable"}, status=404)
        except services.AddressTaken:
            return render(request, TEMPLATE, {"state": "taken", "change": change}, status=409)
        return render(request, TEMPLATE, {"state": "done", "email": user.email})
    return render(request, TEMPLATE, {"state": "confirm", "change": change})
