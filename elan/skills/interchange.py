# SPDX-License-Identifier: EUPL-1.2
"""Elan's JSON format for frameworks: what ``export_framework`` writes and import reads.

The format is deliberately the same shape as the models, so a file reads like the framework:

    {"format": "elan-framework/1", "slug": ..., "version": ..., "title": {"en": ...},
     "source": {"title": ..., "url": ...}, "licence": {"id": ..., "url": ...}, "credits": {...},
     "groups": [{"slug", "name", "description"}],
     "competencies": [{"slug", "group", "kind", "name", "description",
                       "levels": [{"slug", "rank", "name", "description", "behaviours": [{...}]}]}],
     "crosswalks": [{"from", "to": {"framework", "version", "competency"}
                     | "esco": uri, "esco_label": {"en": ...}, "kind", "note"}],
     "lens": [{"principle", "description", "competencies": [slug, ...]}]}

Validation happens before anything is written, and returns every problem at once with its
place in the file, so whoever prepared the file can fix it in one go.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from elan.core.vocabulary import Principle
from elan.skills import esco
from elan.skills.constants import CompetencyKind, CrosswalkKind
from elan.skills.models import CrosswalkLink, Framework
from elan.skills.multilingual import validate_multilingual, validate_optional_multilingual

FORMAT = "elan-framework/1"
# Ranks are stored as small numbers and shifted by 1000 while levels are reordered
# (services._import_levels); no framework has a hundred levels.
MAX_RANK = 100


def _problem(where: str, message: str) -> str:
    # The place stays as written in the file (keys and indexes); only the message is translated.
    return f"{where}: {message}" if where else message


def _text_problems(value: Any, where: str, *, required: bool = True) -> list[str]:
    try:
        (validate_multilingual if required else validate_optional_multilingual)(value)
    except ValidationError as error:
        return [_problem(where, message) for message in error.messages]
    return []


def _slug_problems(value: Any, where: str, *, max_length: int = 80) -> list[str]:
    if not isinstance(value, str) or not value or not all(c.isalnum() or c in "-_" for c in value):
        return [_problem(where, _("a slug of letters, digits, '-' or '_' is required"))]
    return _length_problems(value, where, max_length=max_length)


def _length_problems(value: str, where: str, *, max_length: int) -> list[str]:
    if len(value) > max_length:
        return [_problem(where, _("at most %(count)s characters") % {"count": max_length})]
    return []


def _entries(
    data: dict, key: str, problems: list[str], *, where: str = ""
) -> list[tuple[str, dict]]:
    """The objects listed under ``key``, each with its place; anything else is a problem."""
    place = f"{where}.{key}" if where else key
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.append(_problem(place, _("a list is required")))
        return []
    entries = []
    for index, entry in enumerate(value):
        where = f"{place}[{index}]"
        if isinstance(entry, dict):
            entries.append((where, entry))
        else:
            problems.append(_problem(where, _("an object is required")))
    return entries


def validate_document(data: Any) -> list[str]:
    """Every problem in a framework document; an empty list means it can be imported.

    Whatever the file holds, this answers with problems rather than failing: a list where an
    object belongs, a number where a text belongs, each becomes a problem with its place.
    """
    if not isinstance(data, dict):
        return [_("the document must be a JSON object")]
    problems = _header_problems(data)
    group_slugs = _group_problems(_entries(data, "groups", problems), problems)
    competency_slugs = _competency_problems(
        _entries(data, "competencies", problems), problems, group_slugs=group_slugs
    )
    _crosswalk_problems(
        _entries(data, "crosswalks", problems), problems, competency_slugs=competency_slugs
    )
    _lens_problems(_entries(data, "lens", problems), problems, competency_slugs=competency_slugs)
    return problems


def _header_problems(data: dict) -> list[str]:
    """The format, the framework's slug and version, its texts, source and licence."""
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(_problem("format", _("expected %(format)r") % {"format": FORMAT}))
    problems += _slug_problems(data.get("slug"), "slug")
    if not isinstance(data.get("version"), str) or not data.get("version"):
        problems.append(_problem("version", _("a version string is required")))
    else:
        problems += _length_problems(data["version"], "version", max_length=20)
    problems += _text_problems(data.get("title"), "title")
    problems += _text_problems(data.get("description", {}), "description", required=False)
    problems += _text_problems(data.get("credits", {}), "credits", required=False)
    limits = {"source": {"title": 300, "url": 500}, "licence": {"id": 60, "url": 500}}
    for key, fields in limits.items():
        value = data.get(key, {})
        if not isinstance(value, dict):
            problems.append(_problem(key, _("an object is required")))
            continue
        for field, max_length in fields.items():
            if not isinstance(value.get(field, ""), str):
                problems.append(_problem(f"{key}.{field}", _("a text is required")))
            else:
                problems += _length_problems(
                    value.get(field, ""), f"{key}.{field}", max_length=max_length
                )
    return problems


