# SPDX-License-Identifier: EUPL-1.2
"""Issue 13, point 1: no page, export or API reads an answer outside the guard's path.

Every named page of the platform (the rows of tests/access_table.py, each in a database of its
own as in the access matrix), both exports and every route of the insights API is requested by
every persona, while a survey round, a 360 round and
a self-assessment are open with answers in them. A hook on the database connection records each
query that reads an answer table (or a self-assessment's scores, which are its answers summed)
and which code asked for it (the Python stack). A read is
allowed only on a path listed in ``ALLOWED`` below, each with why it cannot leak an answer: the
closing of a round and the steps taken from closed rounds, reports of closed rounds through the
guard, and a person's own answers. Anything else fails the test with the page and the code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from conftest import PERSONA_NAMES
from elan.assessments.models import Answer as SelfAssessmentAnswer
from elan.assessments.models import Assessment
from elan.feedback.models import RaterAnswer, RaterResponse
from elan.insights.models import Answer as SurveyAnswer
from elan.insights.models import Response as SurveyResponse
from tests.access_table import ACCESS_TABLE

ANSWER_TABLES = tuple(
    model._meta.db_table
    for model in (SurveyAnswer, SurveyResponse, RaterAnswer, RaterResponse, SelfAssessmentAnswer)
)
# Answers kept in a column of a table that is otherwise no answer table: a self-assessment's
# scores are its answers, summed per skill. Reading the rest of its row (status, dates) is not.
# Matched as the ORM names them ("table"."column"); raw SQL reading them must do the same.
ANSWER_COLUMNS = ((Assessment._meta.db_table, "scores"),)
_MENTIONS = re.compile(
    r'\b"?('
    + "|".join(map(re.escape, ANSWER_TABLES))
    + r')"?\b|"?('
    + "|".join(rf'{re.escape(table)}"?\."?{re.escape(column)}' for table, column in ANSWER_COLUMNS)
    + r')"?\b'
)
_READS = re.compile(r"\bSELECT\b", re.IGNORECASE)


def mentioned(sql: str) -> set[str]:
    """The answer tables and answer columns (as ``table.column``) that ``sql`` names."""
    return {table or column.replace('"', "") for table, column in _MENTIONS.findall(sql)}


# (module, function) -> why reading answers there cannot give away anyone's answers. A read is
# allowed when one of these is on the stack of the code that asked for it.
ALLOWED: dict[tuple[str, str], str] = {
    ("elan.insights.publishing", "publish_campaign"): (
        "a survey round's closing: the guard decides once over every group of every closed "
        "round and only its decisions are stored (ADR 6)"
    ),
    ("elan.insights.selectors", "comments"): (
        "the comments of a group of a closed round that the guard released for comments"
    ),
    ("elan.feedback.selectors", "build_report"): (
        "a 360 report, built only once its round takes no more answers (report_is_open), "
        "through the guard over the rater groups (ADR 8)"
    ),
    ("elan.feedback.selectors", "latest_report"): (
        "the development plan's seam: the owner's latest closed round, through build_report"
    ),
    ("elan.feedback.quality", "snapshots_take"): (
        "instrument quality: a step from closed rounds and finished self-assessments, only "
        "when it adds at least the guard's minimum of people"
    ),
    ("elan.assessments.selectors", "answers_of"): (
        "the owner's own self-assessment on their own form (own_assessment checks the owner)"
    ),
    ("elan.assessments.services", "assessment_save_step"): (
        "the owner saving their own self-assessment"
    ),
    ("elan.assessments.selectors", "open_assessment"): (
        "the owner's own self-assessment in progress, on their own start page (owner=the viewer)"
    ),
    ("elan.assessments.selectors", "own_assessment"): (
        "the owner's own self-assessment on its step page (owner=the viewer; anyone else's is 404)"
    ),
    ("elan.assessments.selectors", "build_profile"): (
        "a profile's scores: the owner's own, one its owner shared with the viewer "
        "(shared_profile checks an active share first), or the one its owner added to their "
        "evaluation cycle, on the goals sheet only the owner and their evaluators open"
    ),
    ("elan.goals.selectors", "evidence_assessment"): (
        "a self-assessment its owner added to their own evaluation cycle as evidence, read on "
        "the evidence's page by the owner or, until they withdraw it, their evaluators "
        "(evidence_for checks)"
    ),
    ("elan.assessments.personal_data", "export_self_assessments"): (
        "the person's own answers, in the export of their own data"
    ),
    ("elan.feedback.personal_data", "export_feedback"): (
        "the owner's own rounds in their data export: how many answers each received, the "
        "count their round page shows them anyway, never what was answered"
    ),
}


@contextmanager
def answer_reads() -> Iterator[list[tuple[str, str, str]]]:
    """Records (table, module, function) for each read of an answer table by unlisted code."""
    found: list[tuple[str, str, str]] = []

    def record(execute, sql, params, many, context):
        tables = mentioned(sql)
        if tables and _READS.search(sql):
            frames = []
            frame = sys._getframe(1)
            while frame is not None:
                module = frame.f_globals.get("__name__", "")
                if module.startswith("elan.") and ".tests" not in module:
                    frames.append((module, frame.f_code.co_name))
                frame = frame.f_back
            if not any(entry in ALLOWED for entry in frames):
                innermost = frames[0] if frames else ("?", "?")
                found.extend((table, *innermost) for table in sorted(tables))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield found


def open_rounds_with_answers(personas) -> None:
    """A survey round, a 360 round and a self-assessment, each open with answers in it."""
    from elan.assessments.tests.factories import (
        answers_for,
        in_progress_assessment,
        instrument,
        submitted_assessment,
    )
    from elan.feedback.tests.factories import feedback_round
    from elan.insights.tests.factories import CampaignFactory, answer, invited, open_round
    from elan.organisations.tests.factories import person_in

    for number in range(3):
        submitted_assessment(person_in(personas.team), 1 + number)
    campaign = CampaignFactory(unit=personas.team, title="Open with answers")
    round_ = open_round(campaign)
    for user in invited(round_)[:4]:
        answer(round_, user, comment="An open remark.")
    feedback_round(personas.team_lead, raters={"peer": 3}, comments=True)
    in_progress_assessment(personas.line_manager, answers=answers_for(instrument(), 4))


def walk(client_for, urls: list[str]) -> list[str]:
    """Request each URL as every persona; the reads outside the guard's path, described."""
    problems = set()
    for persona in PERSONA_NAMES:
        client = client_for(persona)
        for url in urls:
            with answer_reads() as reads:
                client.get(url)
            problems.update((persona, url, *read) for read in reads)
    return [
        f"  {persona} {url}: {table} read by {module}.{function}"
        for persona, url, table, module, function in sorted(problems)
    ]


