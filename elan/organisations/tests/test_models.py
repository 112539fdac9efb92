# SPDX-License-Identifier: EUPL-1.2
"""The chart's own rules, checked by the models whatever writes to them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from elan.organisations.constants import Role
from elan.organisations.models import RoleAssignment, StaffRecord, Unit
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def test_units_nest_to_any_depth_and_a_subtree_is_one_query(django_assert_num_queries):
    unit = UnitFactory(code="L1")
    for depth in range(2, 9):
        unit = UnitFactory(parent=Unit.objects.get(pk=unit.pk), code=f"L{depth}")
    top = Unit.objects.get(code="L1")
    assert Unit.objects.get(code="L8").depth == 8
    with django_assert_num_queries(1):
        assert Unit.objects.filter(top.subtree_filter()).count() == 8


def test_a_unit_needs_a_name_in_some_language():
    unit = Unit(code="NAMELESS")
    with pytest.raises(ValidationError):
        unit.clean()


def test_a_unit_code_keeps_to_characters_files_and_urls_do_not_mangle():
    unit = UnitFactory(code="OK-1")
    unit.code = "not ok/1"
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "code" in error.value.message_dict


def test_a_person_cannot_be_their_own_line_manager():
    person = person_in(UnitFactory())
    record = StaffRecord.objects.get(user=person)
    record.line_manager = person
    with pytest.raises(ValidationError) as error:
        record.clean()
    assert "line_manager" in error.value.message_dict


def test_a_line_manager_may_not_close_a_loop_in_the_reporting_line():
    unit = UnitFactory()
    top = person_in(unit)
    middle = person_in(unit, manager=top)
    bottom = person_in(unit, manager=middle)
    record = StaffRecord.objects.get(user=top)
    record.line_manager = bottom
    with pytest.raises(ValidationError) as error:
        record.clean()
    assert "line_manager" in error.value.message_dict


def test_people_belong_to_active_units_only():
    unit = UnitFactory(is_active=False)
    person = person_in(UnitFactory())
    record = StaffRecord.objects.get(user=person)
    record.unit = unit
    with pytest.raises(ValidationError) as error:
        record.clean()
    assert "unit" in error.value.message_dict


def test_each_person_has_a_unit_a_manager_a_language_a_grade_and_roles():
    unit = UnitFactory()
    manager = person_in(unit)
    person = person_in(unit, manager=manager, preferred_language="de")
    RoleAssignment.objects.create(user=person, role=Role.TEAM_LEAD, unit=unit)
    record = StaffRecord.objects.select_related("user").get(user=person)
    assert (record.unit, record.line_manager, record.user.preferred_language, record.grade) == (
        unit,
        manager,
        "de",
        "B",
    )
    assert list(person.role_assignments.values_list("role", flat=True)) == [Role.TEAM_LEAD]


def test_platform_roles_never_carry_a_unit():
    person = person_in(UnitFactory())
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=person, role=Role.MODERATOR, unit=UnitFactory())
