# SPDX-License-Identifier: EUPL-1.2
"""The cohorts' vocabulary: the cohort's statuses and their allowed moves, the board's columns
and the bounds the forms and services keep (issue 19, point 6; docs/architecture.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions

TITLE_MAX = 200
TEXT_MAX = 4000
PLACE_MAX = 200
# A fellowship brings units together: past this many members of one unit, the organisers are
# told, unless they set another number for their cohort.
DEFAULT_MAX_PER_UNIT = 3
MAX_PER_UNIT_LIMIT = 50


class Status(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


COHORT_TRANSITIONS: Transitions[Status] = {
    Status.DRAFT: frozenset({Status.RUNNING, Status.CANCELLED}),
    Status.RUNNING: frozenset({Status.FINISHED, Status.CANCELLED}),
    Status.FINISHED: frozenset(),
    Status.CANCELLED: frozenset(),
}
# Where the programme is still being shaped: members join, sessions are planned, the board is
# written. A finished or cancelled cohort is kept as it was, to be read.
OPEN_STATUSES = (Status.DRAFT, Status.RUNNING)
# Where members read the cohort: a draft is the organisers' preparation until it starts.
MEMBER_VISIBLE_STATUSES = (Status.RUNNING, Status.FINISHED, Status.CANCELLED)
# Where a session may be looked back on: the cohort ran, or still runs.
RETROSPECTIVE_STATUSES = (Status.RUNNING, Status.FINISHED)


class HistoryKind(models.TextChoices):
    STATUS = "status", _("Status changed")
    MEMBER_ADDED = "member_added", _("Member added")
    MEMBER_REMOVED = "member_removed", _("Member removed")
    SESSION_ADDED = "session_added", _("Session planned")
    SESSION_CHANGED = "session_changed", _("Session changed")
    UPDATED = "updated", _("Cohort details changed")


class Column(models.TextChoices):
    """Where a piece of work stands on the shared board, from a question to a lesson."""

    EXPLORING = "exploring", _("Exploring")
    TRYING = "trying", _("Trying")
    LEARNED = "learned", _("Learned")
