# SPDX-License-Identifier: EUPL-1.2
"""Issue 7, point 5: alpha, item-total correlations and flagged items, checked against a
published worked example; the database's moments agree with NumPy's; HR only, 30 or more."""

from __future__ import annotations

import random

import numpy as np
import pytest
from django.test import override_settings

from elan.assessments.tests.factories import answers_for, instrument, submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.feedback import quality
from elan.feedback.psychometrics import (
    Moments,
    cronbach_alpha,
    scale_statistics,
    statistics_from_matrix,
)

# Published worked example: "Survey reliability", thinkdeeply.cc (CC BY 4.0),
# https://thinkdeeply.cc/posts/survey-reliability. Ten people answer four 1-5 Likert items;
# the post gives the covariance matrix (X1 variance 0.6778, X4 1.344, X1-X2 0.478, ...) and
# alpha = 0.674, and checks it with R.
WORKED_EXAMPLE = np.array(
    [
        [3, 3, 3, 3],
        [3, 3, 4, 3],
        [3, 3, 3, 1],
        [5, 4, 4, 5],
        [2, 1, 4, 4],
        [4, 4, 4, 5],
        [3, 2, 3, 3],
        [3, 4, 3, 3],
        [4, 2, 2, 3],
        [3, 3, 2, 3],
    ]
)


def self_assessment_report(viewer, target):
    """The self-assessment instrument's section of the viewer's (one) organisation."""
    [organisation] = quality.reports_for(viewer=viewer)
    return next(
        report
        for report in organisation.instruments
        if report.source == "Self-assessments" and report.title == str(target)
    )


def test_cronbachs_alpha_matches_the_published_worked_example():
    assert round(cronbach_alpha(WORKED_EXAMPLE), 3) == 0.674


def test_the_covariances_match_the_published_worked_example():
    covariance = Moments.from_matrix(WORKED_EXAMPLE).covariance()
    assert round(covariance[0, 0], 4) == 0.6778
    assert round(covariance[3, 3], 3) == 1.344
    assert round(covariance[0, 1], 3) == 0.478
    assert round(covariance[2, 3], 3) == 0.489


def test_item_total_correlations_are_corrected_and_alpha_if_deleted_is_the_alpha_without_it():
    stats = statistics_from_matrix(WORKED_EXAMPLE, ["X1", "X2", "X3", "X4"])
    for index, item in enumerate(stats.items):
        rest = np.delete(WORKED_EXAMPLE, index, axis=1)
        expected = np.corrcoef(WORKED_EXAMPLE[:, index], rest.sum(axis=1))[0, 1]
        assert item.item_total == pytest.approx(expected)
        assert item.alpha_if_deleted == pytest.approx(cronbach_alpha(rest))
    assert stats.n == 10 and stats.k == 4
    assert stats.mean == pytest.approx(WORKED_EXAMPLE.mean())
    assert stats.sd == pytest.approx(WORKED_EXAMPLE.mean(axis=1).std(ddof=1))


def test_an_item_that_weakens_its_scale_is_flagged():
    rng = np.random.default_rng(7)
    trait = rng.normal(size=300)
    good = np.column_stack([trait + rng.normal(scale=0.6, size=300) for _ in range(4)])
    noise = rng.normal(size=(300, 1))
    stats = statistics_from_matrix(np.hstack([good, noise]), ["a", "b", "c", "d", "noise"])
    assert [item.code for item in stats.weak_items] == ["noise"]
    assert stats.items[4].item_total < 0.2 < min(item.item_total for item in stats.items[:4])


def test_a_scale_without_variance_has_no_alpha_rather_than_a_division_by_zero():
    stats = statistics_from_matrix(np.full((40, 3), 3), ["a", "b", "c"])
    assert stats.alpha is None
    assert all(item.item_total is None for item in stats.items)


