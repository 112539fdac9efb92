# SPDX-License-Identifier: EUPL-1.2
"""A unit's objectives tree: who keeps it, what it shows, and its writes (docs/goals.md).

HR keeps the objectives of the units in its scope, and a team lead those of their unit and the
units below it. Each objective has at most one parent (the model has one field for it), in the
same unit or in a unit above it, so the tree cascades down the chart and never loops. An
objective that a goal links to is retired (``is_active=False``) rather than deleted, so the
goal keeps saying what it contributed to.

The writes (``objective_create``, ``objective_update``, ``objective_remove``) are keyword-only
services like those of ``services.py``, and refuse with a translated ``GoalsError``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rules
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from elan.goals.models import Objective
from elan.goals.services import GoalsError
from elan.organisations.constants import Role
from elan.organisations.models import Unit
from elan.organisations.selectors import coverage_of

TITLE_MAX = 200
DESCRIPTION_MAX = 2000


class ParentRefused(GoalsError):
    """The chosen parent is not one this objective may contribute to."""


# --- reads ---------------------------------------------------------------------------------


def manageable_units(*, user) -> QuerySet[Unit]:
    """The units whose objectives ``user`` keeps: HR's scope and a team lead's subtree."""
    scope = coverage_of(user=user, role=(Role.HR, Role.TEAM_LEAD))
    if scope.is_empty:
        return Unit.objects.none()
    return scope.units().order_by("path")


def may_manage(*, user, unit: Unit | None) -> bool:
    return unit is not None and rules.has_perm("goals.manage_objectives", user, unit)


def _above_and_own(unit: Unit) -> list[str]:
    step = Unit.steplen
    return [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]


def parent_choices(*, unit: Unit, objective: Objective | None = None) -> QuerySet[Objective]:
    """The objectives an objective of ``unit`` may contribute to: active ones of the unit or
    of a unit above it, leaving out ``objective`` itself and everything below it (a loop)."""
    choices = Objective.objects.filter(
        unit__path__in=_above_and_own(unit), is_active=True
    ).select_related("unit")
    if objective is not None and objective.pk is not None:
        choices = choices.exclude(pk__in=[objective.pk, *_descendant_ids(objective)])
    return choices.order_by("unit__path", "title")


def _descendant_ids(objective: Objective) -> set[int]:
    """Every objective below ``objective``, whatever unit it is in. The tree is small (one unit's
    chain), so a few queries, one per level, are enough."""
    found: set[int] = set()
    level = {objective.pk}
    while level:
        level = set(
            Objective.objects.filter(parent_id__in=level)
            .exclude(pk__in=found | {objective.pk})
            .values_list("pk", flat=True)
        )
        found |= level
    return found


@dataclass
class Node:
    objective: Objective
    editable: bool  # the unit's own objective, which the reader keeps; above: read-only
    children: list[Node] = field(default_factory=list)


def tree_for(*, unit: Unit) -> list[Node]:
    """The unit's objectives as a nested list under the objectives of the units above that they
    contribute to (read-only here), each level ordered by title. Retired ones are included and
    marked by the template."""
    own = list(Objective.objects.filter(unit=unit).select_related("unit", "parent"))
    shown: dict[int, Objective] = {objective.pk: objective for objective in own}
    # The chain of parents above the unit's objectives, one level at a time.
    pending = {o.parent_id for o in own if o.parent_id and o.parent_id not in shown}
    while pending:
        found = list(Objective.objects.filter(pk__in=pending).select_related("unit"))
        shown.update((objective.pk, objective) for objective in found)
        pending = {o.parent_id for o in found if o.parent_id and o.parent_id not in shown}
    nodes = {
        pk: Node(objective, editable=objective.unit_id == unit.pk)
        for pk, objective in shown.items()
    }
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.objective.parent_id) if node.objective.parent_id else None
        (parent.children if parent is not None else roots).append(node)

    def order(level: list[Node]) -> list[Node]:
        level.sort(key=lambda node: (node.objective.unit.path, node.objective.title.casefold()))
        for node in level:
            order(node.children)
        return level

    return order(roots)


def objective_for(*, public_id, user) -> Objective | None:
    """An objective that ``user`` keeps, or None (the page answers 404)."""
    objective = (
        Objective.objects.select_related("unit", "parent").filter(public_id=public_id).first()
    )
    if objective is None or not may_manage(user=user, unit=objective.unit):
        return None
    return objective


# --- writes --------------------------------------------------------------------------------


def _require_manager(actor, unit: Unit) -> None:
    if not may_manage(user=actor, unit=unit):
        raise GoalsError(_("Only HR or the unit's team lead can change its objectives."))


def _clean_texts(title: str, description: str) -> tuple[str, str]:
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise GoalsError(_("Give the objective a title."))
    if len(title) > TITLE_MAX or len(description) > DESCRIPTION_MAX:
        raise GoalsError(_("The title or the description is too long."))
    return title, description


def _check_parent(*, unit: Unit, parent: Objective | None, objective: Objective | None) -> None:
    if parent is None:
        return
    if not unit.path.startswith(parent.unit.path):
        raise ParentRefused(
            _(
                "An objective can contribute only to an objective of its own unit or of a unit "
                "above it. Choose another one."
            )
        )
    if objective is not None and (
        parent.pk == objective.pk or parent.pk in _descendant_ids(objective)
    ):
        raise ParentRefused(
            _(
                "This objective cannot contribute to itself or to an objective that contributes "
                "to it. Choose another one."
            )
        )
    unchanged = objective is not None and objective.parent_id == parent.pk
    if not parent.is_active and not unchanged:
        raise ParentRefused(_("That objective is no longer in use. Choose another one."))


@transaction.atomic
def objective_create(
    *,
    unit: Unit,
    actor,
    title: str,
    description: str = "",
    parent: Objective | None = None,
) -> Objective:
    _require_manager(actor, unit)
    title, description = _clean_texts(title, description)
    _check_parent(unit=unit, parent=parent, objective=None)
    return Objective.objects.create(
        unit=unit, parent=parent, title=title, description=description, created_by=actor
    )


@transaction.atomic
def objective_update(
    *,
    objective: Objective,
    actor,
    title: str,
    description: str = "",
    parent: Objective | None = None,
    is_active: bool = True,
) -> Objective:
    objective = (
        Objective.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=objective.pk)
    )
    _require_manager(actor, objective.unit)
    title, description = _clean_texts(title, description)
    _check_parent(unit=objective.unit, parent=parent, objective=objective)
    objective.title = title
    objective.description = description
    objective.parent = parent
    objective.is_active = is_active
    objective.save(update_fields=["title", "description", "parent", "is_active"])
    return objective


@transaction.atomic
def objective_remove(*, objective: Objective, actor) -> bool:
    """Delete the objective, or retire it when a goal or another objective links to it, so
    that they keep saying what they contribute to. True when it was deleted."""
    objective = (
        Objective.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=objective.pk)
    )
    _require_manager(actor, objective.unit)
    if objective.goals.exists() or objective.children.exists():
        if objective.is_active:
            objective.is_active = False
            objective.save(update_fields=["is_active"])
        return False
    objective.delete()
    return True