# One test per page, as in the access matrix: each page's own data (a round, a share, a link)
# is built in a database of its own, next to the open rounds with answers.
@pytest.mark.django_db
@pytest.mark.parametrize("name", list(ACCESS_TABLE))
def test_no_page_reads_an_answer_outside_the_guard_s_path(name, personas, client_for):
    open_rounds_with_answers(personas)
    row = ACCESS_TABLE[name]
    with translation.override("en"):
        url = reverse(name, kwargs=row.kwargs(personas) if row.kwargs else None) + row.query
    problems = walk(client_for, [url])
    assert not problems, "Answers read outside the guard's path:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_no_export_or_api_route_reads_an_answer_outside_the_guard_s_path(personas, client_for):
    from elan.insights.tests.factories import insights_matrix_campaign

    open_rounds_with_answers(personas)
    urls = []
    code = personas.team.code
    for state in ("published", "open"):
        campaign = insights_matrix_campaign(personas, state)
        urls += [f"/en/insights/campaigns/{campaign.pk}/export.{fmt}" for fmt in ("csv", "xlsx")]
        base = f"/api/insights/campaigns/{campaign.pk}"
        urls += [f"{base}/rounds", f"{base}/heatmap", f"{base}/units/{code}"]
        urls += [f"{base}/units/{code}/trend", f"{base}/units/{code}/comments"]
    problems = walk(client_for, urls)
    assert not problems, "Answers read outside the guard's path:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_the_hook_sees_a_read_of_answers_from_code_that_is_not_on_the_list(personas):
    # Guards the hook itself: if it stopped seeing reads, the walk above would pass on nothing.
    from elan.assessments.tests.factories import submitted_assessment

    submitted_assessment(personas.employee)
    from elan.assessments import selectors

    own = personas.employee.assessments.defer("scores").get()
    with answer_reads() as reads:
        selectors.answers_of(own)
    assert reads == []  # allowed: the owner's own answers
    with answer_reads() as reads:
        list(Assessment.objects.filter(owner=personas.employee).defer("scores"))
    assert reads == []  # the row without its answers
    with answer_reads() as reads:
        list(Assessment.objects.filter(owner=personas.employee))
    assert [read[0] for read in reads] == ["assessments_assessment.scores"]
    with answer_reads() as reads:
        from elan.feedback import quality

        source = next(s for s in quality.sources() if s.kind == "self")
        quality.answer_set_moments(source, personas.employee.assessments.all())
    assert reads and reads[0][:2] == ("assessments_answer", "elan.feedback.quality")
