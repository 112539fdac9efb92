# SPDX-License-Identifier: EUPL-1.2
"""Each role's home page: where the person stands in the loop, and what their role adds."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from elan.core import modules
from elan.core.modules import ModuleLink, ModuleState, ModuleStatus
from elan.core.vocabulary import LoopStep
from elan.portal.selectors import loop_for

pytestmark = pytest.mark.django_db


def home(client_for, persona: str) -> str:
    with translation.override("en"):
        url = reverse("portal:home")
    response = client_for(persona).get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def registry(monkeypatch):
    """A registry of our own, so a test's modules do not leak into the next test."""
    monkeypatch.setattr(modules, "_REGISTRY", {})
    return modules


def test_a_visitor_sees_the_loop_and_where_to_start_but_no_personal_panel(client_for):
    page = home(client_for, "visitor")
    assert "The loop" in page
    assert "Start here" in page
    assert "Your place in the organisation" not in page


def test_an_employee_sees_where_they_stand_their_unit_and_their_manager(client_for, personas):
    page = home(client_for, "employee")
    assert "Where you stand in the loop" in page
    assert 'aria-current="step"' in page and "You are here" in page
    assert "Team One" in page
    assert str(personas.line_manager) in page
    assert "Your HR scope" not in page and "Go to the back office" not in page


def test_a_line_manager_sees_how_many_people_report_to_them(client_for):
    assert "1 person reports to you." in home(client_for, "line_manager")


def test_a_team_lead_sees_their_team_and_its_size(client_for):
    page = home(client_for, "team_lead")
    assert "Your team" in page
    assert "Team One: 3 people" in page


def test_hr_sees_their_scope_and_a_link_to_the_import(client_for):
    page = home(client_for, "hr")
    assert "Your HR scope" in page
    assert "FPS One" in page
    assert "2 units, 7 people." in page  # the whole first service, its team included
    assert reverse("organisations_admin:import") in page


@pytest.mark.parametrize(
    ("persona", "sentence"),
    [
        ("content_editor", "Write and translate the hub"),
        ("moderator", "Review the content waiting for you"),
        ("administrator", "Manage accounts, roles and settings."),
    ],
)
def test_editors_moderators_and_administrators_see_the_back_office(client_for, persona, sentence):
    page = home(client_for, persona)
    assert reverse("wagtailadmin_home") in page
    assert sentence in page


def test_an_administrator_also_finds_the_import(client_for):
    assert reverse("organisations_admin:import") in home(client_for, "administrator")


def test_an_outsider_sees_only_their_own_place(client_for):
    page = home(client_for, "outsider")
    assert "FPS Two" in page
    assert "Your team" not in page and "Your HR scope" not in page
    assert "Go to the back office" not in page


def test_a_module_whose_pages_do_not_exist_yet_adds_no_link(registry, personas):
    registry.module_register(ModuleLink(LoopStep.TRY, "Experiments", ("experiments:nowhere",)))
    stops = {stop.value: stop for stop in loop_for(user=personas.employee)}
    assert stops[LoopStep.TRY].links == []
    assert stops[LoopStep.LEARN].is_current  # nothing to do yet: begin at the beginning


def test_a_module_that_exists_is_linked_on_its_step(registry, personas):
    registry.module_register(
        ModuleLink(LoopStep.SPEAK_UP, "Accessibility", ("portal:accessibility",))
    )
    stops = {stop.value: stop for stop in loop_for(user=personas.employee)}
    assert stops[LoopStep.SPEAK_UP].links[0].url.endswith("/accessibility/")
    assert stops[LoopStep.SPEAK_UP].is_current


def state(status: ModuleStatus):
    return lambda user: [ModuleState(status, f"{status} thing", "/somewhere/")]


def test_the_person_stands_at_the_next_step_with_something_to_start(registry, personas):
    registry.module_register(
        ModuleLink(LoopStep.LEARN, "Hub", ("portal:home",), state=state(ModuleStatus.DONE))
    )
    registry.module_register(
        ModuleLink(
            LoopStep.PLAN,
            "Goals",
            ("portal:accessibility",),
            state=state(ModuleStatus.NOT_STARTED),
        )
    )
    stops = {stop.value: stop for stop in loop_for(user=personas.employee)}
    assert stops[LoopStep.PLAN].is_current
    assert not stops[LoopStep.LEARN].is_current


def test_the_person_stays_at_the_furthest_step_with_something_in_progress(registry, personas):
    steps = [
        (LoopStep.LEARN, "portal:home", ModuleStatus.IN_PROGRESS),
        (LoopStep.LOOK, "portal:accessibility", ModuleStatus.NOT_STARTED),
        (LoopStep.PLAN, "portal:report_barrier", ModuleStatus.IN_PROGRESS),
    ]
    for step, name, status in steps:
        registry.module_register(ModuleLink(step, "Module", (name,), state=state(status)))
    stops = {stop.value: stop for stop in loop_for(user=personas.employee)}
    assert [value for value, stop in stops.items() if stop.is_current] == [LoopStep.PLAN]


def test_something_waiting_does_not_move_the_person_along_the_loop(registry, personas):
    registry.module_register(
        ModuleLink(LoopStep.LOOK, "Survey", ("portal:home",), state=state(ModuleStatus.WAITING))
    )
    registry.module_register(
        ModuleLink(
            LoopStep.PLAN,
            "Goals",
            ("portal:accessibility",),
            state=state(ModuleStatus.NOT_STARTED),
        )
    )
    stops = {stop.value: stop for stop in loop_for(user=personas.employee)}
    assert stops[LoopStep.PLAN].is_current


def test_a_visitor_is_asked_about_by_no_module(registry, personas):
    asked = []
    registry.module_register(
        ModuleLink(LoopStep.LOOK, "Survey", ("portal:home",), state=asked.append)
    )
    stops = {stop.value: stop for stop in loop_for(user=personas.visitor)}
    assert asked == [] and stops[LoopStep.LOOK].links[0].states == []


def test_the_home_page_reads_in_the_persons_language(client_for):
    client = client_for("employee")
    with translation.override("nl"):
        url = reverse("portal:home")
    page = client.get(url).content.decode()
    assert "Waar je staat in de cyclus" in page
    assert "Je bent hier" in page
