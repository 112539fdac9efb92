# SPDX-License-Identifier: EUPL-1.2
"""The evaluation cycle's vocabulary and lifecycles, as data (docs/goals.md).

The federal cycle (docs/goals.md, "The cycle"): twelve months, a planning talk, any number of
interim talks, an evaluation talk, at least 20 worked days between two talks. Each
organisation may set its own length, gap and reminders (``CycleRules``); these are the defaults.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions

DEFAULT_LENGTH_MONTHS = 12
DEFAULT_MINIMUM_GAP_WORKED_DAYS = 20
# The planning talk is due within this many days of the cycle's start.
DEFAULT_PLANNING_DUE_DAYS = 30
DEFAULT_FIRST_REMINDER_DAYS = 14
DEFAULT_LAST_REMINDER_DAYS = 2


class CycleStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Under way")
    EVALUATED = "evaluated", _("Evaluated")
    STOPPED = "stopped", _("Stopped")


CYCLE_TRANSITIONS: Transitions[CycleStatus] = {
    CycleStatus.PLANNING: frozenset({CycleStatus.RUNNING, CycleStatus.STOPPED}),
    CycleStatus.RUNNING: frozenset({CycleStatus.EVALUATED, CycleStatus.STOPPED}),
    CycleStatus.EVALUATED: frozenset(),
    CycleStatus.STOPPED: frozenset(),
}
OPEN_CYCLE_STATUSES = (CycleStatus.PLANNING, CycleStatus.RUNNING)


class TalkKind(models.TextChoices):
    PLANNING = "planning", _("Planning talk")
    INTERIM = "interim", _("Interim talk")
    EVALUATION = "evaluation", _("Evaluation talk")


class TalkStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


TALK_TRANSITIONS: Transitions[TalkStatus] = {
    TalkStatus.SCHEDULED: frozenset({TalkStatus.HELD, TalkStatus.CANCELLED}),
    TalkStatus.HELD: frozenset(),
    TalkStatus.CANCELLED: frozenset(),
}


class GoalKind(models.TextChoices):
    PERFORMANCE = "performance", _("Performance goal")
    DEVELOPMENT = "development", _("Development goal")


class InnovationKind(models.TextChoices):
    """What an innovation goal is about (docs/goals.md, "Balanced goals")."""

    APPLIED_SKILL = "applied_skill", _("Applied skill")
    RESULT = "result", _("Concrete result")
    ENABLING = "enabling", _("Enabling others")


class GoalProgress(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


_STILL_GOING = frozenset({GoalProgress.ON_TRACK, GoalProgress.AT_RISK, GoalProgress.OFF_TRACK})
PROGRESS_TRANSITIONS: Transitions[GoalProgress] = {
    GoalProgress.ON_TRACK: _STILL_GOING - {GoalProgress.ON_TRACK}
    | {GoalProgress.DONE, GoalProgress.DROPPED},
    GoalProgress.AT_RISK: _STILL_GOING - {GoalProgress.AT_RISK}
    | {GoalProgress.DONE, GoalProgress.DROPPED},
    GoalProgress.OFF_TRACK: _STILL_GOING - {GoalProgress.OFF_TRACK}
    | {GoalProgress.DONE, GoalProgress.DROPPED},
    GoalProgress.DONE: frozenset(),
    GoalProgress.DROPPED: frozenset(),
}
FINAL_PROGRESS = (GoalProgress.DONE, GoalProgress.DROPPED)


class Agreement(models.TextChoices):
    """A goal is its owner's private draft, then proposed to the evaluator, then agreed."""

    DRAFT = "draft", _("Private draft")
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")


AGREEMENT_TRANSITIONS: Transitions[Agreement] = {
    Agreement.DRAFT: frozenset({Agreement.PROPOSED}),
    # Back to a draft: the owner takes it back, or the evaluator asks for another wording.
    Agreement.PROPOSED: frozenset({Agreement.DRAFT, Agreement.AGREED}),
    # An agreed goal changes only in an interim talk, and stays agreed: the change is the
    # talk's, recorded with its reason (``GoalEvent``).
    Agreement.AGREED: frozenset(),
}


class CycleEventKind(models.TextChoices):
    STARTED = "started", _("Cycle started")
    STATUS = "status", _("Status changed")
    EVALUATOR_CHANGED = "evaluator_changed", _("Evaluator changed")
    SECOND_EVALUATOR_SET = "second_evaluator_set", _("Second evaluator added")
    SECOND_EVALUATOR_REMOVED = "second_evaluator_removed", _("Second evaluator removed")
    TALK_SCHEDULED = "talk_scheduled", _("Talk scheduled")
    TALK_RESCHEDULED = "talk_rescheduled", _("Talk moved")
    TALK_HELD = "talk_held", _("Talk held")
    TALK_CANCELLED = "talk_cancelled", _("Talk cancelled")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    EVIDENCE_WITHDRAWN = "evidence_withdrawn", _("Evidence withdrawn")


class GoalEventKind(models.TextChoices):
    CREATED = "created", _("Drafted")
    EDITED = "edited", _("Draft edited")
    PROPOSED = "proposed", _("Proposed")
    TAKEN_BACK = "taken_back", _("Taken back to a draft")
    SENT_BACK = "sent_back", _("Sent back by the evaluator")
    AGREED = "agreed", _("Agreed")
    CHANGED = "changed", _("Changed in an interim talk")
    PROGRESS = "progress", _("Status changed")


class EvidenceKind(models.TextChoices):
    """What its owner may add to a cycle. Nothing reaches a cycle unless its owner adds it."""

    SELF_ASSESSMENT = "self_assessment", _("Self-assessment and skills profile")
    FEEDBACK_REPORT = "feedback_report", _("360 feedback report")
    HUB_ITEM = "hub_item", _("Knowledge hub item")
    # One of the person's own experiments, or one they co-own (docs/experiments.md).
    EXPERIMENT = "experiment", _("Experiment")


class TemplateAudience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    MANAGERS = "managers", _("Team leads and senior managers")
