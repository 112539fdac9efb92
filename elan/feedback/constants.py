# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _


class Relationship(models.TextChoices):
    """How a rater knows the person; each is a rater group of the report (ACCESS.md)."""

    MANAGER = "manager", _("Line manager")
    PEER = "peer", _("Peer")
    DIRECT_REPORT = "direct_report", _("Direct report")
    OTHER = "other", _("Other")


# Group labels in the report: plural, since a group is shown only with several raters.
GROUP_LABELS = {
    Relationship.MANAGER: _("Line manager"),
    Relationship.PEER: _("Peers"),
    Relationship.DIRECT_REPORT: _("Direct reports"),
    Relationship.OTHER: _("Others"),
}
ALL_RATERS = "all"  # the anonymous raters together (everyone but the manager)
ANONYMOUS_GROUPS = (Relationship.PEER, Relationship.DIRECT_REPORT, Relationship.OTHER)


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


# The round's lifecycle as data; the service refuses any other move.
ALLOWED_ROUND_TRANSITIONS: dict[str, frozenset[str]] = {
    RoundStatus.OPEN: frozenset({RoundStatus.CLOSED}),
    RoundStatus.CLOSED: frozenset(),
}


class RoundEventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    INVITED = "invited", _("Rater invited")
    REMINDED = "reminded", _("Reminders sent")
    CLOSED = "closed", _("Closed")
    SHARED = "shared", _("Report shared")
    SHARE_REVOKED = "share_revoked", _("Sharing ended")
    # The round closed, so its invitations' addresses, names, accounts and times are gone.
    RATER_DETAILS_ERASED = "rater_details_erased", _("Raters' addresses and times erased")


# A skill counts as a blind spot or a hidden strength when self and others differ by at least
# this much on the scale: half a point is more than rounding, less than a full step.
NOTABLE_GAP = 0.5
# Raters who have not answered hear from us at most this often, and only while the round is open.
REMINDER_INTERVAL_DAYS = 3
# The longest a round may stay open; a 360 that drags on is not about the same period any more.
MAX_OPEN_DAYS = 60
MAX_RATERS = 30
