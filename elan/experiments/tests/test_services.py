# SPDX-License-Identifier: EUPL-1.2
"""The experiment's services (issue 17): every move of the lifecycle that is allowed and the ones
that are refused, each outcome of the mandate check, permission requests answered yes and no by
the person asked alone, a save from an older version refused with nothing lost, and bad text
refused with a message."""

from __future__ import annotations

import datetime
import itertools

import pytest
import time_machine

from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.experiments import selectors, services
from elan.experiments.constants import (
    TRANSITIONS,
    AskWhom,
    Decision,
    EventKind,
    MandateOutcome,
    PermissionStatus,
    Sharing,
    Status,
)
from elan.experiments.mandate import MandateAnswers, check_mandate
from elan.experiments.models import ExperimentRules
from elan.experiments.services import ExperimentError, StaleEdit
from elan.experiments.tests.factories import (
    GO_ANSWERS,
    ExperimentFactory,
    IterationFactory,
    add_iteration,
    checked_experiment,
    decided_experiment,
    draft_experiment,
    mandate_answers,
    running_experiment,
)
from elan.organisations.tests.factories import person_in

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 6, 1)


@pytest.fixture(autouse=True)
def on_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def regularise(experiment, actor):
    return services.experiment_regularise(
        experiment=experiment,
        actor=actor,
        approved_by="The management committee",
        approved_on=TODAY,
        official_change="The one-page letter is the standard reminder.",
    )


# --- the lifecycle --------------------------------------------------------------------------------


def test_the_lifecycle_table_allows_exactly_the_documented_moves():
    allowed = {
        (Status.DRAFT, Status.RUNNING),
        (Status.DRAFT, Status.CLOSED),
        (Status.RUNNING, Status.DECIDED),
        (Status.RUNNING, Status.CLOSED),
        (Status.DECIDED, Status.REGULARISED),
        (Status.DECIDED, Status.CLOSED),
        (Status.DECIDED, Status.RUNNING),
    }
    for current, to in itertools.product(Status, Status):
        if (current, to) in allowed:
            ensure_transition(TRANSITIONS, current, to)
        else:
            with pytest.raises(TransitionNotAllowed):
                ensure_transition(TRANSITIONS, current, to)


def test_a_draft_starts_and_runs(personas):
    experiment, _result = checked_experiment(personas.employee)

    experiment = services.experiment_start(experiment=experiment, actor=personas.employee)

    assert experiment.status == Status.RUNNING
    assert experiment.started_at is not None
    event = experiment.events.filter(kind=EventKind.STATUS).get()
    assert (event.from_status, event.to_status, event.by) == (
        Status.DRAFT,
        Status.RUNNING,
        personas.employee,
    )


def test_a_running_experiment_is_decided(personas):
    experiment = running_experiment(personas.employee)
    add_iteration(experiment)

    experiment = services.experiment_decide(
        experiment=experiment,
        actor=personas.employee,
        decision=Decision.STOP,
        reason="Calls did not fall.",
        lessons="People call about the amount, not the wording.",
    )

    assert (experiment.status, experiment.decision, experiment.decided_on) == (
        Status.DECIDED,
        Decision.STOP,
        TODAY,
    )
    assert experiment.lessons == "People call about the amount, not the wording."


def test_iterate_is_a_decision_that_keeps_it_running(personas):
    experiment = decided_experiment(personas.employee, Decision.ITERATE)

    assert (experiment.status, experiment.decision) == (Status.RUNNING, Decision.ITERATE)
    assert experiment.events.filter(kind=EventKind.DECIDED, note=Decision.ITERATE).exists()


def test_a_scaled_experiment_is_regularised(personas):
    experiment = decided_experiment(personas.employee, Decision.SCALE)

    experiment = regularise(experiment, personas.employee)

    assert experiment.status == Status.REGULARISED
    assert (experiment.approved_by, experiment.approved_on) == ("The management committee", TODAY)


