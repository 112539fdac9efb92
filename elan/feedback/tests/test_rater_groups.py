# SPDX-License-Identifier: EUPL-1.2
"""Issue 7, point 2: a rater group shows only with at least 3 raters; smaller groups merge into
"others", which must pass the guard too; the manager is attributed; comments follow the rule."""

from __future__ import annotations

import pytest

from elan.core.vocabulary import InnovationSkill
from elan.feedback.models import RaterResponse
from elan.feedback.selectors import build_report, invited_per_group, merge_rater_groups
from elan.feedback.tests.factories import answer, feedback_round, invite, open_round, send_list

pytestmark = pytest.mark.django_db


def shown(report) -> dict[str, int | None]:
    return {group.key: group.raters for group in report.groups}


def test_two_peers_are_not_shown_and_merge_into_others_which_is_still_too_small(personas):
    report = build_report(round_=feedback_round(personas.employee, raters={"peer": 2}))
    assert shown(report) == {"other": None}
    assert report.merged == ["Peers"]
    assert not report.others_shown
    assert all(row.others is None for row in report.skills)
    assert report.overview_chart is not None
    assert "needs at least 3" in report.overview_chart.summary
    assert report.groups_chart is None


def test_three_peers_are_shown_with_their_scores(personas):
    report = build_report(round_=feedback_round(personas.employee, raters={"peer": 3}, values=4))
    assert shown(report) == {"peer": 3}
    assert report.others_shown and report.others_count == 3
    assert {row.groups["peer"] for row in report.skills} == {4.0}
    assert {row.others for row in report.skills} == {4.0}


def test_four_peers_are_shown(personas):
    report = build_report(round_=feedback_round(personas.employee, raters={"peer": 4}))
    assert shown(report) == {"peer": 4}
    assert report.others_count == 4


def test_two_peers_and_two_direct_reports_merge_into_an_others_group_of_four(personas):
    round_ = feedback_round(personas.employee, raters={"peer": 2, "direct_report": 2})
    report = build_report(round_=round_)
    assert shown(report) == {"other": 4}
    assert sorted(report.merged) == ["Direct reports", "Peers"]
    assert report.others_count == 4


def test_when_others_would_still_be_too_small_every_group_goes_into_others(personas):
    # Peers 3 and one direct report: "others" would hold 1, and the peers (3) next to all
    # raters (4) would single out the direct report; so everyone counts in "others" (4), as a
    # closed round stores them, and no group pairs the direct report's answer with them.
    round_ = feedback_round(personas.employee, raters={"peer": 3, "direct_report": 1})
    report = build_report(round_=round_)
    assert shown(report) == {"other": 4}
    assert sorted(report.merged) == ["Direct reports", "Peers"]
    assert report.others_count == 4


def test_merged_others_of_three_is_shown_next_to_peers(personas):
    round_ = feedback_round(
        personas.employee, raters={"peer": 3, "direct_report": 2, "other": 1}, values=2
    )
    report = build_report(round_=round_)
    assert shown(report) == {"peer": 3, "other": 3}
    assert report.merged == ["Direct reports"]
    assert report.groups_chart is not None
    assert len(report.groups_chart.columns) == 3  # skill, peers, others


def test_the_manager_is_attributed_and_never_part_of_an_anonymous_group(personas):
    round_ = feedback_round(
        personas.employee,
        raters={"peer": 2},
        rater_emails={"manager": [personas.line_manager.email]},
        group_values={"manager": 5},
        comments=True,
    )
    report = build_report(round_=round_)
    assert report.manager_answered
    assert {row.manager for row in report.skills} == {5.0}
    assert report.manager_comment == "manager comment 0"
    # The manager does not lift the two peers over the threshold.
    assert not report.others_shown


def test_comments_need_three_writers_and_come_in_an_order_unrelated_to_answering(personas):
    two = feedback_round(personas.employee, raters={"peer": 2}, comments=True, close=True)
    assert build_report(round_=two).comments == []
    round_ = feedback_round(personas.team_lead, raters={"peer": 8}, comments=True)
    comments = build_report(round_=round_).comments
    assert len(comments) == 8
    answer_order = [f"peer comment {n}" for n in range(8)]
    assert comments != answer_order
    assert sorted(comments) == sorted(answer_order)
    assert build_report(round_=round_).comments == comments  # fixed per report


def test_a_skill_some_raters_left_out_is_shown_only_for_the_raters_who_scored_it(personas):
    from elan.assessments.tests.factories import answers_for, instrument
    from elan.feedback import services

    round_ = open_round(personas.employee)
    secrets = [invite(round_, "peer")[1] for _number in range(3)]
    # A fourth peer leaves curiosity out entirely: that skill still has 3 raters, the others 4.
    _invitation, secret = invite(round_, "peer")
    send_list(round_)
    for peer_secret in secrets:
        answer(round_, peer_secret, 3)
    values = {skill: 5 for skill in InnovationSkill.values if skill != InnovationSkill.CURIOSITY}
    services.response_submit(
        secret=secret, answers=answers_for(instrument(), values), language="en"
    )
    report = build_report(round_=round_)
    by_slug = {row.slug: row for row in report.skills}
    assert by_slug[InnovationSkill.CURIOSITY].others == 3.0
    assert by_slug[InnovationSkill.ITERATION].others == 3.5


# --- what a closed round stores (issue 13, point 7) -------------------------------------------


@pytest.mark.parametrize(
    ("answers", "pooled"),
    [
        ({"peer": 3, "direct_report": 3}, set()),
        ({"peer": 3, "direct_report": 1, "other": 2}, {"direct_report"}),
        ({"peer": 3, "direct_report": 1}, {"peer", "direct_report"}),
        ({"peer": 4, "other": 1}, {"peer"}),
        ({"peer": 2, "direct_report": 2}, {"peer", "direct_report"}),
        ({"peer": 2}, {"peer"}),
        ({"peer": 5, "direct_report": 0}, set()),
    ],
)
def test_a_closed_round_stores_every_group_below_the_minimum_under_others(answers, pooled):
    numbers = iter(range(100))
    groups = {name: {next(numbers) for _n in range(count)} for name, count in answers.items()}
    assert set(merge_rater_groups(groups, 3).merged) == pooled


def test_closing_stores_a_lone_direct_report_and_the_peers_as_others_and_the_report_shows_the_total(
    personas,
):
    round_ = feedback_round(
        personas.line_manager, raters={"peer": 3, "direct_report": 1}, values=4, close=True
    )
    assert set(RaterResponse.objects.values_list("relationship", flat=True)) == {"other"}
    assert invited_per_group(round_) == [("Others", 4)]
    report = build_report(round_=round_)
    assert report.others_count == 4
    assert set(shown(report)) == {"other"}
    assert report.merged == []


def test_closing_keeps_groups_that_reach_the_minimum(personas):
    round_ = feedback_round(
        personas.employee, raters={"peer": 3, "direct_report": 1, "other": 2}, close=True
    )
    stored = RaterResponse.objects.filter(round=round_).values_list("relationship", flat=True)
    assert sorted(set(stored)) == ["other", "peer"]
    assert invited_per_group(round_) == [("Peers", 3), ("Others", 3)]
