# SPDX-License-Identifier: EUPL-1.2
"""An experiment as evidence in the evaluation cycle (issue 17, point 6): the person cites an
experiment of their own, their evaluators read its title, status, decision and lessons until it
is withdrawn, and open its card only if it is shared with them; nobody cites someone else's.

Needs the migration that adds ``goals.Evidence.experiment``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from elan.experiments import selectors as experiment_selectors
from elan.experiments.constants import Decision, Sharing
from elan.experiments.tests.factories import (
    decided_experiment,
    draft_experiment,
    running_experiment,
)
from elan.goals import selectors, services
from elan.goals.constants import EvidenceKind
from elan.goals.services import GoalsError
from elan.goals.tests.factories import cycle_of

# The experiments' card address, until the card's part mounts it (see test_links).
pytestmark = [pytest.mark.django_db, pytest.mark.urls("elan.experiments.tests.test_links")]


@pytest.fixture
def cycle(personas):
    return cycle_of(personas.employee)


def evidence_page(cycle) -> str:
    return reverse("goals:evidence", args=[cycle.public_id])


def cite(client, cycle, experiment):
    return client.post(
        evidence_page(cycle), {"action": "experiment", "experiment-choice": str(experiment.pk)}
    )


def test_the_person_cites_their_own_experiment_through_the_evidence_page(
    cycle, personas, client_for
):
    experiment = decided_experiment(personas.employee, Decision.SCALE, title="A clearer letter")
    client = client_for("employee")
    page = client.get(evidence_page(cycle)).content.decode()
    assert "A clearer letter" in page

    response = cite(client, cycle, experiment)

    assert response.status_code == 302
    evidence = cycle.evidence.get()
    assert evidence.kind == EvidenceKind.EXPERIMENT and evidence.experiment == experiment
    assert evidence.is_active
    listed = client.get(evidence_page(cycle)).content.decode()
    assert "A clearer letter" in listed


def test_a_co_owned_experiment_may_be_cited_and_a_draft_may_not(cycle, personas, client_for):
    co_owned = decided_experiment(
        personas.line_manager, title="Co-owned letter", co_owners=[personas.employee]
    )
    draft_experiment(personas.employee, title="Still a draft")

    page = client_for("employee").get(evidence_page(cycle)).content.decode()

    assert "Co-owned letter" in page
    assert "Still a draft" not in page
    assert list(selectors.citable_experiments(person=personas.employee)) == [co_owned]


def test_the_evaluator_reads_the_title_status_decision_and_lessons_without_the_card_if_private(
    cycle, personas, client_for
):
    experiment = decided_experiment(
        personas.employee,
        Decision.STOP,
        title="A clearer letter",
        reason="Calls did not fall.",
        lessons="Test the letter with five people before printing it.",
    )
    evidence = services.evidence_add(
        cycle=cycle, actor=personas.employee, kind=EvidenceKind.EXPERIMENT, experiment=experiment
    )
    assert not experiment_selectors.is_reader(viewer=personas.line_manager, experiment=experiment)

    page = client_for("line_manager").get(reverse("goals:evidence_view", args=[evidence.public_id]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "A clearer letter" in text
    assert "Decided" in text
    assert "Stop it" in text and "Calls did not fall." in text
    assert "Test the letter with five people before printing it." in text
    assert experiment_selectors.card_url(experiment=experiment) not in text


def test_the_evaluator_opens_the_card_when_it_is_shared_with_them(cycle, personas, client_for):
    experiment = decided_experiment(personas.employee, title="A team letter", sharing=Sharing.TEAM)
    evidence = services.evidence_add(
        cycle=cycle, actor=personas.employee, kind=EvidenceKind.EXPERIMENT, experiment=experiment
    )

    page = client_for("line_manager").get(reverse("goals:evidence_view", args=[evidence.public_id]))

    assert experiment_selectors.card_url(experiment=experiment) in page.content.decode()


def test_a_withdrawn_experiment_disappears_for_the_evaluator(cycle, personas, client_for):
    experiment = decided_experiment(personas.employee, title="A clearer letter")
    client = client_for("employee")
    cite(client, cycle, experiment)
    evidence = cycle.evidence.get()
    client.post(evidence_page(cycle), {"action": "withdraw", "evidence": str(evidence.public_id)})
    evidence.refresh_from_db()
    assert not evidence.is_active

    evaluator = client_for("line_manager")
    assert (
        evaluator.get(reverse("goals:evidence_view", args=[evidence.public_id])).status_code == 404
    )
    assert "A clearer letter" not in evaluator.get(evidence_page(cycle)).content.decode()
    assert selectors.evidence_visible_to(cycle=cycle, viewer=personas.line_manager) == []


def test_nobody_cites_someone_elses_experiment_with_a_crafted_post(cycle, personas, client_for):
    others = decided_experiment(
        personas.line_manager, title="The manager's own letter", sharing=Sharing.TEAM
    )
    assert experiment_selectors.is_reader(viewer=personas.employee, experiment=others)
    client = client_for("employee")

    response = cite(client, cycle, others)

    assert response.status_code == 200
    assert "Choose one in the list." in response.content.decode()
    # With experiments of their own to choose from, the same.
    decided_experiment(personas.employee, title="My own letter")
    response = cite(client, cycle, others)
    assert response.status_code == 200
    assert "Choose one in the list." in response.content.decode()
    assert "My own letter" in response.content.decode()
    assert not cycle.evidence.exists()


def test_the_service_refuses_someone_elses_experiment_and_a_draft(cycle, personas):
    others = decided_experiment(personas.line_manager, sharing=Sharing.ORGANISATION)
    draft = draft_experiment(personas.employee)

    for experiment in (others, draft, None):
        with pytest.raises(GoalsError):
            services.evidence_add(
                cycle=cycle,
                actor=personas.employee,
                kind=EvidenceKind.EXPERIMENT,
                experiment=experiment,
            )
    assert not cycle.evidence.exists()


def test_a_co_owner_taken_off_the_experiment_no_longer_shows_it(cycle, personas, client_for):
    from elan.experiments import services as experiment_services

    experiment = running_experiment(
        personas.line_manager, title="Co-owned for a while", co_owners=[personas.employee]
    )
    evidence = services.evidence_add(
        cycle=cycle, actor=personas.employee, kind=EvidenceKind.EXPERIMENT, experiment=experiment
    )
    experiment_services.co_owner_remove(
        experiment=experiment, actor=personas.line_manager, co_owner=personas.employee
    )

    page = client_for("employee").get(reverse("goals:evidence_view", args=[evidence.public_id]))

    assert "Co-owned for a while" not in page.content.decode()
    assert 'id="experiment-gone"' in page.content.decode()


def test_the_same_experiment_is_cited_once_while_it_is_active(cycle, personas):
    experiment = decided_experiment(personas.employee)
    first = services.evidence_add(
        cycle=cycle, actor=personas.employee, kind=EvidenceKind.EXPERIMENT, experiment=experiment
    )
    again = services.evidence_add(
        cycle=cycle, actor=personas.employee, kind=EvidenceKind.EXPERIMENT, experiment=experiment
    )

    assert first == again and cycle.evidence.count() == 1
