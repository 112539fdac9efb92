# SPDX-License-Identifier: EUPL-1.2
"""Builders for experiments.

Two ways, as in the other modules:

- ``ExperimentFactory`` and ``IterationFactory`` write straight to the models, so that any test
  can set up any state: ``ExperimentFactory(owner=person, running=True, shared_team=True)``;
  the traits are ``half_filled``, ``mandate_go``, ``running``, ``decided`` (stopped),
  ``scaled``, ``parked``, ``iterating``, ``regularised``, ``closed``, ``shared_team`` and
  ``shared_organisation``.
- ``running_experiment(owner, **fields)`` and ``decided_experiment(owner, decision, **fields)``
  go through the services (a complete card, a mandate check that says go, the start; then an
  iteration and the decision), for tests that want the history and the checks to be real.
"""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils import timezone

from elan.accounts.tests.factories import UserFactory
from elan.experiments.constants import (
    Criterion,
    Decision,
    MandateOutcome,
    Sharing,
    Status,
    Template,
)
from elan.experiments.mandate import MandateAnswers
from elan.experiments.models import Experiment, Iteration, PermissionRequest
from elan.organisations.selectors import unit_of

# The time box a test card gets unless told: long enough that no test runs out of it.
TIME_BOX_DAYS = 30

GO_ANSWERS = MandateAnswers(
    changes_rights=False, personal_data=False, spend_euros=0, other_unit=False
)


def mandate_answers(**changes) -> MandateAnswers:
    """The answers that say go, with ``changes``: ``mandate_answers(personal_data=True)``."""
    return MandateAnswers(**{**GO_ANSWERS.__dict__, **changes})


def complete_card(**changes) -> dict[str, Any]:
    """Every field a card needs before it starts, as the services take them."""
    today = timezone.localdate()
    return {
        "problem": "Citizens call us back because the reminder letter is hard to read.",
        "audience": "People who receive a reminder to pay their contribution.",
        "belief": "a shorter letter with one clear action",
        "expected_outcome": "fewer calls asking what the letter means",
        "what_we_try": "A one-page letter that starts with what to do and by when.",
        "smallest_test": "Send the new letter to one batch of 200 people for two weeks.",
        "success_criterion": "Calls about the letter fall from 20% to 10% of the batch.",
        "stop_criterion": "Payments on time fall by more than 5 points.",
        "guardrails": "No one misses a deadline because of the new wording.",
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=TIME_BOX_DAYS),
        "cost_euros": 0,
        "people_involved": "Two people of the team, a colleague of the print shop.",
        "principles": ["test-small-adjust-fast"],
        "skills": ["iteration", "user-centricity"],
        **changes,
    }