@pytest.mark.parametrize("decision", [Decision.SCALE, Decision.PARK, Decision.STOP])
def test_a_decided_experiment_is_closed(personas, decision):
    experiment = decided_experiment(personas.employee, decision)

    experiment = services.experiment_close(
        experiment=experiment, actor=personas.employee, lessons="Ask the call centre first."
    )

    assert (experiment.status, experiment.lessons) == (Status.CLOSED, "Ask the call centre first.")


def test_a_parked_experiment_is_resumed_with_a_new_time_box(personas):
    experiment = decided_experiment(personas.employee, Decision.PARK)

    experiment = services.experiment_resume(
        experiment=experiment, actor=personas.employee, ends_on=TODAY + datetime.timedelta(days=20)
    )

    assert (experiment.status, experiment.ends_on) == (
        Status.RUNNING,
        TODAY + datetime.timedelta(days=20),
    )


def test_a_draft_or_a_running_experiment_is_closed(personas):
    draft = draft_experiment(personas.employee)
    running = running_experiment(personas.employee)

    assert services.experiment_close(experiment=draft, actor=personas.employee).status == (
        Status.CLOSED
    )
    assert services.experiment_close(experiment=running, actor=personas.employee).status == (
        Status.CLOSED
    )


def test_a_draft_cannot_be_decided(personas):
    experiment = draft_experiment(personas.employee)

    with pytest.raises(ExperimentError, match="while the experiment runs"):
        services.experiment_decide(
            experiment=experiment, actor=personas.employee, decision=Decision.STOP, reason="No."
        )
    experiment.refresh_from_db()
    assert (experiment.status, experiment.decision) == (Status.DRAFT, "")


def test_a_decision_needs_an_iteration_and_a_reason(personas):
    experiment = running_experiment(personas.employee)

    with pytest.raises(ExperimentError, match="at least one iteration"):
        services.experiment_decide(
            experiment=experiment, actor=personas.employee, decision=Decision.STOP, reason="No."
        )
    add_iteration(experiment)
    with pytest.raises(ExperimentError, match="cannot be empty"):
        services.experiment_decide(
            experiment=experiment, actor=personas.employee, decision=Decision.STOP, reason="  "
        )
    with pytest.raises(ExperimentError, match="Choose a decision"):
        services.experiment_decide(
            experiment=experiment, actor=personas.employee, decision="celebrate", reason="Yes."
        )


def test_only_a_scaled_experiment_is_regularised(personas):
    for decision in (Decision.STOP, Decision.PARK):
        experiment = decided_experiment(personas.employee, decision)
        with pytest.raises(ExperimentError, match="decided to scale up"):
            regularise(experiment, personas.employee)
    with pytest.raises(ExperimentError, match="decided to scale up"):
        regularise(running_experiment(personas.employee), personas.employee)


def test_only_a_parked_experiment_is_resumed(personas):
    for experiment in (
        decided_experiment(personas.employee, Decision.STOP),
        decided_experiment(personas.employee, Decision.SCALE),
        running_experiment(personas.employee),
    ):
        with pytest.raises(ExperimentError, match="parked"):
            services.experiment_resume(
                experiment=experiment,
                actor=personas.employee,
                ends_on=TODAY + datetime.timedelta(days=5),
            )


def test_a_regularised_experiment_moves_nowhere(personas):
    experiment = regularise(
        decided_experiment(personas.employee, Decision.SCALE), personas.employee
    )
    owner = personas.employee
    later = TODAY + datetime.timedelta(days=5)

    refused = [
        lambda: services.experiment_close(experiment=experiment, actor=owner),
        lambda: services.experiment_resume(experiment=experiment, actor=owner, ends_on=later),
        lambda: services.experiment_start(experiment=experiment, actor=owner),
        lambda: regularise(experiment, owner),
        lambda: services.experiment_decide(
            experiment=experiment, actor=owner, decision=Decision.STOP, reason="Again."
        ),
        lambda: services.experiment_update(
            experiment=experiment, actor=owner, version=experiment.version, fields={"title": "X"}
        ),
        lambda: add_iteration(experiment),
    ]
    for attempt in refused:
        with pytest.raises(ExperimentError):
            attempt()
    experiment.refresh_from_db()
    assert experiment.status == Status.REGULARISED


