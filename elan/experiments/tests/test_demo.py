# SPDX-License-Identifier: EUPL-1.2
"""The demo experiments show every step to the personas the README names; loading twice adds
nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from elan.experiments import selectors
from elan.experiments.constants import Decision, PermissionStatus, Sharing, Status
from elan.experiments.demo import load_demo_experiments
from elan.experiments.models import Experiment, PermissionRequest
from elan.organisations.demo import load_demo_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo_organisation()
    letter = load_demo_experiments()
    users = get_user_model().objects
    return SimpleNamespace(
        letter=letter,
        eva=users.get(email="employee@elan.example"),
        marie=users.get(email="manager@elan.example"),
        tom=users.get(email="teamlead@elan.example"),
        outsider=users.get(email="outsider@elan.example"),
    )


def test_eva_runs_a_shared_letter_test_with_two_iterations_and_nine_days_left(demo):
    letter = demo.letter

    assert (letter.owner, letter.status, letter.sharing) == (
        demo.eva,
        Status.RUNNING,
        Sharing.ORGANISATION,
    )
    assert letter.iterations.count() == 2
    assert (letter.ends_on - timezone.localdate()).days == 9


def test_evas_draft_is_hers_alone_and_waits_for_marie_s_permission(demo):
    draft = Experiment.objects.get(owner=demo.eva, status=Status.DRAFT)
    request = draft.permission_requests.get()

    assert (request.asked_of, request.status) == (demo.marie, PermissionStatus.WAITING)
    assert list(selectors.requests_waiting_for(viewer=demo.marie)) == [request]
    for reader in (demo.marie, demo.tom, demo.outsider):
        assert not selectors.is_reader(viewer=reader, experiment=draft)


def test_failures_sit_beside_successes_for_the_whole_organisation(demo):
    decided = Experiment.objects.exclude(decision="").exclude(sharing=Sharing.PRIVATE)

    decisions = set(decided.values_list("decision", flat=True))
    assert {Decision.SCALE, Decision.STOP, Decision.PARK} <= decisions
    assert decided.filter(status=Status.REGULARISED).exists()
    assert all(experiment.lessons for experiment in decided)
    for experiment in decided:
        assert selectors.is_reader(viewer=demo.marie, experiment=experiment)
        assert not selectors.is_reader(viewer=demo.outsider, experiment=experiment)


def test_a_colleague_built_on_evas_letter_test_and_she_sees_it(demo):
    built = selectors.built_on(experiment=demo.letter, viewer=demo.eva)

    assert built.count() == 1
    assert built.get().owner != demo.eva


def test_enough_different_owners_in_nido_for_hrs_figures(demo):
    owners = set(
        Experiment.objects.filter(unit__code="BOSA-DGDT-NIDO")
        .exclude(status=Status.DRAFT)
        .values_list("owner", flat=True)
    )

    assert len(owners) >= 5


def test_loading_the_demo_twice_adds_nothing(demo):
    counts = (Experiment.objects.count(), PermissionRequest.objects.count())

    load_demo_experiments()

    assert (Experiment.objects.count(), PermissionRequest.objects.count()) == counts
