# SPDX-License-Identifier: EUPL-1.2
"""Builders for evaluation cycles, written straight to the models so that any test can set up
any state; tests of the services' own rules go through the services instead.

``cycle_of(person)`` starts a cycle today with the person's line manager as evaluator and a
planning talk; ``GoalFactory(cycle=..., agreed=True)`` or ``innovation="result"`` are the traits.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from elan.goals.constants import (
    Agreement,
    CycleStatus,
    GoalKind,
    InnovationKind,
    TalkKind,
    TalkStatus,
)
from elan.goals.models import Cycle, Goal, GoalTemplate, Objective, Talk
from elan.organisations.models import StaffRecord


def cycle_of(
    person,
    *,
    starts_on: datetime.date | None = None,
    status=CycleStatus.PLANNING,
    evaluator="chart",
    second_evaluator=None,
    planning_talk: bool = True,
) -> Cycle:
    starts_on = starts_on or timezone.localdate()
    record = StaffRecord.objects.filter(user=person).select_related("unit").first()
    if evaluator == "chart":
        evaluator = record.line_manager if record else None
    cycle = Cycle.objects.create(
        person=person,
        evaluator=evaluator,
        second_evaluator=second_evaluator,
        unit=record.unit if record else None,
        starts_on=starts_on,
        ends_on=starts_on.replace(year=starts_on.year + 1) - datetime.timedelta(days=1),
        status=status,
    )
    if planning_talk:
        TalkFactory(cycle=cycle, kind=TalkKind.PLANNING, planned_on=starts_on)
    return cycle


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    kind = TalkKind.PLANNING
    status = TalkStatus.SCHEDULED
    planned_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyAttribute(lambda talk: talk.planned_on)

    class Params:
        held = factory.Trait(
            status=TalkStatus.HELD, held_on=factory.LazyAttribute(lambda talk: talk.planned_on)
        )


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    kind = GoalKind.DEVELOPMENT
    innovation = InnovationKind.APPLIED_SKILL
    title = factory.Sequence(lambda n: f"Run a small test with users, number {n}")
    indicator = "Three users tried the new form and we wrote down what they did"
    target = "One test by June, with its lessons shared with the team"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=180))
    agreement = Agreement.DRAFT

    class Params:
        proposed = factory.Trait(agreement=Agreement.PROPOSED)
        agreed = factory.Trait(agreement=Agreement.AGREED)
        result = factory.Trait(
            kind=GoalKind.PERFORMANCE,
            innovation=InnovationKind.RESULT,
            title="Shorter waiting time for a permit",
            indicator="Median days from request to decision, read from the case system",
            target="From 30 to 20 days by December",
        )
        enabling = factory.Trait(
            kind=GoalKind.PERFORMANCE,
            innovation=InnovationKind.ENABLING,
            title="Give the team room to test",
            indicator="Days a month the team may spend on tests, and tests started",
            target="Two days a month; three tests started this year",
        )


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    title = factory.Sequence(lambda n: f"Objective {n}")


class GoalTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalTemplate

    code = factory.Sequence(lambda n: f"template-{n}")
    kind = GoalKind.DEVELOPMENT
    innovation = InnovationKind.APPLIED_SKILL
    title = factory.LazyFunction(lambda: {"en": "Run one responsible experiment"})
    indicator = factory.LazyFunction(lambda: {"en": "The experiment's plan and what it taught"})
    target = factory.LazyFunction(lambda: {"en": "One experiment by the interim talk"})


@dataclass
class MatrixCycle:
    cycle: Cycle
    agreed: Goal
    draft: Goal
    interim: Talk
    evidence: object


def matrix_cycle(personas) -> MatrixCycle:
    """The employee's cycle for the persona × URL matrix, built through the services."""
    from elan.assessments.tests.factories import submitted_assessment
    from elan.goals import services
    from elan.goals.constants import EvidenceKind

    person, evaluator = personas.employee, personas.line_manager
    today = timezone.localdate()
    cycle = services.cycle_start(
        person=person, starts_on=today - datetime.timedelta(days=60), actor=person
    )
    planning = cycle.talks.get()
    services.talk_hold(talk=planning, actor=evaluator, held_on=planning.planned_on)
    agreed = services.goal_create(
        cycle=cycle,
        actor=person,
        kind=GoalKind.PERFORMANCE,
        innovation=InnovationKind.RESULT,
        title="Fewer steps to apply",
        indicator="Steps counted in the form",
        target="From 9 to 5",
    )
    services.goal_propose(goal=agreed, actor=person)
    services.goal_agree(goal=agreed, actor=evaluator)
    draft = services.goal_create(
        cycle=cycle, actor=person, kind=GoalKind.DEVELOPMENT, title="My private draft"
    )
    interim = services.talk_schedule(
        cycle=cycle,
        kind=TalkKind.INTERIM,
        planned_on=today + datetime.timedelta(days=10),
        actor=evaluator,
    )
    evidence = services.evidence_add(
        cycle=cycle,
        actor=person,
        kind=EvidenceKind.SELF_ASSESSMENT,
        assessment=submitted_assessment(person),
    )
    return MatrixCycle(cycle=cycle, agreed=agreed, draft=draft, interim=interim, evidence=evidence)
