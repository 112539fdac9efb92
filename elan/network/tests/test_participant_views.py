# SPDX-License-Identifier: EUPL-1.2
"""A programme's pages for its participants (issue 18): joining, ranking mentors, the match and
its one-sentence explanation, accepting and declining, the re-match that leaves accepted pairs
alone, choosing among suggestions, the unmatched mentee's why, the meeting log's bad input, and
the anonymous end survey."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from elan.network import services
from elan.network.constants import Answer, MatchStatus, ProgrammeStatus, Role
from elan.network.models import Match, Meeting, Participant, SurveyParticipation, SurveyResponse
from elan.network.tests.factories import ProgrammeFactory, join, profile_for
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def url(name: str, obj) -> str:
    return reverse(f"network:{name}", args=[obj.public_id])


def as_user(client, user):
    client.logout()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@dataclass
class Cast:
    """Two mentees in the employee's team, mentors in two other departments."""

    programme: object
    anna: object  # mentor, department "Research"
    dirk: object  # mentor, department "Legal"
    ben: object  # mentee, the employee's team
    carla: object  # mentee, the employee's team


@pytest.fixture
def departments(personas):
    return (
        UnitFactory(parent=personas.organisation, code="FPS-ONE-RES", name_en="Research"),
        UnitFactory(parent=personas.organisation, code="FPS-ONE-LEG", name_en="Legal"),
    )


def cohort(personas, departments, *, mentors=2, **programme_fields) -> Cast:
    research, legal = departments
    fields = {"scope": personas.organisation, "organiser": personas.hr, "open": True}
    programme = ProgrammeFactory(**{**fields, **programme_fields})
    anna = person_in(research, email="anna@elan.test", first_name="Anna", last_name="Zed")
    dirk = person_in(legal, email="dirk@elan.test", first_name="Dirk", last_name="Adams")
    ben = person_in(personas.team, email="ben@elan.test", first_name="Ben", last_name="B")
    carla = person_in(personas.team, email="carla@elan.test", first_name="Carla", last_name="C")
    for mentor in (anna, dirk)[:mentors]:
        profile_for(mentor, strengths=["storytelling"], mentor=True, capacity=1)
        join(programme, mentor, Role.MENTOR)
    for mentee in (ben, carla):
        profile_for(mentee, wishes=["storytelling"])
        join(programme, mentee)
    return Cast(programme, anna, dirk, ben, carla)


def publish(cast: Cast, personas) -> None:
    services.programme_match(programme=cast.programme, by=personas.hr)
    services.programme_publish(programme=cast.programme, by=personas.hr)


def match_of(user) -> Match:
    return Match.objects.exclude(status=MatchStatus.WITHDRAWN).get(
        mentee__user=user, status__in=(MatchStatus.OFFERED, MatchStatus.ACCEPTED)
    )


# --- joining -----------------------------------------------------------------------------------


def test_someone_without_a_network_profile_is_sent_to_create_one_before_joining(
    personas, client_for
):
    programme = ProgrammeFactory(scope=personas.organisation, open=True)

    html = page(client_for("employee").get(url("programme", programme)))

    assert 'id="join-needs-profile"' in html
    assert reverse("network:profile") in html
    assert "Never someone in your own reporting line" in html


def test_a_member_of_staff_joins_as_a_mentee_and_reads_that_they_will_hear_of_the_pairs(
    personas, client
):
    programme = ProgrammeFactory(scope=personas.organisation, open=True)
    profile_for(personas.employee, wishes=["storytelling"])
    client = as_user(client, personas.employee)

    response = client.post(url("programme_join", programme), {"role": "mentee"})

    assert response.status_code == 302
    assert Participant.objects.get(user=personas.employee).role == Role.MENTEE
    html = page(client.get(url("programme", programme)))
    assert 'id="before-matching"' in html
    assert url("preferences", programme) in html


def test_a_mentor_asking_for_more_mentees_than_the_profile_allows_gets_a_message_and_the_input(
    personas, client
):
    programme = ProgrammeFactory(scope=personas.organisation, open=True)
    profile_for(personas.employee, strengths=["storytelling"], mentor=True, capacity=2)
    client = as_user(client, personas.employee)

    html = page(client.post(url("programme_join", programme), {"role": "mentor", "capacity": "5"}))

    assert 'id="error-summary"' in html
    assert "Your profile says at most 2 mentees at once." in html
    assert 'value="5"' in html
    assert not Participant.objects.exists()


