# SPDX-License-Identifier: EUPL-1.2
"""Reports through the pages, the exports and the API: every figure passes the guard."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from openpyxl import load_workbook

from elan.insights.models import GroupResult
from elan.insights.selectors import comment_order_key
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import (
    CampaignFactory,
    answer,
    close_round,
    invited,
    open_round,
)
from elan.insights.tests.oracle import (
    Collected,
    assert_no_combination_isolates_a_small_group,
    collect_api_rows,
    collect_csv,
    raw_rows,
)

pytestmark = pytest.mark.django_db

HIDDEN = "hidden: too few people"


def team_campaign(personas, size: int, answering: int, *, comments: int = 0):
    """A campaign on the personas' team, grown to ``size``; ``answering`` of them answer,
    the first ``comments`` of those with a comment."""
    grow(personas.team, size - 3)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    people = sorted(invited(round_), key=lambda user: user.pk)
    for index, user in enumerate(people[:answering]):
        answer(
            round_, user, value=2 + index % 4, comment=f"Remark {index}" if index < comments else ""
        )
    close_round(campaign)
    return campaign


def api(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.json()


@pytest.mark.parametrize(("answering", "shown"), [(4, False), (5, True), (6, True)])
def test_a_team_sees_scores_counts_and_rates_only_from_five_answers(
    personas, client_for, answering, shown
):
    campaign = team_campaign(personas, size=8, answering=answering)
    client = client_for("employee")
    page = client.get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/")
    row = api(client, f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}")
    export = client.get(
        f"/en/insights/campaigns/{campaign.pk}/export.csv?root={personas.team.code}"
    ).content.decode()
    record = next(csv.DictReader(io.StringIO(export)))
    content = page.content.decode()
    if shown:
        assert row["status"] == "released" and row["figure"]["n"] == answering
        assert record["n"] == str(answering)
        assert float(record["rate"]) == pytest.approx(answering / 8, abs=0.001)
        assert HIDDEN not in content
        assert f"<td>{answering}</td>" in content
    else:
        assert row["status"] == "suppressed"
        assert row["figure"] == {
            "key": [1, "unit", personas.team.code, "", ""],
            "suppressed": True,
            "reason": "too_few",
        }
        assert all(
            value == f"[{HIDDEN}]"
            for key, value in record.items()
            if key in ("n", "rate", "psychological-safety", "innovation-support")
        )
        assert HIDDEN in content
        assert "<td>4</td>" not in content and "50 %" not in content


@pytest.mark.parametrize(("answering", "shown"), [(9, False), (10, True), (11, True)])
def test_a_team_reads_its_comments_from_ten_people_who_answered_however_few_wrote(
    personas, client_for, answering, shown
):
    """docs/adr/0014: the comment minimum counts the group's respondents, not its writers."""
    comments = 2
    campaign = team_campaign(personas, size=12, answering=answering, comments=comments)
    client = client_for("team_lead")
    body = api(client, f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}/comments")
    page = client.get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/comments/")
    content = page.content.decode()
    if shown:
        assert body["group"]["status"] == "released"
        assert body["group"]["figure"]["n"] == comments
        assert sorted(body["comments"]) == sorted(f"Remark {i}" for i in range(comments))
        assert "Remark 0" in content
    else:
        assert body["group"]["status"] == "suppressed"
        assert body["comments"] == []
        assert "Remark" not in content and HIDDEN in content
        assert "at least 10 people answered, however few of them wrote one" in content


def test_a_team_of_ten_in_which_nobody_wrote_is_told_so_not_that_it_is_too_small(
    personas, client_for
):
    campaign = team_campaign(personas, size=10, answering=10, comments=0)
    client = client_for("team_lead")
    body = api(client, f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}/comments")
    assert body["group"]["status"] == "released" and body["group"]["figure"]["n"] == 0
    assert body["comments"] == []
    page = client.get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/comments/")
    content = page.content.decode()
    assert "Nobody in this group wrote a comment in this round." in content
    assert HIDDEN not in content


