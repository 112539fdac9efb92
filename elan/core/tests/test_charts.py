# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.template.loader import render_to_string

from elan.core.charts import Series, bar_chart, radar_chart


def test_a_radar_chart_names_itself_for_screen_readers_and_carries_its_data_table():
    chart = radar_chart(
        chart_id="c1",
        title="Skills <profile>",
        summary="Strongest in A.",
        axes=["A", "B", "C"],
        series=[Series("Now", (4.0, None, 2.5)), Series("Before", (3.0, 3.0, 3.0))],
        minimum=1,
        maximum=5,
        first_column="Skill",
    )
    svg = str(chart.svg)
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Skills &lt;profile&gt;</title>' in svg
    assert '<desc id="c1-desc">Strongest in A.</desc>' in svg
    assert chart.columns == ("Skill", "Now", "Before")
    assert chart.rows[1] == ("B", ("–", "3.0"))
    html = render_to_string("core/includes/chart.html", {"chart": chart})
    assert "Skills &lt;profile&gt;</caption>" in html and 'aria-labelledby="c1-caption"' in html
    assert '<th scope="row">A</th>' in html and "Strongest in A." in html


def test_a_radar_chart_refuses_data_that_does_not_fit_its_axes():
    with pytest.raises(ValueError):
        radar_chart(
            chart_id="x", title="t", summary="s", axes=["A", "B"], series=[], minimum=1, maximum=5
        )
    with pytest.raises(ValueError):
        radar_chart(
            chart_id="x",
            title="t",
            summary="s",
            axes=["A", "B", "C"],
            series=[Series("s", (1.0,))],
            minimum=1,
            maximum=5,
        )


def test_a_bar_chart_draws_one_bar_per_value_and_skips_missing_ones():
    chart = bar_chart(
        chart_id="b1",
        title="Team",
        summary="Two skills.",
        labels=["A", "B"],
        series=[Series("Average", (3.5, None))],
        minimum=1,
        maximum=5,
    )
    assert str(chart.svg).count("<rect") == 1
    assert chart.rows == (("A", ("3.5",)), ("B", ("–",)))
