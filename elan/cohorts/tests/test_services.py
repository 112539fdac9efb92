# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from elan.accounts.tests.factories import UserFactory
from elan.cohorts import selectors, services
from elan.cohorts.constants import Column, HistoryKind, Status
from elan.cohorts.models import BoardItem, CohortEvent, CohortMember, SessionRetrospective
from elan.cohorts.tests.factories import (
    BoardItemFactory,
    CohortFactory,
    MemberFactory,
    RetrospectiveFactory,
    SessionFactory,
)
from elan.experiments.tests.factories import running_experiment
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def test_a_new_cohort_is_in_preparation_organised_by_its_creator_with_its_first_history(personas):
    today = timezone.localdate()
    cohort = services.cohort_create(
        title=" Fellows 2027 ",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=120),
        by=personas.hr,
    )
    assert cohort.title == "Fellows 2027"
    assert cohort.status == Status.DRAFT
    assert list(cohort.organisers.all()) == [personas.hr]
    entry = CohortEvent.objects.get(cohort=cohort)
    assert (entry.kind, entry.to_status, entry.by) == (
        HistoryKind.STATUS,
        Status.DRAFT,
        personas.hr,
    )


def test_a_cohort_cannot_end_before_it_starts(personas):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        services.cohort_create(
            title="Backwards",
            starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
            by=personas.hr,
        )
    assert codes(caught.value) == {"dates"}


def test_a_cohort_moves_only_as_its_lifecycle_allows_and_each_move_is_appended(personas):
    cohort = CohortFactory(organiser=personas.hr)
    services.cohort_move(cohort=cohort, to=Status.RUNNING, by=personas.hr)
    services.cohort_move(cohort=cohort, to=Status.FINISHED, by=personas.hr)
    with pytest.raises(ValidationError) as caught:
        services.cohort_move(cohort=cohort, to=Status.RUNNING, by=personas.hr)
    assert codes(caught.value) == {"transition"}
    moves = list(CohortEvent.objects.filter(cohort=cohort).values_list("from_status", "to_status"))
    assert moves == [("draft", "running"), ("running", "finished")]


def test_a_member_is_added_by_address_whatever_its_case_and_the_history_names_them(personas):
    cohort = CohortFactory(organiser=personas.hr)
    added = services.member_add(cohort=cohort, email=" EMPLOYEE@elan.test ", by=personas.hr)
    assert added.member.user == personas.employee
    assert added.unit == personas.team
    assert (added.unit_count, added.crowded) == (1, False)
    entry = CohortEvent.objects.get(cohort=cohort, kind=HistoryKind.MEMBER_ADDED)
    assert entry.person == personas.employee


@pytest.mark.parametrize(
    ("email", "code"),
    [("nobody@elan.test", "unknown"), ("closed@elan.test", "inactive"), ("", "required")],
)
def test_an_unknown_or_closed_account_cannot_join(personas, email, code):
    UserFactory(email="closed@elan.test", inactive=True)
    cohort = CohortFactory(organiser=personas.hr)
    with pytest.raises(ValidationError) as caught:
        services.member_add(cohort=cohort, email=email, by=personas.hr)
    assert codes(caught.value) == {code}
    assert not CohortMember.objects.exists()


def test_nobody_joins_twice(personas):
    cohort = CohortFactory(organiser=personas.hr)
    services.member_add(cohort=cohort, email="employee@elan.test", by=personas.hr)
    with pytest.raises(ValidationError) as caught:
        services.member_add(cohort=cohort, email="employee@elan.test", by=personas.hr)
    assert codes(caught.value) == {"already_member"}


def test_the_organiser_is_told_when_one_unit_sends_more_members_than_the_cohort_allows(personas):
    cohort = CohortFactory(organiser=personas.hr, max_per_unit=2)
    first = services.member_add(cohort=cohort, email="employee@elan.test", by=personas.hr)
    second = services.member_add(cohort=cohort, email="line.manager@elan.test", by=personas.hr)
    third = services.member_add(cohort=cohort, email="team.lead@elan.test", by=personas.hr)
    assert [first.crowded, second.crowded, third.crowded] == [False, False, True]
    assert third.unit_count == 3
    # Told, not refused: the three are members.
    assert CohortMember.objects.filter(cohort=cohort).count() == 3


