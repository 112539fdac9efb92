# SPDX-License-Identifier: EUPL-1.2
"""The learning network's writes against the organisation chart: the reporting line both ways,
matching, publishing, a decline and its re-match that leaves every other pair as it was, a
mentor leaving, the rules locked once pairs are published, expired requests, and the
anonymous end survey."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from elan.network import selectors, services
from elan.network.constants import Answer, MatchStatus, ProgrammeStatus, Role
from elan.network.models import Match, SurveyParticipation, SurveyResponse
from elan.network.tests.factories import ProgrammeFactory, join, profile_for
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def department(personas, name):
    return UnitFactory(parent=personas.organisation, name_en=name)


def mentor_in(unit, *, strengths=("storytelling",), languages=("en",), capacity=1, **fields):
    person = person_in(unit, **fields)
    profile_for(
        person, strengths=list(strengths), languages=list(languages), mentor=True, capacity=capacity
    )
    return person


def mentee_in(unit, *, wishes=("storytelling",), languages=("en",), **fields):
    person = person_in(unit, **fields)
    profile_for(person, wishes=list(wishes), languages=list(languages))
    return person


def pairs_of(programme, *statuses):
    rows = Match.objects.filter(programme=programme)
    if statuses:
        rows = rows.filter(status__in=statuses)
    return {(m.mentee.user_id, m.mentor.user_id): m.status for m in rows}


def accept_both(match):
    services.match_answer(match=match, by=match.mentee.user, accept=True)
    return services.match_answer(match=match, by=match.mentor.user, accept=True)


def test_nobody_is_paired_with_someone_up_their_reporting_line(personas):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    profile_for(personas.team_lead, strengths=["storytelling"], mentor=True)
    profile_for(personas.employee, wishes=["storytelling"])
    join(programme, personas.team_lead, Role.MENTOR)
    join(programme, personas.employee)

    result = services.programme_match(programme=programme, by=personas.hr)

    # The team lead manages the employee's manager: two steps up is still the line.
    assert result.pairs == []
    assert selectors.participation(user=personas.employee, programme=programme).diagnosis


def test_nobody_mentors_someone_down_their_own_reporting_line(personas):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    profile_for(personas.employee, strengths=["storytelling"], mentor=True)
    profile_for(personas.team_lead, wishes=["storytelling"])
    join(programme, personas.employee, Role.MENTOR)
    join(programme, personas.team_lead)

    assert services.programme_match(programme=programme, by=personas.hr).pairs == []


def test_a_colleague_outside_the_line_is_chosen_over_a_manager(personas):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    elsewhere = department(personas, "Elsewhere")
    profile_for(personas.line_manager, strengths=["storytelling"], mentor=True)
    colleague = mentor_in(elsewhere)
    profile_for(personas.employee, wishes=["storytelling"])
    join(programme, personas.line_manager, Role.MENTOR)
    join(programme, colleague, Role.MENTOR)
    join(programme, personas.employee)

    services.programme_match(programme=programme, by=personas.hr)

    assert pairs_of(programme) == {(personas.employee.pk, colleague.pk): MatchStatus.PROPOSED}


def test_proposed_pairs_stay_with_the_organiser_until_they_are_published(personas):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    mentor = mentor_in(department(personas, "Data office"))
    mentee = mentee_in(department(personas, "Legal"))
    join(programme, mentor, Role.MENTOR)
    mentee_place = join(programme, mentee)

    services.programme_match(programme=programme, by=personas.hr)
    assert selectors.live_match_of(mentee=mentee_place) is None

    assert services.programme_publish(programme=programme, by=personas.hr) == 1
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.RUNNING
    match = selectors.live_match_of(mentee=mentee_place)
    assert match.status == MatchStatus.OFFERED
    assert match.reasons["cross"] is True

    accept_both(match)
    assert Match.objects.get(pk=match.pk).status == MatchStatus.ACCEPTED


def test_a_decline_rematches_the_mentee_and_changes_no_other_pair(personas):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    units = [department(personas, f"Department {n}") for n in range(3)]
    mentors = [mentor_in(units[n % 3], capacity=2) for n in range(3)]
    mentees = [mentee_in(units[(n + 1) % 3]) for n in range(4)]
    for person in mentors:
        join(programme, person, Role.MENTOR, capacity=2)
    for person in mentees:
        join(programme, person)
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    offered = list(Match.objects.filter(programme=programme).order_by("pk"))
    for match in offered[:3]:
        accept_both(match)
    declined = offered[3]
    before = {
        (m.pk, m.mentee_id, m.mentor_id, m.status, m.mentee_answer, m.mentor_answer)
        for m in Match.objects.filter(pk__in=[m.pk for m in offered[:3]])
    }

    services.match_answer(match=declined, by=declined.mentor.user, accept=False, reason="Busy")

    after = {
        (m.pk, m.mentee_id, m.mentor_id, m.status, m.mentee_answer, m.mentor_answer)
        for m in Match.objects.filter(pk__in=[m.pk for m in offered[:3]])
    }
    assert after == before
    again = selectors.live_match_of(mentee=declined.mentee)
    assert again is not None and again.mentor_id != declined.mentor_id
    assert again.status == MatchStatus.OFFERED
    assert Match.objects.get(pk=declined.pk).status == MatchStatus.DECLINED


def test_a_mentee_whose_mentor_leaves_is_matched_again_with_a_free_place(personas):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    first, second = (mentor_in(department(personas, name)) for name in ("A", "B"))
    mentee = mentee_in(department(personas, "C"))
    join(programme, first, Role.MENTOR)
    mentee_place = join(programme, mentee)
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    join(programme, second, Role.MENTOR)

    services.profile_pause(owner=first)

    match = selectors.live_match_of(mentee=mentee_place)
    assert match.mentor.user_id == second.pk


def test_the_rules_cannot_change_once_pairs_are_published(personas):
    programme = ProgrammeFactory(running=True, scope=personas.organisation)
    with pytest.raises(services.NetworkError):
        services.programme_update(
            programme=programme, by=personas.hr, version=programme.version, shared_language=False
        )
    updated = services.programme_update(
        programme=programme, by=personas.hr, version=programme.version, title="Renamed"
    )
    assert updated.title == "Renamed"


def test_an_edit_made_on_a_stale_page_is_refused(personas):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    services.programme_update(programme=programme, by=personas.hr, version=1, title="First")
    with pytest.raises(services.NetworkError):
        services.programme_update(programme=programme, by=personas.hr, version=1, title="Late")


def test_a_request_left_unanswered_past_its_day_counts_as_declined(personas):
    programme = ProgrammeFactory(open=True, choice=True, scope=personas.organisation)
    mentor = mentor_in(department(personas, "A"))
    mentee = mentee_in(department(personas, "B"))
    mentor_place = join(programme, mentor, Role.MENTOR)
    mentee_place = join(programme, mentee)
    today = timezone.localdate()
    match = services.match_request(mentee=mentee_place, mentor=mentor_place, today=today)

    assert services.requests_expire(today=match.answer_due) == 0
    assert services.requests_expire(today=match.answer_due + datetime.timedelta(days=1)) == 1

    match.refresh_from_db()
    assert (match.status, match.mentor_answer) == (MatchStatus.DECLINED, Answer.DECLINED)
    # The same mentor is not suggested again; the place is free for the next request.
    assert selectors.suggestions_for(mentee=mentee_place) == []


def test_the_end_survey_keeps_who_answered_apart_from_what_was_answered(personas):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    mentor = mentor_in(department(personas, "A"))
    mentee = mentee_in(department(personas, "B"))
    join(programme, mentor, Role.MENTOR)
    join(programme, mentee)
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    accept_both(Match.objects.get(programme=programme))
    programme = services.programme_move(
        programme=programme, to=ProgrammeStatus.CLOSED, by=personas.hr
    )
    scores = {"useful": 4, "learnt": 5, "across": 5, "recommend": 4}

    services.survey_answer(programme=programme, user=mentee, scores=scores, comment="Good")

    response = SurveyResponse.objects.get()
    field_names = {field.name for field in SurveyResponse._meta.get_fields()}
    assert not field_names & {"user", "participant", "created_at", "answered_at"}
    assert response.week.weekday() == 0
    assert SurveyParticipation.objects.filter(user=mentee).exists()
    with pytest.raises(services.NetworkError):
        services.survey_answer(programme=programme, user=mentee, scores=scores)
    with pytest.raises(services.NetworkError):
        services.survey_answer(programme=programme, user=personas.outsider, scores=scores)


def test_a_mentors_free_places_count_offered_and_accepted_pairs_only_in_one_read(
    personas, django_assert_num_queries
):
    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    unit = department(personas, "Mentors")
    mentors = [
        join(programme, mentor_in(unit, capacity=3), Role.MENTOR, capacity=3) for _ in range(4)
    ]
    mentees = [join(programme, mentee_in(personas.team)) for _ in range(4)]
    held = (MatchStatus.OFFERED, MatchStatus.ACCEPTED, MatchStatus.DECLINED, MatchStatus.WITHDRAWN)
    for mentee, status in zip(mentees, held, strict=True):
        Match.objects.create(programme=programme, mentee=mentee, mentor=mentors[0], status=status)
    Match.objects.create(
        programme=programme, mentee=mentees[0], mentor=mentors[1], status=MatchStatus.ACCEPTED
    )

    with django_assert_num_queries(1):
        free = selectors.capacity_left(programme=programme)

    assert free == {mentors[0].pk: 1, mentors[1].pk: 2, mentors[2].pk: 3, mentors[3].pk: 3}
    assert free[mentors[0].pk] == mentors[0].capacity - selectors.taken_places(mentor=mentors[0])


def test_the_end_survey_takes_answers_for_three_weeks_after_the_close_and_then_refuses(
    personas, client_for
):
    import time_machine
    from django.urls import reverse

    from elan.network.constants import SURVEY_OPEN_DAYS

    programme = ProgrammeFactory(open=True, scope=personas.organisation)
    mentor = mentor_in(department(personas, "A"))
    mentee = mentee_in(department(personas, "B"))
    join(programme, mentor, Role.MENTOR)
    join(programme, mentee)
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    accept_both(Match.objects.get(programme=programme))
    programme = services.programme_move(
        programme=programme, to=ProgrammeStatus.CLOSED, by=personas.hr
    )
    closes_on = selectors.survey_closes_on(programme=programme)
    assert closes_on == timezone.localdate() + datetime.timedelta(days=SURVEY_OPEN_DAYS)
    scores = {"useful": 4, "learnt": 5, "across": 5, "recommend": 4}

    with time_machine.travel(closes_on + datetime.timedelta(days=1)):
        with pytest.raises(services.NetworkError, match="has closed"):
            services.survey_answer(programme=programme, user=mentee, scores=scores)
        from django.test import Client

        client = Client()
        client.force_login(mentee, backend="django.contrib.auth.backends.ModelBackend")
        url = reverse("network:survey", args=[programme.public_id])
        assert 'id="survey-closed"' in client.get(url).content.decode()
        refused = client.post(url, {key: str(value) for key, value in scores.items()})
        assert refused.status_code == 302

    assert not SurveyResponse.objects.exists()
    assert not SurveyParticipation.objects.exists()