def test_a_closed_experiment_moves_nowhere(personas):
    experiment = services.experiment_close(
        experiment=decided_experiment(personas.employee, Decision.PARK), actor=personas.employee
    )
    owner = personas.employee
    later = TODAY + datetime.timedelta(days=5)

    refused = [
        lambda: services.experiment_close(experiment=experiment, actor=owner),
        lambda: services.experiment_resume(experiment=experiment, actor=owner, ends_on=later),
        lambda: services.experiment_start(experiment=experiment, actor=owner),
        lambda: regularise(experiment, owner),
        lambda: services.experiment_decide(
            experiment=experiment, actor=owner, decision=Decision.STOP, reason="Again."
        ),
        lambda: add_iteration(experiment),
    ]
    for attempt in refused:
        with pytest.raises(ExperimentError):
            attempt()
    experiment.refresh_from_db()
    assert experiment.status == Status.CLOSED


def test_only_owners_move_an_experiment(personas):
    experiment = running_experiment(personas.employee, sharing=Sharing.TEAM)
    add_iteration(experiment)

    for stranger in (personas.line_manager, personas.hr, personas.outsider):
        with pytest.raises(ExperimentError, match="owners"):
            services.experiment_decide(
                experiment=experiment, actor=stranger, decision=Decision.STOP, reason="No."
            )
        with pytest.raises(ExperimentError, match="owners"):
            add_iteration(experiment, stranger)


def test_an_iteration_is_dated_today_or_earlier_while_it_runs(personas):
    experiment = running_experiment(personas.employee)

    with pytest.raises(ExperimentError, match="today or earlier"):
        add_iteration(experiment, tried_on=TODAY + datetime.timedelta(days=1))
    with pytest.raises(ExperimentError, match="while the experiment runs"):
        add_iteration(draft_experiment(personas.employee))
    first = add_iteration(experiment)
    second = add_iteration(experiment, guardrail_breached=True)
    assert (first.number, second.number) == (1, 2)
    assert second.prompts_a_decision and not first.prompts_a_decision


# --- within my mandate ----------------------------------------------------------------------------


def test_the_mandate_check_says_go_for_a_small_safe_test(personas):
    experiment, result = checked_experiment(personas.employee, GO_ANSWERS)

    assert result.outcome == MandateOutcome.GO
    assert result.reasons
    assert experiment.mandate_outcome == MandateOutcome.GO
    assert services.start_blockers(experiment=experiment) == []


@pytest.mark.parametrize(
    "answers",
    [mandate_answers(spend_euros=501), mandate_answers(other_unit=True)],
    ids=["spend over the limit", "another unit"],
)
def test_the_mandate_check_asks_the_line_manager(personas, answers):
    experiment, result = checked_experiment(personas.employee, answers)

    assert (result.outcome, result.ask) == (MandateOutcome.ASK, (AskWhom.LINE_MANAGER,))
    assert "Your line manager has not granted permission yet." in [
        str(blocker) for blocker in services.start_blockers(experiment=experiment)
    ]


def test_spending_the_limit_itself_needs_no_permission(personas):
    _experiment, result = checked_experiment(personas.employee, mandate_answers(spend_euros=500))

    assert result.outcome == MandateOutcome.GO


def test_the_organisation_sets_its_own_spend_limit(personas):
    ExperimentRules.objects.create(organisation=personas.organisation, spend_limit_euros=1000)

    _experiment, result = checked_experiment(personas.employee, mandate_answers(spend_euros=800))

    assert result.outcome == MandateOutcome.GO


def test_the_mandate_check_asks_the_data_protection_officer_for_personal_data(personas):
    _experiment, result = checked_experiment(personas.employee, mandate_answers(personal_data=True))

    assert (result.outcome, result.ask) == (MandateOutcome.ASK, (AskWhom.DATA_PROTECTION,))


