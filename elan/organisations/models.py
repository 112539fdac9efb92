# SPDX-License-Identifier: EUPL-1.2
"""The organisation chart: units in a tree, each person's place in it, and scoped roles.

Units use treebeard's materialised path, so "a unit and everything below it" is one
``path__startswith`` query, which every roll-up and every scoped role relies on.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from elan.core.models import AppendedEvent
from elan.organisations.constants import (
    UNIT_SCOPED_ROLES,
    GradeBand,
    ImportSource,
    ImportStatus,
    Role,
)

# Codes travel through files, URLs and spreadsheets: keep them to characters none of those mangle.
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
code_validator = RegexValidator(
    CODE_PATTERN,
    _("Use letters, digits, dots, hyphens and underscores only, starting with a letter or digit."),
)


class Unit(MP_Node):
    code = models.CharField(
        _("unit code"),
        max_length=64,
        unique=True,
        validators=[code_validator],
        help_text=_("The stable key HR systems use; imports match on it, never on the name."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=255, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not any((self.name_nl, self.name_fr, self.name_de, self.name_en)):
            raise ValidationError(_("Give the unit a name in at least one language."))

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        for candidate in (language, "en", "nl", "fr", "de"):
            value = getattr(self, f"name_{candidate}", "")
            if value:
                return value
        return self.code

    def subtree_filter(self, prefix: str = "") -> models.Q:
        """A Q object matching this unit and every unit below it, for any related lookup."""
        return models.Q(**{f"{prefix}path__startswith": self.path})


class StaffRecord(models.Model):
    """A person's place in the organisation, as HR's systems know it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_record",
        verbose_name=_("person"),
    )
    external_id = models.CharField(
        _("external person id"),
        max_length=64,
        unique=True,
        validators=[code_validator],
        help_text=_("The stable key of the HR system; imports match on it, never on e-mail."),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="staff", verbose_name=_("unit")
    )
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        verbose_name=_("line manager"),
    )
    grade = models.CharField(_("level"), max_length=2, choices=GradeBand.choices, blank=True)
    job_title = models.CharField(_("job title"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("staff record")
        verbose_name_plural = _("staff records")
        indexes = [models.Index(fields=["unit"]), models.Index(fields=["line_manager"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.external_id})"

    def clean(self) -> None:
        super().clean()
        if self.line_manager_id and self.line_manager_id == self.user_id:
            raise ValidationError({"line_manager": _("A person cannot be their own line manager.")})
        if self.line_manager_id and self._manager_chain_returns_to_self():
            raise ValidationError(
                {"line_manager": _("This line manager would close a loop in the reporting line.")}
            )
        if self.unit_id and not self.unit.is_active:
            raise ValidationError({"unit": _("People can only belong to an active unit.")})

    def _manager_chain_returns_to_self(self) -> bool:
        # Reporting lines are short, so walking up one query per level costs little.
        seen: set[int] = set()
        current = self.line_manager_id
        while current is not None and current not in seen:
            if current == self.user_id:
                return True
            seen.add(current)
            current = (
                StaffRecord.objects.filter(user_id=current)
                .values_list("line_manager_id", flat=True)
                .first()
            )
        return False


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("scope"),
        help_text=_("The unit whose subtree the role covers. Empty: the whole organisation."),
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], name="one_assignment_per_role_and_scope"
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.TEAM_LEAD) | models.Q(unit__isnull=False),
                name="team_lead_role_names_a_unit",
            ),
            # Editing, moderating and administering are platform-wide; a unit on them would
            # suggest a limit that no rule enforces.
            models.CheckConstraint(
                condition=models.Q(role__in=sorted(UNIT_SCOPED_ROLES))
                | models.Q(unit__isnull=True),
                name="platform_roles_name_no_unit",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit_id else _("whole organisation")
        return f"{self.user}: {self.get_role_display()} ({scope})"


class ImportRun(models.Model):
    """One upload of the organisation chart, kept between its preview and its application.

    The parsed rows wait here, on the server, so that what HR applies is exactly what HR saw;
    they are wiped once the run is applied, failed or discarded. Its history is kept as
    ``events`` (ImportRunEvent), which only grow. Imports from the command line are runs too,
    without an uploader.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    source = models.CharField(
        _("started from"),
        max_length=16,
        choices=ImportSource.choices,
        default=ImportSource.BACK_OFFICE,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    source_names = models.CharField(_("files"), max_length=500, blank=True)
    payload = models.JSONField(_("parsed rows"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    plan = models.JSONField(_("changes"), default=dict, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("organisation import")
        verbose_name_plural = _("organisation imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_names} ({self.get_status_display()})"

    @property
    def can_be_applied(self) -> bool:
        return self.status == ImportStatus.PREVIEWED and not self.problems


class ImportRunEvent(AppendedEvent):
    """Append-only history of an import run: its upload and every move, with why a failed run
    failed (``note``). Rows are never changed; ``by`` is forgotten when that person's account
    is erased."""

    run = models.ForeignKey(
        ImportRun,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("organisation import"),
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=ImportStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=ImportStatus.choices)
    # Why a failed run failed: "outdated", "invalid" or "error"; empty otherwise.
    note = models.CharField(_("note"), max_length=32, blank=True)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("organisation import event")
        verbose_name_plural = _("organisation import events")

    def __str__(self) -> str:
        return f"{self.run}: {self.from_status or '–'} → {self.to_status}"


class PendingEmailChange(models.Model):
    """A new login address that an import asked for, waiting for its owner to confirm it.

    ``User.email`` changes only when the link sent to the new address is followed, so an
    import can never hand an account to whoever holds an address typed into a file. Only the
    SHA-256 of the link's token is kept: a copy of the database opens no link. One per person;
    a newer request replaces an older one. Deleted once confirmed, or after it expires.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_email_change",
        verbose_name=_("person"),
    )
    new_email = models.EmailField(_("new e-mail address"), max_length=254)
    token_hash = models.CharField(_("link fingerprint"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    import_run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pending_email_changes",
        verbose_name=_("requested by the import"),
    )

    class Meta:
        verbose_name = _("login address waiting for confirmation")
        verbose_name_plural = _("login addresses waiting for confirmation")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.new_email}"
