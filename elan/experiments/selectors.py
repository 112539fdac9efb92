# SPDX-License-Identifier: EUPL-1.2
"""Reads of experiments, and who may read which (docs/access.md, docs/experiments.md).

Sharing, once the card has left its draft:

- **team**: the people of the owner's unit, the owner's line above them on the chart (their
  line manager, that person's, and so on), and the team leads whose scope covers the unit;
- **organisation**: every member of the owner's organisation (the unit's root on the chart),
  and nobody of another.

A draft, or a card shared with nobody, stays with its owner and co-owners. ``readable_by`` is
the one filter the learning wall, the manager's view and any search use; ``is_reader`` is the
same rule for one card.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from elan.experiments.constants import PermissionStatus, Sharing, Status
from elan.experiments.models import (
    Experiment,
    ExperimentEvent,
    ExperimentRules,
    Iteration,
    PermissionRequest,
)
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.selectors import coverage_of, has_role, unit_of

# How far up and down the line the chart is followed; deeper charts than this do not exist.
LINE_DEPTH = 12


def is_owner(*, viewer, experiment: Experiment) -> bool:
    if not getattr(viewer, "is_authenticated", False):
        return False
    if experiment.owner_id == viewer.pk:
        return True
    return experiment.co_owners.filter(pk=viewer.pk).exists()


def owned_by(*, viewer) -> QuerySet[Experiment]:
    return Experiment.objects.filter(Q(owner=viewer) | Q(co_owners=viewer)).distinct()


def people_below(*, manager) -> set[int]:
    """Everyone who reports to ``manager``, directly or through others, as user ids."""
    found: set[int] = set()
    level = {manager.pk}
    for _depth in range(LINE_DEPTH):
        level = set(
            StaffRecord.objects.filter(line_manager_id__in=level)
            .exclude(user_id__in=found | {manager.pk})
            .values_list("user_id", flat=True)
        )
        if not level:
            break
        found |= level
    return found


def leads_people(*, viewer) -> bool:
    """Someone with a report on the chart, or who leads a team: the manager's view is theirs."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    return StaffRecord.objects.filter(line_manager=viewer).exists() or has_role(
        user=viewer, role=Role.TEAM_LEAD
    )


def line_above(*, person) -> list[int]:
    """The person's line manager, theirs, and so on, as user ids, nearest first."""
    line: list[int] = []
    current = person.pk
    for _depth in range(LINE_DEPTH):
        above = (
            StaffRecord.objects.filter(user_id=current)
            .values_list("line_manager_id", flat=True)
            .first()
        )
        if above is None or above in line or above == person.pk:
            break
        line.append(above)
        current = above
    return line


def organisation_path(unit: Unit) -> str:
    """The path of the organisation a unit belongs to: the root of its tree on the chart."""
    return unit.path[: Unit.steplen]


def readable_by(*, viewer, below: set[int] | None = None) -> QuerySet[Experiment]:
    """Every experiment ``viewer`` may read: their own and co-owned ones (drafts included), and
    the ones shared with them once started. ``below``, the viewer's ``people_below`` when the
    caller has it already, saves following the chart a second time."""
    if not getattr(viewer, "is_authenticated", False):
        return Experiment.objects.none()
    own = Q(owner=viewer) | Q(co_owners=viewer)
    shared = Q(pk__in=[])
    unit = unit_of(user=viewer)
    if unit is not None:
        shared |= Q(sharing=Sharing.ORGANISATION, unit__path__startswith=organisation_path(unit))
        shared |= Q(sharing=Sharing.TEAM, unit=unit)
    if below is None:
        below = people_below(manager=viewer)
    if below:
        shared |= Q(sharing=Sharing.TEAM, owner_id__in=below)
    leads = coverage_of(user=viewer, role=Role.TEAM_LEAD)
    if not leads.is_empty:
        shared |= Q(sharing=Sharing.TEAM) & leads.unit_filter("unit__")
    # A draft closed before it ever ran was never shared, whatever its sharing choice says.
    started = ~Q(status=Status.DRAFT) & Q(started_at__isnull=False)
    ids = Experiment.objects.filter(own | (shared & started)).values("pk")
    return Experiment.objects.filter(pk__in=ids)


def is_reader(*, viewer, experiment: Experiment) -> bool:
    return readable_by(viewer=viewer).filter(pk=experiment.pk).exists()


def experiment_for(*, viewer, public_id) -> Experiment | None:
    """The experiment if ``viewer`` may read it, else None (its page answers 404)."""
    return (
        readable_by(viewer=viewer)
        .select_related("owner", "unit", "based_on", "hub_case")
        .filter(public_id=public_id)
        .first()
    )


def iterations_of(*, experiment: Experiment) -> list[Iteration]:
    return list(experiment.iterations.select_related("recorded_by").order_by("number"))


def history_of(*, experiment: Experiment) -> list[ExperimentEvent]:
    return list(experiment.events.select_related("by"))


def permission_requests_of(*, experiment: Experiment) -> list[PermissionRequest]:
    return list(experiment.permission_requests.select_related("asked_of", "answered_by"))


