# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class ShareKind(models.TextChoices):
    """Who a profile may be shared with (docs/access.md): the line manager or a named mentor."""

    LINE_MANAGER = "line_manager", _("Line manager")
    MENTOR = "mentor", _("Mentor")


class SuggestionKind(models.TextChoices):
    RESOURCE = "resource", _("A resource or tool")
    PRACTICE = "practice", _("A practice to try this week")
    PERSON = "person", _("A person to learn from")
    EXPERIMENT = "experiment", _("An experiment to run")


class StepStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# The step lifecycle as data; the service refuses any other move.
STEP_TRANSITIONS: Transitions[StepStatus] = {
    StepStatus.PLANNED: frozenset({StepStatus.IN_PROGRESS, StepStatus.DONE, StepStatus.DROPPED}),
    StepStatus.IN_PROGRESS: frozenset({StepStatus.DONE, StepStatus.DROPPED}),
    StepStatus.DONE: frozenset(),
    StepStatus.DROPPED: frozenset({StepStatus.PLANNED}),
}
# Steps that count towards the limit: a plan ends in at most three concrete actions.
ACTIVE_STEP_STATUSES = frozenset({StepStatus.PLANNED, StepStatus.IN_PROGRESS})
MAX_ACTIVE_STEPS = 3
# A step's target date: a plan is about the coming months, so a year ahead is the far end; the
# home page lists a step once its date is this close, or past.
STEP_DUE_MAX_DAYS_AHEAD = 365
STEP_DUE_NOTICE_DAYS = 14

# Labels for the buttons that move a step, so the page says what happens, not the state name.
TRANSITION_LABELS = {
    StepStatus.IN_PROGRESS: _("I have started"),
    StepStatus.DONE: _("Mark as done"),
    StepStatus.DROPPED: _("Drop this step"),
    StepStatus.PLANNED: _("Put back in my plan"),
}


class ProfileEventKind(models.TextChoices):
    SHARED = "shared", _("Shared")
    SHARE_REVOKED = "share_revoked", _("Sharing ended")
    ADDED_TO_EVALUATION = "added_to_evaluation", _("Added to the performance evaluation")
    REMOVED_FROM_EVALUATION = (
        "removed_from_evaluation",
        _("Removed from the performance evaluation"),
    )
    JOINED_TEAM_MIX = "joined_team_mix", _("Included in the team's skill mix")
    LEFT_TEAM_MIX = "left_team_mix", _("No longer included in the team's skill mix")
