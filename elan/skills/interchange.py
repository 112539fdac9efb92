# SPDX-License-Identifier: EUPL-1.2
"""Elan's JSON format for frameworks: what ``export_framework`` writes and import reads.

The format is deliberately the same shape as the models, so a file reads like the framework:

    {"format": "elan-framework/1", "slug": ..., "version": ..., "title": {"en": ...},
     "source": {"title": ..., "url": ...}, "licence": {"id": ..., "url": ...}, "credits": {...},
     "groups": [{"slug", "name", "description"}],
     "competencies": [{"slug", "group", "kind", "name", "description",
                       "levels": [{"slug", "rank", "name", "description", "behaviours": [{...}]}]}],
     "crosswalks": [{"from", "to": {"framework", "version", "competency"} | "esco": uri,
                     "kind", "note"}],
     "lens": [{"principle", "description", "competencies": [slug, ...]}]}

Validation happens before anything is written, and returns every problem at once with its
place in the file, so whoever prepared the file can fix it in one go.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from elan.core.vocabulary import Principle
from elan.skills.constants import ESCO_SKILL_URI_PREFIX, CompetencyKind, CrosswalkKind
from elan.skills.models import Framework
from elan.skills.multilingual import validate_multilingual, validate_optional_multilingual

FORMAT = "elan-framework/1"


def _text_problems(value: Any, where: str, *, required: bool = True) -> list[str]:
    try:
        (validate_multilingual if required else validate_optional_multilingual)(value)
    except ValidationError as error:
        return [f"{where}: {message}" for message in error.messages]
    return []


def _slug_problems(value: Any, where: str) -> list[str]:
    if not isinstance(value, str) or not value or not all(c.isalnum() or c in "-_" for c in value):
        return [f"{where}: a slug of letters, digits, '-' or '_' is required"]
    return []


def validate_document(data: Any) -> list[str]:
    """Every problem in a framework document; an empty list means it can be imported."""
    if not isinstance(data, dict):
        return ["the document must be a JSON object"]
    problems = _header_problems(data)
    group_problems, group_slugs = _group_problems(data.get("groups", []))
    competency_problems, competency_slugs = _competency_problems(
        data.get("competencies", []), group_slugs=group_slugs
    )
    return [
        *problems,
        *group_problems,
        *competency_problems,
        *_crosswalk_problems(data.get("crosswalks", []), competency_slugs=competency_slugs),
        *_lens_problems(data.get("lens", []), competency_slugs=competency_slugs),
    ]


def _header_problems(data: dict) -> list[str]:
    """The format, the framework's slug and version, and its texts."""
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(f"format: expected {FORMAT!r}")
    problems += _slug_problems(data.get("slug"), "slug")
    if not isinstance(data.get("version"), str) or not data.get("version"):
        problems.append("version: a version string is required")
    problems += _text_problems(data.get("title"), "title")
    problems += _text_problems(data.get("description", {}), "description", required=False)
    problems += _text_problems(data.get("credits", {}), "credits", required=False)
    return problems


def _group_problems(groups: list) -> tuple[list[str], set[str]]:
    """The groups' problems, and the group slugs that competencies may name."""
    problems: list[str] = []
    group_slugs: set[str] = set()
    for index, group in enumerate(groups):
        where = f"groups[{index}]"
        problems += _slug_problems(group.get("slug"), f"{where}.slug")
        if group.get("slug") in group_slugs:
            problems.append(f"{where}.slug: {group.get('slug')!r} appears twice")
        group_slugs.add(group.get("slug"))
        problems += _text_problems(group.get("name"), f"{where}.name")
        problems += _text_problems(
            group.get("description", {}), f"{where}.description", required=False
        )
    return problems, group_slugs


def _competency_problems(
    competencies: list, *, group_slugs: set[str]
) -> tuple[list[str], set[str]]:
    """The competencies' problems (their levels' included), and the competency slugs that
    crosswalks and the lens may name."""
    problems: list[str] = []
    competency_slugs: set[str] = set()
    for index, competency in enumerate(competencies):
        where = f"competencies[{index}]"
        problems += _slug_problems(competency.get("slug"), f"{where}.slug")
        if competency.get("slug") in competency_slugs:
            problems.append(f"{where}.slug: {competency.get('slug')!r} appears twice")
        competency_slugs.add(competency.get("slug"))
        if competency.get("group") is not None and competency.get("group") not in group_slugs:
            problems.append(f"{where}.group: no group {competency.get('group')!r}")
        if competency.get("kind", CompetencyKind.SKILL) not in CompetencyKind.values:
            problems.append(f"{where}.kind: one of {', '.join(CompetencyKind.values)}")
        problems += _text_problems(competency.get("name"), f"{where}.name")
        problems += _text_problems(
            competency.get("description", {}), f"{where}.description", required=False
        )
        problems += _level_problems(competency.get("levels", []), where=where)
    return problems, competency_slugs


