# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import rules
from django.urls import NoReverseMatch, reverse

from elan.core.modules import registered_modules
from elan.core.vocabulary import LoopStep, Principle
from elan.organisations import selectors as organisation_selectors
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class LoopStop:
    value: str
    label: StrOrPromise
    links: list[dict] = field(default_factory=list)
    is_current: bool = False


@dataclass
class Team:
    unit: Unit
    size: int


def home_context(*, user) -> dict:
    context = {
        "loop_steps": LoopStep.choices,
        "principles": Principle.choices,
        "loop": loop_for(user=user),
    }
    if not user.is_authenticated:
        return context
    roles = organisation_selectors.roles_of(user=user)
    record = StaffRecord.objects.filter(user=user).select_related("unit", "line_manager").first()
    context.update(
        {
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


def loop_for(*, user) -> list[LoopStop]:
    """The six steps, each with the modules that serve it, and where the person stands.

    The person stands at the first step whose module reports it is not done yet, or, when no
    module can tell, at the first step that has a module at all: that is where to begin.
    """
    stops = {value: LoopStop(value, label) for value, label in LoopStep.choices}
    undone: list[str] = []
    for module in registered_modules():
        url = module.url()
        if url is None:
            continue
        stops[module.step].links.append(
            {"label": module.label, "url": url, "description": module.description}
        )
        done = module.done(user) if module.done and user.is_authenticated else None
        if done is False:
            undone.append(module.step)
    order = [value for value, _label in LoopStep.choices]
    if undone:
        current = min(undone, key=order.index)
    else:
        current = next((value for value in order if stops[value].links), order[0])
    stops[current].is_current = True
    return list(stops.values())


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
