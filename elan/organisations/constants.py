# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions


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


# Roles that act on the whole platform; an import never changes the login address of anyone
# who holds one (docs/import.md, "HR import and addresses" in docs/security.md).
PLATFORM_ROLES = frozenset({Role.CONTENT_EDITOR, Role.MODERATOR, Role.ADMINISTRATOR})

# How long the link that confirms a new login address works.
ADDRESS_CONFIRMATION_DAYS = 7

# Roles an organisation import may set: the ones HR's systems know. Platform roles (editor,
# moderator, administrator) are granted in the back office, never by a file.
IMPORTABLE_ROLES = frozenset({Role.TEAM_LEAD, Role.HR})


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    PREVIEWED = "previewed", _("Previewed")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Failed")
    DISCARDED = "discarded", _("Discarded")


class ImportSource(models.TextChoices):
    """Where an import run was started; a run from the command line has no uploader."""

    BACK_OFFICE = "back_office", _("Back office")
    COMMAND_LINE = "command_line", _("Command line")


# The life cycle of an import as data: a status may only move to the ones listed here, and
# the final three move nowhere, so an applied import can never be applied twice.
IMPORT_TRANSITIONS: Transitions[ImportStatus] = {
    ImportStatus.UPLOADED: frozenset({ImportStatus.PREVIEWED, ImportStatus.DISCARDED}),
    ImportStatus.PREVIEWED: frozenset(
        {ImportStatus.APPLIED, ImportStatus.FAILED, ImportStatus.DISCARDED}
    ),
    ImportStatus.APPLIED: frozenset(),
    ImportStatus.FAILED: frozenset(),
    ImportStatus.DISCARDED: frozenset(),
}
