# SPDX-License-Identifier: EUPL-1.2
"""One score, one rounding: the profile's chart table, its sentence, its strengths, the change
table and the PDF all print a mean of 4.75 as 4.8 (issue 15: the chart's table truncated it to
4.7 while the strengths rounded it to 4.8)."""

from __future__ import annotations

import html
import re

import pytest

from elan.assessments import services
from elan.assessments.tests.factories import (
    in_progress_assessment,
    instrument,
    submitted_assessment,
)
from elan.core.vocabulary import InnovationSkill

pytestmark = pytest.mark.django_db

# 4.7 as a figure of its own, not inside a drawing's coordinates such as 344.72.
TRUNCATED = re.compile(r"(?<![\d.])4\.7(?![\d])")


def submit_iteration_at_four_and_three_quarters(owner):
    """Iteration answered 5, 5, 5 and 4 (a mean of 4.75), every other skill 3."""
    target = instrument()
    answers = {}
    fours = 0
    for item in target.items.select_related("subscale__competency").order_by("code"):
        wanted = 3
        if item.subscale.competency.slug == InnovationSkill.ITERATION:
            wanted = 4 if fours == 0 else 5
            fours += 1
        scale = target.scale
        answers[item.code] = scale.minimum + scale.maximum - wanted if item.reverse else wanted
    assessment = in_progress_assessment(owner, answers=answers)
    assessment = services.assessment_submit(assessment=assessment)
    assert assessment.scores[InnovationSkill.ITERATION]["mean"] == pytest.approx(
        (4 + 5 * (fours - 1)) / fours
    )
    return fours


def test_the_profile_shows_a_score_with_the_same_rounding_in_chart_table_sentence_and_strengths(
    client_for, personas
):
    assert submit_iteration_at_four_and_three_quarters(personas.employee) == 4
    page = html.unescape(client_for("employee").get("/en/assessments/profile/").content.decode())
    table_row = re.search(r'<th scope="row">Iteration</th><td>([^<]*)</td>', page)
    assert table_row is not None and table_row.group(1) == "4.8"
    assert "Your strongest skill is Iteration (4.8 out of 5)" in page
    strengths = page[page.index('id="strengths-heading"') : page.index('id="growth-heading"')]
    assert "Iteration</strong> – 4.8" in strengths
    assert not TRUNCATED.search(page)


def test_the_profile_pdf_prints_the_same_rounding_as_the_page(client_for, personas, monkeypatch):
    submitted_assessment(personas.employee, 3)
    submit_iteration_at_four_and_three_quarters(personas.employee)
    written = {}

    class Document:
        def __init__(self, *, string, base_url):
            written["html"] = string

        def write_pdf(self, **options):
            return b"%PDF-1.7 test"

    monkeypatch.setattr("weasyprint.HTML", Document)
    response = client_for("employee").get("/en/assessments/profile/pdf/")
    assert response.status_code == 200
    document = html.unescape(written["html"])
    assert "<td>4.8</td>" in document and "Iteration (4.8)" in document
    # The change from 3.0 to 4.8, as shown: +1.8 (not the +1.75 of the unrounded means).
    assert "+1.8" in document
    assert not TRUNCATED.search(document)
