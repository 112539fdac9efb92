# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Relationship(models.TextChoices):
    """How a rater knows the person; each is a rater group of the report (docs/access.md).

    Peers, direct reports and other colleagues are anonymous groups: only verified colleagues
    (active accounts with a staff record) count in them. The line manager and raters from
    outside the organisation are attributed: their forms say so, and the report shows them
    apart, never pooled with the anonymous groups.
    """

    MANAGER = "manager", _("Line manager")
    PEER = "peer", _("Peer")
    DIRECT_REPORT = "direct_report", _("Direct report")
    OTHER = "other", _("Other colleague")
    EXTERNAL = "external", _("Someone outside the organisation")


# Group labels in the report: plural, since a group is shown only with several raters.
# Keyed by the stored value: a plain string from the database finds its label too.
GROUP_LABELS: dict[str, StrPromise] = {
    Relationship.MANAGER: _("Line manager"),
    Relationship.PEER: _("Peers"),
    Relationship.DIRECT_REPORT: _("Direct reports"),
    Relationship.OTHER: _("Others"),
    Relationship.EXTERNAL: _("Outside the organisation"),
}
ALL_RATERS = "all"  # the anonymous raters together (neither the manager nor outside raters)
ANONYMOUS_GROUPS = (Relationship.PEER, Relationship.DIRECT_REPORT, Relationship.OTHER)
# Shown with their role, never pooled: the manager, and anyone who is not a verified colleague.
ATTRIBUTED_GROUPS = (Relationship.MANAGER, Relationship.EXTERNAL)


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Choosing raters")
    IN_REVIEW = "in_review", _("Rater list awaiting review")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


# The round's lifecycle as data; the service refuses any other move. The rater list goes out
# (draft or in review -> open) only once the reviewer approved it, or straight from the draft
# when nobody can review it (``services.reviewers_of``), which the history records with why.
ROUND_TRANSITIONS: Transitions[RoundStatus] = {
    RoundStatus.DRAFT: frozenset({RoundStatus.IN_REVIEW, RoundStatus.OPEN, RoundStatus.CLOSED}),
    RoundStatus.IN_REVIEW: frozenset({RoundStatus.OPEN, RoundStatus.DRAFT, RoundStatus.CLOSED}),
    RoundStatus.OPEN: frozenset({RoundStatus.CLOSED}),
    RoundStatus.CLOSED: frozenset(),
}


class RoundEventKind(models.TextChoices):
    OPENED = "opened", _("Started")
    INVITED = "invited", _("Rater added")
    RATER_REMOVED = "rater_removed", _("Rater removed")
    SUBMITTED_FOR_REVIEW = "submitted_for_review", _("Rater list sent for review")
    APPROVED = "approved", _("Rater list approved, invitations sent")
    SENT_BACK = "sent_back", _("Rater list sent back")
    REVIEW_SKIPPED = "review_skipped", _("Invitations sent without a review")
    REMINDED = "reminded", _("Reminders sent")
    CLOSED = "closed", _("Closed")
    SHARED = "shared", _("Report shared")
    SHARE_REVOKED = "share_revoked", _("Sharing ended")
    # The round closed, so its invitations' addresses, names, accounts and times are gone.
    RATER_DETAILS_ERASED = "rater_details_erased", _("Raters' addresses and times erased")


# Why a round went out without a review (``RoundEvent.note`` of ``REVIEW_SKIPPED``).
NO_REVIEWER = "no_line_manager_and_no_hr_in_scope"

# A skill counts as a blind spot or a hidden strength when self and others differ by at least
# this much on the scale: half a point is more than rounding, less than a full step.
NOTABLE_GAP = 0.5
# Raters who have not answered hear from us at most this often, and only while the round is open.
REMINDER_INTERVAL_DAYS = 3
# The longest a round may stay open; a 360 that drags on is not about the same period any more.
MAX_OPEN_DAYS = 60
MAX_RATERS = 30