def test_a_round_published_before_comments_counted_respondents_shows_no_more_of_them(personas):
    """A round whose comments were decided when they counted writers keeps what it showed: a
    team shown as too few then stays hidden when a later round closes (docs/adr/0014)."""
    from elan.insights.constants import GroupFamily
    from elan.insights.models import GroupResult
    from elan.insights.publishing import publish_campaign

    campaign = team_campaign(personas, size=12, answering=12, comments=1)
    first = campaign.rounds.get(number=1)
    # As the writers' rule stored it: the team's comment groups too few, so not stored.
    GroupResult.objects.filter(round=first, family=GroupFamily.COMMENTS).delete()
    assert GroupResult.objects.filter(round=first).exists()
    publish_campaign(campaign=campaign)
    assert not GroupResult.objects.filter(round=first, family=GroupFamily.COMMENTS).exists()


def test_comments_come_in_a_stable_shuffle_that_is_not_the_order_people_answered_in(
    personas, client_for
):
    campaign = team_campaign(personas, size=14, answering=14, comments=14)
    client = client_for("employee")
    url = f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}/comments"
    first = api(client, url)["comments"]
    assert api(client, url)["comments"] == first  # a reload does not reorder them
    answer_order = [f"Remark {i}" for i in range(14)]
    assert first != answer_order and sorted(first) == sorted(answer_order)
    page = client.get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/comments/")
    assert "dated by the round" in page.content.decode()
    assert comment_order_key(1, 1, "a") != comment_order_key(1, 2, "a")


def test_a_parent_and_two_of_three_teams_never_reveal_the_third_team(personas, client_for):
    """13 = 5 + 5 + 3: the guard hides one more group, through every output."""
    from elan.organisations.tests.factories import UnitFactory

    organisation = personas.organisation
    teams = []
    for code, size in (("TEAM-A", 5), ("TEAM-B", 5), ("TEAM-C", 3)):
        unit = UnitFactory(parent=organisation, code=code)
        teams.append((unit, grow(unit, size)))
    campaign = CampaignFactory(unit=organisation)
    round_ = open_round(campaign)
    for _unit, people in teams:
        for user in people:
            answer(round_, user)
    close_round(campaign)
    collected = Collected.empty()
    with time_machine.travel(round_.closes_on + datetime.timedelta(days=30), tick=False):
        client = client_for("hr")
        heat = api(client, f"/api/insights/campaigns/{campaign.pk}/heatmap?depth=2")
        collect_api_rows(collected, heat["rows"])
        collect_csv(
            collected,
            client.get(f"/en/insights/campaigns/{campaign.pk}/export.csv?depth=2").content.decode(),
        )
        for unit, _people in teams:
            for scope in ("unit", "subtree"):
                row = api(
                    client, f"/api/insights/campaigns/{campaign.pk}/units/{unit.code}?scope={scope}"
                )
                collect_api_rows(collected, [row])
    round_.refresh_from_db()
    path_of = {(1, code): path for code, path in round_.chart}
    assert_no_combination_isolates_a_small_group(
        collected, raw_rows(campaign), path_of, min_group=5, min_comments=10
    )
    assert len(collected.scores) >= 2  # something is still shown
    shown_codes = {key[2] for key in collected.scores}
    assert "TEAM-C" not in shown_codes
    # The group hidden to protect team C is stored with its reason and without any number.
    hidden = GroupResult.objects.filter(released=False)
    assert {row.reason for row in hidden} == {"would_reveal_other"}
    assert all(row.n is None and row.figures == {} for row in hidden)


def test_only_allowlisted_filters_are_accepted(personas, client_for):
    campaign = team_campaign(personas, size=6, answering=6)
    client = client_for("employee")
    base = f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/"
    assert client.get(base + "?filter=language:en").status_code == 200
    for bad in ("age:30-39", "language:xx", "job_title:Director", "grade:A", "language"):
        assert client.get(base + f"?filter={bad}").status_code == 404
        api_url = f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}?filter={bad}"
        assert client.get(api_url).status_code == 400


