# SPDX-License-Identifier: EUPL-1.2
"""Writes to the frameworks. Other apps and the commands call these, never the models' save().

Importing is idempotent: the same document imported twice leaves the database as the first
import did, which is what lets the demo command and a production install load the shipped
frameworks on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from elan.skills.interchange import crosswalk_reference, validate_document
from elan.skills.models import (
    BehaviouralIndicator,
    Competency,
    CompetencyGroup,
    CrosswalkLink,
    Framework,
    LensEntry,
    ProficiencyLevel,
)
from elan.skills.selectors import crosswalk_framework


class FrameworkImportError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    framework: Framework
    created: bool
    unresolved_crosswalks: list[str] = field(default_factory=list)


@transaction.atomic
def framework_import(*, data: dict, prune: bool = False) -> ImportResult:
    """Create or update the framework a document describes (matched on slug and version).

    Groups, competencies and levels are matched on their slugs and updated in place, so their
    database ids (which assessments refer to) survive a re-import. With ``prune``, what the
    document no longer lists is deleted. Crosswalk links to frameworks not loaded yet are
    reported in ``unresolved_crosswalks``; import those frameworks and then this one again.
    """
    problems = validate_document(data)
    if problems:
        raise FrameworkImportError(problems)
    source = data.get("source", {})
    licence = data.get("licence", {})
    framework, created = Framework.objects.update_or_create(
        slug=data["slug"],
        version=data["version"],
        defaults={
            "title": data["title"],
            "description": data.get("description", {}),
            "source_title": source.get("title", ""),
            "source_url": source.get("url", ""),
            "licence": licence.get("id", "CC-BY-SA-4.0"),
            "licence_url": licence.get("url", "https://creativecommons.org/licenses/by-sa/4.0/"),
            "credits": data.get("credits", {}),
        },
    )

    groups: dict[str, CompetencyGroup] = {}
    for position, group_data in enumerate(data.get("groups", [])):
        groups[group_data["slug"]], _created = CompetencyGroup.objects.update_or_create(
            framework=framework,
            slug=group_data["slug"],
            defaults={
                "name": group_data["name"],
                "description": group_data.get("description", {}),
                "position": position,
            },
        )

    competencies: dict[str, Competency] = {}
    for position, competency_data in enumerate(data.get("competencies", [])):
        group_slug = competency_data.get("group")
        competency, _created = Competency.objects.update_or_create(
            framework=framework,
            slug=competency_data["slug"],
            defaults={
                "group": groups[group_slug] if group_slug else None,
                "kind": competency_data.get("kind", "skill"),
                "name": competency_data["name"],
                "description": competency_data.get("description", {}),
                "position": position,
            },
        )
        competencies[competency.slug] = competency
        _import_levels(competency, competency_data.get("levels", []), prune=prune)

    unresolved = _import_crosswalks(framework, competencies, data.get("crosswalks", []))
    _import_lens(framework, competencies, data.get("lens", []))

    if prune:
        framework.competencies.exclude(slug__in=competencies).delete()
        framework.groups.exclude(slug__in=groups).delete()
    return ImportResult(framework=framework, created=created, unresolved_crosswalks=unresolved)


def _import_levels(competency: Competency, levels_data: list[dict], *, prune: bool) -> None:
    # Ranks are unique per competency: lift the existing ones out of the way first, so that a
    # document may reorder levels without tripping the constraint halfway through.
    competency.levels.update(rank=F("rank") + 1000)
    seen: list[str] = []
    for level_data in levels_data:
        level, _created = ProficiencyLevel.objects.update_or_create(
            competency=competency,
            slug=level_data["slug"],
            defaults={
                "rank": level_data["rank"],
                "name": level_data["name"],
                "description": level_data.get("description", {}),
            },
        )
        seen.append(level.slug)
        behaviours = level_data.get("behaviours", [])
        existing = list(level.indicators.order_by("position", "pk"))
        for position, text in enumerate(behaviours):
            if position < len(existing):
                indicator = existing[position]
                if indicator.text != text or indicator.position != position:
                    indicator.text, indicator.position = text, position
                    indicator.save(update_fields=["text", "position"])
            else:
                BehaviouralIndicator.objects.create(level=level, position=position, text=text)
        for indicator in existing[len(behaviours) :]:
            indicator.delete()
    leftovers = competency.levels.exclude(slug__in=seen)
    if prune:
        leftovers.delete()
        return
    top = max((level["rank"] for level in levels_data), default=0)
    for offset, level in enumerate(leftovers.order_by("rank"), start=1):
        level.rank = top + offset
        level.save(update_fields=["rank"])


def _resolve_target(reference: dict) -> Competency | None:
    framework = crosswalk_framework(reference)
    if framework is None:
        return None
    return framework.competencies.filter(slug=reference["competency"]).first()


def _import_crosswalks(
    framework: Framework, competencies: dict[str, Competency], links_data: list[dict]
) -> list[str]:
    """Replace the framework's outgoing links with the document's; report unresolved ones."""
    unresolved: list[str] = []
    wanted: list[CrosswalkLink] = []
    for link_data in links_data:
        source = competencies[link_data["from"]]
        if "to" in link_data and link_data["to"]:
            target = _resolve_target(link_data["to"])
            if target is None:
                unresolved.append(crosswalk_reference(source.slug, link_data["to"]))
                continue
            wanted.append(
                CrosswalkLink(
                    source=source,
                    target=target,
                    kind=link_data["kind"],
                    note=link_data.get("note", {}),
                )
            )
        else:
            wanted.append(
                CrosswalkLink(
                    source=source,
                    esco_uri=link_data["esco"],
                    esco_label=link_data["esco_label"],
                    kind=link_data["kind"],
                    note=link_data.get("note", {}),
                )
            )
    CrosswalkLink.objects.filter(source__framework=framework).delete()
    CrosswalkLink.objects.bulk_create(wanted)
    return unresolved


def _import_lens(
    framework: Framework, competencies: dict[str, Competency], lens_data: list[dict]
) -> None:
    framework.lens.exclude(principle__in=[entry["principle"] for entry in lens_data]).delete()
    for position, entry_data in enumerate(lens_data):
        entry, _created = LensEntry.objects.update_or_create(
            framework=framework,
            principle=entry_data["principle"],
            defaults={"description": entry_data["description"], "position": position},
        )
        entry.competencies.set([competencies[slug] for slug in entry_data.get("competencies", [])])
