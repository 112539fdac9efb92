# SPDX-License-Identifier: EUPL-1.2
"""The demo organisation is deterministic, complete enough to show every role, and idempotent."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from elan.organisations.constants import Role
from elan.organisations.demo import DEMO_PASSWORD, PERSONAS, demo_people, load_demo_organisation
from elan.organisations.models import RoleAssignment, StaffRecord, Unit

pytestmark = pytest.mark.django_db
User = get_user_model()


def counts() -> dict:
    return {
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "records": StaffRecord.objects.count(),
        "roles": RoleAssignment.objects.count(),
        "managers": StaffRecord.objects.exclude(line_manager=None).count(),
    }


def test_the_demo_organisation_has_a_few_services_40_units_and_about_300_people():
    load_demo_organisation()
    assert Unit.objects.filter(depth=1).count() == 5
    assert Unit.objects.count() == 40
    assert 280 <= StaffRecord.objects.count() <= 320
    assert Unit.find_problems() == ([], [], [], [], [])


def test_the_demo_covers_every_role_and_the_three_national_languages():
    load_demo_organisation()
    roles = Counter(RoleAssignment.objects.values_list("role", flat=True))
    assert set(roles) == {choice.value for choice in Role}
    assert roles[Role.TEAM_LEAD] == 40  # every unit has a head
    languages = Counter(User.objects.values_list("preferred_language", flat=True))
    assert {"nl", "fr", "de"} <= set(languages)
    assert min(languages["nl"], languages["fr"]) > 100 and languages["de"] >= 10


def test_loading_the_demo_twice_creates_nothing_new():
    load_demo_organisation()
    first = counts()
    load_demo_organisation()
    assert counts() == first


def test_the_demo_is_the_same_on_every_run():
    assert demo_people() == demo_people()


def test_the_personas_keep_their_logins_and_the_shared_password():
    load_demo_organisation()
    for persona in PERSONAS:
        user = User.objects.get(email=persona.email)
        assert user.check_password(DEMO_PASSWORD)
    generated = User.objects.get(email=demo_people()[0].email)
    assert generated.check_password(DEMO_PASSWORD)


def test_everyone_but_the_heads_of_services_has_a_line_manager():
    load_demo_organisation()
    unmanaged = StaffRecord.objects.filter(line_manager=None).select_related("unit")
    assert {record.unit.depth for record in unmanaged} == {1}
    assert unmanaged.count() == 5


def test_the_demo_command_prints_one_login_per_persona(capsys):
    call_command("demo_data")
    output = capsys.readouterr().out
    for persona in PERSONAS:
        assert persona.email in output


def test_the_federal_generator_builds_a_valid_tree_with_heads_and_managers():
    call_command("generate_federal_dataset", "--people", "1600")
    assert Unit.objects.count() == 1500
    assert StaffRecord.objects.count() == 1600
    assert Unit.find_problems() == ([], [], [], [], [])
    assert RoleAssignment.objects.filter(role=Role.TEAM_LEAD).count() == 1500
    assert StaffRecord.objects.filter(line_manager=None).count() == 20
    # A sorted insert after the bulk load still lands in the right place.
    parent = Unit.objects.get(code="FED-01")
    child = parent.add_child(code="FED-01-000", name_en="First")
    assert child.get_parent() == parent
    assert Unit.find_problems() == ([], [], [], [], [])