def test_a_refused_join_shows_the_service_s_message(personas, client):
    programme = ProgrammeFactory(scope=personas.organisation, open=True)
    # A mentee without a learning wish cannot be matched: the service says what to add.
    profile_for(personas.employee)
    client = as_user(client, personas.employee)

    html = page(client.post(url("programme_join", programme), {"role": "mentee"}))

    assert "Add at least one learning wish to your profile first." in html


def test_the_programme_is_404_for_an_outsider_and_for_an_unknown_address(personas, client_for):
    programme = ProgrammeFactory(scope=personas.organisation, open=True)
    client = client_for("outsider")

    assert client.get(url("programme", programme)).status_code == 404
    assert (
        client.get(f"/en/network/programmes/{'0' * 8}-0000-0000-0000-{'0' * 12}/").status_code
        == 404
    )
    assert client.get("/en/network/programmes/not-a-uuid/").status_code == 404


# --- ranking mentors ---------------------------------------------------------------------------


def test_a_mentee_ranks_mentors_listed_alphabetically_never_by_popularity(
    personas, departments, client
):
    cast = cohort(personas, departments)
    # Anna joined first; by name she now comes last.
    cast.anna.first_name = "Zita"
    cast.anna.save()
    client = as_user(client, cast.ben)

    html = page(client.get(url("preferences", cast.programme)))
    assert html.index("Dirk Adams") < html.index("Zita Zed")
    assert "strengths shown: Storytelling" in html

    dirk = Participant.objects.get(user=cast.dirk)
    response = client.post(url("preferences", cast.programme), {"choice_1": str(dirk.pk)})

    assert response.status_code == 302
    mentee = Participant.objects.get(user=cast.ben)
    assert [p.mentor for p in mentee.preferences.all()] == [dirk]


def test_ranking_one_mentor_twice_is_refused_with_the_choices_kept(personas, departments, client):
    cast = cohort(personas, departments)
    anna = Participant.objects.get(user=cast.anna)
    client = as_user(client, cast.ben)

    html = page(
        client.post(
            url("preferences", cast.programme),
            {"choice_1": str(anna.pk), "choice_2": str(anna.pk)},
        )
    )

    assert "Choose each mentor once, or leave a choice blank." in html
    assert f'<option value="{anna.pk}" selected>' in html
    assert not Participant.objects.get(user=cast.ben).preferences.exists()


# --- the match and its answers -----------------------------------------------------------------


