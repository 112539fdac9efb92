# SPDX-License-Identifier: EUPL-1.2
"""``coverage_of``: the one answer to "which units does this person's role cover?"."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.selectors import Coverage, coverage_of, users_covering
from elan.organisations.services import role_assign
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def chart():
    """Two organisations; the first with two services, the second of which has a team."""
    one = UnitFactory(code="ONE")
    UnitFactory(parent=one, code="ONE-B")
    UnitFactory(parent=Unit.objects.get(code="ONE"), code="ONE-D")
    UnitFactory(parent=Unit.objects.get(code="ONE-D"), code="ONE-D-T")
    UnitFactory(code="TWO")
    return {unit.code: unit for unit in Unit.objects.all()}


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_a_role_without_a_unit_covers_the_whole_organisation(chart):
    person = person_in(chart["ONE"])
    role_assign(user=person, role=Role.HR)
    coverage = coverage_of(user=person, role=Role.HR)
    assert coverage.whole_organisation and not coverage.is_empty
    assert codes(coverage.units()) == set(chart)
    assert coverage.covers(chart["TWO"])
    assert coverage.unit_filter() == Q()
    assert not coverage.roots().exists()


def test_a_role_on_a_unit_covers_that_unit_and_everything_below_it(chart):
    person = person_in(chart["ONE"])
    role_assign(user=person, role=Role.HR, unit=chart["ONE-D"])
    coverage = coverage_of(user=person, role=Role.HR)
    assert not coverage.whole_organisation
    assert coverage.root_codes == {"ONE-D"}
    assert codes(coverage.units()) == {"ONE-D", "ONE-D-T"}
    assert coverage.covers(chart["ONE-D-T"])
    assert not coverage.covers(chart["ONE"])
    assert not coverage.covers(chart["ONE-B"])
    assert [unit.code for unit in coverage.roots()] == ["ONE-D"]


def test_the_filter_reaches_the_covered_units_from_a_related_model(chart):
    lead = person_in(chart["ONE"])
    inside = person_in(chart["ONE-D-T"])
    person_in(chart["ONE-B"])
    role_assign(user=lead, role=Role.TEAM_LEAD, unit=chart["ONE-D"])
    coverage = coverage_of(user=lead, role=Role.TEAM_LEAD)
    records = StaffRecord.objects.filter(coverage.unit_filter("unit__"))
    assert list(records.values_list("user_id", flat=True)) == [inside.pk]


def test_two_assignments_cover_both_subtrees(chart):
    person = person_in(chart["ONE"])
    role_assign(user=person, role=Role.HR, unit=chart["ONE-B"])
    role_assign(user=person, role=Role.HR, unit=chart["TWO"])
    coverage = coverage_of(user=person, role=Role.HR)
    assert coverage.root_codes == {"ONE-B", "TWO"}
    assert codes(coverage.units()) == {"ONE-B", "TWO"}


def test_several_roles_are_asked_together_and_each_alone(chart):
    person = person_in(chart["ONE"])
    role_assign(user=person, role=Role.TEAM_LEAD, unit=chart["ONE-D-T"])
    role_assign(user=person, role=Role.HR, unit=chart["ONE-B"])
    both = coverage_of(user=person, role=(Role.TEAM_LEAD, Role.HR))
    assert codes(both.units()) == {"ONE-B", "ONE-D-T"}
    assert coverage_of(user=person, role=Role.TEAM_LEAD).root_codes == {"ONE-D-T"}
    assert both == coverage_of(user=person, role=Role.TEAM_LEAD) | coverage_of(
        user=person, role=Role.HR
    )


def test_no_assignment_covers_nothing(chart):
    person = person_in(chart["ONE"])
    role_assign(user=person, role=Role.TEAM_LEAD, unit=chart["ONE-B"])
    coverage = coverage_of(user=person, role=Role.HR)
    assert coverage.is_empty
    assert not coverage.units().exists()
    assert not coverage.covers(chart["ONE-B"])
    assert not StaffRecord.objects.filter(coverage.unit_filter("unit__")).exists()
    assert coverage_of(user=AnonymousUser(), role=Role.HR).is_empty


def test_a_superuser_is_an_administrator_and_nothing_more(chart):
    superuser = person_in(chart["ONE"], is_superuser=True, is_staff=True)
    assert coverage_of(user=superuser, role=Role.ADMINISTRATOR).whole_organisation
    assert coverage_of(user=superuser, role=Role.HR).is_empty


def test_a_unit_added_before_a_root_keeps_the_coverage_on_the_same_units(chart):
    person = person_in(chart["ONE"])
    role_assign(user=person, role=Role.HR, unit=chart["ONE-D"])
    before = coverage_of(user=person, role=Role.HR)
    # Siblings are kept in code order, so a new "ONE-C" renumbers ONE-D and its team.
    UnitFactory(parent=Unit.objects.get(code="ONE"), code="ONE-C")
    assert Unit.objects.get(code="ONE-D").path != chart["ONE-D"].path
    after = coverage_of(user=person, role=Role.HR)
    assert after == before  # compared by the roots' codes, the stable key
    assert after.root_paths != before.root_paths
    assert codes(after.units()) == {"ONE-D", "ONE-D-T"}
    assert after.covers(Unit.objects.get(code="ONE-D-T"))
    assert not after.covers(Unit.objects.get(code="ONE-C"))


def test_the_people_covering_a_unit_are_the_reverse_of_coverage(chart):
    everywhere = person_in(chart["ONE"])
    above = person_in(chart["ONE"])
    beside = person_in(chart["ONE"])
    role_assign(user=everywhere, role=Role.HR)
    role_assign(user=above, role=Role.HR, unit=chart["ONE-D"])
    role_assign(user=beside, role=Role.HR, unit=chart["ONE-B"])
    holders = users_covering(unit=chart["ONE-D-T"], role=Role.HR)
    assert set(holders) == {everywhere, above}
    for person in (everywhere, above, beside):
        covers = coverage_of(user=person, role=Role.HR).covers(chart["ONE-D-T"])
        assert covers == (person in holders)


def test_a_coverage_is_a_frozen_value():
    coverage = Coverage(root_codes=frozenset({"X"}), root_paths=("0001",))
    with pytest.raises(AttributeError):
        coverage.whole_organisation = True  # type: ignore[misc]
    assert coverage == Coverage(root_codes=frozenset({"X"}), root_paths=("0002",))
