# SPDX-License-Identifier: EUPL-1.2
"""The demo fellowship cohorts show what the README names to each persona, and add nothing when
loaded again.

Only what they need is loaded, once for the module (the organisation and the experiments, whose
cards the board links), inside a transaction rolled back afterwards, so that no other test sees
them.
"""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.cohorts import selectors
from elan.cohorts.constants import Column, Status
from elan.cohorts.demo import (
    DRAFT,
    EVA_RETROSPECTIVES,
    RETROSPECTIVES,
    RUNNING,
    load_demo_cohorts,
)
from elan.cohorts.models import (
    BoardItem,
    Cohort,
    CohortEvent,
    CohortMember,
    CohortSession,
    SessionRetrospective,
)
from elan.experiments.demo import EVA_LETTER, load_demo_experiments
from elan.organisations.demo import load_demo_organisation

EMPLOYEE = "employee@elan.example"
TEAM_LEAD = "teamlead@elan.example"
LINE_MANAGER = "manager@elan.example"
HR = "hr@elan.example"


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Cohort,
            CohortEvent,
            CohortMember,
            CohortSession,
            BoardItem,
            SessionRetrospective,
        )
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The organisation, the experiments and the cohorts, loaded twice; everything is rolled
    back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_organisation()
        load_demo_experiments()
        running = load_demo_cohorts()
        first = _counts()
        again = load_demo_cohorts()
        yield {"running": running, "again_returns": again, "first": first, "again": _counts()}
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def user(email: str):
    return get_user_model().objects.get(email=email)


def test_the_demo_loads_a_running_cohort_and_a_draft_both_organised_by_hanne(loaded):
    running, draft = Cohort.objects.get(title=RUNNING), Cohort.objects.get(title=DRAFT)
    today = timezone.localdate()

    assert loaded["running"] == running
    assert (running.status, draft.status) == (Status.RUNNING, Status.DRAFT)
    assert list(running.organisers.all()) == list(draft.organisers.all()) == [user(HR)]
    assert 75 <= (today - running.starts_on).days <= 100
    assert 75 <= (running.ends_on - today).days <= 100
    assert draft.starts_on > running.ends_on
    assert all(c.created_at < timezone.now() for c in (running, draft))
    assert running.created_at.date() < running.starts_on


def test_a_second_run_adds_nothing(loaded):
    assert loaded["again"] == loaded["first"]
    assert loaded["again_returns"] == loaded["running"]


def test_about_ten_members_from_different_directorates_none_of_one_unit_too_many(loaded):
    running = Cohort.objects.get(title=RUNNING)
    rows = selectors.members_of(cohort=running)
    spread = selectors.unit_spread(cohort=running, rows=rows)

    assert 8 <= len(rows) <= 12
    assert len(spread) >= 6 and not any(share.over_limit for share in spread)
    directorates = {row.unit.code.split("-")[1] for row in rows if row.unit.code.count("-")}
    assert directorates == {"DGDT", "DGRH", "DGBUD"}
    assert {row.member.user.preferred_language for row in rows} == {"nl", "fr"}


def test_eva_is_a_member_and_her_board_item_links_her_letter_test(loaded):
    running = Cohort.objects.get(title=RUNNING)
    eva = user(EMPLOYEE)

    assert running in selectors.cohorts_of(user=eva)
    assert rules.has_perm("cohorts.view_cohort", eva, running)
    [item] = BoardItem.objects.filter(cohort=running, owner=eva)
    assert item.column == Column.TRYING
    assert (item.experiment.title, item.experiment.owner) == (EVA_LETTER.title, eva)
    assert item.created_at < item.updated_at < timezone.now()
    assert rules.has_perm("cohorts.edit_board_item", eva, item)


def test_every_member_has_an_item_and_two_others_link_cards_of_their_own(loaded):
    running = Cohort.objects.get(title=RUNNING)
    items = BoardItem.objects.filter(cohort=running).select_related("experiment")
    members = set(running.members.values_list("user_id", flat=True))

    assert sorted(items.values_list("owner_id", flat=True)) == sorted(members)
    assert {item.column for item in items} == set(Column.values)
    linked = [item for item in items if item.experiment is not None]
    assert len(linked) == 3
    assert all(item.experiment.owner_id == item.owner_id for item in linked)
    shown = selectors.experiments_of(cohort=running, viewer=user(EMPLOYEE))
    assert len(shown) == 3 and all(entry.readable for entry in shown)


def test_the_running_cohort_has_past_sessions_with_retrospectives_and_future_ones(loaded):
    running = Cohort.objects.get(title=RUNNING)
    calendar = selectors.calendar(cohort=running)
    members = running.members.count()
    eva = user(EMPLOYEE)

    assert (len(calendar.past), len(calendar.upcoming)) == (3, 3)
    assert any(s.online and not s.place for s in calendar.all)
    assert any(s.place and not s.online for s in calendar.all)
    assert all(s.agenda for s in calendar.all)
    for session in calendar.past:
        retrospectives = selectors.retrospectives_of(session=session)
        assert members / 2 < len(retrospectives) < members
        assert all(session.ends_at < r.written_at < timezone.now() for r in retrospectives)
    for session in calendar.upcoming:
        assert not session.retrospectives.exists()
    first, second, third = sorted(calendar.past, key=lambda s: s.starts_at)
    assert selectors.retrospective_of(session=first, author=eva) is None
    assert selectors.retrospective_of(session=second, author=eva) is not None
    assert selectors.retrospective_of(session=third, author=eva) is not None


def test_retrospectives_are_written_in_their_authors_language(loaded):
    written = SessionRetrospective.objects.filter(session__cohort__title=RUNNING).select_related(
        "author"
    )
    eva = {texts[0] for texts in EVA_RETROSPECTIVES.values()}

    assert {r.author.preferred_language for r in written} == {"nl", "fr"}
    for retrospective in written:
        language = retrospective.author.preferred_language
        pool = {texts[0] for session in RETROSPECTIVES.values() for texts in session[language]}
        assert retrospective.went_well in pool | (eva if language == "nl" else set())


def test_the_line_manager_and_the_team_lead_do_not_see_the_running_cohort(loaded):
    running = Cohort.objects.get(title=RUNNING)

    for email in (LINE_MANAGER, TEAM_LEAD):
        person = user(email)
        assert not rules.has_perm("cohorts.view_cohort", person, running)
        assert not selectors.cohorts_of(user=person).exists()


def test_the_draft_is_its_organisers_only(loaded):
    draft = Cohort.objects.get(title=DRAFT)
    invited = [row.member.user for row in selectors.members_of(cohort=draft)]

    assert len(invited) == 2 and draft.sessions.count() == 1
    assert rules.has_perm("cohorts.view_cohort", user(HR), draft)
    for person in (*invited, user(EMPLOYEE), user(LINE_MANAGER), user(TEAM_LEAD)):
        assert not rules.has_perm("cohorts.view_cohort", person, draft)
        assert draft not in selectors.cohorts_of(user=person)
