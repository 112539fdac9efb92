# SPDX-License-Identifier: EUPL-1.2
"""The balance check of a set of goals, shown before a planning talk is closed (docs/goals.md,
"Balanced goals").

The check is guidance and never a block: it only returns findings. Each rule is data
(``RULES``): a stable code, a translated reason, the test it applies, and the kind of template
that would fix it, so that the docs page (``rule_table``), the talk page and the tests read the
same list.

A set is balanced when its innovation goals hold at least one applied-skill goal and one
concrete-result goal, every goal has an indicator and a target, a manager's set holds an
enabling goal, and no innovation goal names activities only ("innovation theatre": attending,
organising, taking part, with nothing that says what will be different). That last test is a
heuristic on the words of ``content/activity-words.yaml``, kept simple enough to explain in one
sentence: the title names an activity and no result, and neither the indicator nor the target
holds a number, a percentage or a result word.

Which goals are checked is the caller's choice: dropped goals never count, and drafts count
only when the caller passes them (the owner sees their own drafts; the evaluator does not).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from elan.core.content import load_content
from elan.goals.constants import GoalProgress, InnovationKind, TemplateAudience
from elan.goals.models import GoalTemplate

WORDS_FILE = Path(__file__).resolve().parent / "content" / "activity-words.yaml"

# --- The innovation-theatre heuristic ------------------------------------------------------------


def _key(word: str) -> str:
    """A word as the check compares it: case and accents ignored ("Réduit" finds "reduit")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[tuple[str, str, int, int]]:
    """The text's words as (as written in lower case, as compared, where it begins, ends)."""
    return [
        (match.group().lower(), _key(match.group()), match.start(), match.end())
        for match in _WORD.finditer(text or "")
    ]


@dataclass(frozen=True)
class _Phrase:
    """One entry of the word lists: consecutive words, each whole or (ending in *) a start."""

    parts: tuple[tuple[str, bool], ...]

    @classmethod
    def parse(cls, entry: str) -> _Phrase:
        parts = []
        for piece in entry.split():
            is_start = piece.endswith("*")
            # An apostrophe or hyphen splits a word in the text ("s'inscrire"), so here too.
            keys = [word[1] for word in _words(piece.rstrip("*"))]
            parts.extend((key, False) for key in keys[:-1])
            parts.append((keys[-1], is_start))
        return cls(tuple(parts))

    def _matches_at(self, keys: Sequence[str], start: int) -> bool:
        for offset, (part, is_start) in enumerate(self.parts):
            key = keys[start + offset]
            if not (key.startswith(part) if is_start else key == part):
                return False
        return True

    def find(self, keys: Sequence[str]) -> int | None:
        """Where in ``keys`` the phrase begins, or None."""
        for start in range(len(keys) - len(self.parts) + 1):
            if self._matches_at(keys, start):
                return start
        return None


@dataclass(frozen=True)
class WordLists:
    activities: tuple[_Phrase, ...]
    results: tuple[_Phrase, ...]


@cache
def word_lists() -> WordLists:
    """Every language's words together: a goal's language is not recorded, and a Dutch goal
    may well borrow an English word ("brainstorm")."""
    data = load_content(WORDS_FILE)
    activities: list[_Phrase] = []
    results: list[_Phrase] = []
    for lists in data["languages"].values():
        activities.extend(_Phrase.parse(entry) for entry in lists["activities"])
        results.extend(_Phrase.parse(entry) for entry in lists["results"])
    return WordLists(tuple(activities), tuple(results))


def activity_words_in(text: str) -> tuple[str, ...]:
    """The activity words ``text`` names, as written there, in the order they come."""
    words = _words(text)
    keys = [word[1] for word in words]
    spans = []
    for phrase in word_lists().activities:
        start = phrase.find(keys)
        if start is not None:
            spans.append((start, start + len(phrase.parts)))
    # Longest first where two begin together, and a word inside a longer phrase only once
    # ("s'inscrire", not also "inscrire").
    taken: set[int] = set()
    shown = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            shown.append(text[words[start][2] : words[end - 1][3]].lower())
    return tuple(dict.fromkeys(shown))


