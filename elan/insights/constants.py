# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions


class InstrumentCode(models.TextChoices):
    CLIMATE = "climate", _("Team climate")
    INNOVATION = "innovation", _("Innovation in the unit (self-assessment)")
    SKILLS = "skills", _("Innovation skills in the team")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed, results published")
    ARCHIVED = "archived", _("Archived")
    CANCELLED = "cancelled", _("Cancelled")


# The life cycle as data (elan.core.lifecycle): a campaign may only move to the statuses listed
# here. "closed -> open" starts the next round; archived and cancelled campaigns move nowhere.
CAMPAIGN_TRANSITIONS: Transitions[CampaignStatus] = {
    CampaignStatus.DRAFT: frozenset({CampaignStatus.OPEN, CampaignStatus.CANCELLED}),
    CampaignStatus.OPEN: frozenset({CampaignStatus.CLOSED}),
    CampaignStatus.CLOSED: frozenset({CampaignStatus.OPEN, CampaignStatus.ARCHIVED}),
    CampaignStatus.ARCHIVED: frozenset(),
    CampaignStatus.CANCELLED: frozenset(),
}

TRANSITION_LABELS = {
    CampaignStatus.OPEN: _("Open the next round"),
    CampaignStatus.CLOSED: _("Close the round and publish the results"),
    CampaignStatus.ARCHIVED: _("Archive the campaign"),
    CampaignStatus.CANCELLED: _("Cancel the campaign"),
}


class Scope(models.TextChoices):
    """Which people a group holds: those placed directly in a unit, or the whole subtree."""

    UNIT = "unit", _("the unit's own people")
    SUBTREE = "subtree", _("the unit and everything below it")


class GroupFamily(models.TextChoices):
    SCORES = "scores", _("scores, counts and rates")
    COMMENTS = "comments", _("comments")


# The filters reports offer; both are on the guard's allowlist (elan.core.anonymity.grouping).
FILTER_ATTRIBUTES = ("language", "grade_band")
FILTER_LABELS = {"language": _("language"), "grade_band": _("level")}


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    DONE = "done", _("Done")
    ON_TRACK = "on_track", _("Under way")
    DROPPED = "dropped", _("Dropped")


MAX_ACTIONS_PER_PLAN = 3
ACTION_TITLE_MAX = 200
ACTION_CHECK_AFTER_DAYS = 30

# What a team can share up the line before the team-first period ends: the counts (always
# shared with a release), each measure, and the comments.
PART_COUNTS = "counts"
PART_COMMENTS = "comments"

# A favourable answer on the five-point agreement scale: "agree" or "strongly agree", once
# statements worded the other way round are keyed back (elan.insights.instruments). Reports show
# the share of favourable answers next to each mean.
FAVOURABLE_FROM = 4


class CompareWith(models.TextChoices):
    """What a heatmap's colours measure each figure against (elan.insights.selectors.compare)."""

    ORGANISATION = "organisation", _("the whole survey")
    PARENT = "parent", _("the unit above")
    PREVIOUS = "previous", _("the previous round")
