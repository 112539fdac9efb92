# SPDX-License-Identifier: EUPL-1.2
"""The ideas' vocabulary (issue 20): an idea's statuses and their allowed moves, the outcomes
an owner answers with, the campaign's life cycle, what the history records, and the bounds the
forms and services keep (docs/ideas.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions

TITLE_MAX = 200
TEXT_MAX = 4000
REASON_MAX = 2000
COMMENT_MAX = 2000
LINK_MAX = 500

# The response clock's defaults; an organisation sets its own in the back office (IdeaRules).
DEFAULT_ANSWER_WORKED_DAYS = 20
DEFAULT_REMINDER_WORKED_DAYS = 3
# An escalated idea gives the line manager this many worked days more before it is overdue.
ESCALATION_WORKED_DAYS = 5
# How many ideas one person may post in a day, named and anonymous together, so that the
# counter says nothing about which kind they posted.
DAILY_IDEA_QUOTA = 5
# How many replies an anonymous idea's private link may post in a day.
DAILY_REPLY_QUOTA = 10
# How many similar ideas are suggested before posting.
SIMILAR_IDEAS_SHOWN = 5
# "Not now" looks again within two years at most: later is a "no" that does not say so.
NOT_NOW_MAX_DAYS = 730


class Status(models.TextChoices):
    WAITING = "waiting", _("Waiting for an answer")
    ESCALATED = "escalated", _("Escalated to the line manager")
    TAKEN_FORWARD = "taken_forward", _("Taken forward")
    COVERED = "covered", _("Already covered")
    NOT_NOW = "not_now", _("Not now")
    NOT_FEASIBLE = "not_feasible", _("Not feasible")


# The four answers an owner gives, each with a written reason the author reads.
OUTCOMES = (Status.TAKEN_FORWARD, Status.COVERED, Status.NOT_NOW, Status.NOT_FEASIBLE)
# Where the clock runs: the idea waits for its owner, or for the owner's line manager.
CLOCK_STATUSES = (Status.WAITING, Status.ESCALATED)

IDEA_TRANSITIONS: Transitions[Status] = {
    Status.WAITING: frozenset({Status.ESCALATED, *OUTCOMES}),
    Status.ESCALATED: frozenset(OUTCOMES),
    # On its date a "not now" comes back to its owner by itself, with a fresh deadline.
    Status.NOT_NOW: frozenset({Status.WAITING}),
    Status.TAKEN_FORWARD: frozenset(),
    Status.COVERED: frozenset(),
    Status.NOT_FEASIBLE: frozenset(),
}


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


CAMPAIGN_TRANSITIONS: Transitions[CampaignStatus] = {
    CampaignStatus.OPEN: frozenset({CampaignStatus.CLOSED}),
    CampaignStatus.CLOSED: frozenset(),
}


class HistoryKind(models.TextChoices):
    POSTED = "posted", _("Posted")
    ANSWERED = "answered", _("Answered")
    ESCALATED = "escalated", _("Escalated")
    RETURNED = "returned", _("Back for a new look")
    REMINDED = "reminded", _("Owner reminded")
    HIDDEN = "hidden", _("Hidden by a moderator")
    SHOWN = "shown", _("Shown again by a moderator")
