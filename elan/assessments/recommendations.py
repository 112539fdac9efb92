# SPDX-License-Identifier: EUPL-1.2
"""Suggestions for the development plan, and the seam to the hub.

Hub reading comes from the hub's suggestion engine (``elan.knowledge.suggestions``), which a
team's action plan uses too. When the hub has nothing for a skill, or fails, the plan falls back
to Elan's built-in suggestions (``practices.py``), so the plan page always offers something
concrete and never breaks because of the hub.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse

from elan.assessments.constants import SuggestionKind
from elan.assessments.practices import (
    EXPERIMENTS,
    FRAMEWORK_READING,
    PERSON_PLACEHOLDER,
    PRACTICES,
)
from elan.core.vocabulary import InnovationSkill
from elan.knowledge.suggestions import TOOLS_AND_READING, hub_suggestions_for

logger = logging.getLogger(__name__)


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
    source: str = "elan"  # "hub" or "elan"
    hub_kind_label: str = ""  # what the hub item is ("Tool", ...), for a suggestion from the hub

    @property
    def kind_label(self) -> str:
        return str(SuggestionKind(self.kind).label)


def _url_digest(url: str) -> str:
    # A short stable name for the URL, not a secret: plans store it as their step's key, so it
    # stays SHA-1 (usedforsecurity=False says so to hashlib and to bandit).
    return hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()[:16]


def hub_suggestions(*, skill: str, language: str) -> list[Suggestion]:
    """The hub's tools and reading for the skill (a tool and a reading when the hub has both),
    as steps the person can add to their plan. Principle pages and cases are tagged with skills
    too, but they are not something to pick up and use this month."""
    return [
        Suggestion(
            key=f"hub:{skill}:{_url_digest(item.url)}",
            kind=SuggestionKind.RESOURCE,
            skill=skill,
            title=item.title,
            url=item.url,
            language=item.language_used or language,
            is_fallback=item.is_fallback,
            summary=item.summary,
            source="hub",
            hub_kind_label=item.kind_label,
        )
        for item in hub_suggestions_for(skill=skill, language=language, kinds=TOOLS_AND_READING)
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


# Who can say which growth skills others confirm: a module above assessments (the 360
# feedback) registers a function from its ``AppConfig.ready()``, so assessments never imports
# it (docs/adr/0013-layers-and-checks.md). Without one, the order of growth skills is kept.
GrowthSkillConfirmer = Callable[..., Iterable[str]]
_CONFIRMERS: list[GrowthSkillConfirmer] = []


def growth_skill_confirmer_register(confirmer: GrowthSkillConfirmer) -> None:
    """Add ``confirmer(person=...)``, which returns the skills others confirm; once each."""
    if confirmer not in _CONFIRMERS:
        _CONFIRMERS.append(confirmer)


def confirmed_first(*, person, skills: list[str]) -> list[str]:
    """Growth skills with those the person's 360 raters confirm first, through the registered
    confirmers (feedback's ``growth_skills_seen_by_others``).

    Confirmed means the raters, together and under the anonymity guard, also rate the skill among
    the person's lowest. The order is otherwise kept; without a 360 report it is unchanged.
    """
    confirmed: set[str] = set()
    for confirmer in _CONFIRMERS:
        try:
            confirmed.update(confirmer(person=person))
        except Exception:  # the plan must not fail because the 360 module does
            logger.exception("A module could not confirm growth skills")
    return sorted(skills, key=lambda skill: skill not in confirmed)


def suggestions_for(*, skills: Iterable[str], language: str) -> list[Suggestion]:
    """For each growth skill: resources (hub, else the framework), a practice, a person to learn
    from and an experiment, in that order."""
    suggestions: list[Suggestion] = []
    for skill in skills:
        if skill not in InnovationSkill.values:
            continue
        resources = hub_suggestions(skill=skill, language=language)
        if not resources:
            resources = [
                builtin_suggestion(f"elan:{SuggestionKind.RESOURCE}:{skill}", language=language)
            ]
        suggestions += [
            *resources,
            builtin_suggestion(f"elan:{SuggestionKind.PRACTICE}:{skill}", language=language),
            builtin_suggestion(f"elan:{SuggestionKind.PERSON}:{skill}", language=language),
            builtin_suggestion(f"elan:{SuggestionKind.EXPERIMENT}:{skill}", language=language),
        ]
    return [s for s in suggestions if s is not None]