def _group_problems(groups: list[tuple[str, dict]], problems: list[str]) -> set[str]:
    """Adds the groups' problems; returns the group slugs that competencies may name."""
    group_slugs: set[str] = set()
    for where, group in groups:
        slug = group.get("slug")
        problems += _slug_problems(slug, f"{where}.slug")
        if isinstance(slug, str):
            if slug in group_slugs:
                problems.append(_problem(f"{where}.slug", _duplicate(slug)))
            group_slugs.add(slug)
        problems += _text_problems(group.get("name"), f"{where}.name")
        problems += _text_problems(
            group.get("description", {}), f"{where}.description", required=False
        )
    return group_slugs


def _duplicate(value: Any) -> str:
    return _("%(value)r appears twice") % {"value": value}


def _competency_problems(
    competencies: list[tuple[str, dict]], problems: list[str], *, group_slugs: set[str]
) -> set[str]:
    """Adds the competencies' problems (their levels' included); returns the competency slugs
    that crosswalks and the lens may name."""
    competency_slugs: set[str] = set()
    for where, competency in competencies:
        slug = competency.get("slug")
        problems += _slug_problems(slug, f"{where}.slug")
        if isinstance(slug, str):
            if slug in competency_slugs:
                problems.append(_problem(f"{where}.slug", _duplicate(slug)))
            competency_slugs.add(slug)
        group = competency.get("group")
        if group is not None and (not isinstance(group, str) or group not in group_slugs):
            problems.append(_problem(f"{where}.group", _("no group %(slug)r") % {"slug": group}))
        if competency.get("kind", CompetencyKind.SKILL) not in CompetencyKind.values:
            problems.append(
                _problem(
                    f"{where}.kind",
                    _("one of %(choices)s") % {"choices": ", ".join(CompetencyKind.values)},
                )
            )
        problems += _text_problems(competency.get("name"), f"{where}.name")
        problems += _text_problems(
            competency.get("description", {}), f"{where}.description", required=False
        )
        _level_problems(_entries(competency, "levels", problems, where=where), problems)
    return competency_slugs


def _level_problems(levels: list[tuple[str, dict]], problems: list[str]) -> None:
    """Adds the problems of one competency's levels and their behaviours."""
    ranks: set[int] = set()
    level_slugs: set[str] = set()
    for level_where, level in levels:
        slug = level.get("slug")
        problems += _slug_problems(slug, f"{level_where}.slug", max_length=40)
        rank = level.get("rank")
        if type(rank) is not int or not 1 <= rank <= MAX_RANK:
            problems.append(
                _problem(
                    f"{level_where}.rank",
                    _("a whole number from 1 to %(maximum)s") % {"maximum": MAX_RANK},
                )
            )
        elif rank in ranks:
            problems.append(_problem(f"{level_where}.rank", _duplicate(rank)))
        else:
            ranks.add(rank)
        if isinstance(slug, str):
            if slug in level_slugs:
                problems.append(_problem(f"{level_where}.slug", _duplicate(slug)))
            level_slugs.add(slug)
        problems += _text_problems(level.get("name"), f"{level_where}.name")
        problems += _text_problems(
            level.get("description", {}), f"{level_where}.description", required=False
        )
        behaviours = level.get("behaviours", [])
        if not isinstance(behaviours, list):
            problems.append(_problem(f"{level_where}.behaviours", _("a list is required")))
            continue
        for behaviour_index, behaviour in enumerate(behaviours):
            problems += _text_problems(behaviour, f"{level_where}.behaviours[{behaviour_index}]")


