# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetencyKind(models.TextChoices):
    """States of Change separates slow-changing attitudes from learnable skills; so do we."""

    SKILL = "skill", _("Skill")
    ATTITUDE = "attitude", _("Attitude")


class CrosswalkKind(models.TextChoices):
    """How closely two competencies match, in the spirit of SKOS mapping relations."""

    EXACT = "exact", _("Exact match")
    CLOSE = "close", _("Close match")
    RELATED = "related", _("Related")
    BROADER = "broader", _("Broader: the target covers more than the source")


# The CASE 1.1 association type for each crosswalk kind. CASE has no "close" or "broader"
# match, so those become the nearest CASE type and keep their own kind in the notes.
CASE_ASSOCIATION_FOR_KIND = {
    CrosswalkKind.EXACT: "exactMatchOf",
    CrosswalkKind.CLOSE: "isRelatedTo",
    CrosswalkKind.RELATED: "isRelatedTo",
    CrosswalkKind.BROADER: "isPartOf",
}

ESCO_SKILL_URI_PREFIX = "http://data.europa.eu/esco/skill/"