def test_personal_data_and_a_big_spend_ask_both(personas):
    _experiment, result = checked_experiment(
        personas.employee, mandate_answers(personal_data=True, spend_euros=2000)
    )

    assert result.ask == (AskWhom.LINE_MANAGER, AskWhom.DATA_PROTECTION)
    assert len(result.reasons) == 2


def test_the_mandate_check_says_shrink_for_a_change_of_rights(personas):
    experiment, result = checked_experiment(
        personas.employee, mandate_answers(changes_rights=True, personal_data=True)
    )

    assert result.outcome == MandateOutcome.SHRINK
    assert result.suggestions
    assert result.ask == ()
    assert any("Shrink" in str(b) for b in services.start_blockers(experiment=experiment))


def test_the_mandate_check_is_pure_and_weighs_rights_first():
    result = check_mandate(
        MandateAnswers(changes_rights=True, personal_data=True, spend_euros=10**6, other_unit=True),
        spend_limit_euros=500,
    )

    assert result.outcome == MandateOutcome.SHRINK


def test_the_mandate_is_checked_before_the_test_only(personas):
    experiment = running_experiment(personas.employee)

    with pytest.raises(ExperimentError, match="before the test starts"):
        services.mandate_check(experiment=experiment, actor=personas.employee, answers=GO_ANSWERS)


# --- permission requests --------------------------------------------------------------------------


def ask_line_manager(personas, **answers):
    experiment, _result = checked_experiment(
        personas.employee, mandate_answers(**(answers or {"spend_euros": 900}))
    )
    request = services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.LINE_MANAGER,
        question="May we spend 900 euros on printing?",
    )
    return experiment, request


def test_a_permission_granted_lets_the_experiment_start(personas):
    experiment, request = ask_line_manager(personas)
    assert request.asked_of == personas.line_manager
    assert services.start_blockers(experiment=experiment)

    request = services.permission_answer(
        request=request, actor=personas.line_manager, granted=True, reason="It is in the budget."
    )

    assert request.status == PermissionStatus.GRANTED
    assert services.start_blockers(experiment=experiment) == []
    experiment = services.experiment_start(experiment=experiment, actor=personas.employee)
    assert experiment.status == Status.RUNNING


def test_a_permission_refused_keeps_the_reason_and_the_date_and_the_test_cannot_start(personas):
    experiment, request = ask_line_manager(personas)

    services.permission_answer(
        request=request, actor=personas.line_manager, granted=False, reason="Not this quarter."
    )

    request.refresh_from_db()
    assert (request.status, request.answer_reason, request.answered_at.date()) == (
        PermissionStatus.REFUSED,
        "Not this quarter.",
        TODAY,
    )
    assert request.answered_by == personas.line_manager
    with pytest.raises(ExperimentError, match="has not granted permission yet"):
        services.experiment_start(experiment=experiment, actor=personas.employee)
    experiment.refresh_from_db()
    assert experiment.status == Status.DRAFT
    assert experiment.events.filter(
        kind=EventKind.PERMISSION_ANSWERED, note="line_manager:refused"
    ).exists()


def test_only_the_person_asked_answers(personas):
    _experiment, request = ask_line_manager(personas)

    for someone in (personas.employee, personas.team_lead, personas.hr, personas.outsider):
        with pytest.raises(ExperimentError, match="Only the person asked"):
            services.permission_answer(request=request, actor=someone, granted=True, reason="Yes.")
    request.refresh_from_db()
    assert request.status == PermissionStatus.WAITING


def test_a_request_is_answered_once_and_always_with_a_reason(personas):
    _experiment, request = ask_line_manager(personas)

    with pytest.raises(ExperimentError, match="cannot be empty"):
        services.permission_answer(
            request=request, actor=personas.line_manager, granted=True, reason=" "
        )
    services.permission_answer(
        request=request, actor=personas.line_manager, granted=True, reason="Yes."
    )
    with pytest.raises(ExperimentError, match="answered already"):
        services.permission_answer(
            request=request, actor=personas.line_manager, granted=False, reason="On second thought."
        )