def _crosswalk_problems(
    links: list[tuple[str, dict]], problems: list[str], *, competency_slugs: set[str]
) -> None:
    """Each crosswalk link: from a competency of this framework, to one elsewhere or to an
    ESCO skill named with the preferred label it was checked against (elan/skills/esco.py)."""
    for where, link in links:
        source = link.get("from")
        if not isinstance(source, str) or source not in competency_slugs:
            problems.append(
                _problem(
                    f"{where}.from",
                    _("no competency %(slug)r in this framework") % {"slug": source},
                )
            )
        if link.get("kind") not in CrosswalkKind.values:
            problems.append(
                _problem(
                    f"{where}.kind",
                    _("one of %(choices)s") % {"choices": ", ".join(CrosswalkKind.values)},
                )
            )
        target = link.get("to")
        has_target = isinstance(target, dict)
        has_esco = bool(link.get("esco"))
        if has_target == has_esco:
            problems.append(_problem(where, _("give either 'to' or 'esco'")))
        if has_target and not all(
            isinstance(target.get(key), str) and target.get(key)
            for key in ("framework", "competency")
        ):
            problems.append(_problem(f"{where}.to", _("needs 'framework' and 'competency'")))
        if has_target and not isinstance(target.get("version", ""), str | None):
            problems.append(_problem(f"{where}.to.version", _("a text is required")))
        if has_esco:
            problems += _esco_problems(link, where=where)
        elif "esco_label" in link:
            problems.append(_problem(f"{where}.esco_label", _("only with 'esco'")))
        problems += _text_problems(link.get("note", {}), f"{where}.note", required=False)


def _esco_problems(link: dict, *, where: str) -> list[str]:
    uri = link.get("esco")
    if not esco.is_skill_uri(uri):
        return [_problem(f"{where}.esco", _("not an ESCO skill URI"))]
    label = link.get("esco_label")
    if label is None:
        return [
            _problem(
                f"{where}.esco_label",
                _("give the ESCO preferred label you checked the address against"),
            )
        ]
    problems = _text_problems(label, f"{where}.esco_label")
    if problems:
        return problems
    return [
        _problem(
            f"{where}.esco_label.{mismatch.language}",
            _("ESCO calls this concept %(expected)r, not %(given)r")
            % {"expected": mismatch.expected, "given": mismatch.given},
        )
        for mismatch in esco.label_mismatches(uri, label)
    ]


def _lens_problems(
    entries: list[tuple[str, dict]], problems: list[str], *, competency_slugs: set[str]
) -> None:
    """The principles lens: each principle once, naming competencies of this framework."""
    principles: set[str] = set()
    for where, entry in entries:
        principle = entry.get("principle")
        if principle not in Principle.values:
            problems.append(
                _problem(
                    f"{where}.principle",
                    _("one of %(choices)s") % {"choices": ", ".join(Principle.values)},
                )
            )
        elif principle in principles:
            problems.append(_problem(f"{where}.principle", _duplicate(principle)))
        else:
            principles.add(principle)
        problems += _text_problems(entry.get("description"), f"{where}.description")
        slugs = entry.get("competencies", [])
        if not isinstance(slugs, list):
            problems.append(_problem(f"{where}.competencies", _("a list is required")))
            continue
        for slug in slugs:
            if not isinstance(slug, str) or slug not in competency_slugs:
                problems.append(
                    _problem(f"{where}.competencies", _("no competency %(slug)r") % {"slug": slug})
                )


def crosswalk_reference(source: str, target: dict) -> str:
    """A link to another framework's competency as messages name it:
    ``from → framework@version/competency``, ``latest`` when the link names no version."""
    return (
        f"{source} → {target['framework']}"
        f"@{target.get('version') or 'latest'}/{target['competency']}"
    )


def export_framework(framework: Framework) -> dict:
    """The framework as an Elan JSON document; importing it again changes nothing."""
    # Every competency's links in one query, not one per competency.
    links = Prefetch(
        "crosswalk_links",
        queryset=CrosswalkLink.objects.select_related("target__framework").order_by(
            "kind", "target__framework__slug", "target__slug", "esco_uri"
        ),
    )
    competencies = list(
        framework.competencies.select_related("group").prefetch_related("levels__indicators", links)
    )
    crosswalks = []
    for competency in competencies:
        for link in competency.crosswalk_links.all():
            entry: dict[str, Any] = {"from": competency.slug, "kind": link.kind}
            if link.target_id:
                entry["to"] = {
                    "framework": link.target.framework.slug,
                    "version": link.target.framework.version,
                    "competency": link.target.slug,
                }
            else:
                entry["esco"] = link.esco_uri
                entry["esco_label"] = link.esco_label
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
