# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from elan.cohorts import services
from elan.cohorts.models import (
    BoardItem,
    Cohort,
    CohortEvent,
    CohortMember,
    SessionRetrospective,
)
from elan.cohorts.personal_data import erase_cohorts, export_cohorts
from elan.cohorts.tests.factories import (
    BoardItemFactory,
    CohortFactory,
    MemberFactory,
    RetrospectiveFactory,
    SessionFactory,
)
from elan.core import personal_data
from elan.experiments.tests.factories import running_experiment

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(personas):
    cohort = CohortFactory(running=True, title="Fellows", organiser=personas.hr)
    services.member_add(cohort=cohort, email="employee@elan.test", by=personas.hr)
    BoardItemFactory(
        cohort=cohort,
        owner=personas.employee,
        title="Plain letters",
        experiment=running_experiment(personas.employee, title="Letter test"),
    )
    RetrospectiveFactory(
        session=SessionFactory(cohort=cohort, past=True, title="Kick-off"),
        author=personas.employee,
        went_well="Stories",
    )
    return cohort


def test_the_download_holds_the_persons_memberships_board_items_and_retrospectives(
    personas, cohort
):
    exported = export_cohorts(personas.employee)
    assert [m["cohort"] for m in exported["cohorts_you_are_a_member_of"]] == ["Fellows"]
    [item] = exported["your_board_items"]
    assert (item["title"], item["experiment"]) == ("Plain letters", "Letter test")
    [retro] = exported["your_retrospectives"]
    assert (retro["session"], retro["went_well"]) == ("Kick-off", "Stories")
    organiser = export_cohorts(personas.hr)
    assert organiser["cohorts_you_organise"] == ["Fellows"]
    assert {a["what"] for a in organiser["your_actions_on_cohorts"]} == {"member_added"}


def test_a_draft_cohort_is_not_in_a_members_download(personas):
    draft = CohortFactory(title="Not yet")
    MemberFactory(cohort=draft, user=personas.employee)
    assert export_cohorts(personas.employee)["cohorts_you_are_a_member_of"] == []


def test_erasure_removes_the_persons_work_and_memberships_and_keeps_the_cohort(personas, cohort):
    erase_cohorts(user=personas.employee, now=None)
    erase_cohorts(user=personas.hr, now=None)
    assert Cohort.objects.filter(pk=cohort.pk).exists()
    assert not CohortMember.objects.filter(user=personas.employee).exists()
    assert not BoardItem.objects.filter(owner=personas.employee).exists()
    assert not SessionRetrospective.objects.filter(author=personas.employee).exists()
    assert not cohort.organisers.exists()
    # The history keeps that someone was added, no longer who nor by whom.
    entry = CohortEvent.objects.get(cohort=cohort, kind="member_added")
    assert (entry.by, entry.person) == (None, None)
    assert cohort.sessions.count() == 1


def test_the_register_knows_the_cohorts_exporter_and_eraser():
    assert "cohorts" in personal_data.exporters()
    assert "cohorts" in personal_data.erasers()
    assert "cohorts" in personal_data.exported_models()["cohorts.SessionRetrospective"]
    assert "cohorts" in personal_data.erased_models()["cohorts.BoardItem"]
