# SPDX-License-Identifier: EUPL-1.2
"""Insights that show something (issue 15, point 2): the share of favourable answers next to
each mean, heatmap colours by the distance from a comparison the reader chooses, the change since
the previous round, tables that keep their first column in view, and a trends page that says
when there is no trend yet. Every figure comes from the guard's stored decisions, both sides of
every difference included."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
import time_machine

from elan.core.charts import distance, distance_class, format_distance
from elan.insights.constants import FAVOURABLE_FROM, GroupFamily
from elan.insights.instruments import MEAN, instrument_for
from elan.insights.models import Answer, GroupResult
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import (
    CampaignFactory,
    answer,
    close_round,
    invited,
    open_round,
)

pytestmark = pytest.mark.django_db

_MAIN = re.compile(r"<main.*?</main>", re.S)
_TOKENS = re.compile(r'((?:csrfmiddlewaretoken" value|nonce)=)"[^"]*"')


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def main_of(response) -> str:
    assert response.status_code == 200
    return _TOKENS.sub(r'\1""', _MAIN.search(response.content.decode()).group(0))


def stored(round_, code: str, scope: str = "subtree") -> GroupResult:
    return GroupResult.objects.get(
        round=round_, family=GroupFamily.SCORES, scope=scope, unit_code=code, attribute=""
    )


def heatmap_cells(page: str, code: str) -> list[tuple[str, str]]:
    row = re.search(rf'/units/{re.escape(code)}/[^"]*">.*?</a></th>(.*?)</tr>', page, re.S)
    assert row is not None, code
    return re.findall(r'<td(?: class="([^"]*)")?>(.*?)</td>', row.group(1), re.S)[1:]


@pytest.fixture
def two_teams(personas, sibling):
    """The personas' team (6, agreeing) and a sibling team (6, disagreeing) under the
    organisation; five people at the top who do not answer. One round, closed."""
    grow(personas.team, 3)
    grow(personas.organisation, 1)
    other, _people = sibling("TEAM-TWO", 6)
    campaign = CampaignFactory(unit=personas.organisation)
    round_ = open_round(campaign)
    for participation in round_.participations.select_related("user"):
        if participation.unit_code == personas.team.code:
            answer(round_, participation.user, value=5)
        elif participation.unit_code == other.code:
            answer(round_, participation.user, value=2)
    round_ = close_round(campaign)
    return campaign, round_, other


def test_the_share_of_favourable_answers_is_published_with_the_mean_and_hidden_with_it(
    personas, two_teams
):
    campaign, round_, other = two_teams
    instrument = instrument_for(campaign.instrument)
    team = stored(round_, personas.team.code, scope="unit")
    assert team.released and team.favourable
    for measure in (m for m in instrument.measures if m.kind == MEAN):
        scores = list(
            Answer.objects.filter(
                response__round=round_,
                response__unit_code=personas.team.code,
                measure=measure.code,
            ).values_list("score", flat=True)
        )
        share = sum(score >= FAVOURABLE_FROM for score in scores) / len(scores)
        assert team.favourable[measure.code] == pytest.approx(share, abs=0.001)
    # Tick-box measures are shares already: they get no favourable share.
    assert set(team.favourable) == {m.code for m in instrument.measures if m.kind == MEAN}
    # Hidden groups store no number at all, neither a mean nor a favourable share.
    for row in GroupResult.objects.filter(round=round_, released=False):
        assert row.n is None and row.figures == {} and row.favourable == {}


def test_the_favourable_share_stands_next_to_the_mean_on_the_page_in_the_export_and_the_api(
    personas, client_for, two_teams
):
    campaign, round_, _other = two_teams
    team = stored(round_, personas.team.code)
    measure = next(m for m in instrument_for(campaign.instrument).measures if m.kind == MEAN)
    share = team.favourable[measure.code]
    with at(round_.goes_up_on):
        client = client_for("hr")
        page = main_of(client.get(f"/en/insights/campaigns/{campaign.pk}/heatmap/"))
        assert f"{round(share * 100)} %" in heatmap_cells(page, personas.team.code)[0][1]
        assert "favourable answers (4 or 5)" in page
        export = client.get(f"/en/insights/campaigns/{campaign.pk}/export.csv").content.decode()
        record = next(
            r for r in csv.DictReader(io.StringIO(export)) if r["unit_code"] == personas.team.code
        )
        assert float(record[f"favourable:{measure.code}"]) == pytest.approx(share)
        row = client.get(
            f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}?scope=subtree"
        ).json()
        assert row["figure"]["figures"][f"favourable:{measure.code}"] == pytest.approx(share)
        team_page = main_of(
            client.get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/")
        )
        assert "Favourable (4 or 5)" in team_page


def test_heatmap_colours_show_the_distance_from_the_whole_survey_with_a_legend_and_signs(
    personas, client_for, two_teams
):
    campaign, round_, other = two_teams
    instrument = instrument_for(campaign.instrument)
    whole = stored(round_, personas.organisation.code)
    with at(round_.goes_up_on):
        page = main_of(client_for("hr").get(f"/en/insights/campaigns/{campaign.pk}/heatmap/"))
    assert '<option value="organisation" selected>' in page  # HR sees the whole survey
    assert "Colours show how far each figure lies from the whole survey (FPS One):" in page
    assert "0.5 or more lower" in page and "0.5 or more higher" in page
    signs = set()
    for code in (personas.team.code, other.code):
        figures = stored(round_, code).figures
        cells = heatmap_cells(page, code)
        for measure, (css, html) in zip(instrument.measures, cells, strict=False):
            gap = distance(figures[measure.code], whole.figures[measure.code], measure.kind)
            assert css == distance_class(gap, measure.kind), (code, measure.code)
            assert format_distance(gap, measure.kind) in html
            signs |= set(re.findall("[▲▼=]", html))
    assert {"▲", "▼"} <= signs
    assert "the largest difference from the whole survey" in page


def test_the_comparison_is_a_field_of_the_report_form_and_works_without_javascript(
    personas, client_for, two_teams
):
    campaign, round_, other = two_teams
    url = f"/en/insights/campaigns/{campaign.pk}/heatmap/"
    with at(round_.goes_up_on):
        client = client_for("hr")
        page = main_of(client.get(url, {"compare": "parent"}))
        assert '<select name="compare" id="id_compare">' in page
        assert '<option value="parent" selected>' in page
        # The top unit has no unit above it in the survey, and says so in its cells.
        assert "not compared: no unit above it in this survey" in page
        team = stored(round_, personas.team.code).figures
        whole = stored(round_, personas.organisation.code).figures
        measure = next(m for m in instrument_for(campaign.instrument).measures if m.kind == MEAN)
        gap = distance(team[measure.code], whole[measure.code], MEAN)
        assert format_distance(gap, MEAN) in heatmap_cells(page, personas.team.code)[0][1]
        # The previous round, in the first round: said once, and no cell is coloured.
        first = main_of(client.get(url, {"compare": "previous"}))
        assert "Nothing to compare with, so the cells are not coloured: this is the first" in first
        assert '<td class="heat heat--above' not in first
        assert '<td class="heat heat--below' not in first
        assert client.get(url, {"compare": "neighbours"}).status_code == 404
        partial = client.get(url, {"compare": "previous"}, headers={"HX-Request": "true"})
        assert "distance-legend" in partial.content.decode()
        assert "<main" not in partial.content.decode()


def team_rounds(personas, *, first: int, second: int):
    """The personas' team of eight: ``first`` answer round 1 with 3, ``second`` round 2 with 4;
    round 2 is left open."""
    grow(personas.team, 5)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for user in sorted(invited(round_), key=lambda u: u.pk)[:first]:
        answer(round_, user, value=3)
    close_round(campaign)
    round_ = open_round(campaign)
    people = sorted(invited(round_), key=lambda u: u.pk)
    for user in people[:second]:
        answer(round_, user, value=4)
    return campaign, round_, people[second:]


def test_the_team_page_shows_the_change_since_the_previous_round_of_the_same_group(
    personas, client_for
):
    campaign, round_, _rest = team_rounds(personas, first=6, second=6)
    close_round(campaign)
    first, second = campaign.rounds.get(number=1), campaign.rounds.get(number=2)
    client = client_for("employee")
    page = main_of(client.get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/"))
    assert "Change since round 1" in page and "Since round 1," in page
    before = stored(first, personas.team.code, scope="unit").figures
    after = stored(second, personas.team.code, scope="unit").figures
    table = page[page.index('class="results-table"') :]
    measures = [
        m
        for m in instrument_for(campaign.instrument).section(None).measures
        if before.get(m) is not None
    ]
    for code in measures:
        gap = distance(after[code], before[code], MEAN)
        assert format_distance(gap, MEAN) in table
        assert f'class="{distance_class(gap, MEAN)}"' in table


def test_a_previous_round_hidden_as_too_few_gives_no_change_and_says_why(personas, client_for):
    campaign, _round, _rest = team_rounds(personas, first=3, second=6)
    close_round(campaign)
    client = client_for("employee")
    page = main_of(client.get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/"))
    table = page[page.index('class="results-table"') : page.index("</table>")]
    assert "Change since round 1" in table
    assert "not compared: fewer than 5 answers" in table
    assert "▲" not in table and "▼" not in table and "heat--above" not in table
    assert "heat--below" not in table
    heat = main_of(
        client.get(
            f"/en/insights/campaigns/{campaign.pk}/heatmap/",
            {"compare": "previous", "root": personas.team.code},
        )
    )
    assert "not compared: fewer than 5 answers" in heat
    assert '<td class="heat heat--above' not in heat
    assert '<td class="heat heat--below' not in heat


def test_one_more_answer_or_one_more_close_moves_no_figure_already_read(personas, client_for):
    """With round 1 published and round 2 open, every comparison reads the same before and after
    one more person answers; after round 2 closes, round 1's figures read as they did."""
    campaign, round_, rest = team_rounds(personas, first=6, second=5)
    client = client_for("team_lead")
    base = f"/en/insights/campaigns/{campaign.pk}"
    urls = [
        (f"{base}/units/{personas.team.code}/", {}),
        (f"{base}/units/{personas.team.code}/trends/", {}),
        *[
            (f"{base}/heatmap/", {"compare": kind})
            for kind in ("organisation", "parent", "previous")
        ],
    ]

    def read() -> list[str]:
        return [main_of(client.get(url, query)) for url, query in urls]

    before = read()
    answer(round_, rest[0], value=1)
    assert read() == before
    close_round(campaign)
    team_round_1 = main_of(client.get(urls[0][0], {"round": 1}))
    table = team_round_1[team_round_1.index("<tbody>") : team_round_1.index("</tbody>")]
    assert table in before[0]


