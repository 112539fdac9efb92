# SPDX-License-Identifier: EUPL-1.2
"""The manager's view: the started experiments the people below a manager share with them,
the permission requests waiting for their answer and the time boxes about to end; never a
draft, a card shared with nobody, or another team's; and the home page's items."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from elan.core import modules
from elan.core.vocabulary import LoopStep
from elan.experiments import home, services, team
from elan.experiments.constants import AskWhom, Sharing, Status
from elan.experiments.models import ExperimentRules
from elan.experiments.tests.factories import (
    ExperimentFactory,
    checked_experiment,
    mandate_answers,
)
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

TEAM_URL = "/en/experiments/team/"


def soon(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def cards(personas):
    """The employee's cards in each state, and another team's shared one."""
    other_team = UnitFactory(parent=personas.organisation, code="FPS-ONE-OTHER")
    other_manager = person_in(other_team, email="other.manager@elan.test")
    other_report = person_in(other_team, manager=other_manager, email="other.report@elan.test")
    employee = personas.employee
    return {
        "shared_team": ExperimentFactory(
            owner=employee, running=True, shared_team=True, title="Shared with the team"
        ),
        "shared_organisation": ExperimentFactory(
            owner=employee,
            decided=True,
            shared_organisation=True,
            title="Shared with the organisation",
        ),
        "private": ExperimentFactory(owner=employee, running=True, title="Shared with nobody"),
        "draft": ExperimentFactory(owner=employee, shared_team=True, title="Still a draft"),
        "other_team": ExperimentFactory(
            owner=other_report, running=True, shared_organisation=True, title="Another team's"
        ),
        "other_manager": other_manager,
    }


def titles(experiments) -> set[str]:
    return {experiment.title for experiment in experiments}


def test_a_manager_sees_the_started_experiments_their_reports_share_with_them(cards, personas):
    seen = titles(team.team_experiments(manager=personas.line_manager))

    assert seen == {"Shared with the team", "Shared with the organisation"}


def test_the_managers_manager_sees_them_too(cards, personas):
    assert "Shared with the team" in titles(team.team_experiments(manager=personas.team_lead))


def test_a_manager_does_not_see_another_teams_experiments_even_shared_with_everyone(
    cards, personas
):
    seen = titles(team.team_experiments(manager=cards["other_manager"]))

    assert seen == {"Another team's"}


def test_a_person_with_nobody_below_them_has_no_team_experiments(cards, personas):
    assert not team.team_experiments(manager=personas.employee).exists()
    assert not team.team_experiments(manager=personas.hr).exists()


def test_a_draft_co_owned_by_the_manager_is_not_listed_as_the_teams(cards, personas):
    cards["draft"].co_owners.add(personas.line_manager)

    assert "Still a draft" not in titles(team.team_experiments(manager=personas.line_manager))


def test_the_team_page_lists_the_shared_experiments_and_nothing_else(cards, client_for):
    response = client_for("line_manager").get(TEAM_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Shared with the team" in content
    assert "Shared with the organisation" in content
    for hidden in ("Shared with nobody", "Still a draft", "Another team&#x27;s"):
        assert hidden not in content
    assert reverse("experiments:detail", args=[cards["shared_team"].public_id]) in content


def test_the_team_page_narrows_to_a_status_and_refuses_an_unknown_one(cards, client_for):
    client = client_for("line_manager")

    decided = client.get(TEAM_URL, {"status": Status.DECIDED}).content.decode()
    unknown = client.get(TEAM_URL, {"status": "draft"})

    assert "Shared with the organisation" in decided
    assert "Shared with the team" not in decided
    assert unknown.status_code == 200
    assert "Choose one of the statuses in the list." in unknown.content.decode()


def test_time_boxes_about_to_end_or_ended_are_listed_the_soonest_first(personas):
    employee = personas.employee
    ExperimentFactory(
        owner=employee, running=True, shared_team=True, title="In ten days", ends_on=soon(10)
    )
    ExperimentFactory(
        owner=employee, running=True, shared_team=True, title="Ended", ends_on=soon(-3)
    )
    ExperimentFactory(owner=employee, running=True, shared_team=True, title="Far", ends_on=soon(40))
    ExperimentFactory(owner=employee, running=True, title="Private and soon", ends_on=soon(2))
    ExperimentFactory(
        owner=employee, decided=True, shared_team=True, title="Decided", ends_on=soon(1)
    )

    ending = team.running_out(manager=personas.line_manager)

    assert [experiment.title for experiment in ending] == ["Ended", "In ten days"]


@pytest.fixture
def waiting(personas):
    experiment, _result = checked_experiment(
        personas.employee, mandate_answers(spend_euros=800), title="Needs a yes"
    )
    return services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.LINE_MANAGER,
        question="May we print 800 letters?",
    )


def test_the_manager_sees_the_permission_requests_waiting_for_their_answer(waiting, client_for):
    content = client_for("line_manager").get(TEAM_URL).content.decode()

    assert "Needs a yes" in content
    assert "May we print 800 letters?" in content
    assert reverse("experiments:permission", args=[waiting.public_id]) in content


def test_nobody_else_sees_the_request_and_an_answered_one_leaves_the_list(
    waiting, personas, client_for
):
    assert "Needs a yes" not in client_for("team_lead").get(TEAM_URL).content.decode()
    services.permission_answer(
        request=waiting, actor=personas.line_manager, granted=True, reason="Go ahead."
    )

    assert "Needs a yes" not in client_for("line_manager").get(TEAM_URL).content.decode()


def test_someone_nobody_reports_to_has_no_managers_view_and_no_link_to_it(client_for):
    client = client_for("employee")

    assert client.get(TEAM_URL).status_code == 403
    assert TEAM_URL not in client.get("/en/experiments/").content.decode()


def test_a_team_lead_finds_the_managers_view_from_their_experiments(client_for):
    assert TEAM_URL in client_for("team_lead").get("/en/experiments/").content.decode()


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get(TEAM_URL).status_code == 302


# --- the home page -------------------------------------------------------------------------


def test_the_module_is_announced_at_the_step_try_for_everyone():
    home.register()

    link = next(
        module
        for module in modules.registered_modules()
        if module.url_names[0] == "experiments:home"
    )
    assert link.step == LoopStep.TRY
    assert str(link.label) == "Experiments"
    assert link.url() == reverse("experiments:home")
    assert home.role_items in modules.team_item_providers()


def test_a_manager_is_told_how_many_requests_wait_for_their_answer(waiting, personas):
    (item,) = home.role_items(personas.line_manager)

    assert item.audience == modules.Audience.TEAM
    assert item.state.status == modules.ModuleStatus.WAITING
    assert item.state.label == "1 permission request waits for your answer"
    assert item.state.url == reverse("experiments:permission", args=[waiting.public_id])
    assert home.role_items(personas.team_lead) == []


def test_several_requests_lead_to_the_team_page(waiting, personas):
    experiment, _result = checked_experiment(
        personas.employee, mandate_answers(spend_euros=900), title="Another one"
    )
    services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.LINE_MANAGER,
        question="And this one?",
    )

    (item,) = home.role_items(personas.line_manager)

    assert item.state.label == "2 permission requests wait for your answer"
    assert item.state.url == reverse("experiments:team")


def test_the_data_protection_officer_finds_theirs_with_their_decisions(personas):
    officer = person_in(personas.organisation, email="dpo@fps-one.test")
    ExperimentRules.objects.create(
        organisation=personas.organisation, data_protection_email=officer.email
    )
    experiment, _result = checked_experiment(personas.employee, mandate_answers(personal_data=True))
    services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.DATA_PROTECTION,
        question="May we use the addresses?",
    )

    (item,) = home.role_items(officer)

    assert item.audience == modules.Audience.ORGANISATION


def test_the_person_sees_their_running_experiment_with_its_time_box(personas):
    running = ExperimentFactory(owner=personas.employee, running=True, ends_on=soon(9))

    (state,) = home.own_state(personas.employee)

    assert state.status == modules.ModuleStatus.IN_PROGRESS
    assert running.title in str(state.label)
    assert state.date == running.ends_on
    assert state.url == reverse("experiments:detail", args=[running.public_id])


def test_someone_without_an_experiment_is_invited_to_try_one(personas):
    (state,) = home.own_state(personas.hr)

    assert state.status == modules.ModuleStatus.NOT_STARTED
    assert state.url == reverse("experiments:home")


def test_the_home_page_shows_the_managers_waiting_requests(waiting, client_for):
    home.register()

    content = client_for("line_manager").get("/en/").content.decode()

    assert "1 permission request waits for your answer" in content


def test_sharing_is_what_lets_the_manager_see_a_card(personas):
    experiment = ExperimentFactory(owner=personas.employee, running=True)
    assert not team.team_experiments(manager=personas.line_manager).exists()

    services.experiment_share(experiment=experiment, actor=personas.employee, sharing=Sharing.TEAM)

    assert team.team_experiments(manager=personas.line_manager).get() == experiment