def test_a_mentee_is_matched_reads_why_and_accepts_then_the_mentor_accepts_and_the_pair_is_made(
    personas, departments, client
):
    cast = cohort(personas, departments, mentors=1)
    Participant.objects.filter(user=cast.carla).delete()
    publish(cast, personas)
    match = match_of(cast.ben)

    client = as_user(client, cast.ben)
    html = page(client.get(url("programme", cast.programme)))
    assert "Anna Zed can help you with Storytelling" in html
    assert url("pair", match) in html
    html = page(client.get(url("pair", match)))
    assert "works in another department (Research)" in html
    assert "speaks English with you" in html

    response = client.post(url("pair_answer", match), {"answer": "accept"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.status, match.mentee_answer) == (MatchStatus.OFFERED, Answer.ACCEPTED)

    client = as_user(client, cast.anna)
    html = page(client.get(url("programme", cast.programme)))
    assert "Ben B wants to learn Storytelling, one of your strengths" in html
    assert 'value="accept"' in html
    client.post(url("pair_answer", match), {"answer": "accept"})

    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED
    html = page(client.get(url("pair", match)))
    assert 'id="meetings"' in html
    assert "ben@elan.test" in html


def test_a_decline_rematches_the_mentee_and_leaves_another_accepted_pair_unchanged(
    personas, departments, client
):
    cast = cohort(personas, departments)
    publish(cast, personas)
    kept = match_of(cast.carla)
    for person in (kept.mentee.user, kept.mentor.user):
        services.match_answer(match=kept, by=person, accept=True)
    declined = match_of(cast.ben)
    spare = person_in(departments[0], email="eva@elan.test", first_name="Eva")
    profile_for(spare, strengths=["storytelling"], mentor=True)
    # A mentor joining a running programme takes part in re-matches.
    Participant.objects.create(programme=cast.programme, user=spare, role=Role.MENTOR)

    client = as_user(client, declined.mentor.user)
    response = client.post(
        url("pair_answer", declined), {"answer": "decline", "reason": "Too busy this spring."}
    )

    assert response.status_code == 302
    declined.refresh_from_db()
    assert (declined.status, declined.decline_reason) == (
        MatchStatus.DECLINED,
        "Too busy this spring.",
    )
    again = match_of(cast.ben)
    assert again.mentor.user == spare
    kept_now = Match.objects.get(pk=kept.pk)
    assert (kept_now.status, kept_now.mentor_id, kept_now.mentee_id) == (
        MatchStatus.ACCEPTED,
        kept.mentor_id,
        kept.mentee_id,
    )


def test_an_answer_that_is_neither_accept_nor_decline_is_refused_on_the_page(
    personas, departments, client
):
    cast = cohort(personas, departments)
    publish(cast, personas)
    match = match_of(cast.ben)

    html = page(as_user(client, cast.ben).post(url("pair_answer", match), {"answer": "maybe"}))

    assert "Say whether you accept or decline." in html
    match.refresh_from_db()
    assert match.mentee_answer == Answer.WAITING


def test_an_unmatched_mentee_reads_why_and_what_would_change_it(personas, departments, client):
    cast = cohort(personas, departments, mentors=1)
    loner = person_in(personas.team, email="gerd@elan.test", first_name="Gerd")
    profile_for(loner, wishes=["storytelling"], languages=["de"])
    join(cast.programme, loner)
    Participant.objects.filter(user=cast.carla).delete()
    publish(cast, personas)

    html = page(as_user(client, loner).get(url("programme", cast.programme)))

    assert "No mentor with a free place shares a working language with you." in html
    assert 'id="unmatched-change"' in html
    assert "1 mentor speaks English" in html


# --- the meeting log -------------------------------------------------------------------------


@pytest.fixture
def accepted(personas, departments):
    """An accepted pair of a programme halfway through."""
    today = timezone.localdate()
    cast = cohort(
        personas,
        departments,
        mentors=1,
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=80),
    )
    Participant.objects.filter(user=cast.carla).delete()
    publish(cast, personas)
    match = match_of(cast.ben)
    for person in (cast.ben, cast.anna):
        services.match_answer(match=match, by=person, accept=True)
    return cast, match


def test_a_meeting_with_a_future_date_is_refused_with_the_input_kept(accepted, client):
    cast, match = accepted
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    html = page(
        as_user(client, cast.ben).post(
            url("meeting_new", match),
            {"held_on": tomorrow.isoformat(), "note": "Storyboards for the reminder letter"},
        )
    )

    assert "Log a meeting once it has taken place." in html
    assert "Storyboards for the reminder letter" in html
    assert tomorrow.isoformat() in html
    assert not Meeting.objects.exists()


def test_an_overlong_meeting_note_is_refused_with_the_input_kept(accepted, client):
    cast, match = accepted
    note = "x" * 201

    html = page(
        as_user(client, cast.ben).post(
            url("meeting_new", match),
            {"held_on": timezone.localdate().isoformat(), "note": note},
        )
    )

    assert "At most 200 characters: this text has 201." in html
    assert note in html
    assert not Meeting.objects.exists()


def test_a_logged_meeting_is_read_by_both_people_of_the_pair(accepted, client):
    cast, match = accepted
    client = as_user(client, cast.ben)
    response = client.post(
        url("meeting_new", match),
        {"held_on": timezone.localdate().isoformat(), "note": "Planned three interviews"},
    )

    assert response.status_code == 302
    assert "Planned three interviews" in page(as_user(client, cast.anna).get(url("pair", match)))


def test_a_check_in_is_read_by_its_author_only(accepted, client):
    cast, match = accepted
    client = as_user(client, cast.ben)
    response = client.post(
        url("check_in", match),
        {"kind": "midpoint", "midpoint-progress": "mixed", "midpoint-note": "Slow start"},
    )

    assert response.status_code == 302
    assert "Slow start" in page(client.get(url("pair", match)))
    html = page(as_user(client, cast.anna).get(url("pair", match)))
    assert "Slow start" not in html
    assert "does not see it, and you do not see theirs" in html


