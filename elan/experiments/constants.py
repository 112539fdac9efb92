# SPDX-License-Identifier: EUPL-1.2
"""The experiment's vocabulary and lifecycle, as data (docs/experiments.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions

# The amount an experiment may cost before the line manager is asked, unless HR sets another
# for its organisation (``ExperimentRules``).
DEFAULT_SPEND_LIMIT_EUROS = 500
# Days before the time box ends that the owner is reminded, and then on the day itself.
DEFAULT_REMINDER_DAYS = 7
TITLE_MAX = 200
TEXT_MAX = 4000
REASON_MAX = 2000


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RUNNING = "running", _("Running")
    DECIDED = "decided", _("Decided")
    REGULARISED = "regularised", _("Regularised")
    CLOSED = "closed", _("Closed")


TRANSITIONS: Transitions[Status] = {
    Status.DRAFT: frozenset({Status.RUNNING, Status.CLOSED}),
    # "Iterate" is a decision that keeps the experiment running: it stays in RUNNING.
    Status.RUNNING: frozenset({Status.DECIDED, Status.CLOSED}),
    Status.DECIDED: frozenset({Status.REGULARISED, Status.CLOSED, Status.RUNNING}),
    Status.REGULARISED: frozenset(),
    Status.CLOSED: frozenset(),
}
OPEN_STATUSES = (Status.DRAFT, Status.RUNNING)


class Decision(models.TextChoices):
    SCALE = "scale", _("Scale it up")
    ITERATE = "iterate", _("Iterate: test again, changed")
    PARK = "park", _("Park it for now")
    STOP = "stop", _("Stop it")


class Sharing(models.TextChoices):
    """Who may read an experiment besides its owners (docs/access.md)."""

    PRIVATE = "private", _("Only the owners")
    TEAM = "team", _("My team: my unit and its line")
    ORGANISATION = "organisation", _("My whole organisation")


class MandateOutcome(models.TextChoices):
    GO = "go", _("Go ahead: it is within your mandate")
    ASK = "ask", _("Ask first")
    SHRINK = "shrink", _("Shrink the test")


class AskWhom(models.TextChoices):
    LINE_MANAGER = "line_manager", _("Your line manager")
    DATA_PROTECTION = "data_protection", _("The data protection officer")


class PermissionStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


PERMISSION_TRANSITIONS: Transitions[PermissionStatus] = {
    PermissionStatus.WAITING: frozenset({PermissionStatus.GRANTED, PermissionStatus.REFUSED}),
    PermissionStatus.GRANTED: frozenset(),
    PermissionStatus.REFUSED: frozenset(),
}


class Criterion(models.TextChoices):
    """What an iteration saw against a criterion."""

    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    UNCLEAR = "unclear", _("Not clear yet")


class EventKind(models.TextChoices):
    CREATED = "created", _("Card started")
    STATUS = "status", _("Status changed")
    MANDATE_CHECKED = "mandate_checked", _("Mandate checked")
    PERMISSION_ASKED = "permission_asked", _("Permission asked")
    PERMISSION_ANSWERED = "permission_answered", _("Permission answered")
    ITERATION = "iteration", _("Iteration recorded")
    DECIDED = "decided", _("Decision taken")
    REGULARISED = "regularised", _("Made official")
    SHARED = "shared", _("Sharing changed")
    CO_OWNER_ADDED = "co_owner_added", _("Co-owner added")
    CO_OWNER_REMOVED = "co_owner_removed", _("Co-owner removed")
    CASE_PROPOSED = "case_proposed", _("Proposed as a hub case")
    OWNER_ERASED = "owner_erased", _("Owner's account erased")


class Template(models.TextChoices):
    """The card templates; their hints are in ``card_templates.py``."""

    TEST_CARD = "test_card", _("Test card")
    PILOT = "pilot", _("Pilot")
    AB_LETTERS = "ab_letters", _("A/B comparison of two letters")
    PROTOTYPE_FIVE = "prototype_five", _("Prototype with five users")
