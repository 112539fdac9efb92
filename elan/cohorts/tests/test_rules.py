# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest
import rules

from elan.cohorts.tests.factories import (
    BoardItemFactory,
    CohortFactory,
    MemberFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_only_hr_creates_a_cohort(personas):
    assert rules.has_perm("cohorts.create", personas.hr)
    assert not rules.has_perm("cohorts.create", personas.team_lead)
    assert not rules.has_perm("cohorts.create", personas.administrator)
    assert not rules.has_perm("cohorts.create", personas.visitor)


def test_a_draft_is_its_organisers_alone_and_members_read_it_once_it_runs(personas):
    cohort = CohortFactory(organiser=personas.hr)
    MemberFactory(cohort=cohort, user=personas.employee)
    assert rules.has_perm("cohorts.view_cohort", personas.hr, cohort)
    assert not rules.has_perm("cohorts.view_cohort", personas.employee, cohort)
    cohort.status = "running"
    assert rules.has_perm("cohorts.view_cohort", personas.employee, cohort)
    for outsider in (personas.line_manager, personas.team_lead, personas.administrator):
        assert not rules.has_perm("cohorts.view_cohort", outsider, cohort)


def test_the_organisers_manage_and_members_do_not(personas):
    cohort = CohortFactory(running=True, organiser=personas.hr)
    MemberFactory(cohort=cohort, user=personas.employee)
    assert rules.has_perm("cohorts.manage_cohort", personas.hr, cohort)
    assert not rules.has_perm("cohorts.manage_cohort", personas.employee, cohort)


def test_a_member_edits_only_their_own_board_item_while_the_cohort_is_open(personas):
    cohort = CohortFactory(running=True, organiser=personas.hr)
    MemberFactory(cohort=cohort, user=personas.employee)
    MemberFactory(cohort=cohort, user=personas.line_manager)
    item = BoardItemFactory(cohort=cohort, owner=personas.employee)
    assert rules.has_perm("cohorts.edit_board_item", personas.employee, item)
    assert not rules.has_perm("cohorts.edit_board_item", personas.line_manager, item)
    assert not rules.has_perm("cohorts.edit_board_item", personas.hr, item)
    cohort.status = "finished"
    cohort.save()
    item.refresh_from_db()
    assert not rules.has_perm("cohorts.edit_board_item", personas.employee, item)


def test_a_member_writes_a_retrospective_once_the_session_started_and_organisers_do_not(personas):
    cohort = CohortFactory(running=True, organiser=personas.hr)
    MemberFactory(cohort=cohort, user=personas.employee)
    held = SessionFactory(cohort=cohort, past=True)
    coming = SessionFactory(cohort=cohort, upcoming=True)
    assert rules.has_perm("cohorts.write_retrospective", personas.employee, held)
    assert not rules.has_perm("cohorts.write_retrospective", personas.employee, coming)
    assert not rules.has_perm("cohorts.write_retrospective", personas.hr, held)
