# SPDX-License-Identifier: EUPL-1.2
"""After the event: a team's result, taken further as an experiment card, and each member's
retrospective."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from elan.events import services
from elan.events.constants import Status
from elan.events.models import Team, TeamMember, TeamResult, TeamRetrospective
from elan.events.tests.factories import ChallengeFactory, EventFactory, register
from elan.experiments.constants import Status as ExperimentStatus

pytestmark = pytest.mark.django_db


def codes(refused) -> set[str]:
    return {error.code for error in refused.value.error_list}


@pytest.fixture
def team(personas):
    """The employee's published team, on the team lead's challenge, in a running event."""
    event = EventFactory(open=True, organisers=[personas.hr])
    challenge = ChallengeFactory(
        event=event,
        problem_owner=personas.team_lead,
        title="Fewer forms",
        problem="Citizens fill in the same form three times.",
    )
    registration = register(event, personas.employee, challenges=[challenge])
    team = Team.objects.create(
        event=event,
        challenge=challenge,
        number=1,
        working_language="fr",
        published_at=timezone.now(),
    )
    TeamMember.objects.create(team=team, registration=registration)
    event.status = Status.TEAMS_PUBLISHED
    event.save()
    return team


def test_a_member_and_the_problem_owner_record_the_result_and_nobody_else(personas, team):
    services.result_record(team=team, summary="A form filled in once.", by=personas.employee)
    result = services.result_record(
        team=team, summary="One form, prefilled.", by=personas.team_lead
    )

    assert TeamResult.objects.get(team=team) == result
    assert (result.summary, result.recorded_by) == ("One form, prefilled.", personas.team_lead)
    with pytest.raises(ValidationError) as refused:
        services.result_record(team=team, summary="Mine.", by=personas.outsider)
    assert codes(refused) == {"not_allowed"}


def test_no_result_is_recorded_before_the_teams_are_out(personas, team):
    team.published_at = None
    team.save()
    with pytest.raises(ValidationError) as refused:
        services.result_record(team=team, summary="Too early.", by=personas.employee)
    assert codes(refused) == {"status"}


def test_the_problem_owner_takes_the_result_further_as_a_draft_experiment_card(personas, team):
    result = services.result_record(
        team=team, summary="A form filled in once.", by=personas.employee
    )

    experiment = services.result_to_experiment(
        result=result, owner=personas.team_lead, by=personas.employee
    )

    assert experiment.owner == personas.team_lead
    assert experiment.status == ExperimentStatus.DRAFT
    assert (experiment.title, experiment.language) == ("Fewer forms", "fr")
    assert experiment.problem == "Citizens fill in the same form three times."
    assert experiment.what_we_try == "A form filled in once."
    assert TeamResult.objects.get(pk=result.pk).experiment == experiment
    with pytest.raises(ValidationError) as refused:
        services.result_to_experiment(result=result, owner=personas.team_lead, by=personas.employee)
    assert codes(refused) == {"already_linked"}


def test_a_card_owned_by_someone_outside_the_team_is_refused(personas, team):
    result = services.result_record(team=team, summary="A form.", by=personas.employee)

    with pytest.raises(ValidationError) as refused:
        services.result_to_experiment(result=result, owner=personas.outsider, by=personas.employee)
    assert codes(refused) == {"owner"}
    with pytest.raises(ValidationError) as refused:
        services.result_to_experiment(result=result, owner=personas.employee, by=personas.hr)
    assert codes(refused) == {"not_allowed"}
    assert TeamResult.objects.get(pk=result.pk).experiment is None


def test_each_member_writes_one_retrospective_and_rewrites_it(personas, team):
    services.retrospective_write(
        team=team, went_well="Pairing.", to_change="", next_step="", by=personas.employee
    )
    services.retrospective_write(
        team=team,
        went_well="Pairing.",
        to_change="Fewer meetings.",
        next_step="Show it to my unit.",
        by=personas.employee,
    )

    retrospective = TeamRetrospective.objects.get(team=team)
    assert (retrospective.author, retrospective.to_change) == (personas.employee, "Fewer meetings.")
    with pytest.raises(ValidationError) as refused:
        services.retrospective_write(
            team=team, went_well="Mine.", to_change="", next_step="", by=personas.team_lead
        )
    assert codes(refused) == {"not_member"}
    with pytest.raises(ValidationError) as refused:
        services.retrospective_write(
            team=team, went_well=" ", to_change="", next_step="", by=personas.employee
        )
    assert codes(refused) == {"empty"}
