# SPDX-License-Identifier: EUPL-1.2
"""The goals sheet: a print page and a PDF, for the person and their evaluators only.

Rules are asked directly (``rules.has_perm``), not through ``user.has_perm``: Django grants every
permission to a superuser, and an administrator must not read anyone's goals (docs/access.md).
Anyone else gets 404, so the page does not tell that the cycle exists.
"""

from __future__ import annotations

import rules
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from elan.goals.models import Cycle
from elan.goals.sheet import build_sheet_context, render_sheet_pdf


def _cycle_or_404(request: HttpRequest, public_id) -> Cycle:
    cycle = (
        Cycle.objects.select_related("person", "evaluator", "second_evaluator", "unit")
        .filter(public_id=public_id)
        .first()
    )
    if cycle is None or not rules.has_perm("goals.view_cycle", request.user, cycle):
        raise Http404
    return cycle


@never_cache
@login_required
def sheet(request: HttpRequest, public_id) -> HttpResponse:
    cycle = _cycle_or_404(request, public_id)
    return render(request, "goals/sheet.html", build_sheet_context(cycle=cycle))


@never_cache
@login_required
def sheet_pdf(request: HttpRequest, public_id) -> HttpResponse:
    cycle = _cycle_or_404(request, public_id)
    context = build_sheet_context(cycle=cycle)
    response = HttpResponse(render_sheet_pdf(context=context), content_type="application/pdf")
    filename = f"elan-goals-sheet-{cycle.starts_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = context["sheet_language"]
    return response