def requests_waiting_for(*, viewer) -> QuerySet[PermissionRequest]:
    """The permission requests ``viewer`` was asked and has not answered, oldest first."""
    return (
        PermissionRequest.objects.filter(asked_of=viewer, status=PermissionStatus.WAITING)
        .select_related("experiment", "experiment__owner")
        .order_by("asked_at", "pk")
    )


def permission_request_for(*, viewer, public_id) -> PermissionRequest | None:
    """A request as its asked person or the experiment's owners read it; None otherwise."""
    request = (
        PermissionRequest.objects.select_related("experiment", "asked_of", "experiment__owner")
        .filter(public_id=public_id)
        .first()
    )
    if request is None:
        return None
    if request.asked_of_id == getattr(viewer, "pk", None):
        return request
    if is_owner(viewer=viewer, experiment=request.experiment):
        return request
    return None


def built_on(*, experiment: Experiment, viewer) -> QuerySet[Experiment]:
    """The experiments that started from this one, as far as ``viewer`` may read them; the
    original's owners see every one, so that they know who built on their work."""
    children = Experiment.objects.filter(based_on=experiment).select_related("owner", "unit")
    if is_owner(viewer=viewer, experiment=experiment):
        return children
    return children.filter(pk__in=readable_by(viewer=viewer).values("pk"))


def co_owners_of(*, experiment: Experiment) -> list:
    return list(experiment.co_owners.order_by("last_name", "first_name", "email"))


def rules_for(*, unit: Unit | None):
    """The organisation's experiment rules, or the defaults."""
    if unit is not None:
        found = (
            ExperimentRules.objects.filter(organisation__path=organisation_path(unit))
            .select_related("organisation")
            .first()
        )
        if found is not None:
            return found
    return ExperimentRules()


# --- links to the rest of Elan (issue 17, point 6) ----------------------------------------------
# Appended after the module's own reads, with the imports they alone need.

from dataclasses import dataclass  # noqa: E402

from elan.core.vocabulary import InnovationSkill  # noqa: E402
from elan.experiments.constants import EventKind  # noqa: E402


def card_url(*, experiment: Experiment) -> str:
    """The card's address: the one place other modules learn it from."""
    from django.urls import reverse

    return reverse("experiments:detail", kwargs={"public_id": experiment.public_id})


def is_finished(*, experiment: Experiment) -> bool:
    """Decided, made official, or closed after a decision: what the hub may learn from. A draft
    dropped before any test, or a parked one taken up again, is not."""
    if experiment.status in (Status.DECIDED, Status.REGULARISED):
        return True
    return experiment.status == Status.CLOSED and bool(experiment.decision)


def may_propose_case(*, viewer, experiment: Experiment) -> bool:
    """Whether ``viewer`` may propose the experiment as a hub case now: an owner, once, when
    it is finished."""
    return (
        is_finished(experiment=experiment)
        and experiment.hub_case_id is None
        and not experiment.events.filter(kind=EventKind.CASE_PROPOSED).exists()
        and is_owner(viewer=viewer, experiment=experiment)
    )


@dataclass(frozen=True)
class SkillEvidence:
    """One experiment that exercised a skill, and in how many of its iterations."""

    experiment: Experiment
    iterations: int


def skill_evidence(*, owner, viewer) -> dict[str, list[SkillEvidence]]:
    """The skills ``owner``'s experiments exercised, per skill slug, as their skills profile
    shows them: only experiments whose owner allowed it (``skills_on_profile``), and of those,
    to anyone but the owner, only the ones ``viewer`` may read. Skills in the vocabulary's
    order; within a skill, the most iterations first."""
    if not getattr(viewer, "is_authenticated", False) or owner is None:
        return {}
    experiments = Experiment.objects.filter(owner=owner, skills_on_profile=True).exclude(
        status=Status.DRAFT
    )
    if viewer.pk != owner.pk:
        experiments = experiments.filter(pk__in=readable_by(viewer=viewer).values("pk"))
    by_pk = {experiment.pk: experiment for experiment in experiments.select_related("unit")}
    counts: dict[str, dict[int, int]] = {}
    iterations = Iteration.objects.filter(experiment_id__in=list(by_pk)).values_list(
        "experiment_id", "skills"
    )
    for experiment_id, skills in iterations:
        for slug in dict.fromkeys(skills or []):
            per_experiment = counts.setdefault(slug, {})
            per_experiment[experiment_id] = per_experiment.get(experiment_id, 0) + 1
    evidence: dict[str, list[SkillEvidence]] = {}
    for slug in InnovationSkill.values:
        if slug not in counts:
            continue
        rows = [
            SkillEvidence(experiment=by_pk[pk], iterations=number)
            for pk, number in counts[slug].items()
        ]
        rows.sort(key=lambda row: (-row.iterations, row.experiment.title.casefold()))
        evidence[slug] = rows
    return evidence


def citable_by(*, person) -> QuerySet[Experiment]:
    """The experiments ``person`` may cite as evidence of their own: owned or co-owned, and
    started (a draft was never tried)."""
    return (
        owned_by(viewer=person)
        .exclude(status=Status.DRAFT)
        .filter(started_at__isnull=False)
        .order_by("-updated_at", "-pk")
    )
