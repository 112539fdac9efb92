# SPDX-License-Identifier: EUPL-1.2
"""The organiser's figures: participation counted per department, and the end survey under the
anonymity guard (scores from the minimum group on, comments from the higher minimum, and no
department that would reveal a smaller group by difference)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from elan.core.anonymity import Released, Suppressed, SuppressionReason
from elan.network import figures, services
from elan.network.constants import ProgrammeStatus, Role
from elan.network.models import Match, SurveyResponse
from elan.network.tests.factories import ProgrammeFactory, join, profile_for
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2030, 6, 24)
SECRET_COMMENT = "Wombat umbrella remark"


@pytest.fixture(autouse=True)
def minima(settings):
    settings.ANONYMITY_MIN_GROUP = 5
    settings.ANONYMITY_MIN_COMMENTS = 10


@pytest.fixture
def departments(personas):
    north = UnitFactory(parent=personas.organisation, code="FPS-ONE-N", name_en="North")
    south = UnitFactory(parent=personas.organisation, code="FPS-ONE-S", name_en="South")
    return north, south


def answers(programme, unit_path: str, count: int, *, score: int, comment: str = ""):
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            programme=programme,
            unit_path=unit_path,
            scores={"useful": score, "learnt": score, "across": score, "recommend": score},
            comment=comment,
            week=WEEK,
        )
        for _ in range(count)
    )


def row_named(rows, name):
    return next(row for row in rows if row.name == name)


# --- participation ----------------------------------------------------------------------------


def test_participation_is_counted_per_department_with_the_cross_share_and_completions(
    personas, departments
):
    north, south = departments
    programme = ProgrammeFactory(open=True, scope=personas.organisation, organiser=personas.hr)
    mentor = person_in(south, first_name="Sam")
    profile_for(mentor, strengths=["storytelling"], mentor=True)
    mentee = person_in(north, first_name="Nina")
    waiting = person_in(north, first_name="Noor")
    at_the_top = person_in(personas.organisation, first_name="Tom")
    for person in (mentee, waiting, at_the_top):
        profile_for(person, wishes=["curiosity"] if person == waiting else ["storytelling"])
    join(programme, mentor, Role.MENTOR)
    for person in (mentee, waiting, at_the_top):
        join(programme, person)
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    match = Match.objects.get(programme=programme, mentee__user=mentee)
    services.match_answer(match=match, by=mentee, accept=True)
    services.match_answer(match=match, by=mentor, accept=True)
    services.programme_move(programme=programme, to=ProgrammeStatus.CLOSED, by=personas.hr)
    programme.refresh_from_db()

    result = figures.participation(programme=programme)

    north_row = row_named(result.rows, "North")
    assert (north_row.mentees, north_row.matched, north_row.cross, north_row.completed) == (
        2,
        1,
        1,
        1,
    )
    assert north_row.cross_share == 100
    assert row_named(result.rows, "South").mentors == 1
    top = row_named(result.rows, "At FPS One itself")
    assert top.mentees == 1
    assert (result.total.mentees, result.total.mentors, result.total.matched) == (3, 1, 1)
    assert result.rows[-1] is top
    assert "Of 3 mentees, 1 found a mentor and 1 completed the programme." in (
        figures.participation_sentence(result)
    )


def test_the_figures_page_shows_each_department_in_a_table_with_a_sentence(
    personas, departments, client_for
):
    north, _south = departments
    programme = ProgrammeFactory(open=True, scope=personas.organisation, organiser=personas.hr)
    for name in ("Ann", "Bea"):
        person = person_in(north, first_name=name)
        profile_for(person, wishes=["storytelling"])
        join(programme, person)

    page = (
        client_for("hr")
        .get(reverse("network:programme_figures", args=[programme.public_id]))
        .content.decode()
    )

    table = page[page.index('id="participation-figures"') :].split("</table>")[0]
    assert '<th scope="row">North</th><td>2</td>' in table
    assert "No mentee has joined" not in page
    assert "Of 2 mentees, 0 found a mentor and 0 completed the programme." in page


# --- the end survey ---------------------------------------------------------------------------


def test_survey_scores_are_shown_overall_and_per_department_from_the_minimum_group(
    personas, departments
):
    north, south = departments
    programme = ProgrammeFactory(closed=True, scope=personas.organisation)
    answers(programme, north.path, 5, score=5)
    answers(programme, south.path, 5, score=3)

    result = figures.survey_figures(programme=programme)

    assert isinstance(result.overall.scores, Released)
    assert result.overall.scores.n == 10
    assert result.overall.scores.figures["useful"] == 4
    assert row_named(result.rows, "North").scores.figures["useful"] == 5
    assert row_named(result.rows, "South").scores.figures["useful"] == 3
    assert "10 people answered the end survey." in figures.survey_sentence(result)


def test_a_department_under_the_minimum_group_is_hidden_and_so_is_its_difference(
    personas, departments
):
    north, south = departments
    programme = ProgrammeFactory(closed=True, scope=personas.organisation)
    answers(programme, north.path, 5, score=5)
    answers(programme, south.path, 2, score=1)

    result = figures.survey_figures(programme=programme)

    south_row = row_named(result.rows, "South")
    assert isinstance(south_row.scores, Suppressed)
    assert south_row.scores.reason == SuppressionReason.TOO_FEW
    # North and the whole programme side by side would give South's two answers away.
    north_row = row_named(result.rows, "North")
    assert isinstance(north_row.scores, Suppressed) or isinstance(result.overall.scores, Suppressed)


def test_too_few_answers_overall_hide_everything_and_say_so(personas, departments):
    north, _south = departments
    programme = ProgrammeFactory(closed=True, scope=personas.organisation)
    answers(programme, north.path, 4, score=2)

    result = figures.survey_figures(programme=programme)

    assert isinstance(result.overall.scores, Suppressed)
    assert all(isinstance(row.scores, Suppressed) for row in result.rows)
    assert "Too few people answered the end survey" in figures.survey_sentence(result)


def test_comments_wait_for_the_higher_minimum_of_people_who_answered(personas, departments):
    north, south = departments
    programme = ProgrammeFactory(closed=True, scope=personas.organisation)
    answers(programme, north.path, 5, score=4, comment=SECRET_COMMENT)
    answers(programme, south.path, 4, score=4)

    hidden = figures.survey_figures(programme=programme)
    answers(programme, south.path, 1, score=4)
    shown = figures.survey_figures(programme=programme)

    assert isinstance(hidden.overall.scores, Released)
    assert isinstance(hidden.overall.comments, Suppressed)
    assert hidden.overall.comment_texts == []
    assert shown.overall.comment_texts == [SECRET_COMMENT] * 5
    # Each department alone has fewer than ten people who answered.
    assert all(isinstance(row.comments, Suppressed) for row in shown.rows)


def test_the_figures_page_never_prints_a_hidden_department_s_score_or_comment(
    personas, departments, client_for
):
    north, south = departments
    programme = ProgrammeFactory(closed=True, scope=personas.organisation, organiser=personas.hr)
    answers(programme, north.path, 6, score=4)
    answers(programme, south.path, 2, score=1, comment=SECRET_COMMENT)

    page = (
        client_for("hr")
        .get(reverse("network:programme_figures", args=[programme.public_id]))
        .content.decode()
    )

    survey = page[page.index('id="survey-figures"') :]
    south_row = survey[survey.index("South") :].split("</tr>")[0]
    assert "hidden: too few people" in south_row
    assert "1.0" not in south_row
    assert SECRET_COMMENT not in page


def test_the_pairs_csv_holds_no_survey_answer(personas, departments, client_for):
    north, _south = departments
    programme = ProgrammeFactory(closed=True, scope=personas.organisation, organiser=personas.hr)
    answers(programme, north.path, 12, score=4, comment=SECRET_COMMENT)

    response = client_for("hr").get(reverse("network:programme_export", args=[programme.public_id]))

    assert response.status_code == 200
    assert SECRET_COMMENT not in response.content.decode()


def test_while_the_survey_takes_answers_one_more_answer_moves_nothing_the_organiser_reads(
    personas, departments, client_for
):
    import time_machine

    north, south = departments
    programme = ProgrammeFactory(open=True, scope=personas.organisation, organiser=personas.hr)
    programme = services.programme_move(
        programme=programme, to=ProgrammeStatus.CLOSED, by=personas.hr
    )
    answers(programme, north.path, 6, score=4, comment="Useful")
    answers(programme, south.path, 5, score=4)
    client = client_for("hr")
    url = reverse("network:programme_figures", args=[programme.public_id])

    before = client.get(url).content.decode()
    answers(programme, south.path, 1, score=1, comment=SECRET_COMMENT)
    after = client.get(url).content.decode()

    assert 'id="survey-figures"' not in after
    assert "takes answers until" in after
    strip = lambda page: page.split('id="survey-heading"')[1].split("</section>")[0]  # noqa: E731
    assert strip(before) == strip(after)
    # Once it has closed, the results are shown, all at once.
    closes_on = figures.selectors.survey_closes_on(programme=programme)
    with time_machine.travel(closes_on + datetime.timedelta(days=1)):
        released = client_for("hr").get(url).content.decode()
    assert 'id="survey-figures"' in released and "12 people answered the end survey." in released