def test_a_trends_page_with_one_round_says_trends_need_two_rounds_and_draws_no_chart(
    personas, client_for
):
    grow(personas.team, 3)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for user in invited(round_):
        answer(round_, user)
    close_round(campaign)
    page = main_of(
        client_for("employee").get(
            f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/trends/"
        )
    )
    assert "Trends need at least two closed rounds" in page
    assert "<svg" not in page and "small-multiples" not in page
    # The round's figures are still there, in the table.
    assert 'class="trends-table"' in page and "Round 1</th>" in page


def test_tables_keep_their_first_column_in_a_labelled_scroll_region_and_names_in_full(
    personas, client_for
):
    long_name = "Directorate-General for Digital Transformation and Public Service Innovation"
    personas.team.name_en = long_name
    personas.team.save()
    grow(personas.team, 3)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for user in invited(round_):
        answer(round_, user)
    close_round(campaign)
    client = client_for("employee")
    base = f"/en/insights/campaigns/{campaign.pk}"
    for url, caption in (
        (f"{base}/heatmap/", "heatmap-caption"),
        (f"{base}/units/{personas.team.code}/", "results-caption"),
        (f"{base}/units/{personas.team.code}/trends/", "trends-caption"),
    ):
        page = main_of(client.get(url))
        assert (
            f'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{caption}">'
            in page
        ), url
        assert f'<caption id="{caption}">' in page, url
        assert "…" not in page, url
    heat = main_of(client.get(f"{base}/heatmap/"))
    svg = heat[heat.index("<svg") : heat.index("</svg>")]
    assert long_name in " ".join(re.sub(r"<[^>]+>", " ", svg).split())