@pytest.mark.django_db
def test_the_databases_moments_give_the_same_statistics_as_numpy(personas):
    target = instrument()
    rng = random.Random(3)
    matrix_rows = []
    people = []
    from elan.organisations.tests.factories import person_in

    for number in range(32):
        person = person_in(personas.team, email=f"p{number}@elan.test")
        people.append(person)
        values = {skill: rng.randint(1, 5) for skill in InnovationSkill.values}
        answers = answers_for(target, values)
        # Noise per item, so that items differ from one another.
        for code in list(answers)[: rng.randint(0, 6)]:
            answers[code] = rng.randint(1, 5)
        submitted_assessment(person, 3)  # replaced below by the answers we control
        from elan.assessments.models import Answer

        assessment = person.assessments.get()
        for code, value in answers.items():
            Answer.objects.filter(assessment=assessment, item__code=code).update(value=value)
        matrix_rows.append(answers)
    quality.snapshots_take()
    report = self_assessment_report(personas.hr, target)
    items = list(target.items.select_related("subscale").order_by("position"))
    flip = target.scale.minimum + target.scale.maximum
    matrix = np.array(
        [
            [flip - row[item.code] if item.reverse else row[item.code] for item in items]
            for row in matrix_rows
        ]
    )
    whole = report.scales[0]
    assert whole.key == "all" and whole.statistics.n == 32
    expected = statistics_from_matrix(matrix, [item.code for item in items])
    assert whole.statistics.alpha == pytest.approx(expected.alpha)
    for got, want in zip(whole.statistics.items, expected.items, strict=True):
        assert got.item_total == pytest.approx(want.item_total)
        assert got.alpha_if_deleted == pytest.approx(want.alpha_if_deleted)
    iteration = next(scale for scale in report.scales if scale.key == "iteration")
    columns = [i for i, item in enumerate(items) if item.subscale.slug == "iteration"]
    subscale = statistics_from_matrix(matrix[:, columns], [items[i].code for i in columns])
    assert iteration.statistics.alpha == pytest.approx(subscale.alpha)
    assert iteration.statistics.mean == pytest.approx(subscale.mean)
    assert iteration.statistics.sd == pytest.approx(subscale.sd)


@pytest.mark.django_db
def test_below_thirty_complete_answer_sets_a_scale_shows_no_figures(personas):
    for number in range(29):
        from elan.organisations.tests.factories import person_in

        submitted_assessment(person_in(personas.team, email=f"q{number}@elan.test"), 3)
    assert quality.snapshots_take() == 1  # the step is taken; the figures stay hidden
    report = self_assessment_report(personas.hr, instrument())
    assert report.taken_on is not None
    assert all(not scale.shown for scale in report.scales)


@pytest.mark.django_db
@override_settings(PSYCHOMETRICS_MIN_RESPONSES=30)
def test_instrument_quality_is_for_hr_only(personas, client_for):
    assert client_for("hr").get("/en/feedback/instrument-quality/").status_code == 200
    for name in ("employee", "team_lead", "administrator", "line_manager"):
        assert client_for(name).get("/en/feedback/instrument-quality/").status_code == 403


def test_scale_statistics_refuse_moments_of_another_size():
    moments = Moments.from_matrix(WORKED_EXAMPLE)
    with pytest.raises(ValueError):
        scale_statistics(moments, ["a", "b"])


@pytest.mark.django_db
def test_survey_instruments_get_the_same_statistics_from_their_stored_scores(personas):
    from elan.insights.instruments import SCALE, instrument_for
    from elan.insights.models import Answer as SurveyAnswer
    from elan.insights.tests.factories import (
        CampaignFactory,
        answer,
        close_round,
        invited,
        open_round,
    )
    from elan.organisations.tests.factories import person_in

    for number in range(30):
        person_in(personas.team, email=f"s{number}@elan.test")
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    rng = random.Random(5)
    for user in invited(round_):
        answer(round_, user, rng=rng)
    close_round(campaign)
    quality.snapshots_take()
    report = next(
        instrument
        for instrument in quality.reports_for(viewer=personas.hr)[0].instruments
        if instrument.source == "Surveys" and instrument.title == "Team climate"
    )
    items = [item.code for item in instrument_for("climate").items if item.kind == SCALE]
    rows = SurveyAnswer.objects.filter(item__in=items).values_list("response_id", "item", "score")
    by_response: dict = {}
    for response_id, item, score in rows:
        by_response.setdefault(response_id, {})[item] = score
    matrix = np.array([[row[code] for code in items] for row in by_response.values()])
    whole = report.scales[0]
    assert whole.shown and whole.statistics.n == len(by_response) >= 30
    assert whole.statistics.alpha == pytest.approx(statistics_from_matrix(matrix, items).alpha)
    assert len(report.scales) > 1  # one scale per measure with two or more statements