def test_a_permission_is_asked_only_when_the_check_asks_for_it_and_once_at_a_time(personas):
    experiment, _result = checked_experiment(personas.employee, GO_ANSWERS)
    with pytest.raises(ExperimentError, match="does not ask"):
        services.permission_ask(
            experiment=experiment, actor=personas.employee, whom="line_manager", question="Q?"
        )
    experiment, _request = ask_line_manager(personas)
    with pytest.raises(ExperimentError, match="waiting for an answer already"):
        services.permission_ask(
            experiment=experiment, actor=personas.employee, whom="line_manager", question="Q?"
        )


def test_a_data_protection_officer_without_an_account_is_answered_through_the_owner(personas):
    ExperimentRules.objects.create(
        organisation=personas.organisation, data_protection_email="dpo@fps-one.example"
    )
    experiment, _result = checked_experiment(personas.employee, mandate_answers(personal_data=True))
    request = services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.DATA_PROTECTION,
        question="May we use the addresses of 200 people?",
    )
    assert (request.asked_of, request.asked_email) == (None, "dpo@fps-one.example")

    with pytest.raises(ExperimentError):
        services.permission_answer(
            request=request, actor=personas.line_manager, granted=True, reason="Yes."
        )
    services.permission_answer(
        request=request, actor=personas.employee, granted=True, reason="Yes, by e-mail of 1 June."
    )
    assert services.start_blockers(experiment=experiment) == []


def test_a_permission_asked_again_after_a_no_and_granted_lets_the_test_start(personas):
    experiment, request = ask_line_manager(personas)
    services.permission_answer(
        request=request, actor=personas.line_manager, granted=False, reason="Not at that price."
    )
    again = services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.LINE_MANAGER,
        question="And at half the price?",
    )
    services.permission_answer(
        request=again, actor=personas.line_manager, granted=True, reason="Yes, at that price."
    )

    assert services.start_blockers(experiment=experiment) == []


# --- saves, co-owners, sharing --------------------------------------------------------------------


def test_a_stale_save_is_refused_and_nothing_is_lost(personas):
    co_owner = person_in(personas.team, email="co.owner@elan.test")
    experiment = draft_experiment(personas.employee)
    services.co_owner_add(experiment=experiment, actor=personas.employee, co_owner=co_owner)
    opened = experiment.version
    services.experiment_update(
        experiment=experiment, actor=co_owner, version=opened, fields={"problem": "Theirs."}
    )

    with pytest.raises(StaleEdit) as stale:
        services.experiment_update(
            experiment=experiment,
            actor=personas.employee,
            version=opened,
            fields={"problem": "Mine."},
        )

    assert stale.value.saved.problem == "Theirs."
    assert stale.value.saved.version == opened + 1
    experiment.refresh_from_db()
    assert experiment.problem == "Theirs."
    services.experiment_update(
        experiment=experiment,
        actor=personas.employee,
        version=stale.value.saved.version,
        fields={"problem": "Mine."},
    )
    experiment.refresh_from_db()
    assert experiment.problem == "Mine."


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"problem": "x" * 10_000}, "at most 4000 characters"),
        ({"title": "t" * 201}, "at most 200 characters"),
        ({"title": "\x00 "}, "cannot be empty"),
        ({"ends_on": "2027-07-01"}, "days of the calendar"),
        ({"cost_euros": "250"}, "whole number of euros"),
        ({"cost_euros": -5}, "whole number of euros"),
        ({"skills": ["telepathy"]}, "listed principles and skills"),
        (
            {"starts_on": TODAY, "ends_on": TODAY - datetime.timedelta(days=1)},
            "cannot end before",
        ),
    ],
)
def test_bad_text_is_refused_with_a_message_and_nothing_saved(personas, fields, message):
    experiment = draft_experiment(personas.employee)
    before = (experiment.title, experiment.problem, experiment.version)

    with pytest.raises(ExperimentError, match=message):
        services.experiment_update(
            experiment=experiment,
            actor=personas.employee,
            version=experiment.version,
            fields=fields,
        )

    experiment.refresh_from_db()
    assert (experiment.title, experiment.problem, experiment.version) == before