def test_the_unit_spread_counts_members_per_unit_most_first(personas):
    cohort = CohortFactory(running=True, max_per_unit=1)
    for person in (personas.employee, personas.line_manager, personas.outsider):
        MemberFactory(cohort=cohort, user=person)
    spread = selectors.unit_spread(cohort=cohort)
    assert [(share.unit, share.count, share.over_limit) for share in spread] == [
        (personas.team, 2, True),
        (personas.other_organisation, 1, False),
    ]


def test_a_finished_cohort_takes_no_new_member(personas):
    cohort = CohortFactory(finished=True, organiser=personas.hr)
    with pytest.raises(ValidationError) as caught:
        services.member_add(cohort=cohort, email="employee@elan.test", by=personas.hr)
    assert codes(caught.value) == {"status"}


def test_removing_a_member_takes_their_board_items_off_and_keeps_their_retrospectives(personas):
    cohort = CohortFactory(running=True, organiser=personas.hr)
    member = MemberFactory(cohort=cohort, user=personas.employee)
    BoardItemFactory(cohort=cohort, owner=personas.employee)
    RetrospectiveFactory(session=SessionFactory(cohort=cohort, past=True), author=personas.employee)
    services.member_remove(member=member, by=personas.hr)
    assert not CohortMember.objects.filter(cohort=cohort).exists()
    assert not BoardItem.objects.filter(cohort=cohort).exists()
    assert SessionRetrospective.objects.filter(author=personas.employee).exists()
    entry = CohortEvent.objects.get(cohort=cohort, kind=HistoryKind.MEMBER_REMOVED)
    assert entry.person == personas.employee


def test_a_session_needs_an_end_after_its_start_and_a_place_or_online(personas):
    cohort = CohortFactory(running=True)
    start = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        services.session_add(
            cohort=cohort, title="Kick-off", starts_at=start, ends_at=start, by=personas.hr
        )
    assert codes(caught.value) == {"times", "place"}
    session = services.session_add(
        cohort=cohort,
        title="Kick-off",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        online=True,
        by=personas.hr,
    )
    assert session.online and session.place == ""
    assert CohortEvent.objects.filter(cohort=cohort, kind=HistoryKind.SESSION_ADDED).exists()


def test_a_session_someone_looked_back_on_cannot_move_into_the_future(personas):
    session = SessionFactory(past=True)
    RetrospectiveFactory(session=session)
    later = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as caught:
        services.session_update(
            session=session,
            title=session.title,
            starts_at=later,
            ends_at=later + datetime.timedelta(hours=1),
            place="Room 1",
            by=personas.hr,
        )
    assert codes(caught.value) == {"has_retrospectives"}


def test_the_calendar_puts_coming_sessions_soonest_first_and_past_ones_latest_first():
    cohort = CohortFactory(running=True)
    now = timezone.now()
    old = SessionFactory(cohort=cohort, starts_at=now - datetime.timedelta(days=20))
    recent = SessionFactory(cohort=cohort, starts_at=now - datetime.timedelta(days=2))
    later = SessionFactory(cohort=cohort, starts_at=now + datetime.timedelta(days=20))
    soon = SessionFactory(cohort=cohort, starts_at=now + datetime.timedelta(days=2))
    calendar = selectors.calendar(cohort=cohort, now=now)
    assert calendar.upcoming == [soon, later]
    assert calendar.past == [recent, old]


