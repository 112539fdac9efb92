# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles are data; what each role may do is written as rules in each app's rules.py."""

    TEAM_LEAD = "team_lead", _("Team lead")
    HR = "hr", _("HR or innovation officer")
    CONTENT_EDITOR = "content_editor", _("Content editor")
    MODERATOR = "moderator", _("Moderator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose scope is a unit subtree; the others apply to the whole platform.
UNIT_SCOPED_ROLES = frozenset({Role.TEAM_LEAD, Role.HR})


class GradeBand(models.TextChoices):
    """Federal levels A to D; a coarse band is all the anonymity guard ever filters on."""

    A = "A", _("Level A")
    B = "B", _("Level B")
    C = "C", _("Level C")
    D = "D", _("Level D")