def test_a_nul_byte_is_taken_out_of_the_text(personas):
    experiment = services.experiment_create(
        owner=personas.employee, title="Letters\x00 test", language="en"
    )

    assert experiment.title == "Letters test"


def test_only_the_owner_adds_co_owners_and_only_active_colleagues(personas):
    experiment = draft_experiment(personas.employee)
    co_owner = person_in(personas.team, email="co.owner@elan.test")
    services.co_owner_add(experiment=experiment, actor=personas.employee, co_owner=co_owner)

    with pytest.raises(ExperimentError, match="owner can"):
        services.co_owner_add(experiment=experiment, actor=co_owner, co_owner=personas.line_manager)
    gone = person_in(personas.team, email="gone@elan.test", is_active=False)
    with pytest.raises(ExperimentError, match="active colleague"):
        services.co_owner_add(experiment=experiment, actor=personas.employee, co_owner=gone)
    with pytest.raises(ExperimentError, match="owner already"):
        services.co_owner_add(
            experiment=experiment, actor=personas.employee, co_owner=personas.employee
        )
    assert selectors.is_owner(viewer=co_owner, experiment=experiment)
    services.co_owner_remove(experiment=experiment, actor=personas.employee, co_owner=co_owner)
    assert not selectors.is_owner(viewer=co_owner, experiment=experiment)


def test_a_co_owner_comes_from_the_cards_own_organisation(personas):
    experiment = draft_experiment(personas.employee)

    with pytest.raises(ExperimentError, match="your own organisation"):
        services.co_owner_add(
            experiment=experiment, actor=personas.employee, co_owner=personas.outsider
        )

    assert not selectors.is_owner(viewer=personas.outsider, experiment=experiment)
    services.co_owner_add(experiment=experiment, actor=personas.employee, co_owner=personas.hr)
    assert selectors.is_owner(viewer=personas.hr, experiment=experiment)


def test_only_the_owner_chooses_who_reads_it(personas):
    co_owner = person_in(personas.team, email="co.owner@elan.test")
    experiment = running_experiment(personas.employee, co_owners=[co_owner])

    with pytest.raises(ExperimentError, match="owner can"):
        services.experiment_share(experiment=experiment, actor=co_owner, sharing=Sharing.TEAM)
    with pytest.raises(ExperimentError, match="owner can"):
        services.experiment_set_profile_evidence(
            experiment=experiment, actor=co_owner, allowed=True
        )
    experiment = services.experiment_share(
        experiment=experiment, actor=personas.employee, sharing=Sharing.TEAM
    )
    assert experiment.sharing == Sharing.TEAM


def test_a_shared_draft_stays_private_until_it_starts(personas):
    colleague = person_in(personas.team, email="colleague@elan.test")
    experiment, _result = checked_experiment(personas.employee, GO_ANSWERS)
    experiment = services.experiment_share(
        experiment=experiment, actor=personas.employee, sharing=Sharing.TEAM
    )

    assert not selectors.is_reader(viewer=colleague, experiment=experiment)
    services.experiment_start(experiment=experiment, actor=personas.employee)
    assert selectors.is_reader(viewer=colleague, experiment=experiment)


def test_trying_it_too_needs_a_started_card_shared_with_the_reader(personas):
    colleague = person_in(personas.team, email="colleague@elan.test")
    draft = ExperimentFactory(owner=personas.employee, shared_team=True)
    private = ExperimentFactory(owner=personas.employee, running=True)
    shared = ExperimentFactory(owner=personas.employee, running=True, shared_team=True)
    IterationFactory(experiment=shared)

    for original in (draft, private):
        with pytest.raises(ExperimentError, match="shared with you"):
            services.experiment_try_too(original=original, actor=colleague, language="en")
    mine = services.experiment_try_too(original=shared, actor=colleague, language="en")
    assert (mine.owner, mine.based_on, mine.status, mine.iterations.count()) == (
        colleague,
        shared,
        Status.DRAFT,
        0,
    )
    assert list(selectors.built_on(experiment=shared, viewer=personas.employee)) == [mine]
