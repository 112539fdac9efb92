# SPDX-License-Identifier: EUPL-1.2
"""Scoring as pure functions: no database, no Django, so that they can be property-tested.

Rules:
- a reverse-scored item is mirrored on the scale: on 1–5, an answer of 1 scores 5;
- a subscale's score is the mean of its answered items, after mirroring;
- a subscale is scored only when enough of its items were answered (by default two thirds,
  rounded up: 3 of 4, 2 of 3); below that it has no score at all, rather than a score built on
  one or two answers that would look as solid as the others;
- a self-assessment is submitted only when every subscale can be scored: the same rule
  (``answers_needed``, ``incomplete_subscales``) decides what scoring accepts and what the form
  asks for, so a submission can never produce a profile without scores.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Scale:
    minimum: int
    maximum: int

    def __post_init__(self) -> None:
        if self.maximum <= self.minimum:
            raise ValueError("a scale needs at least two points")

    def contains(self, value: int) -> bool:
        return type(value) is int and self.minimum <= value <= self.maximum


@dataclass(frozen=True, slots=True)
class ItemSpec:
    code: str
    subscale: str
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class SubscaleScore:
    mean: float | None  # None when the subscale is incomplete
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.mean is not None

    def as_dict(self) -> dict:
        return {"mean": self.mean, "answered": self.answered, "total": self.total}


DEFAULT_COMPLETENESS = Fraction(2, 3)


def scored_value(value: int, *, reverse: bool, scale: Scale) -> int:
    """The answer as it counts: mirrored on the scale when the item is reverse-scored."""
    if not scale.contains(value):
        raise ValueError(f"{value!r} is not on the scale {scale.minimum}–{scale.maximum}")
    return scale.minimum + scale.maximum - value if reverse else value


def is_complete(answered: int, total: int, rule: Fraction = DEFAULT_COMPLETENESS) -> bool:
    """Whether ``answered`` of ``total`` items is enough to score: answered/total >= rule."""
    if total <= 0:
        return False
    return Fraction(answered, total) >= rule


def answers_needed(total: int, rule: Fraction = DEFAULT_COMPLETENESS) -> int:
    """The fewest answers out of ``total`` items that ``is_complete`` accepts (3 of 4 at 2/3)."""
    return max(1, math.ceil(total * rule))


def incomplete_subscales(
    items: Iterable[ItemSpec],
    answers: Mapping[str, int],
    scale: Scale,
    rule: Fraction = DEFAULT_COMPLETENESS,
) -> dict[str, SubscaleScore]:
    """The subscales that ``subscale_scores`` would leave without a score, in item order."""
    return {
        subscale: score
        for subscale, score in subscale_scores(items, answers, scale, rule).items()
        if not score.complete
    }


def subscale_scores(
    items: Iterable[ItemSpec],
    answers: Mapping[str, int],
    scale: Scale,
    rule: Fraction = DEFAULT_COMPLETENESS,
) -> dict[str, SubscaleScore]:
    """Score every subscale. ``answers`` maps item codes to raw answers; missing means skipped."""
    items = list(items)
    known = {item.code for item in items}
    unknown = set(answers) - known
    if unknown:
        raise ValueError(f"answers to unknown items: {sorted(unknown)}")
    totals: dict[str, int] = {}
    sums: dict[str, int] = {}
    counts: dict[str, int] = {}
    for item in items:
        totals[item.subscale] = totals.get(item.subscale, 0) + 1
        sums.setdefault(item.subscale, 0)
        counts.setdefault(item.subscale, 0)
        if item.code in answers:
            sums[item.subscale] += scored_value(
                answers[item.code], reverse=item.reverse, scale=scale
            )
            counts[item.subscale] += 1
    scores = {}
    for subscale, total in totals.items():
        answered = counts[subscale]
        mean = sums[subscale] / answered if is_complete(answered, total, rule) else None
        scores[subscale] = SubscaleScore(mean=mean, answered=answered, total=total)
    return scores


def level_for(mean: float | None, scale: Scale, levels: int = 3) -> int | None:
    """Which of ``levels`` equal bands of the scale a mean falls in (1 = lowest), or None."""
    if mean is None:
        return None
    span = scale.maximum - scale.minimum
    position = (mean - scale.minimum) / span
    return min(levels, int(position * levels) + 1)


def ranked(scores: Mapping[str, float | None]) -> list[tuple[str, float]]:
    """Scored entries from highest to lowest; ties keep the given order (stable sort)."""
    present = [(key, value) for key, value in scores.items() if value is not None]
    return sorted(present, key=lambda pair: -pair[1])


def strengths_and_growth(
    scores: Mapping[str, float | None], count: int = 2
) -> tuple[list[str], list[str]]:
    """The ``count`` highest and lowest scored entries, never the same entry in both."""
    order = ranked(scores)
    if len(order) < 2:
        return [key for key, _ in order], []
    count = min(count, len(order) // 2)
    strengths = [key for key, _ in order[:count]]
    growth = [key for key, _ in reversed(order[-count:])]
    return strengths, growth


def changes(
    current: Mapping[str, float | None], previous: Mapping[str, float | None]
) -> dict[str, float | None]:
    """Change per entry since the previous scores; None where either side has no score."""
    return {
        key: (
            round(value - previous[key], 2)
            if value is not None and previous.get(key) is not None
            else None
        )
        for key, value in current.items()
    }
