# SPDX-License-Identifier: EUPL-1.2
"""The events' vocabulary: kinds, statuses and their allowed moves, and the bounds a
registration and a team keep (issue 19, docs/architecture.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions
from elan.events.formation import MAX_RANKING

__all__ = ["MAX_RANKING"]

TITLE_MAX = 200
TEXT_MAX = 4000
PLACE_MAX = 200
# Short enough to read out in a meeting, long enough not to be guessed by chance.
GROUP_CODE_LENGTH = 6
# Letters and digits that cannot be mistaken for one another when read aloud or copied.
GROUP_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEAM_SIZE_MAX = 12


class Kind(models.TextChoices):
    HACKATHON = "hackathon", _("Hackathon")
    SPRINT = "sprint", _("Innovation sprint")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for registration")
    CLOSED = "closed", _("Registration closed")
    TEAMS_PUBLISHED = "teams_published", _("Teams published")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


EVENT_TRANSITIONS: Transitions[Status] = {
    Status.DRAFT: frozenset({Status.OPEN, Status.CANCELLED}),
    # Reopening lets late registrations in while the teams are still only proposed.
    Status.OPEN: frozenset({Status.CLOSED, Status.CANCELLED}),
    Status.CLOSED: frozenset({Status.OPEN, Status.TEAMS_PUBLISHED, Status.CANCELLED}),
    Status.TEAMS_PUBLISHED: frozenset({Status.FINISHED, Status.CANCELLED}),
    Status.FINISHED: frozenset(),
    Status.CANCELLED: frozenset(),
}
# Where challenges may still be posted: before teams are formed around them.
CHALLENGE_STATUSES = (Status.DRAFT, Status.OPEN)


class Mode(models.TextChoices):
    FREE_AGENT = "free_agent", _("On my own: put me in a team")
    GROUP = "group", _("With a group I formed: keep us together")


class EventKind(models.TextChoices):
    STATUS = "status", _("Status changed")
    CHALLENGE = "challenge", _("Challenge posted")
    PROPOSED = "proposed", _("Teams proposed")
    SWAPPED = "swapped", _("Team members swapped")
    PUBLISHED = "published", _("Teams published")
    CHANGED = "changed", _("Details changed")


# --- mentors, the help queue, results ---------------------------------------------------------

# Teams one mentor may take on: beyond a handful, a team waits for them more than it works.
MENTOR_CAPACITY_MAX = 6
# Where mentors may still offer or withdraw: before the teams they would mentor are published.
MENTOR_STATUSES = (Status.OPEN, Status.CLOSED)
# Where results and retrospectives are written: the event running, or just over.
RESULT_STATUSES = (Status.TEAMS_PUBLISHED, Status.FINISHED)
# A pull that finds its request taken under it tries the next one, a few times at most.
PULL_ATTEMPTS = 3


class HelpStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a mentor")
    TAKEN = "taken", _("Taken by a mentor")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


HELP_TRANSITIONS: Transitions[HelpStatus] = {
    HelpStatus.WAITING: frozenset({HelpStatus.TAKEN, HelpStatus.WITHDRAWN}),
    # A team may find its answer while the mentor is on the way.
    HelpStatus.TAKEN: frozenset({HelpStatus.ANSWERED, HelpStatus.WITHDRAWN}),
    HelpStatus.ANSWERED: frozenset(),
    HelpStatus.WITHDRAWN: frozenset(),
}
