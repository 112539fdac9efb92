# SPDX-License-Identifier: EUPL-1.2
"""Where the person stands with their self-assessment and their development plan, for the home
page (``elan.core.modules``).

Both are private to their owner (docs/access.md): these read only the viewer's own rows, and
never a score: the home page says whether and when, not how well.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from elan.assessments.constants import (
    ACTIVE_STEP_STATUSES,
    STEP_DUE_NOTICE_DAYS,
    AssessmentStatus,
    StepStatus,
)
from elan.assessments.models import Assessment, PlanStep, PlanStepEvent
from elan.assessments.recommendations import builtin_suggestion
from elan.assessments.selectors import active_instrument, step_count
from elan.core.modules import DateKind, ModuleState, ModuleStatus


def self_assessment_state(user) -> list[ModuleState]:
    """Not started, in progress (with the step to resume) or done (the latest submission)."""
    instrument = active_instrument()
    # Status and dates only: the scores column holds the answers, summed.
    rows = list(
        Assessment.objects.filter(owner=user)
        .order_by("-submitted_at", "-created_at")
        .values("status", "public_id", "current_step", "submitted_at", "instrument_id")
    )
    open_row = next(
        (
            row
            for row in rows
            if row["status"] == AssessmentStatus.IN_PROGRESS
            and instrument is not None
            and row["instrument_id"] == instrument.pk
        ),
        None,
    )
    if open_row is not None and instrument is not None:
        steps = step_count(instrument)
        step = min(open_row["current_step"], steps)
        return [
            ModuleState(
                ModuleStatus.IN_PROGRESS,
                _("Finish your self-assessment"),
                reverse(
                    "assessments:step",
                    kwargs={"public_id": open_row["public_id"], "step": step},
                ),
                detail=_("Step %(step)s of %(steps)s.") % {"step": step, "steps": steps},
            )
        ]
    submitted = next((row for row in rows if row["status"] == AssessmentStatus.SUBMITTED), None)
    if submitted is not None:
        return [
            ModuleState(
                ModuleStatus.DONE,
                _("Your skills profile"),
                reverse("assessments:profile"),
                localtime(submitted["submitted_at"]).date(),
                DateKind.DONE_ON,
            )
        ]
    if instrument is None:
        return []  # nothing to start while no questionnaire is open
    return [
        ModuleState(
            ModuleStatus.NOT_STARTED,
            _("Take the self-assessment"),
            reverse("assessments:start"),
            detail=_("About %(minutes)s minutes; only you see the answers.")
            % {"minutes": instrument.estimated_minutes},
        )
    ]


def plan_state(user) -> list[ModuleState]:
    """Not started (no step yet), in progress (steps under way) or done (every step finished);
    while steps are under way, each one due within two weeks, or overdue, waits for the person."""
    counts = dict(
        PlanStep.objects.filter(owner=user).values_list("status").annotate(n=Count("pk")).order_by()
    )
    url = reverse("assessments:plan")
    active = sum(counts.get(status, 0) for status in ACTIVE_STEP_STATUSES)
    if active:
        return [
            ModuleState(
                ModuleStatus.IN_PROGRESS,
                _("Your development plan"),
                url,
                detail=ngettext("%(count)s step under way.", "%(count)s steps under way.", active)
                % {"count": active},
            ),
            *_steps_due(user, url),
        ]
    if counts.get(StepStatus.DONE):
        finished = PlanStepEvent.objects.filter(
            step__owner=user, to_status=StepStatus.DONE
        ).aggregate(last=Max("at"))["last"]
        return [
            ModuleState(
                ModuleStatus.DONE,
                _("Your development plan"),
                url,
                localtime(finished).date() if finished else None,
                DateKind.DONE_ON if finished else None,
                detail=_("Every step is done: pick the next ones."),
            )
        ]
    return [
        ModuleState(
            ModuleStatus.NOT_STARTED,
            _("Plan your next steps"),
            url,
            detail=_("Up to three concrete steps, suggested from your profile."),
        )
    ]


def _steps_due(user, url: str) -> list[ModuleState]:
    """Active steps whose target date is near or past wait for the person, soonest first."""
    today = timezone.localdate()
    steps = (
        PlanStep.objects.filter(
            owner=user,
            status__in=ACTIVE_STEP_STATUSES,
            due_on__lte=today + datetime.timedelta(days=STEP_DUE_NOTICE_DAYS),
        )
        .order_by("due_on", "pk")
        .only("pk", "suggestion_key", "title", "due_on")
    )
    states: list[ModuleState] = []
    for step in steps:
        # Elan's own suggestions are re-worded in the reader's language, as on the plan page.
        rebuilt = builtin_suggestion(step.suggestion_key)
        overdue = step.due_on is not None and step.due_on < today
        states.append(
            ModuleState(
                ModuleStatus.WAITING,
                _("Your plan step “%(title)s”")
                % {"title": rebuilt.title if rebuilt else step.title},
                f"{url}#step-{step.pk}",
                step.due_on,
                DateKind.DUE_ON,
                _("Overdue: mark it done, or choose a new date.")
                if overdue
                else _("Mark it done once it is, or move the date."),
            )
        )
    return states
