# SPDX-License-Identifier: EUPL-1.2
"""Issue 13, point 1: instrument quality is read from stored steps, never from live answers.

HR's page used to pivot the answers on every load, open rounds included: loading it before and
after one person answered gave that person's every answer by difference. Now a step is stored
only from finished self-assessments and closed rounds, and only when it adds at least the
guard's minimum of people; the page reads the steps.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from elan.assessments.models import Answer as SelfAnswer
from elan.assessments.tests.factories import instrument, submitted_assessment
from elan.feedback import quality
from elan.feedback.models import QualitySnapshot, QualitySource
from elan.feedback.psychometrics import statistics_from_matrix
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

PAGE = "/en/feedback/instrument-quality/"


@pytest.fixture(autouse=True)
def thresholds(settings):
    # Small worlds: figures from 4 complete answer sets, steps of at least 5 people.
    settings.PSYCHOMETRICS_MIN_RESPONSES = 4
    settings.ANONYMITY_MIN_GROUP = 5


def page_of(client) -> str:
    html = client.get(PAGE).content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r'\1""', html)


def people_with_assessments(unit, count: int, start: int = 0) -> list:
    people = []
    for number in range(start, start + count):
        person = person_in(unit, email=f"quality{number}@elan.test")
        submitted_assessment(person, 1 + number % 5)
        people.append(person)
    return people


def section(viewer, source: str, organisation=None):
    reports = quality.reports_for(viewer=viewer)
    report = (
        reports[0]
        if organisation is None
        else next(r for r in reports if r.organisation.pk == organisation.pk)
    )
    return next(
        instrument_report
        for instrument_report in report.instruments
        if instrument_report.source == source and instrument().slug in instrument_report.key
    )


def test_one_more_self_assessment_changes_nothing_on_hr_s_page_until_a_step_of_five(
    personas, client_for
):
    people_with_assessments(personas.team, 6)
    quality.snapshots_take()
    hr = client_for("hr")
    before = page_of(hr)
    assert "Corrected item-total correlation" in before

    people_with_assessments(personas.team, 1, start=6)
    assert page_of(hr) == before
    assert quality.snapshots_take() == 0  # one new person is not a step
    assert page_of(hr) == before

    people_with_assessments(personas.team, 4, start=7)
    assert quality.snapshots_take() == 1
    after = page_of(hr)
    assert after != before
    assert section(personas.hr, "Self-assessments").scales[0].statistics.n == 11


def test_a_person_who_took_the_self_assessment_twice_counts_once_towards_a_step(personas):
    people = people_with_assessments(personas.team, 4)
    submitted_assessment(people[0], 5)
    quality.snapshots_take()
    assert not QualitySnapshot.objects.filter(source=QualitySource.SELF_ASSESSMENT).exists()
    people_with_assessments(personas.team, 1, start=4)
    quality.snapshots_take()
    step = QualitySnapshot.objects.get(source=QualitySource.SELF_ASSESSMENT)
    assert step.n == step.step_n == 6


def test_the_stepped_figures_are_those_of_every_answer_set_taken_in(personas):
    people_with_assessments(personas.team, 5)
    quality.snapshots_take()
    people_with_assessments(personas.team, 7, start=5)
    quality.snapshots_take()
    assert QualitySnapshot.objects.filter(source=QualitySource.SELF_ASSESSMENT).count() == 2
    target = instrument()
    items = list(target.items.order_by("position"))
    flip = target.scale.minimum + target.scale.maximum
    values = {
        (assessment_id, item_id): value
        for assessment_id, item_id, value in SelfAnswer.objects.values_list(
            "assessment_id", "item_id", "value"
        )
    }
    assessments = sorted({assessment_id for assessment_id, _item in values})
    matrix = np.array(
        [
            [
                flip - values[(a, item.pk)] if item.reverse else values[(a, item.pk)]
                for item in items
            ]
            for a in assessments
        ]
    )
    expected = statistics_from_matrix(matrix, [item.code for item in items])
    whole = section(personas.hr, "Self-assessments").scales[0].statistics
    assert whole.n == 12
    assert whole.mean == pytest.approx(expected.mean)
    assert whole.sd == pytest.approx(expected.sd)


def test_360_answers_count_only_once_their_round_is_closed_and_from_five_people_s_rounds(
    personas, django_capture_on_commit_callbacks
):
    from elan.feedback import services
    from elan.feedback.tests.factories import feedback_round

    owners = [person_in(personas.team, email=f"owner{n}@elan.test") for n in range(5)]
    rounds = [feedback_round(owner, raters={"peer": 3}) for owner in owners]
    quality.snapshots_take()
    assert not QualitySnapshot.objects.filter(source=QualitySource.FEEDBACK).exists()
    for owner, round_ in zip(owners[:4], rounds[:4], strict=True):
        with django_capture_on_commit_callbacks(execute=True):
            services.round_close(owner=owner, round_=round_)
    # Four people's raters: HR must not read a handful of people's 360s by difference.
    assert not QualitySnapshot.objects.filter(source=QualitySource.FEEDBACK).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(owner=owners[4], round_=rounds[4])
    step = QualitySnapshot.objects.get(source=QualitySource.FEEDBACK)
    assert step.n == 15
    assert section(personas.hr, "360 feedback").scales[0].statistics.n == 15


def test_survey_answers_count_only_once_their_round_is_closed(
    personas, django_capture_on_commit_callbacks
):
    from elan.insights.tests.factories import (
        CampaignFactory,
        answer,
        close_round,
        invited,
        open_round,
    )

    for number in range(4):
        person_in(personas.team, email=f"survey{number}@elan.test")
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for user in invited(round_):
        answer(round_, user)
    quality.snapshots_take()
    assert not QualitySnapshot.objects.filter(source=QualitySource.SURVEY).exists()
    with django_capture_on_commit_callbacks(execute=True):
        close_round(campaign)
    step = QualitySnapshot.objects.get(source=QualitySource.SURVEY, instrument_key="climate")
    assert step.n == 7 and step.added_rounds == [round_.pk]
    assert quality.snapshots_take() == 0  # the round is taken in once


def test_each_organisation_has_its_own_steps_and_hr_reads_those_of_their_own(personas, client_for):
    people_with_assessments(personas.team, 5)
    people_with_assessments(personas.other_organisation, 6, start=5)
    quality.snapshots_take()
    assert section(personas.hr, "Self-assessments").scales[0].statistics.n == 5
    assert [r.organisation.pk for r in quality.reports_for(viewer=personas.hr)] == [
        personas.organisation.pk
    ]
    # HR for one team reads the figures of the organisation around it: scopes inside one
    # organisation would overlap, and two overlapping figures can be subtracted.
    team_hr = person_in(UnitFactory(parent=personas.organisation, code="HR-TEAM"))
    organisation_services.role_assign(user=team_hr, role=Role.HR, unit=personas.team)
    assert section(team_hr, "Self-assessments").scales[0].statistics.n == 5
    everywhere = person_in(personas.organisation)
    organisation_services.role_assign(user=everywhere, role=Role.HR, unit=None)
    assert (
        section(everywhere, "Self-assessments", personas.other_organisation).scales[0].statistics.n
        == 6
    )
