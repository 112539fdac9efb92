# SPDX-License-Identifier: EUPL-1.2
"""Reads about frameworks that views and other apps rely on."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from elan.skills import esco
from elan.skills.interchange import crosswalk_reference
from elan.skills.models import CrosswalkLink, Framework, ProficiencyLevel

INNOVATION_FRAMEWORK_SLUG = "elan-innovation-skills"


def published_frameworks() -> QuerySet[Framework]:
    return Framework.objects.filter(is_published=True).order_by("slug", "-version")


def latest_frameworks() -> list[Framework]:
    """The newest published version of each framework."""
    latest: dict[str, Framework] = {}
    for framework in published_frameworks():
        latest.setdefault(framework.slug, framework)
    return list(latest.values())


def framework_by_slug(*, slug: str, version: str | None = None) -> Framework | None:
    frameworks = published_frameworks().filter(slug=slug)
    if version:
        frameworks = frameworks.filter(version=version)
    return frameworks.first()


def framework_tree(framework: Framework) -> dict:
    """Groups with their competencies, levels and behaviours, plus the ungrouped ones."""
    competencies = list(
        framework.competencies.select_related("group").prefetch_related(
            Prefetch(
                "levels",
                queryset=ProficiencyLevel.objects.order_by("rank").prefetch_related("indicators"),
            ),
            Prefetch(
                "crosswalk_links",
                queryset=CrosswalkLink.objects.select_related("target__framework"),
            ),
        )
    )
    groups = []
    for group in framework.groups.all():
        groups.append(
            {"group": group, "competencies": [c for c in competencies if c.group_id == group.pk]}
        )
    ungrouped = [c for c in competencies if c.group_id is None]
    lens = list(framework.lens.prefetch_related("competencies"))
    # ESCO's reuse terms ask for a credit wherever its concepts are shown.
    uses_esco = any(link.esco_uri for c in competencies for link in c.crosswalk_links.all())
    return {"groups": groups, "ungrouped": ungrouped, "lens": lens, "uses_esco": uses_esco}


def crosswalk_framework(reference: dict) -> Framework | None:
    """The framework a crosswalk's ``to`` names: the version it gives, or else the newest."""
    frameworks = Framework.objects.filter(slug=reference["framework"])
    if reference.get("version"):
        frameworks = frameworks.filter(version=reference["version"])
    return frameworks.order_by("-created_at").first()


def import_preview(data: dict) -> dict:
    """What importing a valid framework document would do, for the person about to apply it.

    Whether it creates the framework or updates the one with the same slug and version, how
    much it holds, the crosswalks whose target is not loaded (they wait until it is: the
    import's own rule, ``services._resolve_target``), and the ESCO addresses that Elan's
    reference list does not hold, whose labels Elan could therefore not check.
    """
    existing = Framework.objects.filter(slug=data["slug"], version=data["version"]).first()
    competencies = data.get("competencies", [])
    levels = [level for competency in competencies for level in competency.get("levels", [])]
    crosswalks = data.get("crosswalks", [])
    listed = {competency["slug"] for competency in competencies}
    kept = set(existing.competencies.values_list("slug", flat=True)) if existing else set()
    unresolved = []
    unchecked_esco = []
    for link in crosswalks:
        target = link.get("to")
        if isinstance(target, dict):
            if not _target_found(target, data=data, existing=existing, after=listed | kept):
                unresolved.append(crosswalk_reference(link["from"], target))
        elif esco.concept(link["esco"]) is None:
            unchecked_esco.append({"uri": link["esco"], "label": link["esco_label"].get("en", "")})
    return {
        "slug": data["slug"],
        "version": data["version"],
        "title": data["title"],
        "existing": existing,
        "counts": {
            "groups": len(data.get("groups", [])),
            "competencies": len(competencies),
            "levels": len(levels),
            "behaviours": sum(len(level.get("behaviours", [])) for level in levels),
            "crosswalks": len(crosswalks),
            "esco": sum(1 for link in crosswalks if link.get("esco")),
        },
        "unresolved": unresolved,
        "unchecked_esco": unchecked_esco,
        "missing_competencies": sorted(kept - listed),
    }


def _target_found(target: dict, *, data: dict, existing: Framework | None, after: set[str]) -> bool:
    """Whether the import will find the competency a link names, as it looks for it once the
    document's own framework is written (``after``: its competencies then)."""
    framework = crosswalk_framework(target)
    version = target.get("version") or data["version"]
    names_this = (target["framework"], version) == (data["slug"], data["version"])
    # A new framework is the newest of its slug once written; an existing one is the one named
    # when the lookup found it.
    if names_this and (existing is None or framework == existing):
        return target["competency"] in after
    if framework is None:
        return False
    return framework.competencies.filter(slug=target["competency"]).exists()