def names_a_result(text: str) -> bool:
    keys = [word[1] for word in _words(text)]
    return any(phrase.find(keys) is not None for phrase in word_lists().results)


_DIGIT = re.compile(r"\d")


def holds_a_measure(text: str) -> bool:
    """A number, a percentage or a result word: something that says what will be different."""
    text = text or ""
    return bool(_DIGIT.search(text)) or "%" in text or names_a_result(text)


def is_activity_only(goal: Any) -> bool:
    """The title names an activity and no result, and neither the indicator nor the target
    holds a measure."""
    title = goal.title or ""
    if not activity_words_in(title) or names_a_result(title):
        return False
    return not (holds_a_measure(goal.indicator) or holds_a_measure(goal.target))


# --- The rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalSet:
    """What the rules look at: the goals that count, and whether their owner is a manager."""

    goals: tuple[Any, ...]
    is_manager: bool

    @property
    def innovation_kinds(self) -> frozenset[str]:
        return frozenset(goal.innovation for goal in self.goals if goal.innovation)


@dataclass(frozen=True)
class BalanceRule:
    """One rule of the balance check.

    ``applies(goals, goal)`` says whether the rule finds something: a set rule is asked once with
    ``goal=None``, a per-goal rule (``per_goal``) once for each goal. ``fixed_by(goals, goal)``
    names the innovation kinds of the templates that would fix it, best first. ``words``, for a
    per-goal rule, names what in the goal made it apply, so that the finding can say so.
    """

    code: str
    reason: Promise
    applies: Callable[[GoalSet, Any | None], bool]
    fixed_by: Callable[[GoalSet, Any | None], tuple[str, ...]] = lambda goals, goal: ()
    per_goal: bool = False
    words: Callable[[Any], tuple[str, ...]] | None = None


def _own_kind(goals: GoalSet, goal: Any | None) -> tuple[str, ...]:
    return (goal.innovation,) if goal is not None and goal.innovation else ()


def _blank(value: str | None) -> bool:
    return not (value or "").strip()


RULES: tuple[BalanceRule, ...] = (
    BalanceRule(
        code="needs-innovation-goal",
        reason=_(
            "There is no innovation goal yet: add one in which you put an innovation skill to use, "
            "and one that aims at a concrete result."
        ),
        applies=lambda goals, goal: not goals.innovation_kinds,
        fixed_by=lambda goals, goal: (InnovationKind.APPLIED_SKILL, InnovationKind.RESULT),
    ),
    BalanceRule(
        code="needs-applied-skill",
        reason=_(
            "None of the innovation goals applies an innovation skill: add one in which you put a "
            "skill to use in your own work."
        ),
        applies=lambda goals, goal: (
            bool(goals.innovation_kinds)
            and InnovationKind.APPLIED_SKILL not in goals.innovation_kinds
        ),
        fixed_by=lambda goals, goal: (InnovationKind.APPLIED_SKILL,),
    ),
    BalanceRule(
        code="needs-result",
        reason=_(
            "None of the innovation goals aims at a concrete result: add one that says what will "
            "be different for the people we serve or for the team."
        ),
        applies=lambda goals, goal: (
            bool(goals.innovation_kinds) and InnovationKind.RESULT not in goals.innovation_kinds
        ),
        fixed_by=lambda goals, goal: (InnovationKind.RESULT,),
    ),
    BalanceRule(
        code="needs-enabling",
        reason=_(
            "As a manager, add at least one goal about enabling others: what you will do so that "
            "your team can try new things."
        ),
        applies=lambda goals, goal: (
            goals.is_manager and InnovationKind.ENABLING not in goals.innovation_kinds
        ),
        fixed_by=lambda goals, goal: (InnovationKind.ENABLING,),
    ),
    BalanceRule(
        code="needs-indicator",
        reason=_("This goal has no indicator: say what we will see when it is reached."),
        applies=lambda goals, goal: _blank(goal.indicator),
        fixed_by=_own_kind,
        per_goal=True,
    ),
    BalanceRule(
        code="needs-target",
        reason=_("This goal has no target: say how much, or by when."),
        applies=lambda goals, goal: _blank(goal.target),
        fixed_by=_own_kind,
        per_goal=True,
    ),
    BalanceRule(
        code="innovation-theatre",
        reason=_(
            "Possible innovation theatre: the goal names activities only, and nothing in the "
            "indicator or target says what will be different or how we will see it."
        ),
        applies=lambda goals, goal: bool(goal.innovation) and is_activity_only(goal),
        # A template of the goal's own kind keeps what the person meant; a result otherwise.
        fixed_by=lambda goals, goal: (*_own_kind(goals, goal), InnovationKind.RESULT),
        per_goal=True,
        words=lambda goal: activity_words_in(goal.title),
    ),
)


