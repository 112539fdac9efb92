# SPDX-License-Identifier: EUPL-1.2
"""The experiments' links to the rest of Elan that need a page of their own: proposing a
finished experiment as a knowledge hub case (issue 17, point 6).

The other links are read where they are shown: the skills profile's evidence
(``selectors.skill_evidence``) and a development goal's evidence (the goals module).
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from elan.experiments import selectors
from elan.experiments.hub_case import propose_hub_case
from elan.experiments.services import ExperimentError


@never_cache
@login_required
@require_POST
def propose_case(request: HttpRequest, public_id) -> HttpResponse:
    experiment = selectors.experiment_for(viewer=request.user, public_id=public_id)
    if experiment is None:
        raise Http404
    if not rules.has_perm("experiments.edit", request.user, experiment):
        raise PermissionDenied
    try:
        propose_hub_case(
            experiment=experiment,
            actor=request.user,
            with_name=request.POST.get("credit") == "name",
        )
    except ExperimentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Thank you. The hub's editors have a draft case written from your card; they "
                "complete it, and a moderator publishes it."
            ),
        )
    return redirect(selectors.card_url(experiment=experiment) + "#hub-case")
