# SPDX-License-Identifier: EUPL-1.2
"""Experiments on the skills profile (issue 17, point 6): the skills an experiment's iterations
exercised show as evidence only when its owner allows it on the card; whoever the profile is
shared with sees only the experiments they may read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from elan.assessments.tests.factories import share, submitted_assessment
from elan.experiments import selectors as experiment_selectors
from elan.experiments import services as experiment_services
from elan.experiments.constants import Decision, Sharing
from elan.experiments.tests.factories import add_iteration, decided_experiment, running_experiment

# The experiments' card and link addresses, until the lead mounts them (see test_links).
pytestmark = [pytest.mark.django_db, pytest.mark.urls("elan.experiments.tests.test_links")]

PROFILE = "/en/assessments/profile/"


def allowed(experiment):
    return experiment_services.experiment_set_profile_evidence(
        experiment=experiment, actor=experiment.owner, allowed=True
    )


def profile_page(client, url: str = PROFILE) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_skills_an_experiment_exercised_show_per_skill_with_their_iterations(personas):
    experiment = running_experiment(personas.employee, title="Call-backs by appointment")
    add_iteration(experiment, skills=["iteration", "user-centricity"])
    add_iteration(experiment, skills=["iteration"])
    allowed(experiment)

    evidence = experiment_selectors.skill_evidence(
        owner=personas.employee, viewer=personas.employee
    )

    assert list(evidence) == ["iteration", "user-centricity"]
    assert [(row.experiment, row.iterations) for row in evidence["iteration"]] == [(experiment, 2)]
    assert [(row.experiment, row.iterations) for row in evidence["user-centricity"]] == [
        (experiment, 1)
    ]


def test_the_owner_sees_the_evidence_on_their_profile_linked_to_the_card(personas, client_for):
    submitted_assessment(personas.employee, 3)
    experiment = decided_experiment(personas.employee, Decision.SCALE, title="A clearer letter")
    allowed(experiment)

    page = profile_page(client_for("employee"))

    assert "Evidence from your experiments" in page
    assert "A clearer letter" in page
    assert experiment_selectors.card_url(experiment=experiment) in page
    assert "1 iteration" in page


def test_the_evidence_shows_before_a_self_assessment_too(personas, client_for):
    allowed(decided_experiment(personas.employee, title="A clearer letter"))

    page = profile_page(client_for("employee"))

    assert "A clearer letter" in page


def test_nothing_shows_unless_the_owner_allows_it_on_the_card(personas, client_for):
    submitted_assessment(personas.employee, 3)
    decided_experiment(personas.employee, title="A clearer letter", sharing=Sharing.TEAM)

    assert (
        experiment_selectors.skill_evidence(owner=personas.employee, viewer=personas.employee) == {}
    )
    page = profile_page(client_for("employee"))
    assert "Evidence from your experiments" not in page
    assert "A clearer letter" not in page


def test_an_allowed_then_withdrawn_permission_hides_the_evidence_again(personas):
    experiment = allowed(decided_experiment(personas.employee))
    experiment_services.experiment_set_profile_evidence(
        experiment=experiment, actor=personas.employee, allowed=False
    )

    assert (
        experiment_selectors.skill_evidence(owner=personas.employee, viewer=personas.employee) == {}
    )


def test_a_co_owners_experiment_is_on_its_owners_profile_only(personas):
    experiment = allowed(decided_experiment(personas.employee, co_owners=[personas.line_manager]))

    assert experiment_selectors.skill_evidence(owner=personas.employee, viewer=personas.employee)
    assert (
        experiment_selectors.skill_evidence(
            owner=personas.line_manager, viewer=personas.line_manager
        )
        == {}
    )
    assert experiment.co_owners.filter(pk=personas.line_manager.pk).exists()


def test_whoever_the_profile_is_shared_with_sees_only_the_experiments_they_may_read(
    personas, client_for
):
    submitted_assessment(personas.employee, 3)
    team = allowed(
        decided_experiment(personas.employee, title="Shared with the team", sharing=Sharing.TEAM)
    )
    allowed(decided_experiment(personas.employee, title="Kept to myself"))
    mentor_share = share(personas.employee, personas.line_manager, kind="line_manager")
    outsider_share = share(personas.employee, personas.outsider)

    evidence = experiment_selectors.skill_evidence(
        owner=personas.employee, viewer=personas.line_manager
    )
    assert [row.experiment for row in evidence["iteration"]] == [team]

    url = reverse("assessments:shared_profile", args=[mentor_share.pk])
    page = profile_page(client_for("line_manager"), url)
    assert "Evidence from experiments" in page
    assert "Shared with the team" in page
    assert "Kept to myself" not in page

    # Someone of another organisation reads none of the cards, so sees no evidence at all.
    url = reverse("assessments:shared_profile", args=[outsider_share.pk])
    page = profile_page(client_for("outsider"), url)
    assert "Evidence from experiments" not in page
    assert "Shared with the team" not in page


def test_the_evidence_of_someone_whose_profile_was_not_shared_reaches_nobody(personas):
    allowed(decided_experiment(personas.employee, sharing=Sharing.ORGANISATION))

    assert (
        experiment_selectors.skill_evidence(owner=personas.employee, viewer=personas.visitor) == {}
    )


def test_a_draft_or_a_running_experiment_without_iterations_adds_no_evidence(personas):
    running = running_experiment(personas.employee)
    allowed(running)

    assert (
        experiment_selectors.skill_evidence(owner=personas.employee, viewer=personas.employee) == {}
    )