def test_the_end_check_in_is_refused_before_it_opens(accepted, client):
    cast, match = accepted
    client = as_user(client, cast.ben)

    response = client.post(
        url("check_in", match), {"kind": "end", "end-progress": "going_well"}, follow=True
    )

    assert "This check-in opens on" in page(response)
    assert not match.check_ins.exists()


# --- choosing among suggestions --------------------------------------------------------------


def test_a_choosing_mentee_asks_a_suggested_mentor_who_declines_and_sees_the_next_one(
    personas, departments, client
):
    cast = cohort(personas, departments, choice=True)
    client = as_user(client, cast.ben)
    html = page(client.get(url("programme", cast.programme)))
    assert 'id="suggestions"' in html
    assert html.count('name="mentor"') == 2
    assert "can help you with Storytelling" in html

    first = Participant.objects.get(user=cast.anna)
    response = client.post(url("request", cast.programme), {"mentor": str(first.pk)})
    assert response.status_code == 302
    match = match_of(cast.ben)
    html = page(client.get(url("programme", cast.programme)))
    assert 'id="request-waiting"' in html
    assert match.answer_due.strftime("%Y") in html

    as_user(client, cast.anna).post(url("pair_answer", match), {"answer": "decline"})

    html = page(as_user(client, cast.ben).get(url("programme", cast.programme)))
    assert 'id="last-declined"' in html
    assert html.count('name="mentor"') == 1
    second = Participant.objects.get(user=cast.dirk)
    assert f'value="{second.pk}"' in html


@pytest.mark.parametrize("mentor", ["999999", "abc", "", "²"])
def test_asking_an_unknown_mentor_gives_a_message_never_an_error_page(
    personas, departments, client, mentor
):
    cast = cohort(personas, departments, choice=True)

    response = as_user(client, cast.ben).post(
        url("request", cast.programme), {"mentor": mentor}, follow=True
    )

    assert "not among your suggestions any more" in page(response)
    assert not Match.objects.exists()


# --- the end survey ----------------------------------------------------------------------------


def close(cast: Cast) -> None:
    services.programme_move(
        programme=cast.programme, to=ProgrammeStatus.CLOSED, by=cast.programme.organiser
    )


def test_the_end_survey_is_answered_once_and_stored_without_person_or_time(accepted, client):
    cast, match = accepted
    close(cast)
    client = as_user(client, cast.ben)
    html = page(client.get(url("survey", cast.programme)))
    assert "stored apart from who answered, without your name and without the time" in html
    assert "What the people who run the database could learn" in html
    answers = {"useful": "5", "learnt": "4", "across": "5", "recommend": "3", "comment": "Good."}

    first = client.post(url("survey", cast.programme), answers)
    assert first.status_code == 302
    # A double click lands where the first did (elan/portal/middleware.py); sent again once
    # the guard has forgotten it (a few seconds), the survey says it has the answer.
    assert client.post(url("survey", cast.programme), answers)["Location"] == first["Location"]
    cache.clear()
    again = client.post(url("survey", cast.programme), answers, follow=True)

    assert "You have already answered the end survey." in page(again)
    assert 'id="survey-thanks"' in page(again)
    assert SurveyResponse.objects.count() == 1
    assert SurveyParticipation.objects.filter(user=cast.ben).count() == 1
    response = SurveyResponse.objects.get()
    stored = {f.name for f in SurveyResponse._meta.get_fields()}
    assert stored == {"id", "programme", "unit_path", "scores", "comment", "week"}
    assert response.week.weekday() == 0
    assert response.scores == {"useful": 5, "learnt": 4, "across": 5, "recommend": 3}


def test_a_survey_with_a_statement_left_out_is_refused_with_the_answers_kept(accepted, client):
    cast, _match = accepted
    close(cast)

    html = page(
        as_user(client, cast.ben).post(
            url("survey", cast.programme), {"useful": "5", "comment": "Kept comment"}
        )
    )

    assert "Choose a point on the scale for this statement." in html
    assert "Kept comment" in html
    assert not SurveyResponse.objects.exists()


def test_leaving_the_programme_withdraws_the_pair(accepted, client):
    cast, match = accepted

    response = as_user(client, cast.ben).post(url("programme_leave", cast.programme))

    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.WITHDRAWN
    assert Participant.objects.get(user=cast.ben).left_at is not None