def test_a_member_puts_work_on_the_board_linked_to_their_own_experiment(personas):
    cohort = CohortFactory(running=True)
    MemberFactory(cohort=cohort, user=personas.employee)
    experiment = running_experiment(personas.employee)
    item = services.board_item_save(
        cohort=cohort,
        owner=personas.employee,
        title="Plain letters",
        work="Rewriting the reminder letter.",
        column=Column.TRYING,
        experiment=experiment,
    )
    assert (item.owner, item.column, item.experiment) == (personas.employee, "trying", experiment)
    [row] = selectors.experiments_of(cohort=cohort, viewer=personas.employee)
    assert row.experiment == experiment and row.items == [item] and row.readable


def test_a_board_item_cannot_link_someone_elses_experiment(personas):
    cohort = CohortFactory(running=True)
    MemberFactory(cohort=cohort, user=personas.employee)
    theirs = running_experiment(personas.line_manager)
    with pytest.raises(ValidationError) as caught:
        services.board_item_save(
            cohort=cohort, owner=personas.employee, title="Borrowed", experiment=theirs
        )
    assert codes(caught.value) == {"not_own_experiment"}


def test_a_member_changes_only_their_own_board_item_and_only_members_write_one(personas):
    cohort = CohortFactory(running=True, organiser=personas.hr)
    MemberFactory(cohort=cohort, user=personas.employee)
    MemberFactory(cohort=cohort, user=personas.line_manager)
    item = BoardItemFactory(cohort=cohort, owner=personas.line_manager)
    with pytest.raises(ValidationError) as caught:
        services.board_item_save(
            cohort=cohort, owner=personas.employee, title="Mine now", item=item
        )
    assert codes(caught.value) == {"not_owner"}
    with pytest.raises(ValidationError) as caught:
        services.board_item_save(cohort=cohort, owner=personas.hr, title="Organiser's")
    assert codes(caught.value) == {"not_member"}


def test_the_board_shows_every_column_in_order_with_its_items(personas):
    cohort = CohortFactory(running=True)
    trying = BoardItemFactory(cohort=cohort, trying=True)
    learned = BoardItemFactory(cohort=cohort, learned=True)
    board = selectors.board(cohort=cohort)
    assert [(c.column, c.items) for c in board] == [
        (Column.EXPLORING, []),
        (Column.TRYING, [trying]),
        (Column.LEARNED, [learned]),
    ]


def test_a_retrospective_comes_after_the_session_started_one_per_member_rewritten_in_place(
    personas,
):
    cohort = CohortFactory(running=True)
    MemberFactory(cohort=cohort, user=personas.employee)
    coming = SessionFactory(cohort=cohort, upcoming=True)
    with pytest.raises(ValidationError) as caught:
        services.retrospective_write(session=coming, author=personas.employee, went_well="Early")
    assert codes(caught.value) == {"not_started"}
    held = SessionFactory(cohort=cohort, past=True)
    services.retrospective_write(session=held, author=personas.employee, went_well="Good")
    services.retrospective_write(session=held, author=personas.employee, to_change="Less talk")
    retro = SessionRetrospective.objects.get(session=held, author=personas.employee)
    assert (retro.went_well, retro.to_change) == ("", "Less talk")


def test_a_retrospective_says_something_and_is_written_by_a_member(personas):
    cohort = CohortFactory(running=True)
    MemberFactory(cohort=cohort, user=personas.employee)
    held = SessionFactory(cohort=cohort, past=True)
    with pytest.raises(ValidationError) as caught:
        services.retrospective_write(session=held, author=personas.employee, went_well="  ")
    assert codes(caught.value) == {"empty"}
    with pytest.raises(ValidationError) as caught:
        services.retrospective_write(session=held, author=personas.outsider, went_well="Hi")
    assert codes(caught.value) == {"not_member"}


def test_a_person_off_the_chart_counts_apart_in_the_unit_spread(personas):
    cohort = CohortFactory(running=True)
    MemberFactory(cohort=cohort, user=UserFactory())
    MemberFactory(cohort=cohort, user=person_in(UnitFactory(name_en="Elsewhere")))
    spread = selectors.unit_spread(cohort=cohort)
    assert [share.unit is None for share in spread] == [False, True]
