# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from elan.cohorts.calendar_file import escape_text, fold
from elan.cohorts.constants import Status
from elan.cohorts.models import BoardItem, Cohort, CohortMember, CohortSession, SessionRetrospective
from elan.cohorts.tests.factories import (
    BoardItemFactory,
    CohortFactory,
    MemberFactory,
    RetrospectiveFactory,
    SessionFactory,
    matrix_cohort,
)
from elan.experiments.tests.factories import running_experiment

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"cohorts:{name}", args=args)


def test_hr_creates_a_cohort_and_lands_on_its_overview(personas, client_for):
    client = client_for("hr")
    response = client.post(
        url("cohort_new"),
        {
            "title": "Fellows 2027",
            "description": "Across units.",
            "starts_on": "2027-01-10",
            "ends_on": "2027-06-30",
            "max_per_unit": "2",
        },
    )
    cohort = Cohort.objects.get(title="Fellows 2027")
    assert response.status_code == 302
    assert response["Location"] == url("cohort", cohort.public_id)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"Start the cohort" in page.content


def test_a_cohort_ending_before_it_starts_comes_back_with_the_input_and_the_error(
    personas, client_for
):
    response = client_for("hr").post(
        url("cohort_new"),
        {
            "title": "Backwards",
            "starts_on": "2027-06-30",
            "ends_on": "2027-01-10",
            "max_per_unit": "3",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "error-summary" in content
    assert "The cohort cannot end before it starts." in content
    assert 'value="Backwards"' in content
    assert not Cohort.objects.exists()


def test_adding_an_unknown_address_shows_the_error_on_the_field_not_a_500(personas, client_for):
    cohort = matrix_cohort(personas)
    response = client_for("hr").post(
        url("member_add", cohort.public_id), {"email": "ghost@elan.test"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "No account has the address ghost@elan.test" in content
    assert 'value="ghost@elan.test"' in content
    assert 'aria-invalid="true"' in content


def test_adding_a_crowding_member_adds_them_and_warns_the_organiser(personas, client_for):
    cohort = CohortFactory(running=True, organiser=personas.hr, max_per_unit=1)
    MemberFactory(cohort=cohort, user=personas.employee)
    client = client_for("hr")
    response = client.post(
        url("member_add", cohort.public_id), {"email": "line.manager@elan.test"}, follow=True
    )
    assert CohortMember.objects.filter(cohort=cohort, user=personas.line_manager).exists()
    assert "more than the 1 you set" in response.content.decode()


def test_the_overview_lists_members_with_their_units(personas, client_for):
    cohort = matrix_cohort(personas)
    content = client_for("employee").get(url("cohort", cohort.public_id)).content.decode()
    assert "Team One" in content
    assert "Members come from 1 unit" in content
    # A member does not see the organisers' controls.
    assert "Start the cohort" not in content and "Add a member" not in content


def test_an_organiser_moves_the_cohort_and_a_refused_move_is_a_message_not_a_500(
    personas, client_for
):
    cohort = matrix_cohort(personas)
    client = client_for("hr")
    response = client.post(url("cohort_move", cohort.public_id), {"to": "draft"})
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    client.post(url("cohort_move", cohort.public_id), {"to": "finished"})
    cohort.refresh_from_db()
    assert cohort.status == Status.FINISHED


def test_a_member_cannot_move_the_cohort(personas, client_for):
    cohort = matrix_cohort(personas)
    response = client_for("employee").post(url("cohort_move", cohort.public_id), {"to": "finished"})
    assert response.status_code == 403
    cohort.refresh_from_db()
    assert cohort.status == Status.RUNNING


def test_a_draft_cohort_does_not_exist_for_its_members(personas, client_for):
    cohort = CohortFactory(organiser=personas.hr)
    MemberFactory(cohort=cohort, user=personas.employee)
    assert client_for("employee").get(url("cohort", cohort.public_id)).status_code == 404
    assert client_for("hr").get(url("cohort", cohort.public_id)).status_code == 200


def test_the_organiser_plans_a_session_and_a_wrong_time_keeps_the_input(personas, client_for):
    cohort = matrix_cohort(personas)
    client = client_for("hr")
    bad = client.post(
        url("session_new", cohort.public_id),
        {"title": "Demo day", "starts_at": "2030-03-01T14:00", "ends_at": "2030-03-01T13:00"},
    )
    assert bad.status_code == 200
    content = bad.content.decode()
    assert "The session must end after it starts." in content
    assert "Give a place, or hold the session online." in content
    assert 'value="Demo day"' in content
    good = client.post(
        url("session_new", cohort.public_id),
        {
            "title": "Demo day",
            "starts_at": "2030-03-01T14:00",
            "ends_at": "2030-03-01T17:00",
            "online": "on",
        },
    )
    session = CohortSession.objects.get(title="Demo day")
    assert good.status_code == 302
    assert timezone.localtime(session.starts_at).hour == 14
    calendar = client.get(url("cohort_calendar", cohort.public_id)).content.decode()
    assert "Demo day" in calendar and "Matrix session" in calendar


def test_the_calendar_file_is_icalendar_with_escaped_text(personas, client_for):
    cohort = matrix_cohort(personas)
    SessionFactory(
        cohort=cohort,
        title="Kick-off; fast, slow\\deep",
        agenda="Line one\nLine two",
        starts_at=datetime.datetime(2030, 3, 1, 13, 0, tzinfo=datetime.UTC),
    )
    response = client_for("employee").get(url("cohort_calendar_ics", cohort.public_id))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Kick-off\\; fast\\, slow\\\\deep\r\n" in body
    assert "DESCRIPTION:Line one\\nLine two\r\n" in body
    assert "DTSTART:20300301T130000Z\r\n" in body
    assert body.count("BEGIN:VEVENT") == 2


def test_long_calendar_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + escape_text("Édition " * 30)
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line


def test_a_member_writes_a_retrospective_and_the_cohort_reads_it(personas, client_for):
    cohort = matrix_cohort(personas)
    session = cohort.sessions.get()
    target = url("session", cohort.public_id, session.public_id)
    response = client_for("employee").post(target, {"went_well": "Real stories", "to_change": ""})
    assert response.status_code == 302
    assert SessionRetrospective.objects.get(session=session).went_well == "Real stories"
    assert "Real stories" in client_for("hr").get(target).content.decode()


def test_an_empty_retrospective_comes_back_with_an_error(personas, client_for):
    cohort = matrix_cohort(personas)
    session = cohort.sessions.get()
    response = client_for("employee").post(
        url("session", cohort.public_id, session.public_id), {"went_well": " "}
    )
    assert response.status_code == 400
    assert "Write at least one of the three" in response.content.decode()


def test_the_organiser_cannot_post_a_retrospective(personas, client_for):
    cohort = matrix_cohort(personas)
    session = cohort.sessions.get()
    response = client_for("hr").post(
        url("session", cohort.public_id, session.public_id), {"went_well": "As organiser"}
    )
    assert response.status_code == 403


def test_a_coming_session_has_no_retrospective_form(personas, client_for):
    cohort = matrix_cohort(personas)
    session = SessionFactory(cohort=cohort, upcoming=True)
    content = (
        client_for("employee")
        .get(url("session", cohort.public_id, session.public_id))
        .content.decode()
    )
    assert "Retrospectives open once the session has started." in content
    assert 'name="went_well"' not in content


def test_a_member_puts_work_on_the_board_linking_their_experiment_and_edits_it(
    personas, client_for
):
    cohort = matrix_cohort(personas)
    experiment = running_experiment(personas.employee, title="Plain letter test")
    client = client_for("employee")
    response = client.post(
        url("board_item_new", cohort.public_id),
        {
            "title": "Plain letters",
            "work": "Rewriting",
            "column": "trying",
            "experiment": str(experiment.public_id),
        },
    )
    assert response.status_code == 302
    item = BoardItem.objects.get(title="Plain letters")
    assert item.experiment == experiment
    board = client.get(url("cohort_board", cohort.public_id)).content.decode()
    assert "Plain letters" in board
    experiments = client_for("hr").get(url("cohort_experiments", cohort.public_id)).content.decode()
    assert "Plain letter test" in experiments
    # The private card's title shows to the cohort, the card itself only to its readers.
    assert experiment_url(experiment) not in experiments
    edit = client_for("employee").post(
        url("board_item_edit", cohort.public_id, item.public_id),
        {"title": "Plain letters", "column": "learned", "experiment": ""},
    )
    assert edit.status_code == 302
    item.refresh_from_db()
    assert (item.column, item.experiment) == ("learned", None)


def experiment_url(experiment) -> str:
    return reverse("experiments:detail", kwargs={"public_id": experiment.public_id})


def test_someone_elses_experiment_is_not_a_choice_on_the_board_form(personas, client_for):
    cohort = matrix_cohort(personas)
    theirs = running_experiment(personas.line_manager)
    response = client_for("employee").post(
        url("board_item_new", cohort.public_id),
        {"title": "Borrowed", "column": "trying", "experiment": str(theirs.public_id)},
    )
    assert response.status_code == 200
    assert "Link one of your own experiments." in response.content.decode()
    assert not BoardItem.objects.filter(title="Borrowed").exists()


def test_a_member_cannot_edit_or_delete_another_members_item(personas, client_for):
    cohort = matrix_cohort(personas)
    MemberFactory(cohort=cohort, user=personas.line_manager)
    item = BoardItemFactory(cohort=cohort, owner=personas.line_manager)
    client = client_for("employee")
    assert client.get(url("board_item_edit", cohort.public_id, item.public_id)).status_code == 403
    response = client.post(url("board_item_delete", cohort.public_id, item.public_id))
    assert response.status_code == 403
    assert BoardItem.objects.filter(pk=item.pk).exists()


def test_a_member_takes_their_own_item_off_the_board(personas, client_for):
    cohort = matrix_cohort(personas)
    item = cohort.board_items.get()
    response = client_for("employee").post(
        url("board_item_delete", cohort.public_id, item.public_id)
    )
    assert response.status_code == 302
    assert not BoardItem.objects.filter(pk=item.pk).exists()


def test_the_organiser_removes_a_member(personas, client_for):
    cohort = matrix_cohort(personas)
    member = cohort.members.get()
    response = client_for("hr").post(url("member_remove", cohort.public_id, member.pk))
    assert response.status_code == 302
    assert not cohort.members.exists()
    assert client_for("employee").get(url("cohort", cohort.public_id)).status_code == 404


def test_a_finished_cohort_is_read_only(personas, client_for):
    cohort = CohortFactory(finished=True, organiser=personas.hr)
    MemberFactory(cohort=cohort, user=personas.employee)
    RetrospectiveFactory(session=SessionFactory(cohort=cohort, past=True), author=personas.employee)
    assert client_for("employee").get(url("board_item_new", cohort.public_id)).status_code == 403
    content = client_for("hr").get(url("cohort", cohort.public_id)).content.decode()
    assert "Add a member" not in content
    assert client_for("hr").get(url("cohort_edit", cohort.public_id)).status_code == 200


def test_the_list_shows_my_cohorts_and_the_new_cohort_link_only_to_hr(personas, client_for):
    matrix_cohort(personas)
    mine = client_for("employee").get(url("cohorts")).content.decode()
    assert "Matrix cohort" in mine and "New cohort" not in mine
    theirs = client_for("line_manager").get(url("cohorts")).content.decode()
    assert "Matrix cohort" not in theirs
    hr = client_for("hr").get(url("cohorts")).content.decode()
    assert "Matrix cohort" in hr and "New cohort" in hr


def test_pages_use_no_inline_style_or_script(personas, client_for):
    cohort = matrix_cohort(personas)
    session = cohort.sessions.get()
    item = cohort.board_items.get()
    pages = [
        ("hr", url("cohorts")),
        ("hr", url("cohort_new")),
        ("hr", url("cohort", cohort.public_id)),
        ("hr", url("cohort_edit", cohort.public_id)),
        ("hr", url("cohort_calendar", cohort.public_id)),
        ("hr", url("session_new", cohort.public_id)),
        ("hr", url("session_edit", cohort.public_id, session.public_id)),
        ("employee", url("session", cohort.public_id, session.public_id)),
        ("employee", url("cohort_board", cohort.public_id)),
        ("employee", url("board_item_new", cohort.public_id)),
        ("employee", url("board_item_edit", cohort.public_id, item.public_id)),
        ("employee", url("cohort_experiments", cohort.public_id)),
    ]
    for persona, address in pages:
        content = client_for(persona).get(address).content.decode()
        assert "style=" not in content, address
        assert "<style" not in content, address
        assert "<script>" not in content, address
        assert content.count("<h1") == 1, address