def test_a_filter_that_would_single_out_people_is_hidden_like_a_small_group(personas, client_for):
    campaign = team_campaign(personas, size=6, answering=6)
    client = client_for("employee")
    row = api(
        client,
        f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}?filter=language:nl",
    )
    # Nobody answered in Dutch; "nobody" would tell who did not take part, so it reads as hidden.
    assert row["status"] == "suppressed" and "n" not in row["figure"]


def test_every_report_has_an_svg_a_data_table_and_a_one_sentence_summary(personas, client_for):
    campaign = team_campaign(personas, size=6, answering=6, comments=0)
    client = client_for("team_lead")
    # (A trends page of one round draws no chart: test_comparisons.py.)
    for url in (
        f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/",
        f"/en/insights/campaigns/{campaign.pk}/heatmap/",
    ):
        content = client.get(url).content.decode()
        assert '<svg class="chart"' in content and 'role="img"' in content, url
        assert "<table" in content and "<caption" in content and 'scope="row"' in content, url
        summary = content.split('class="chart-summary"')[1].split("</p>")[0]
        assert summary.count(".") >= 1 and summary.strip().endswith("."), url
        assert "style=" not in content, url


def test_the_xlsx_export_holds_the_same_figures_and_markers_as_the_csv(personas, client_for):
    campaign = team_campaign(personas, size=6, answering=4)
    client = client_for("employee")
    query = f"?root={personas.team.code}"
    text = client.get(f"/en/insights/campaigns/{campaign.pk}/export.csv{query}").content.decode()
    workbook = load_workbook(
        io.BytesIO(client.get(f"/en/insights/campaigns/{campaign.pk}/export.xlsx{query}").content)
    )
    rows = [
        [("" if c is None else str(c)) for c in row]
        for row in workbook.active.iter_rows(values_only=True)
    ]
    assert rows == [list(r) for r in csv.reader(io.StringIO(text))]
    assert rows[1][6] == f"[{HIDDEN}]"


def test_groups_too_small_on_their_own_are_not_even_stored(personas):
    team_campaign(personas, size=6, answering=3)
    assert not GroupResult.objects.exists()


def test_figures_are_published_once_and_later_rounds_never_show_what_was_hidden(personas):
    campaign = team_campaign(personas, size=6, answering=4)
    first = set(GroupResult.objects.filter(released=True).values_list("pk", flat=True))
    round_ = open_round(campaign)
    for user in invited(round_):
        answer(round_, user)
    close_round(campaign)
    earlier = GroupResult.objects.filter(round__number=1)
    assert set(earlier.filter(released=True).values_list("pk", flat=True)) <= first
    assert GroupResult.objects.filter(round__number=2, released=True).exists()


def test_the_heatmap_api_answers_in_the_shape_its_schema_declares(personas, client_for):
    from pydantic import TypeAdapter

    from elan.insights.api import HeatmapOut

    campaign = team_campaign(personas, size=6, answering=5)
    body = api(client_for("employee"), f"/api/insights/campaigns/{campaign.pk}/heatmap?depth=3")
    parsed = TypeAdapter(HeatmapOut).validate_python(body)
    assert parsed.rows and parsed.rows[0].status == "released"
    hidden = api(client_for("hr"), f"/api/insights/campaigns/{campaign.pk}/heatmap?depth=3")
    assert TypeAdapter(HeatmapOut).validate_python(hidden).rows[0].status == "not_shared_yet"


def test_a_trend_reads_who_the_reader_is_once_not_once_per_round(personas):
    """Each more round costs the trend its own rows only (the team's releases, the unit's name
    and the stored figures), not the reader's unit and roles again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from elan.insights.selectors import trend

    campaign = team_campaign(personas, size=5, answering=5)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            found = trend(user=personas.team_lead, campaign=campaign, code=personas.team.code)
        assert len(found) == campaign.rounds.count()
        return len(captured.captured_queries)

    one_round = queries()
    round_ = open_round(campaign)
    for user in invited(round_):
        answer(round_, user)
    close_round(campaign)
    assert queries() - one_round <= 3
