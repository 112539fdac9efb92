# SPDX-License-Identifier: EUPL-1.2
"""Experiments as personal data: the owner's download holds their cards; a co-owner's lists the
cards they co-own (title, role, dates); the person asked's says they answered, when and yes or
no, not the cards. On erasure, a shared experiment keeps its lessons under "a former
colleague"; a draft or an unshared one goes with the account."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.test import Client

from elan.accounts.services import user_pseudonymise
from elan.core import personal_data
from elan.experiments import services
from elan.experiments.constants import AskWhom, Decision, EventKind, Sharing
from elan.experiments.models import (
    Experiment,
    ExperimentEvent,
    ExperimentRules,
    Iteration,
    PermissionRequest,
    TimeBoxReminder,
)
from elan.experiments.tests.factories import (
    checked_experiment,
    decided_experiment,
    draft_experiment,
    mandate_answers,
    running_experiment,
)
from elan.organisations.tests.factories import person_in

pytestmark = pytest.mark.django_db

DOWNLOAD = "/en/me/data/download/"
NOW = datetime(2030, 1, 1, tzinfo=UTC)
SECRET_PROBLEM = "Okapi harmonica problem statement"
QUESTION = "May we print 800 letters for the test batch?"
LESSONS = "Test the letter with five people before printing it."


def download(user) -> dict:
    client = Client()
    client.force_login(user)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return json.loads(response.content)["sections"]["experiments"]


@pytest.fixture
def co_owner(personas):
    return person_in(personas.team, email="co.owner@elan.test", first_name="Cora")


@pytest.fixture
def asked(personas):
    """The employee asked the line manager, who said no; the card is still a draft."""
    experiment, _result = checked_experiment(
        personas.employee,
        mandate_answers(spend_euros=800),
        title="Asked card",
        problem=SECRET_PROBLEM,
    )
    request = services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.LINE_MANAGER,
        question=QUESTION,
    )
    services.permission_answer(
        request=request, actor=personas.line_manager, granted=False, reason="Print 200 first."
    )
    return experiment


def test_the_register_names_the_experiments_models():
    assert "experiments" in personal_data.exporters()
    assert "experiments" in personal_data.erasers()
    for label in ("experiments.Experiment", "experiments.PermissionRequest"):
        assert "experiments" in personal_data.exported_models()[label]
        assert "experiments" in personal_data.erased_models()[label]


def test_the_owners_download_holds_their_cards_with_iterations_requests_and_history(
    personas, co_owner, asked
):
    decided = decided_experiment(
        personas.employee, Decision.SCALE, title="Decided card", co_owners=[co_owner]
    )
    TimeBoxReminder.objects.create(experiment=decided, ends_on=decided.ends_on, lead_days=7)

    mine = download(personas.employee)

    cards = {card["title"]: card for card in mine["experiments"]}
    assert set(cards) == {"Asked card", "Decided card"}
    assert cards["Asked card"]["card"]["problem"] == SECRET_PROBLEM
    (request,) = cards["Asked card"]["permission_requests"]
    assert request["question"] == QUESTION
    assert request["reason"] == "Print 200 first."
    assert request["asked_of"] == personas.line_manager.get_full_name()
    decided_card = cards["Decided card"]
    assert decided_card["decision"] == Decision.SCALE
    assert decided_card["lessons"] == LESSONS
    assert decided_card["co_owners"] == [co_owner.get_full_name()]
    assert decided_card["iterations"][0]["recorded_by"] == "you"
    assert {event["by"] for event in decided_card["history"]} == {"you"}
    assert decided_card["time_box_reminders_sent"][0]["time_box_ends_on"]
    assert mine["experiments_you_co_own"] == []


def test_a_co_owners_download_lists_the_cards_they_co_own_not_their_contents(personas, co_owner):
    running_experiment(
        personas.employee, title="Shared work", co_owners=[co_owner], problem=SECRET_PROBLEM
    )

    theirs = download(co_owner)

    (card,) = theirs["experiments_you_co_own"]
    assert card["title"] == "Shared work"
    assert card["role"] == "co-owner"
    assert card["started_at"] and card["time_box_ends_on"]
    assert theirs["experiments"] == []
    assert SECRET_PROBLEM not in json.dumps(theirs)


def test_the_person_asked_reads_that_they_answered_and_when_not_the_card(personas, asked):
    theirs = download(personas.line_manager)

    (answer,) = theirs["permission_requests_asked_of_you"]
    assert answer["answer"] == "no"
    assert answer["you_answered"] is True
    assert answer["asked_at"] and answer["answered_at"]
    text = json.dumps(theirs)
    assert "Asked card" not in text
    assert QUESTION not in text
    assert SECRET_PROBLEM not in text
    assert theirs["experiments"] == []


def test_the_officers_download_says_which_rules_name_their_address(personas):
    officer = person_in(personas.organisation, email="dpo@fps-one.test")
    ExperimentRules.objects.create(
        organisation=personas.organisation, data_protection_email="DPO@fps-one.test"
    )

    assert download(officer)["experiment_rules_naming_your_address"] == ["FPS-ONE"]


# --- erasure -----------------------------------------------------------------------------------


def test_a_shared_experiment_keeps_its_lessons_under_a_former_colleague(personas, co_owner, asked):
    shared = decided_experiment(
        personas.employee,
        Decision.STOP,
        title="Shared lesson",
        sharing=Sharing.ORGANISATION,
        co_owners=[co_owner],
    )
    PermissionRequest.objects.create(
        experiment=shared,
        whom=AskWhom.LINE_MANAGER,
        asked_of=personas.line_manager,
        asked_by=personas.employee,
        answered_by=personas.employee,
        question="Old question",
    )

    user_pseudonymise(user=personas.employee, now=NOW)

    shared.refresh_from_db()
    assert shared.owner is None
    assert shared.lessons == LESSONS
    # The other co-owners keep their place on it: it was their work too.
    assert list(shared.co_owners.all()) == [co_owner]
    assert not PermissionRequest.objects.filter(asked_by=personas.employee).exists()
    assert not PermissionRequest.objects.filter(answered_by=personas.employee).exists()
    assert not ExperimentEvent.objects.filter(by=personas.employee).exists()
    assert not Iteration.objects.filter(recorded_by=personas.employee).exists()
    erased = ExperimentEvent.objects.get(experiment=shared, kind=EventKind.OWNER_ERASED)
    assert erased.by is None
    # Still read where it was shared: the organisation learns from it.
    from elan.experiments.selectors import readable_by

    assert readable_by(viewer=personas.hr).filter(pk=shared.pk).exists()


def test_drafts_and_experiments_shared_with_nobody_go_with_the_account(personas, asked):
    private = running_experiment(personas.employee, title="Private")
    draft = draft_experiment(personas.employee, title="Draft")
    draft.sharing = Sharing.TEAM  # a draft stays its owner's whatever is chosen
    draft.save()

    user_pseudonymise(user=personas.employee, now=NOW)

    assert not Experiment.objects.filter(pk__in=[private.pk, draft.pk, asked.pk]).exists()
    assert not PermissionRequest.objects.filter(experiment_id=asked.pk).exists()


def test_an_erased_co_owner_and_person_asked_are_unlinked_from_the_others_cards(
    personas, co_owner, asked
):
    card = running_experiment(personas.employee, title="Co-owned", co_owners=[co_owner])
    services.experiment_share(experiment=card, actor=personas.employee, sharing=Sharing.TEAM)
    services.iteration_add(
        experiment=card,
        actor=co_owner,
        tried_on=card.starts_on,
        what_we_tried="Printed 200 letters.",
        what_we_saw="Fewer calls.",
    )
    address = co_owner.email

    user_pseudonymise(user=co_owner, now=NOW)
    user_pseudonymise(user=personas.line_manager, now=NOW)

    card.refresh_from_db()
    assert card.owner == personas.employee
    assert not card.co_owners.exists()
    assert Iteration.objects.get(experiment=card).recorded_by is None
    # Their address, noted when they were added, goes too.
    assert not ExperimentEvent.objects.filter(note__iexact=address).exists()
    request = PermissionRequest.objects.get(experiment=asked)
    assert request.asked_of is None and request.answered_by is None
    assert request.answer_reason == "Print 200 first."


def test_the_officers_address_leaves_the_rules_with_their_account(personas):
    officer = person_in(personas.organisation, email="dpo@fps-one.test")
    rules = ExperimentRules.objects.create(
        organisation=personas.organisation, data_protection_email="dpo@fps-one.test"
    )

    user_pseudonymise(user=officer, now=NOW)

    rules.refresh_from_db()
    assert rules.data_protection_email == ""


def test_nothing_of_an_erased_person_is_left_in_their_download(personas, asked):
    running_experiment(personas.employee, title="Team card", sharing=Sharing.TEAM)

    user_pseudonymise(user=personas.employee, now=NOW)

    exported = personal_data.exporters()["experiments"](personas.employee)
    assert exported["experiments"] == []
    assert exported["experiments_you_co_own"] == []
