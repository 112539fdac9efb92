# SPDX-License-Identifier: EUPL-1.2
"""The learning network on the home page: a link at the loop's step "Connect", and where the
person stands: no profile yet, a paused one, a pair waiting for their answer, a pair made."""

from __future__ import annotations

import pytest
from django.urls import reverse

from elan.core.modules import ModuleStatus, registered_modules
from elan.core.vocabulary import LoopStep
from elan.network.constants import Answer, MatchStatus, Role
from elan.network.home import own_state
from elan.network.models import Match
from elan.network.services import profile_pause
from elan.network.tests.factories import ProgrammeFactory, join, profile_for
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def test_the_network_is_the_module_of_the_connect_step():
    [link] = [link for link in registered_modules() if link.url_names == ("network:home",)]
    assert link.step == LoopStep.CONNECT
    assert link.url() == reverse("network:home")


def test_someone_without_a_profile_is_invited_to_create_one_and_a_paused_one_is_said(personas):
    [state] = own_state(personas.employee)
    assert (state.status, state.url) == (ModuleStatus.NOT_STARTED, reverse("network:profile"))

    profile_for(personas.employee, wishes=["storytelling"])
    assert own_state(personas.employee) == []
    profile_pause(owner=personas.employee)
    [state] = own_state(personas.employee)
    assert state.status == ModuleStatus.IN_PROGRESS
    assert "paused" in str(state.label)


def test_a_pair_waits_for_whoever_has_not_answered_and_is_in_progress_once_accepted(personas):
    mentor = person_in(UnitFactory(parent=personas.organisation), email="mentor@elan.test")
    profile_for(personas.employee, wishes=["storytelling"])
    profile_for(mentor, strengths=["storytelling"], mentor=True)
    programme = ProgrammeFactory(open=True, scope=personas.organisation, title="Across walls")
    match = Match.objects.create(
        programme=programme,
        mentee=join(programme, personas.employee),
        mentor=join(programme, mentor, Role.MENTOR),
        status=MatchStatus.OFFERED,
        mentee_answer=Answer.ACCEPTED,
    )
    pair_url = reverse("network:pair", kwargs={"public_id": match.public_id})

    assert own_state(personas.employee) == []
    [waiting] = own_state(mentor)
    assert (waiting.status, waiting.url) == (ModuleStatus.WAITING, pair_url)
    assert "Across walls" in str(waiting.label)

    Match.objects.filter(pk=match.pk).update(
        status=MatchStatus.ACCEPTED, mentor_answer=Answer.ACCEPTED
    )
    for person in (personas.employee, mentor):
        [state] = own_state(person)
        assert (state.status, state.url) == (ModuleStatus.IN_PROGRESS, pair_url)
