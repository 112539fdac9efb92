# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import rules
from django.urls import NoReverseMatch, reverse

from elan.core.modules import (
    Audience,
    ModuleState,
    ModuleStatus,
    registered_modules,
    team_item_providers,
)
from elan.core.vocabulary import LoopStep, Principle
from elan.organisations import selectors as organisation_selectors
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class ModuleView:
    """A module as the home page shows it: its link, and where the person stands with it."""

    label: StrOrPromise
    url: str
    description: StrOrPromise = ""
    states: list[ModuleState] = field(default_factory=list)

    @property
    def summary(self) -> ModuleState | None:
        """The one state the loop shows: where the person stands with the module (what waits
        for them is listed first on the page, under "What to do next"), else what waits."""
        standing = [state for state in self.states if state.status != ModuleStatus.WAITING]
        shown = standing or self.states
        return shown[0] if shown else None


@dataclass
class LoopStop:
    value: str
    label: StrOrPromise
    links: list[ModuleView] = field(default_factory=list)
    is_current: bool = False

    @property
    def statuses(self) -> set[str]:
        return {state.status for link in self.links for state in link.states}


@dataclass
class Team:
    unit: Unit
    size: int


def home_context(*, user) -> dict:
    loop = loop_for(user=user)
    context = {
        "loop_steps": LoopStep.choices,
        "principles": Principle.choices,
        "loop": loop,
    }
    if not user.is_authenticated:
        return context
    roles = organisation_selectors.roles_of(user=user)
    record = StaffRecord.objects.filter(user=user).select_related("unit", "line_manager").first()
    team_items, organisation_items = role_items_for(user=user)
    context.update(
        {
            "next_items": next_items(loop),
            "team_items": team_items,
            "organisation_items": organisation_items,
            "roles": roles,
            "staff_record": record,
            "direct_reports": StaffRecord.objects.filter(
                line_manager=user, user__is_active=True
            ).count(),
            "teams": _teams_led_by(user) if Role.TEAM_LEAD in roles else [],
            "hr_scope": _hr_scope(user) if Role.HR in roles else None,
            "back_office_url": _back_office_url(user),
            "import_url": _import_url(user),
        }
    )
    return context


# Statuses that say the person has begun a step: it is where they are, or behind them.
_BEGUN = {ModuleStatus.IN_PROGRESS, ModuleStatus.DONE}
_OPEN = {ModuleStatus.IN_PROGRESS, ModuleStatus.NOT_STARTED}


def loop_for(*, user) -> list[LoopStop]:
    """The six steps, each with the modules that serve it, and where the person stands.

    Each module reports its states (``ModuleLink.state``). The person stands at the furthest
    step they have begun (something in progress or done there), or, when everything begun there
    is done, at the next step that still has something to start or finish. A person who has
    begun nothing stands at the first step with something to start, or else at the first step
    that has a module at all: that is where to begin. Items waiting for the person (a survey,
    an invitation) do not move them along the loop: they are listed apart, first.
    """
    stops = {value: LoopStop(value, label) for value, label in LoopStep.choices}
    for module in registered_modules():
        url = module.url()
        if url is None:
            continue
        states = list(module.state(user)) if module.state and user.is_authenticated else []
        states.sort(key=lambda state: state.sort_key)
        stops[module.step].links.append(ModuleView(module.label, url, module.description, states))
    order = [stops[value] for value, _label in LoopStep.choices]
    current = _current_stop(order)
    current.is_current = True
    return order


def _current_stop(order: list[LoopStop]) -> LoopStop:
    begun = [stop for stop in order if stop.statuses & _BEGUN]
    if begun:
        furthest = begun[-1]
        if ModuleStatus.IN_PROGRESS in furthest.statuses:
            return furthest
        after = order[order.index(furthest) + 1 :]
        return next((stop for stop in after if stop.statuses & _OPEN), furthest)
    return next(
        (stop for stop in order if ModuleStatus.NOT_STARTED in stop.statuses),
        next((stop for stop in order if stop.links), order[0]),
    )


def next_items(loop: list[LoopStop]) -> list[ModuleState]:
    """What to do next: everything waiting for the person (soonest date first), then what they
    can resume, then what there is to start at the step they stand at."""
    states = [state for stop in loop for link in stop.links for state in link.states]
    waiting = [s for s in states if s.status == ModuleStatus.WAITING]
    resume = [s for s in states if s.status == ModuleStatus.IN_PROGRESS and s.url]
    current = next((stop for stop in loop if stop.is_current), None)
    start = [
        state
        for link in (current.links if current else [])
        for state in link.states
        if state.status == ModuleStatus.NOT_STARTED and state.url
    ]
    return (
        sorted(waiting, key=lambda s: s.sort_key) + sorted(resume, key=lambda s: s.sort_key) + start
    )


def role_items_for(*, user) -> tuple[list[ModuleState], list[ModuleState]]:
    """The open items of the viewer's team and of the campaigns and decisions of their role,
    as each module's provider allows them; each list soonest first."""
    team: list[ModuleState] = []
    organisation: list[ModuleState] = []
    if not user.is_authenticated:
        return team, organisation
    for provider in team_item_providers():
        for item in provider(user):
            (team if item.audience == Audience.TEAM else organisation).append(item.state)
    team.sort(key=lambda state: state.sort_key)
    organisation.sort(key=lambda state: state.sort_key)
    return team, organisation


def _active_people_in(unit: Unit) -> int:
    return StaffRecord.objects.filter(
        unit__path__startswith=unit.path, user__is_active=True
    ).count()


def _teams_led_by(user) -> list[Team]:
    coverage = organisation_selectors.coverage_of(user=user, role=Role.TEAM_LEAD)
    units = coverage.roots().filter(is_active=True)
    return [Team(unit=unit, size=_active_people_in(unit)) for unit in units]


def _hr_scope(user) -> dict:
    coverage = organisation_selectors.coverage_of(user=user, role=Role.HR)
    whole = coverage.whole_organisation
    units = coverage.units().filter(is_active=True)
    people = StaffRecord.objects.filter(user__is_active=True, unit__in=units.values("pk")).count()
    roots = [] if whole else list(coverage.roots())
    return {"whole": whole, "roots": roots, "units": units.count(), "people": people}


def _back_office_url(user) -> str | None:
    if not rules.has_perm("wagtailadmin.access_admin", user):
        return None
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return None


def _import_url(user) -> str | None:
    if not rules.has_perm("organisations.import_staff", user):
        return None
    try:
        return reverse("organisations_admin:import")
    except NoReverseMatch:
        return None
