# SPDX-License-Identifier: EUPL-1.2
"""The trends sentence names a rise or a fall only when there is one."""

from __future__ import annotations

from dataclasses import dataclass

from elan.insights.instruments import Measure
from elan.insights.summaries import trend_summary

SAFETY = Measure("safety", "Psychological safety")
TESTING = Measure("testing", "Test small, adjust fast")


@dataclass
class RoundFigures:
    round: int
    values: dict[str, float]
    is_released: bool = True

    def value(self, code: str) -> float | None:
        return self.values.get(code)


def summary(first: dict[str, float], last: dict[str, float]) -> str:
    return trend_summary(
        figures=[RoundFigures(1, first), RoundFigures(2, last)], measures=[SAFETY, TESTING]
    )


def test_when_every_measure_rose_the_sentence_says_nothing_fell():
    text = summary({"safety": 3.0, "testing": 3.0}, {"safety": 3.6, "testing": 3.2})

    assert text == (
        "Between round 1 and round 2, “Psychological safety” rose most (+0.6) and nothing fell."
    )


def test_when_every_measure_fell_the_sentence_says_nothing_rose():
    text = summary({"safety": 3.0, "testing": 3.0}, {"safety": 2.9, "testing": 2.5})

    assert text == (
        "Between round 1 and round 2, “Test small, adjust fast” fell most (−0.5) and nothing rose."
    )


def test_a_rise_and_a_fall_are_both_named():
    text = summary({"safety": 3.0, "testing": 3.0}, {"safety": 3.4, "testing": 2.8})

    assert "“Psychological safety” rose most (+0.4)" in text
    assert "“Test small, adjust fast” fell most (−0.2)" in text


def test_unchanged_figures_are_said_to_be_unchanged():
    text = summary({"safety": 3.0, "testing": 3.0}, {"safety": 3.0, "testing": 3.0})

    assert text == "Between round 1 and round 2, the figures shown did not change."
