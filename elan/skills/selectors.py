# SPDX-License-Identifier: EUPL-1.2
"""Reads about frameworks that views and other apps rely on."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

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
    return {"groups": groups, "ungrouped": ungrouped, "lens": lens}
