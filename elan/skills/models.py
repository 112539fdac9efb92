# SPDX-License-Identifier: EUPL-1.2
"""Competency frameworks as data: framework → group → competency → level → behaviour.

A framework is identified by its slug and version: a new version is a new row, so that an
assessment taken against version 1 keeps meaning what it meant. Texts are multilingual JSON
objects (elan.skills.multilingual). Each framework names its source and licence, because the
shipped ones adapt other people's work (OECD OPSI, Nesta/States of Change, BOSA).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.models import TimeStampedModel
from elan.core.vocabulary import Principle
from elan.skills import esco
from elan.skills.constants import CompetencyKind, CrosswalkKind
from elan.skills.multilingual import localize, validate_multilingual, validate_optional_multilingual

# Identifiers in CASE packages are UUIDs that must not change between exports, so they are
# derived from slugs (uuid5) instead of being stored random values.
ELAN_CASE_NAMESPACE = uuid.UUID("6f1d8a52-3c1e-5b8e-9a57-0c7e1f5d2b10")


def stable_uuid(*parts: str) -> uuid.UUID:
    return uuid.uuid5(ELAN_CASE_NAMESPACE, ":".join(parts))


def multilingual_field(verbose_name, *, required: bool = True, help_text=""):
    return models.JSONField(
        verbose_name,
        default=dict,
        blank=not required,
        validators=[validate_multilingual if required else validate_optional_multilingual],
        help_text=help_text,
    )


class Framework(TimeStampedModel):
    # Frameworks are data, not content pages: Wagtail's usage index would only add a task per save.
    wagtail_reference_index_ignore = True

    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Stable identifier; never changes once shipped.")
    )
    version = models.CharField(_("version"), max_length=20, default="1.0")
    title = multilingual_field(_("title"))
    description = multilingual_field(_("description"), required=False)
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    licence = models.CharField(
        _("licence"), max_length=60, default="CC-BY-SA-4.0", help_text=_("An SPDX identifier.")
    )
    licence_url = models.URLField(
        _("licence address"),
        max_length=500,
        default="https://creativecommons.org/licenses/by-sa/4.0/",
    )
    credits = multilingual_field(_("credits"), required=False)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="one_framework_per_version")
        ]

    def __str__(self) -> str:
        return f"{localize(self.title).text} ({self.version})"

    @property
    def case_uuid(self) -> uuid.UUID:
        return stable_uuid("framework", self.slug, self.version)


class CompetencyGroup(models.Model):
    wagtail_reference_index_ignore = True

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="groups", verbose_name=_("framework")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    name = multilingual_field(_("name"))
    description = multilingual_field(_("description"), required=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("competency group")
        verbose_name_plural = _("competency groups")
        ordering = ["framework", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="group_slug_per_framework")
        ]

    def __str__(self) -> str:
        return localize(self.name).text

    @property
    def case_uuid(self) -> uuid.UUID:
        return stable_uuid("group", self.framework.slug, self.framework.version, self.slug)


class Competency(models.Model):
    """A skill or an attitude. Attitudes may stand outside any group (States of Change)."""

    wagtail_reference_index_ignore = True

    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="competencies",
        verbose_name=_("framework"),
    )
    group = models.ForeignKey(
        CompetencyGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competencies",
        verbose_name=_("group"),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("For the six OPSI skills, the slug of the shared vocabulary (core)."),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=CompetencyKind.choices, default=CompetencyKind.SKILL
    )
    name = multilingual_field(_("name"))
    description = multilingual_field(_("description"), required=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["framework", "position", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "slug"], name="competency_slug_per_framework"
            )
        ]

    def __str__(self) -> str:
        return localize(self.name).text

    def clean(self) -> None:
        if self.group_id and self.group.framework_id != self.framework_id:
            raise ValidationError({"group": _("The group belongs to another framework.")})

    @property
    def case_uuid(self) -> uuid.UUID:
        return stable_uuid("competency", self.framework.slug, self.framework.version, self.slug)


class ProficiencyLevel(models.Model):
    wagtail_reference_index_ignore = True

    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="levels", verbose_name=_("competency")
    )
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the first level."))
    slug = models.SlugField(_("slug"), max_length=40)
    name = multilingual_field(_("name"))
    description = multilingual_field(_("description"), required=False)

    class Meta:
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        ordering = ["competency", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "rank"], name="level_rank_per_competency"
            ),
            models.UniqueConstraint(
                fields=["competency", "slug"], name="level_slug_per_competency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} – {localize(self.name).text}"

    @property
    def case_uuid(self) -> uuid.UUID:
        framework = self.competency.framework
        return stable_uuid(
            "level", framework.slug, framework.version, self.competency.slug, self.slug
        )


class BehaviouralIndicator(models.Model):
    wagtail_reference_index_ignore = True

    level = models.ForeignKey(
        ProficiencyLevel,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("proficiency level"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = multilingual_field(_("observable behaviour"))

    class Meta:
        verbose_name = _("behavioural indicator")
        verbose_name_plural = _("behavioural indicators")
        ordering = ["level", "position", "pk"]

    def __str__(self) -> str:
        return localize(self.text).text

    @property
    def case_uuid(self) -> uuid.UUID:
        level = self.level
        framework = level.competency.framework
        return stable_uuid(
            "indicator",
            framework.slug,
            framework.version,
            level.competency.slug,
            level.slug,
            str(self.position),
        )


class CrosswalkLink(models.Model):
    """A mapping from one competency to another framework's, or to an ESCO skill."""

    wagtail_reference_index_ignore = True

    source = models.ForeignKey(
        Competency,
        on_delete=models.CASCADE,
        related_name="crosswalk_links",
        verbose_name=_("from"),
    )
    target = models.ForeignKey(
        Competency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="crosswalk_backlinks",
        verbose_name=_("to competency"),
    )
    esco_uri = models.URLField(
        _("to ESCO skill"),
        max_length=300,
        blank=True,
        help_text=_("An ESCO skill URI, http://data.europa.eu/esco/skill/…"),
    )
    # The label shows which concept the address means, so a wrong character in it shows too
    # (elan/skills/esco.py checks it against the concepts Elan lists).
    esco_label = multilingual_field(
        _("ESCO preferred label"),
        required=False,
        help_text=_("The preferred label exactly as ESCO writes it, such as “think creatively”."),
    )
    kind = models.CharField(_("match"), max_length=16, choices=CrosswalkKind.choices)
    note = multilingual_field(_("note"), required=False)

    class Meta:
        verbose_name = _("crosswalk link")
        verbose_name_plural = _("crosswalk links")
        ordering = ["source", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(target__isnull=False) & models.Q(esco_uri=""))
                | (models.Q(target__isnull=True) & ~models.Q(esco_uri="")),
                name="crosswalk_has_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                condition=models.Q(target__isnull=False),
                name="one_crosswalk_per_target_and_kind",
            ),
            models.UniqueConstraint(
                fields=["source", "esco_uri", "kind"],
                condition=~models.Q(esco_uri=""),
                name="one_crosswalk_per_esco_skill_and_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target or self.esco_uri} ({self.get_kind_display()})"

    def clean(self) -> None:
        if bool(self.target_id) == bool(self.esco_uri):
            raise ValidationError(_("Link to one competency or to one ESCO skill."))
        if self.esco_uri:
            self._clean_esco()
        elif any((text or "").strip() for text in (self.esco_label or {}).values()):
            raise ValidationError({"esco_label": _("Give an ESCO label only with an ESCO skill.")})
        if self.target_id and self.target_id == self.source_id:
            raise ValidationError({"target": _("A competency cannot match itself.")})

    def _clean_esco(self) -> None:
        if not esco.is_skill_uri(self.esco_uri):
            raise ValidationError({"esco_uri": _("This is not an ESCO skill URI.")})
        if not (self.esco_label or {}).get("en", "").strip():
            raise ValidationError(
                {"esco_label": _("Give the skill's English preferred label as ESCO writes it.")}
            )
        mismatches = esco.label_mismatches(self.esco_uri, self.esco_label)
        if mismatches:
            raise ValidationError(
                {
                    "esco_label": [
                        _("ESCO calls this skill “%(expected)s” (%(language)s), not “%(given)s”.")
                        % {
                            "expected": mismatch.expected,
                            "language": mismatch.language,
                            "given": mismatch.given,
                        }
                        for mismatch in mismatches
                    ]
                }
            )

    @property
    def case_uuid(self) -> uuid.UUID:
        framework = self.source.framework
        target = (
            f"{self.target.framework.slug}/{self.target.framework.version}/{self.target.slug}"
            if self.target_id
            else self.esco_uri
        )
        return stable_uuid(
            "crosswalk", framework.slug, framework.version, self.source.slug, self.kind, target
        )


class LensEntry(models.Model):
    """One leadership principle read through a framework: what it asks of its competencies.

    The innovation-skills framework comes with the six principles of inclusive and innovative
    leadership (Nido) as a lens; each entry says how a principle draws on the skills.
    """

    wagtail_reference_index_ignore = True

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="lens", verbose_name=_("framework")
    )
    principle = models.CharField(_("principle"), max_length=40, choices=Principle.choices)
    description = multilingual_field(_("what it asks of the skills"))
    competencies = models.ManyToManyField(
        Competency, related_name="lens_entries", blank=True, verbose_name=_("competencies")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("leadership lens entry")
        verbose_name_plural = _("leadership lens entries")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "principle"], name="one_lens_entry_per_principle"
            )
        ]

    def __str__(self) -> str:
        return self.get_principle_display()