def _level_problems(levels: list, *, where: str) -> list[str]:
    """The problems of one competency's levels and their behaviours."""
    problems: list[str] = []
    ranks: set[int] = set()
    level_slugs: set[str] = set()
    for level_index, level in enumerate(levels):
        level_where = f"{where}.levels[{level_index}]"
        problems += _slug_problems(level.get("slug"), f"{level_where}.slug")
        rank = level.get("rank")
        if type(rank) is not int or rank < 1:
            problems.append(f"{level_where}.rank: a whole number from 1")
        elif rank in ranks:
            problems.append(f"{level_where}.rank: {rank} appears twice")
        ranks.add(rank)
        if level.get("slug") in level_slugs:
            problems.append(f"{level_where}.slug: {level.get('slug')!r} appears twice")
        level_slugs.add(level.get("slug"))
        problems += _text_problems(level.get("name"), f"{level_where}.name")
        problems += _text_problems(
            level.get("description", {}), f"{level_where}.description", required=False
        )
        for behaviour_index, behaviour in enumerate(level.get("behaviours", [])):
            problems += _text_problems(behaviour, f"{level_where}.behaviours[{behaviour_index}]")
    return problems


def _crosswalk_problems(links: list, *, competency_slugs: set[str]) -> list[str]:
    """Each crosswalk link: from a competency of this framework, to one elsewhere or to ESCO."""
    problems: list[str] = []
    for index, link in enumerate(links):
        where = f"crosswalks[{index}]"
        if link.get("from") not in competency_slugs:
            problems.append(f"{where}.from: no competency {link.get('from')!r} in this framework")
        if link.get("kind") not in CrosswalkKind.values:
            problems.append(f"{where}.kind: one of {', '.join(CrosswalkKind.values)}")
        has_target = isinstance(link.get("to"), dict)
        has_esco = bool(link.get("esco"))
        if has_target == has_esco:
            problems.append(f"{where}: give either 'to' or 'esco'")
        if has_target and not all(link["to"].get(key) for key in ("framework", "competency")):
            problems.append(f"{where}.to: needs 'framework' and 'competency'")
        if has_esco and not str(link["esco"]).startswith(ESCO_SKILL_URI_PREFIX):
            problems.append(f"{where}.esco: not an ESCO skill URI")
        problems += _text_problems(link.get("note", {}), f"{where}.note", required=False)
    return problems


def _lens_problems(entries: list, *, competency_slugs: set[str]) -> list[str]:
    """The principles lens: each principle once, naming competencies of this framework."""
    problems: list[str] = []
    principles: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"lens[{index}]"
        if entry.get("principle") not in Principle.values:
            problems.append(f"{where}.principle: one of {', '.join(Principle.values)}")
        if entry.get("principle") in principles:
            problems.append(f"{where}.principle: appears twice")
        principles.add(entry.get("principle"))
        problems += _text_problems(entry.get("description"), f"{where}.description")
        for slug in entry.get("competencies", []):
            if slug not in competency_slugs:
                problems.append(f"{where}.competencies: no competency {slug!r}")
    return problems


def export_framework(framework: Framework) -> dict:
    """The framework as an Elan JSON document; importing it again changes nothing."""
    competencies = list(
        framework.competencies.select_related("group").prefetch_related("levels__indicators")
    )
    crosswalks = []
    for competency in competencies:
        for link in competency.crosswalk_links.select_related("target__framework").order_by(
            "kind", "target__framework__slug", "target__slug", "esco_uri"
        ):
            entry: dict[str, Any] = {"from": competency.slug, "kind": link.kind}
            if link.target_id:
                entry["to"] = {
                    "framework": link.target.framework.slug,
                    "version": link.target.framework.version,
                    "competency": link.target.slug,
                }
            else:
                entry["esco"] = link.esco_uri
            if link.note:
                entry["note"] = link.note
            crosswalks.append(entry)
    return {
        "format": FORMAT,
        "slug": framework.slug,
        "version": framework.version,
        "title": framework.title,
        "description": framework.description,
        "source": {"title": framework.source_title, "url": framework.source_url},
        "licence": {"id": framework.licence, "url": framework.licence_url},
        "credits": framework.credits,
        "groups": [
            {"slug": group.slug, "name": group.name, "description": group.description}
            for group in framework.groups.all()
        ],
        "competencies": [
            {
                "slug": competency.slug,
                "group": competency.group.slug if competency.group_id else None,
                "kind": competency.kind,
                "name": competency.name,
                "description": competency.description,
                "levels": [
                    {
                        "slug": level.slug,
                        "rank": level.rank,
                        "name": level.name,
                        "description": level.description,
                        "behaviours": [indicator.text for indicator in level.indicators.all()],
                    }
                    for level in competency.levels.all()
                ],
            }
            for competency in competencies
        ],
        "crosswalks": crosswalks,
        "lens": [
            {
                "principle": entry.principle,
                "description": entry.description,
                "competencies": sorted(
                    entry.competencies.values_list("slug", flat=True),
                    key=[c.slug for c in competencies].index,
                ),
            }
            for entry in framework.lens.all()
        ],
    }
