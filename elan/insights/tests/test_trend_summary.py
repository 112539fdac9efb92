# SPDX-License-Identifier: EUPL-1.2
"""The trends sentence names a rise or a fall only when there is one."""

from __future__ import annotations

from dataclasses import dataclass

from elan.insights.instruments import SHARE, Measure
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


def test_a_change_too_small_to_show_in_the_figures_is_no_change():
    """Both rounds read 3.0 and 3.5 on the page: the sentence does not say "rose most (+0.0)"."""
    text = summary({"safety": 3.02, "testing": 3.5}, {"safety": 3.04, "testing": 3.46})

    assert text == "Between round 1 and round 2, the figures shown did not change."


def test_the_change_is_that_of_the_figures_as_shown_like_on_the_teams_page():
    """3.44 reads 3.4 and 3.56 reads 3.6: the trend says +0.2, as the two figures do."""
    text = summary({"safety": 3.44, "testing": 3.0}, {"safety": 3.56, "testing": 3.0})

    assert text == (
        "Between round 1 and round 2, “Psychological safety” rose most (+0.2) and nothing fell."
    )


def test_a_change_in_a_share_is_said_in_percentage_points():
    ideas = Measure("ideas", "A new idea was tried", kind=SHARE)
    text = trend_summary(
        figures=[RoundFigures(1, {"ideas": 0.40}), RoundFigures(2, {"ideas": 0.52})],
        measures=[ideas],
    )

    assert text == (
        "Between round 1 and round 2, “A new idea was tried” rose most (+12 pp) and nothing fell."
    )