class ExperimentFactory(factory.django.DjangoModelFactory):
    """A complete card in draft; its unit is the owner's."""

    class Meta:
        model = Experiment
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    unit = factory.LazyAttribute(lambda experiment: unit_of(user=experiment.owner))
    language = "en"
    title = factory.Sequence(lambda n: f"A clearer reminder letter, number {n}")
    problem = factory.LazyFunction(lambda: complete_card()["problem"])
    audience = factory.LazyFunction(lambda: complete_card()["audience"])
    belief = factory.LazyFunction(lambda: complete_card()["belief"])
    expected_outcome = factory.LazyFunction(lambda: complete_card()["expected_outcome"])
    what_we_try = factory.LazyFunction(lambda: complete_card()["what_we_try"])
    smallest_test = factory.LazyFunction(lambda: complete_card()["smallest_test"])
    success_criterion = factory.LazyFunction(lambda: complete_card()["success_criterion"])
    stop_criterion = factory.LazyFunction(lambda: complete_card()["stop_criterion"])
    guardrails = factory.LazyFunction(lambda: complete_card()["guardrails"])
    people_involved = factory.LazyFunction(lambda: complete_card()["people_involved"])
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=TIME_BOX_DAYS)
    )
    cost_euros = 0
    principles = factory.LazyFunction(lambda: ["test-small-adjust-fast"])
    skills = factory.LazyFunction(lambda: ["iteration", "user-centricity"])
    tags = factory.LazyAttribute(
        lambda experiment: (
            "|"
            + "|".join(
                [f"principle:{slug}" for slug in experiment.principles]
                + [f"skill:{slug}" for slug in experiment.skills]
            )
            + "|"
            if experiment.principles or experiment.skills
            else ""
        )
    )
    status = Status.DRAFT
    sharing = Sharing.PRIVATE

    class Params:
        half_filled = factory.Trait(
            problem="",
            audience="",
            belief="",
            expected_outcome="",
            what_we_try="",
            smallest_test="",
            success_criterion="",
            stop_criterion="",
            guardrails="",
            people_involved="",
            starts_on=None,
            ends_on=None,
            cost_euros=None,
            principles=factory.LazyFunction(list),
            skills=factory.LazyFunction(list),
        )
        mandate_go = factory.Trait(
            mandate_changes_rights=False,
            mandate_personal_data=False,
            mandate_spend_euros=0,
            mandate_other_unit=False,
            mandate_outcome=MandateOutcome.GO,
            mandate_checked_at=factory.LazyFunction(timezone.now),
        )
        running = factory.Trait(
            mandate_go=True,
            status=Status.RUNNING,
            started_at=factory.LazyFunction(timezone.now),
        )
        iterating = factory.Trait(
            running=True,
            decision=Decision.ITERATE,
            decision_reason="One more round with a clearer first line.",
            decided_on=factory.LazyFunction(timezone.localdate),
        )
        decided = factory.Trait(
            running=True,
            status=Status.DECIDED,
            decision=Decision.STOP,
            decision_reason="Calls did not fall and payments were late more often.",
            decided_on=factory.LazyFunction(timezone.localdate),
            lessons="A shorter letter alone does not help: people call about the amount.",
        )
        scaled = factory.Trait(
            decided=True,
            decision=Decision.SCALE,
            decision_reason="Calls fell by half and payments stayed on time.",
        )
        parked = factory.Trait(
            decided=True,
            decision=Decision.PARK,
            decision_reason="The print shop cannot change the letter until spring.",
        )
        regularised = factory.Trait(
            scaled=True,
            status=Status.REGULARISED,
            approved_by="The director of operations",
            approved_on=factory.LazyFunction(timezone.localdate),
            official_change="The one-page letter is the standard reminder.",
        )
        closed = factory.Trait(decided=True, status=Status.CLOSED)
        shared_team = factory.Trait(
            sharing=Sharing.TEAM, shared_at=factory.LazyFunction(timezone.now)
        )
        shared_organisation = factory.Trait(
            sharing=Sharing.ORGANISATION, shared_at=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def co_owners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.co_owners.add(*extracted)


def _next_number(iteration) -> int:
    last = (
        Iteration.objects.filter(experiment=iteration.experiment)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


class IterationFactory(factory.django.DjangoModelFactory):
    """One round of a running experiment; ``prompts_decision=True`` breaches a guardrail."""

    class Meta:
        model = Iteration

    experiment = factory.SubFactory(ExperimentFactory, running=True)
    number = factory.LazyAttribute(_next_number)
    tried_on = factory.LazyFunction(timezone.localdate)
    what_we_tried = "Sent the one-page letter to 200 people."
    what_we_saw = "31 people called, 9 of them about the letter."
    success = Criterion.UNCLEAR
    learnt = "People read the first line and the amount; the rest hardly."
    change_next = "Put the deadline in the first line."
    skills = factory.LazyFunction(lambda: ["iteration"])
    recorded_by = factory.LazyAttribute(lambda iteration: iteration.experiment.owner)

    class Params:
        met = factory.Trait(success=Criterion.MET)
        not_met = factory.Trait(success=Criterion.NOT_MET)
        breached = factory.Trait(guardrail_breached=True)
        stop = factory.Trait(stop_met=True)
        prompts_decision = factory.Trait(guardrail_breached=True)


class PermissionRequestFactory(factory.django.DjangoModelFactory):
    """A question waiting for an answer; give ``asked_of`` (or ``asked_email``)."""

    class Meta:
        model = PermissionRequest

    experiment = factory.SubFactory(ExperimentFactory)
    whom = "line_manager"
    asked_by = factory.LazyAttribute(lambda request: request.experiment.owner)
    question = "May we spend 800 euros on printing the test letters?"


# --- through the services -----------------------------------------------------------------------


def draft_experiment(owner, *, title: str = "", template: str = "", **fields) -> Experiment:
    """A complete card in draft, made by the service; ``fields`` replace the defaults."""
    from elan.experiments import services

    return services.experiment_create(
        owner=owner,
        title=title or "A clearer reminder letter",
        language="en",
        template=template,
        fields=complete_card(**fields),
    )


def checked_experiment(owner, answers: MandateAnswers | None = None, **fields):
    """A complete draft whose mandate is checked with ``answers`` (go when not given); returns
    the experiment and the check's result."""
    from elan.experiments import services

    experiment = draft_experiment(owner, **fields)
    return services.mandate_check(experiment=experiment, actor=owner, answers=answers or GO_ANSWERS)


def running_experiment(
    owner,
    *,
    sharing: str = Sharing.PRIVATE,
    co_owners=(),
    title: str = "",
    template: str = "",
    **fields,
) -> Experiment:
    """A started experiment, through the services: a complete card, a mandate check that says
    go, the start; shared with ``sharing`` and co-owned by ``co_owners``."""
    from elan.experiments import services

    experiment = draft_experiment(owner, title=title, template=template, **fields)
    for person in co_owners:
        services.co_owner_add(experiment=experiment, actor=owner, co_owner=person)
    services.mandate_check(experiment=experiment, actor=owner, answers=GO_ANSWERS)
    experiment = services.experiment_start(experiment=experiment, actor=owner)
    if sharing != Sharing.PRIVATE:
        experiment = services.experiment_share(experiment=experiment, actor=owner, sharing=sharing)
    experiment.refresh_from_db()
    return experiment


def add_iteration(experiment: Experiment, actor=None, **changes):
    """One iteration recorded by the service, today, with plain defaults."""
    from elan.experiments import services

    values = {
        "tried_on": timezone.localdate(),
        "what_we_tried": "Sent the one-page letter to 200 people.",
        "what_we_saw": "31 people called, 9 of them about the letter.",
        "success": Criterion.UNCLEAR,
        "learnt": "People read the first line and the amount.",
        "change_next": "Put the deadline in the first line.",
        "skills": ["iteration"],
        **changes,
    }
    return services.iteration_add(experiment=experiment, actor=actor or experiment.owner, **values)


def decided_experiment(
    owner,
    decision: str = Decision.STOP,
    *,
    reason: str = "What the iteration showed is enough to decide.",
    lessons: str = "Test the letter with five people before printing it.",
    **fields,
) -> Experiment:
    """A running experiment with one iteration and ``decision`` taken, through the services.
    "Iterate" keeps it running; the others leave it decided."""
    from elan.experiments import services

    experiment = running_experiment(owner, **fields)
    add_iteration(experiment, owner)
    experiment = services.experiment_decide(
        experiment=experiment, actor=owner, decision=decision, reason=reason, lessons=lessons
    )
    experiment.refresh_from_db()
    return experiment


def matrix_experiment(personas, state: str = "running"):
    """The employee's experiment for the persona × URL matrix (tests/access_table.py), through
    the services: ``"draft"`` (complete, unchecked, private), ``"running"`` (shared with the
    team, one iteration), or ``"request"``: the permission request of a draft that the line
    manager was asked and has not answered (returned instead of the experiment)."""
    from elan.experiments import services

    owner = personas.employee
    if state == "draft":
        return draft_experiment(owner)
    if state == "request":
        experiment, _result = checked_experiment(owner, mandate_answers(other_unit=True))
        return services.permission_ask(
            experiment=experiment,
            actor=owner,
            whom="line_manager",
            question="May we ask the print shop for two days of work?",
        )
    experiment = running_experiment(owner, sharing=Sharing.TEAM)
    add_iteration(experiment, owner)
    return experiment


__all__ = [
    "GO_ANSWERS",
    "ExperimentFactory",
    "IterationFactory",
    "PermissionRequestFactory",
    "Template",
    "add_iteration",
    "checked_experiment",
    "complete_card",
    "decided_experiment",
    "draft_experiment",
    "mandate_answers",
    "matrix_experiment",
    "running_experiment",
]
