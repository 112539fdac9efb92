# SPDX-License-Identifier: EUPL-1.2
"""One rounding rule for every score (issue 15): half up on the figure as written, in the
reader's language, the same in charts, tables, sentences and templates."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from elan.core import numbers
from elan.core.charts import (
    SHARE,
    Series,
    band,
    bar_chart,
    bars_svg,
    distance,
    distance_class,
    distance_legend,
    distance_sign,
    format_value,
    heatmap_svg,
    radar_chart,
)

MEAN = "mean"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(4.75, "4.8"), (4.25, "4.3"), (3.29, "3.3"), (4.65, "4.7"), (3.875, "3.9"), (2.0, "2.0")],
)
def test_a_score_is_rounded_half_up_as_people_round_by_hand_never_truncated(value, shown):
    assert numbers.format_score(value) == shown


def test_a_score_reads_with_the_decimal_separator_of_the_reader_s_language():
    with translation.override("nl"):
        assert numbers.format_score(4.75) == "4,8"
        assert numbers.format_change(-0.34) == "\u22120,3"
    with translation.override("en"):
        assert numbers.format_score(4.75) == "4.8"


def test_shares_and_changes_follow_the_same_rule():
    assert numbers.format_share(0.285) == "29 %"
    assert numbers.format_share(None) == "–"
    assert numbers.format_change(0.25) == "+0.3"
    assert numbers.format_change(-0.04) == "0.0"  # never "-0.0"
    assert numbers.format_points(Decimal(12)) == "+12 pp"


def test_a_difference_is_that_of_the_figures_as_shown_so_the_three_add_up():
    # 4.74 and 4.66 both read 4.7: no change, not +0.1.
    assert numbers.difference(4.74, 4.66) == Decimal("0.0")
    assert numbers.difference(4.75, 3.0) == Decimal("1.8")
    assert numbers.share_difference(0.285, 0.2) == Decimal(9)
    assert numbers.difference(None, 3.0) is None


def test_the_template_filters_print_what_the_python_functions_print():
    template = Template(
        "{% load numbers %}{{ a|score }} {{ b|score }} {{ s|share }} "
        "{% difference a c as change %}{{ change|signed_score }} {{ none|score }}"
    )
    text = template.render(Context({"a": 4.75, "b": 3.29, "s": 0.785, "c": 4.25, "none": None}))
    assert text == "4.8 3.3 79 % +0.5 –"


def test_charts_tables_and_heatmap_cells_round_as_the_sentences_do():
    chart = bar_chart(
        chart_id="b",
        title="t",
        summary="s",
        labels=["A", "B"],
        series=[Series("Mean", (3.29, 4.75))],
        minimum=1,
        maximum=5,
    )
    assert chart.rows == (("A", ("3.3",)), ("B", ("4.8",)))
    radar = radar_chart(
        chart_id="r",
        title="t",
        summary="s",
        axes=["A", "B", "C"],
        series=[Series("Now", (4.75, 4.25, 3.29))],
        minimum=1,
        maximum=5,
    )
    assert radar.rows[0] == ("A", ("4.8",))
    assert format_value(4.75, MEAN) == "4.8" and format_value(0.785, SHARE) == "79 %"
    # The colour band is that of the figure as shown: 3.49 reads 3.5, and has 3.5's colour.
    assert band(3.49, MEAN) == band(3.5, MEAN) == 4


def test_the_distance_scale_has_five_steps_each_with_a_colour_a_sign_and_words():
    assert distance(4.3, 4.0, MEAN) == Decimal("0.3")
    assert distance_class(Decimal("0.6"), MEAN) == "heat heat--above-2"
    assert distance_class(Decimal("0.2"), MEAN) == "heat heat--above-1"
    assert distance_class(Decimal("0.1"), MEAN) == "heat heat--same"
    assert distance_class(Decimal("-0.3"), MEAN) == "heat heat--below-1"
    assert distance_class(Decimal("-15"), SHARE) == "heat heat--below-2"
    assert distance_class(None, MEAN) == "heat heat--none"
    assert [distance_sign(Decimal(g), MEAN) for g in ("0.5", "0", "-0.2")] == ["▲", "=", "▼"]
    legend = distance_legend(MEAN)
    assert [step.css for step in legend] == [
        "heat heat--below-2",
        "heat heat--below-1",
        "heat heat--same",
        "heat heat--above-1",
        "heat heat--above-2",
    ]
    assert [step.text for step in legend] == [
        "0.5 or more lower",
        "0.2 to 0.4 lower",
        "about the same (within 0.1)",
        "0.2 to 0.4 higher",
        "0.5 or more higher",
    ]
    assert distance_legend(SHARE)[0].text == "15 pp or more lower"


class _Measure:
    def __init__(self, code: str, label: str, kind: str = MEAN):
        self.code, self.label, self.kind = code, label, kind


def _svg_text(svg: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", svg).split())


def test_long_unit_and_measure_names_wrap_in_the_charts_and_are_never_cut():
    unit = "Directorate-General for Digital Transformation and Public Service Innovation"
    measure = _Measure("m", "Psychological safety and speaking up in the team meetings")
    svg = str(
        heatmap_svg(
            rows=[(unit, 0, lambda code: 4.2, False, lambda code: Decimal("-0.6"))],
            measures=[measure],
            title="Heatmap",
            summary="Summary.",
        )
    )
    assert "…" not in svg
    text = _svg_text(svg)
    assert unit in text and str(measure.label) in text
    assert "4.2 ▼" in text and 'class="chart__cell heat--below-2"' in svg
    bars = str(bars_svg(bars=[(measure, 3.29)], title="t", summary="s"))
    assert "…" not in bars and str(measure.label) in _svg_text(bars) and ">3.3<" in bars
