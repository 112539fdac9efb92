# SPDX-License-Identifier: EUPL-1.2
"""Suggestions for the development plan, and the seams to the hub and the learning network.

The hub (``elan.knowledge``) and the network module are built separately and may not be there
yet. Each seam tries to import its selector and call it; when the module is absent, empty or
failing, the plan falls back to Elan's built-in suggestions (``practices.py``), so the plan
page always offers something concrete and never breaks because another module is missing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from elan.assessments.constants import SuggestionKind
from elan.assessments.practices import (
    EXPERIMENTS,
    FRAMEWORK_READING,
    PERSON_PLACEHOLDER,
    PRACTICES,
)
from elan.core.vocabulary import InnovationSkill

logger = logging.getLogger(__name__)

HUB_ITEMS_PER_SKILL = 2


@dataclass(frozen=True)
class Suggestion:
    key: str
    kind: str
    skill: str
    title: str
    url: str = ""
    language: str = ""
    is_fallback: bool = False
    summary: str = ""
    source: str = "elan"  # "hub", "network" or "elan"

    @property
    def kind_label(self) -> str:
        return str(SuggestionKind(self.kind).label)


def hub_suggestions(
    *, skill: str, language: str, limit: int = HUB_ITEMS_PER_SKILL
) -> list[Suggestion]:
    """Hub items tagged with the skill, through the hub's own selector when it exists."""
    try:
        from elan.knowledge.selectors import hub_items_for
    except ImportError:
        return []
    try:
        items = list(hub_items_for(skill=skill, language=language))[:limit]
    except Exception:  # the plan must not fail because the hub does
        logger.exception("The knowledge hub could not suggest items for %s", skill)
        return []
    suggestions = []
    for item in items:
        title = str(getattr(item, "title", "") or "")
        url = str(getattr(item, "url", "") or "")
        if not title or not url:
            continue
        suggestions.append(
            Suggestion(
                key=f"hub:{skill}:{hashlib.sha1(url.encode()).hexdigest()[:16]}",
                kind=SuggestionKind.RESOURCE,
                skill=skill,
                title=title,
                url=url,
                language=str(getattr(item, "language_used", "") or language),
                is_fallback=bool(getattr(item, "is_fallback", False)),
                summary=str(getattr(item, "summary", "") or ""),
                source="hub",
            )
        )
    return suggestions


def network_suggestions(*, person, skill: str, language: str) -> list[Suggestion]:
    """People to learn from, once the learning network offers them (opt-in profiles only)."""
    try:
        from elan.network.selectors import people_to_learn_from
    except ImportError:
        return []
    try:
        people = list(people_to_learn_from(person=person, skill=skill, language=language))[:1]
    except Exception:
        logger.exception("The learning network could not suggest people for %s", skill)
        return []
    return [
        Suggestion(
            key=f"network:{skill}:{getattr(entry, 'key', getattr(entry, 'pk', ''))}",
            kind=SuggestionKind.PERSON,
            skill=skill,
            title=str(getattr(entry, "title", entry)),
            url=str(getattr(entry, "url", "")),
            source="network",
        )
        for entry in people
    ]


def builtin_suggestion(key: str, *, language: str | None = None) -> Suggestion | None:
    """Rebuild one of Elan's own suggestions from its key, in the active language."""
    try:
        source, kind, skill = key.split(":")
    except ValueError:
        return None
    if source != "elan" or skill not in InnovationSkill.values:
        return None
    label = str(InnovationSkill(skill).label)
    if kind == SuggestionKind.PRACTICE:
        title = str(PRACTICES[skill])
    elif kind == SuggestionKind.EXPERIMENT:
        title = str(EXPERIMENTS[skill])
    elif kind == SuggestionKind.PERSON:
        title = str(PERSON_PLACEHOLDER) % {"skill": label.lower()}
    elif kind == SuggestionKind.RESOURCE:
        title = str(FRAMEWORK_READING) % {"skill": label.lower()}
    else:
        return None
    url = ""
    if kind == SuggestionKind.RESOURCE:
        url = (
            reverse("skills:framework_detail", kwargs={"slug": "elan-innovation-skills"})
            + f"#competency-{skill}"
        )
    return Suggestion(
        key=key, kind=kind, skill=skill, title=title, url=url, language=language or ""
    )


def confirmed_first(*, person, skills: list[str]) -> list[str]:
    """Growth skills with those the person's 360 raters confirm first, through feedback's seam.

    Confirmed means the raters, together and under the anonymity guard, also rate the skill among
    the person's lowest. The order is otherwise kept; without a 360 report it is unchanged.
    """
    try:
        from elan.feedback.selectors import growth_skills_seen_by_others
    except ImportError:
        return list(skills)
    try:
        confirmed = set(growth_skills_seen_by_others(person=person))
    except Exception:  # the plan must not fail because the 360 module does
        logger.exception("The 360 feedback could not confirm growth skills")
        return list(skills)
    return sorted(skills, key=lambda skill: skill not in confirmed)


def suggestions_for(*, person, skills: Iterable[str], language: str) -> list[Suggestion]:
    """For each growth skill: resources (hub, else the framework), a practice, a person and an
    experiment, in that order."""
    suggestions: list[Suggestion] = []
    for skill in skills:
        if skill not in InnovationSkill.values:
            continue
        resources = hub_suggestions(skill=skill, language=language)
        if not resources:
            resources = [
                builtin_suggestion(f"elan:{SuggestionKind.RESOURCE}:{skill}", language=language)
            ]
        people = network_suggestions(person=person, skill=skill, language=language) or [
            builtin_suggestion(f"elan:{SuggestionKind.PERSON}:{skill}", language=language)
        ]
        suggestions += [
            *resources,
            builtin_suggestion(f"elan:{SuggestionKind.PRACTICE}:{skill}", language=language),
            *people,
            builtin_suggestion(f"elan:{SuggestionKind.EXPERIMENT}:{skill}", language=language),
        ]
    return [s for s in suggestions if s is not None]


def describe_source(suggestion: Suggestion) -> str:
    return {"hub": _("From the knowledge hub"), "network": _("From the learning network")}.get(
        suggestion.source, _("Suggested by Elan")
    )