def rule_table() -> list[tuple[str, Promise]]:
    """The rules as the docs page lists them: (code, reason)."""
    return [(rule.code, rule.reason) for rule in RULES]


# --- The check -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """What one rule found: its code, its reason (translated when shown), the goal it concerns
    (None for the whole set), the code of a template that would fix it (None when no offered
    template fits), and, for innovation theatre, the activity words the title names."""

    code: str
    reason: Promise
    goal: Any | None = None
    template_code: str | None = None
    words: tuple[str, ...] = ()


def _offered(templates: Iterable[GoalTemplate], *, is_manager: bool) -> list[GoalTemplate]:
    audiences = {TemplateAudience.EVERYONE} | ({TemplateAudience.MANAGERS} if is_manager else set())
    return sorted(
        (t for t in templates if t.is_active and t.audience in audiences),
        key=lambda t: (t.sort_order, t.code),
    )


def _template_for(
    rule: BalanceRule, goals: GoalSet, goal: Any | None, templates: list[GoalTemplate]
) -> str | None:
    kinds = rule.fixed_by(goals, goal)
    if not kinds:
        return None
    # The template the goal started from shows the indicator and target it left out.
    started_from = getattr(goal, "template_id", None)
    if started_from is not None and rule.code != "innovation-theatre":
        for template in templates:
            if template.pk == started_from:
                return template.code
    for kind in kinds:
        for template in templates:
            if template.innovation == kind:
                return template.code
    return None


def check_balance(
    *,
    goals: Sequence[Any],
    is_manager: bool,
    templates: Sequence[GoalTemplate] | None = None,
) -> list[Finding]:
    """The findings of every rule on ``goals``, set rules first, then each goal's in order.

    ``goals`` are Goal objects or anything with their fields (kind, innovation, title,
    indicator, target, progress); dropped goals are left out here. ``templates`` are those to
    suggest from; by default the active ones in the database. Managers' templates are suggested
    to managers only.
    """
    counted = GoalSet(
        goals=tuple(g for g in goals if g.progress != GoalProgress.DROPPED),
        is_manager=is_manager,
    )
    found: list[tuple[BalanceRule, Any | None]] = []
    for rule in RULES:
        if not rule.per_goal and rule.applies(counted, None):
            found.append((rule, None))
    for goal in counted.goals:
        for rule in RULES:
            if rule.per_goal and rule.applies(counted, goal):
                found.append((rule, goal))
    if not found:
        return []
    if templates is None:
        templates = list(GoalTemplate.objects.filter(is_active=True))
    offered = _offered(templates, is_manager=is_manager)
    return [
        Finding(
            code=rule.code,
            reason=rule.reason,
            goal=goal,
            template_code=_template_for(rule, counted, goal, offered),
            words=rule.words(goal) if rule.words is not None and goal is not None else (),
        )
        for rule, goal in found
    ]
