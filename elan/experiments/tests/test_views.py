# SPDX-License-Identifier: EUPL-1.2
"""The experiment card's pages (issue 17): a card saved half-filled, templates that guide without
filling in, the mandate check and its permission requests, the start, iterations that ask for a
decision, the decision and the steps after it, sharing and co-owners; who reads a card and who
changes it; bad input shown back with its message, never an error page."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from elan.experiments import services
from elan.experiments.constants import (
    Decision,
    PermissionStatus,
    Sharing,
    Status,
)
from elan.experiments.mandate import MandateAnswers
from elan.experiments.models import Experiment, ExperimentRules, PermissionRequest
from elan.experiments.tests.factories import (
    ExperimentFactory,
    IterationFactory,
    decided_experiment,
    draft_experiment,
    running_experiment,
)
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

# A Tuesday; every date of these tests is counted from it.
TODAY = datetime.date(2027, 6, 1)


@pytest.fixture(autouse=True)
def on_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def colleague(personas):
    """A person of the employee's unit who owns nothing of the employee's."""
    return person_in(personas.team, manager=personas.line_manager, email="colleague@elan.test")


@pytest.fixture
def other_unit_person(personas):
    """A member of the same organisation, in another unit than the employee's."""
    unit = UnitFactory(parent=personas.organisation, code="FPS-ONE-OTHER", name_en="Other")
    return person_in(unit, email="other.unit@elan.test")


def url(name: str, experiment=None) -> str:
    return reverse(f"experiments:{name}", args=[experiment.public_id] if experiment else [])


def as_user(client, user):
    client.logout()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def card_post(**overrides) -> dict:
    return {
        "template": "",
        "title": "A clearer reminder letter",
        "problem": "People call us because the reminder letter is hard to read.",
        "audience": "People who receive a payment reminder.",
        "belief": "a one-page letter with the action first",
        "expected_outcome": "fewer calls about the letter",
        "what_we_try": "A one-page letter.",
        "smallest_test": "200 letters over two weeks.",
        "success_criterion": "Calls about the letter fall from 20% to 10%.",
        "stop_criterion": "Payments on time fall by 5 points.",
        "guardrails": "No deadline missed because of the wording.",
        "starts_on": "",
        "ends_on": "2027-06-30",
        "cost_euros": "0",
        "people_involved": "Two of us.",
        **overrides,
    }


def go_answers(**overrides) -> dict:
    return {
        "changes_rights": "no",
        "personal_data": "no",
        "spend_euros": "0",
        "other_unit": "no",
        **overrides,
    }


# --- the card -----------------------------------------------------------------------------------


def test_a_card_is_saved_half_filled_with_only_its_title(personas, client_for):
    client = client_for("employee")
    response = client.post(url("new"), {"title": "Fewer calls after the reminder"})

    experiment = Experiment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", experiment)
    assert (experiment.owner, experiment.status, experiment.problem, experiment.ends_on) == (
        personas.employee,
        Status.DRAFT,
        "",
        None,
    )
    page = client.get(url("detail", experiment)).content.decode()
    assert "Not written yet." in page
    assert 'id="next-steps"' in page


def test_a_card_without_a_title_keeps_what_was_typed_and_says_what_is_missing(client_for):
    response = client_for("employee").post(
        url("new"), {"title": "", "problem": "Half of the forms come back incomplete."}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Give the experiment a title: the rest can wait." in html
    assert "Half of the forms come back incomplete." in html
    assert not Experiment.objects.exists()


def test_the_new_page_offers_the_four_templates_and_a_blank_card(client_for):
    html = client_for("employee").get(url("new")).content.decode()

    for code in ("test_card", "pilot", "ab_letters", "prototype_five", "blank"):
        assert f"?template={code}" in html
    assert "<form" not in html.split('id="templates"')[1]


def test_a_template_gives_its_guidance_and_fills_in_nothing(client_for):
    client = client_for("employee")
    page = client.get(url("new") + "?template=ab_letters")

    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["form"].initial == {"template": "ab_letters"}
    assert 'name="template" value="ab_letters"' in html
    assert "the share of citizens who call back" in html
    assert "For example:" in html
    assert page.context["form"]["problem"].value() in (None, "")

    client.post(url("new"), card_post(template="ab_letters"))
    assert Experiment.objects.get().template == "ab_letters"


def test_an_unknown_template_starts_a_blank_card_with_a_message(client_for):
    page = client_for("employee").get(url("new") + "?template=moonshot")

    assert page.status_code == 200
    assert "There is no such template" in page.content.decode()
    assert page.context["chosen"] is None


def test_the_owner_edits_the_card_and_the_template_guidance_stays(personas, client_for):
    experiment = draft_experiment(personas.employee, template="pilot")
    client = client_for("employee")

    page = client.get(url("edit", experiment))
    assert "A pilot often runs six to twelve weeks." in page.content.decode()
    response = client.post(
        url("edit", experiment),
        card_post(title="Saturday mornings at the counter", version=experiment.version),
    )

    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.title == "Saturday mornings at the counter"


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message", "kept"),
    [
        (
            {"problem": "Letters\x07 are long"},
            "Remove the invisible control characters",
            "Letters",
        ),
        ({"problem": "y" * 10_000}, "At most 4000 characters: this text has 10000.", "y" * 10_000),
        ({"ends_on": "next Friday"}, "Enter a real date", "next Friday"),
        ({"ends_on": "2027-02-30"}, "Enter a real date", "2027-02-30"),
        ({"cost_euros": "2027-03-01"}, "Give the cost as a whole number of euros", "2027-03-01"),
        ({"principles": ["moonshot"]}, "Choose among the listed principles.", "A clearer"),
        (
            {"starts_on": "2027-07-01", "ends_on": "2027-06-15"},
            "The time box cannot end before the experiment starts.",
            "2027-07-01",
        ),
    ],
)
def test_bad_input_on_the_card_gives_a_message_and_the_input_back(
    client_for, overrides, message, kept
):
    response = client_for("employee").post(url("new"), card_post(**overrides))

    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert message in html
    assert kept in html
    assert not Experiment.objects.exists()


def test_a_nul_byte_is_refused_before_the_page_and_nothing_is_saved(client_for):
    # No keyboard types NUL: the site's malformed-input guard answers 400 before any view
    # (elan/portal/middleware.py), never a 500.
    response = client_for("employee").post(url("new"), card_post(title="Letters\x00 test"))

    assert response.status_code == 400
    assert not Experiment.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"tried_on": "2027-06-02"}, "today or earlier"),
        ({"tried_on": "2027-13-01"}, "Enter a real date"),
        ({"what_we_saw": "z" * 10_000}, "At most 4000 characters"),
        ({"success": "brilliant"}, "Say what you saw against the success criterion."),
    ],
)
def test_bad_input_on_an_iteration_gives_a_message_and_the_input_back(
    personas, client_for, data, message
):
    experiment = running_experiment(personas.employee)
    values = {
        "tried_on": "2027-06-01",
        "what_we_tried": "Sent 200 letters.",
        "what_we_saw": "Nine calls.",
        "success": "unclear",
        **data,
    }
    response = client_for("employee").post(url("iteration_new", experiment), values)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Sent 200 letters." in html
    assert not experiment.iterations.exists()


# --- within my mandate, permission, start -------------------------------------------------------


def test_the_start_page_lists_what_is_missing(personas, client_for):
    experiment = ExperimentFactory(owner=personas.employee, half_filled=True)
    client = client_for("employee")

    page = client.get(url("start", experiment)).content.decode()
    assert 'id="start-blockers"' in page
    for missing in (
        "Problem is still empty.",
        "Success criterion is still empty.",
        "Set the day the time box ends.",
        "Check whether the test is within your mandate.",
    ):
        assert missing in page
    assert "Start the test now" not in page

    response = client.post(url("start", experiment))
    assert response.status_code == 200
    assert "The test cannot start yet" in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.status == Status.DRAFT


def test_a_complete_card_that_is_within_the_mandate_starts(personas, client_for):
    experiment = draft_experiment(personas.employee)
    client = client_for("employee")

    response = client.post(url("mandate", experiment), go_answers())
    assert response.status_code == 302
    page = client.get(url("mandate", experiment)).content.decode()
    assert "Go ahead: it is within your mandate" in page
    assert "It stays within your mandate" in page

    assert 'id="ready"' in client.get(url("start", experiment)).content.decode()
    assert client.post(url("start", experiment)).status_code == 302
    experiment.refresh_from_db()
    assert experiment.status == Status.RUNNING
    assert "30 days left" in client.get(url("detail", experiment)).content.decode()


def test_the_mandate_check_says_to_shrink_a_test_that_changes_rights(personas, client_for):
    experiment = draft_experiment(personas.employee)
    client = client_for("employee")

    client.post(url("mandate", experiment), go_answers(changes_rights="yes"))
    page = client.get(url("mandate", experiment)).content.decode()

    assert "Shrink the test" in page
    assert 'id="shrink-suggestions"' in page
    assert "Simulate it" in page
    assert (
        "Shrink the test until it stays within your mandate"
        in client.get(url("start", experiment)).content.decode()
    )


def test_unanswered_questions_of_the_mandate_check_keep_the_answers_given(personas, client_for):
    experiment = draft_experiment(personas.employee)
    response = client_for("employee").post(
        url("mandate", experiment), {"changes_rights": "no", "spend_euros": "lots"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Answer yes or no." in html
    assert "Give the amount as a whole number of euros" in html
    assert 'value="lots"' in html
    experiment.refresh_from_db()
    assert experiment.mandate_checked_at is None


def test_a_permission_granted_by_the_line_manager_lets_the_test_start(personas, client_for):
    experiment = draft_experiment(personas.employee)
    client = client_for("employee")
    client.post(url("mandate", experiment), go_answers(spend_euros="800"))

    page = client.get(url("mandate", experiment)).content.decode()
    assert "Ask first" in page
    assert "Your line manager" in page
    assert 'name="line_manager-question"' in page
    assert "has not granted permission yet" in client.get(url("start", experiment)).content.decode()

    response = client.post(
        url("ask", experiment),
        {"line_manager-whom": "line_manager", "line_manager-question": "May we spend 800 euros?"},
    )
    assert response.status_code == 302
    asked = PermissionRequest.objects.get()
    assert (asked.asked_of, asked.status) == (personas.line_manager, PermissionStatus.WAITING)

    manager = client_for("line_manager")
    home = manager.get(url("home")).content.decode()
    assert "Permission requests waiting for you" in home
    page = manager.get(reverse("experiments:permission", args=[asked.public_id])).content.decode()
    assert "May we spend 800 euros?" in page
    assert experiment.title in page
    response = manager.post(
        reverse("experiments:permission", args=[asked.public_id]),
        {"granted": "yes", "reason": "Within this year's budget for the letters."},
    )
    assert response.status_code == 302

    client = client_for("employee")
    card = client.get(url("detail", experiment)).content.decode()
    assert "Granted" in card
    assert "Within this year&#x27;s budget for the letters." in card
    assert "answered on" in card
    assert client.post(url("start", experiment)).status_code == 302
    experiment.refresh_from_db()
    assert experiment.status == Status.RUNNING


def test_a_permission_refused_keeps_its_reason_and_date_and_the_test_cannot_start(
    personas, client_for
):
    experiment = draft_experiment(personas.employee)
    client = client_for("employee")
    client.post(url("mandate", experiment), go_answers(other_unit="yes"))
    client.post(
        url("ask", experiment),
        {
            "line_manager-whom": "line_manager",
            "line_manager-question": "May we ask the print shop?",
        },
    )
    asked = PermissionRequest.objects.get()

    client_for("line_manager").post(
        reverse("experiments:permission", args=[asked.public_id]),
        {"granted": "no", "reason": "The print shop is full until March."},
    )

    asked.refresh_from_db()
    assert (asked.status, asked.answered_at.date()) == (PermissionStatus.REFUSED, TODAY)
    client = client_for("employee")
    card = client.get(url("detail", experiment)).content.decode()
    assert "Refused" in card
    assert "The print shop is full until March." in card
    client.post(url("start", experiment))
    experiment.refresh_from_db()
    assert experiment.status == Status.DRAFT


def test_the_data_protection_officer_is_asked_for_personal_data(personas, client_for):
    ExperimentRules.objects.create(
        organisation=personas.organisation, data_protection_email="hr@elan.test"
    )
    experiment = draft_experiment(personas.employee)
    client = client_for("employee")
    client.post(url("mandate", experiment), go_answers(personal_data="yes"))

    page = client.get(url("mandate", experiment)).content.decode()
    assert "The data protection officer" in page
    client.post(
        url("ask", experiment),
        {
            "data_protection-whom": "data_protection",
            "data_protection-question": "May we use the addresses?",
        },
    )
    assert PermissionRequest.objects.get().asked_of == personas.hr


def test_only_the_person_asked_answers_a_permission_request(personas, client_for, colleague):
    experiment, _result = services.mandate_check(
        experiment=draft_experiment(personas.employee),
        actor=personas.employee,
        answers=MandateAnswers(
            changes_rights=False, personal_data=False, spend_euros=900, other_unit=False
        ),
    )
    asked = services.permission_ask(
        experiment=experiment, actor=personas.employee, whom="line_manager", question="May we?"
    )
    address = reverse("experiments:permission", args=[asked.public_id])
    answer = {"granted": "yes", "reason": "Fine by me."}

    owner = client_for("employee")
    owner_page = owner.get(address).content.decode()
    assert "May we?" in owner_page
    assert 'name="reason"' not in owner_page
    assert owner.post(address, answer).status_code == 403
    for name in ("team_lead", "hr", "outsider", "administrator"):
        assert client_for(name).get(address).status_code == 404
        assert client_for(name).post(address, answer).status_code == 404
    asked.refresh_from_db()
    assert asked.status == PermissionStatus.WAITING


def test_the_person_asked_reads_the_question_and_title_not_the_card(personas, client_for):
    experiment = draft_experiment(personas.employee, problem="A problem only the owner reads.")
    services.mandate_check(
        experiment=experiment,
        actor=personas.employee,
        answers=MandateAnswers(
            changes_rights=False, personal_data=False, spend_euros=0, other_unit=True
        ),
    )
    asked = services.permission_ask(
        experiment=experiment, actor=personas.employee, whom="line_manager", question="May we?"
    )

    manager = client_for("line_manager")
    page = manager.get(reverse("experiments:permission", args=[asked.public_id])).content.decode()
    assert experiment.title in page
    assert "A problem only the owner reads." not in page
    assert manager.get(url("detail", experiment)).status_code == 404


# --- iterations and the decision ------------------------------------------------------------------


def test_an_iteration_that_breaches_a_guardrail_prompts_a_decision(personas, client_for):
    experiment = running_experiment(personas.employee)
    client = client_for("employee")
    assert 'id="decision-prompt"' not in client.get(url("detail", experiment)).content.decode()

    response = client.post(
        url("iteration_new", experiment),
        {
            "tried_on": "2027-06-01",
            "what_we_tried": "Sent 200 letters.",
            "what_we_saw": "Three people missed the deadline.",
            "success": "not_met",
            "guardrail_breached": "on",
            "skills": ["iteration"],
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#decision-prompt")
    card = client.get(url("detail", experiment)).content.decode()
    assert 'id="decision-prompt"' in card
    assert "a guardrail was breached." in card
    assert "Decide what comes next" in card
    iteration = experiment.iterations.get()
    assert (iteration.guardrail_breached, iteration.skills) == (True, ["iteration"])

    client.post(
        url("decide", experiment),
        {"decision": "iterate", "reason": "Put the deadline first and test again."},
    )
    experiment.refresh_from_db()
    assert experiment.status == Status.RUNNING
    assert 'id="decision-prompt"' not in client.get(url("detail", experiment)).content.decode()


def test_the_card_counts_down_its_time_box(personas, client_for):
    client = client_for("employee")
    nine_left = ExperimentFactory(
        owner=personas.employee, running=True, ends_on=TODAY + datetime.timedelta(days=9)
    )
    ended = ExperimentFactory(
        owner=personas.employee, running=True, ends_on=TODAY - datetime.timedelta(days=2)
    )
    today = ExperimentFactory(owner=personas.employee, running=True, ends_on=TODAY)

    assert "9 days left" in client.get(url("detail", nine_left)).content.decode()
    assert "The time box ended 2 days ago." in client.get(url("detail", ended)).content.decode()
    assert "The time box ends today." in client.get(url("detail", today)).content.decode()


def test_the_decision_page_asks_what_was_learnt_never_who_failed(personas, client_for):
    experiment = running_experiment(personas.employee)
    IterationFactory(experiment=experiment)

    html = client_for("employee").get(url("decide", experiment)).content.decode().lower()
    assert "what we learnt, and what others should know" in html
    for blaming in ("who failed", "whose fault", "blame", "responsible for the failure"):
        assert blaming not in html


def test_deciding_needs_an_iteration_first(personas, client_for):
    experiment = running_experiment(personas.employee)
    client = client_for("employee")

    assert 'id="no-iterations"' in client.get(url("decide", experiment)).content.decode()
    response = client.post(url("decide", experiment), {"decision": "stop", "reason": "Too early."})
    assert "Record at least one iteration before you decide." in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.status == Status.RUNNING


def test_a_scaled_experiment_is_made_official(personas, client_for):
    experiment = running_experiment(personas.employee)
    IterationFactory(experiment=experiment, met=True)
    client = client_for("employee")

    client.post(
        url("decide", experiment),
        {
            "decision": "scale",
            "reason": "Calls fell by half.",
            "lessons": "Start with the action; people read the first line.",
        },
    )
    experiment.refresh_from_db()
    assert (experiment.status, experiment.decision) == (Status.DECIDED, Decision.SCALE)
    assert "Make it official" in client.get(url("detail", experiment)).content.decode()
    assert "Who approved the new way of working?" in (
        client.get(url("regularise", experiment)).content.decode()
    )

    response = client.post(
        url("regularise", experiment),
        {
            "approved_by": "The management committee",
            "approved_on": "2027-06-01",
            "official_change": "The one-page letter is the standard reminder.",
        },
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.status == Status.REGULARISED
    card = client.get(url("detail", experiment)).content.decode()
    assert "The management committee" in card
    assert 'id="hub-case"' in card
    assert 'id="next-steps"' in card
    assert url("edit", experiment) not in card
    assert client.get(url("regularise", experiment)).status_code == 302


def test_a_parked_experiment_is_taken_up_again_and_then_closed(personas, client_for):
    experiment = decided_experiment(personas.employee, Decision.PARK)
    client = client_for("employee")

    response = client.post(url("resume", experiment), {"ends_on": "2027-05-01"})
    assert "The time box ends in the past" in response.content.decode()
    client.post(url("resume", experiment), {"ends_on": "2027-07-15"})
    experiment.refresh_from_db()
    assert (experiment.status, experiment.ends_on) == (Status.RUNNING, datetime.date(2027, 7, 15))

    assert "Close the experiment" in client.get(url("close", experiment)).content.decode()
    client.post(url("close", experiment), {"lessons": "The season matters more than the letter."})
    experiment.refresh_from_db()
    assert experiment.status == Status.CLOSED
    assert experiment.lessons == "The season matters more than the letter."


def test_the_history_reads_in_words_not_codes(personas, client_for):
    experiment = decided_experiment(personas.employee, Decision.SCALE, sharing=Sharing.TEAM)

    html = client_for("employee").get(url("detail", experiment)).content.decode()
    history = html.split('id="history"')[1]
    assert "Scale it up" in history
    assert "My team: my unit and its line" in history
    assert "From “Draft” to “Running”." in history
    assert "Go ahead: it is within your mandate" in history
    assert "Iteration 1" in history
    for code in ("scale<", "team<", "running<", ">go<"):
        assert code not in history


# --- sharing, co-owners, profile, building on it -----------------------------------------------


def test_sharing_a_draft_says_it_stays_private_until_it_starts(personas, client_for, colleague):
    experiment = draft_experiment(personas.employee)
    client = client_for("employee")

    assert "A draft stays private until it starts" in (
        client.get(url("detail", experiment)).content.decode()
    )
    response = client.post(url("share", experiment), {"sharing": "team"}, follow=True)
    assert "A draft stays private until it starts" in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.sharing == Sharing.TEAM
    assert as_user(client, colleague).get(url("detail", experiment)).status_code == 404

    response = as_user(client, personas.employee).post(
        url("share", experiment), {"sharing": "everyone"}
    )
    assert response.status_code == 200
    assert "Choose with whom to share it." in response.content.decode()


def test_co_owners_are_added_by_address_edit_the_card_and_are_removed(
    personas, client_for, colleague
):
    experiment = draft_experiment(personas.employee)
    client = client_for("employee")

    response = client.post(
        url("owners", experiment), {"action": "add", "email": "nobody@elan.test"}
    )
    html = response.content.decode()
    assert "We could not find an active colleague with that address." in html
    assert 'value="nobody@elan.test"' in html

    client.post(url("owners", experiment), {"action": "add", "email": "colleague@elan.test"})
    assert list(experiment.co_owners.all()) == [colleague]

    co_owner = as_user(client, colleague)
    assert co_owner.get(url("detail", experiment)).status_code == 200
    assert co_owner.get(url("edit", experiment)).status_code == 200
    assert co_owner.post(url("share", experiment), {"sharing": "team"}).status_code == 403
    assert co_owner.post(url("owners", experiment), {"action": "add"}).status_code == 403
    assert co_owner.get(url("home")).context["groups"][0][2][0].co_owned

    client = as_user(client, personas.employee)
    client.post(url("owners", experiment), {"action": "remove", "co_owner": str(colleague.pk)})
    assert not experiment.co_owners.exists()
    assert as_user(client, colleague).get(url("detail", experiment)).status_code == 404


def test_the_owner_chooses_to_show_the_skills_on_the_profile(personas, client_for):
    experiment = running_experiment(personas.employee)
    client = client_for("employee")

    client.post(url("profile_evidence", experiment), {"allowed": "on"})
    experiment.refresh_from_db()
    assert experiment.skills_on_profile
    client.post(url("profile_evidence", experiment), {})
    experiment.refresh_from_db()
    assert not experiment.skills_on_profile


def test_a_reader_tries_it_too_and_the_owner_sees_who_built_on_it(personas, client_for, colleague):
    original = running_experiment(personas.employee, sharing=Sharing.TEAM)
    client = as_user(client_for("employee"), colleague)

    card = client.get(url("detail", original)).content.decode()
    assert 'id="try-too"' in card
    assert url("edit", original) not in card
    response = client.post(url("try_too", original))

    mine = Experiment.objects.get(owner=colleague)
    assert response.status_code == 302
    assert response["Location"] == url("edit", mine)
    assert (mine.based_on, mine.status, mine.problem) == (original, Status.DRAFT, original.problem)

    owner_card = as_user(client, personas.employee).get(url("detail", original)).content.decode()
    built_on = owner_card.split('id="built-on"')[1]
    assert colleague.get_full_name() in built_on
    assert mine.title in built_on


def test_post_only_actions_answer_405_to_a_get(personas, client_for):
    experiment = running_experiment(personas.employee)
    client = client_for("employee")

    for name in ("ask", "share", "owners", "profile_evidence", "try_too"):
        assert client.get(url(name, experiment)).status_code == 405


# --- who reads, who changes ---------------------------------------------------------------------


def test_a_draft_is_its_owners_alone(personas, client_for, colleague):
    experiment = ExperimentFactory(owner=personas.employee, shared_organisation=True)
    client = client_for("employee")
    assert client.get(url("detail", experiment)).status_code == 200

    for reader in (personas.outsider, colleague, personas.line_manager, personas.team_lead):
        assert as_user(client, reader).get(url("detail", experiment)).status_code == 404
    for name in ("hr", "administrator", "visitor"):
        response = client_for(name).get(url("detail", experiment))
        assert response.status_code in (404, 302)
        assert response.status_code == 404 or "/login" in response["Location"]


def test_a_team_shared_card_is_read_by_the_unit_and_the_line_not_by_another_unit(
    personas, client_for, colleague, other_unit_person
):
    experiment = running_experiment(personas.employee, sharing=Sharing.TEAM)
    client = client_for("employee")

    for reader in (colleague, personas.line_manager, personas.team_lead):
        client = as_user(client, reader)
        page = client.get(url("detail", experiment))
        assert page.status_code == 200
        html = page.content.decode()
        assert 'id="mandate"' not in html
        assert 'id="sharing"' not in html
        assert client.get(url("edit", experiment)).status_code == 403
        assert client.post(url("iteration_new", experiment), {}).status_code == 403
        assert client.post(url("share", experiment), {"sharing": "private"}).status_code == 403
    for stranger in (other_unit_person, personas.hr, personas.outsider):
        client = as_user(client, stranger)
        assert client.get(url("detail", experiment)).status_code == 404
        assert client.get(url("edit", experiment)).status_code == 404
        assert client.post(url("try_too", experiment)).status_code == 404


def test_an_organisation_shared_card_is_read_in_the_organisation_not_by_the_outsider(
    personas, client_for, other_unit_person
):
    experiment = running_experiment(personas.employee, sharing=Sharing.ORGANISATION)
    client = client_for("employee")

    assert as_user(client, other_unit_person).get(url("detail", experiment)).status_code == 200
    assert as_user(client, personas.hr).get(url("detail", experiment)).status_code == 200
    assert as_user(client, personas.outsider).get(url("detail", experiment)).status_code == 404


def test_an_unknown_card_is_not_found(client_for):
    unknown = "00000000-0000-4000-8000-000000000000"
    client = client_for("employee")

    assert client.get(reverse("experiments:detail", args=[unknown])).status_code == 404
    assert client.get(reverse("experiments:permission", args=[unknown])).status_code == 404


def test_home_lists_my_experiments_by_status(personas, client_for):
    running = running_experiment(personas.employee, title="Saturday counter")
    draft = draft_experiment(personas.employee, title="Chatbot for permits")
    ExperimentFactory(owner=personas.line_manager, title="Not mine")

    html = client_for("employee").get(url("home")).content.decode()
    assert running.title in html.split('id="experiments-running"')[1]
    assert draft.title in html.split('id="experiments-draft"')[1]
    assert "Not mine" not in html
    assert url("new") in html


# --- concurrency --------------------------------------------------------------------------------


def test_a_stale_save_shows_both_versions_and_keeps_the_persons_text(
    personas, client_for, colleague
):
    experiment = draft_experiment(personas.employee)
    services.co_owner_add(experiment=experiment, actor=personas.employee, co_owner=colleague)
    opened = experiment.version
    services.experiment_update(
        experiment=experiment,
        actor=colleague,
        version=opened,
        fields={"problem": "The colleague's account of the problem."},
    )

    client = client_for("employee")
    response = client.post(
        url("edit", experiment),
        card_post(problem="My own account of the problem.", version=opened),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="conflict"' in html
    conflict = html.split('id="conflict"')[1].split("</table>")[0]
    assert "The colleague&#x27;s account of the problem." in conflict
    assert "My own account of the problem." in conflict
    assert "My own account of the problem.</textarea>" in html
    experiment.refresh_from_db()
    assert experiment.problem == "The colleague's account of the problem."

    form = response.context["form"]
    again = client.post(url("edit", experiment), form.data.dict())
    assert again.status_code == 302
    experiment.refresh_from_db()
    assert experiment.problem == "My own account of the problem."


# --- plain HTML forms, operable by keyboard ------------------------------------------------------


class _FormAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.controls: list[tuple[str, str, str]] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" or any(name.startswith("on") for name in attrs):
            self.problems.append(f"{tag} needs script")
        if attrs.get("tabindex") not in (None, "0", "-1"):
            self.problems.append(f"{tag} tabindex {attrs['tabindex']}")
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in ("input", "textarea", "select") and attrs.get("type") != "hidden":
            self.controls.append((tag, attrs.get("type", ""), attrs.get("id", "")))

    def unlabelled(self) -> list:
        return [
            control
            for control in self.controls
            if control[1] != "submit" and control[2] not in self.labels
        ]


@pytest.mark.parametrize("page", ["new", "edit", "mandate", "iteration", "decide", "permission"])
def test_the_forms_are_plain_html_every_control_labelled(personas, client_for, page):
    owner = personas.employee
    client = client_for("employee")
    if page == "new":
        address = url("new") + "?template=test_card"
    elif page == "edit":
        address = url("edit", draft_experiment(owner))
    elif page == "mandate":
        address = url("mandate", draft_experiment(owner))
    elif page == "iteration":
        address = url("iteration_new", running_experiment(owner))
    elif page == "decide":
        experiment = running_experiment(owner)
        IterationFactory(experiment=experiment)
        address = url("decide", experiment)
    else:
        experiment, _result = services.mandate_check(
            experiment=draft_experiment(owner),
            actor=owner,
            answers=MandateAnswers(
                changes_rights=False, personal_data=False, spend_euros=0, other_unit=True
            ),
        )
        asked = services.permission_ask(
            experiment=experiment, actor=owner, whom="line_manager", question="May we?"
        )
        client = client_for("line_manager")
        address = reverse("experiments:permission", args=[asked.public_id])

    audit = _FormAudit()
    html = client.get(address).content.decode()
    audit.feed(html.split("<main", 1)[-1])

    assert audit.controls
    assert audit.problems == []
    assert audit.unlabelled() == []
    assert '<button type="submit"' in html


# The rows proposed for tests/access_table.py, checked here against every persona.
PERSONAS = (
    "visitor",
    "employee",
    "line_manager",
    "team_lead",
    "hr",
    "content_editor",
    "moderator",
    "administrator",
    "outsider",
)
LOGGED_IN = PERSONAS[1:]


def _only(*allowed, outcome=200, others="denied"):
    return {
        "visitor": "login",
        **dict.fromkeys(LOGGED_IN, others),
        **dict.fromkeys(allowed, outcome),
    }


MATRIX = [
    ("home", None, {"visitor": "login", **dict.fromkeys(LOGGED_IN, 200)}),
    ("new", None, {"visitor": "login", **dict.fromkeys(LOGGED_IN, 200)}),
    ("detail", "draft", _only("employee")),
    ("detail", "running", _only("employee", "line_manager", "team_lead")),
    ("edit", "running", _only("employee")),
    ("mandate", "draft", _only("employee")),
    ("start", "draft", _only("employee")),
    ("iteration_new", "running", _only("employee")),
    ("decide", "running", _only("employee")),
    ("regularise", "running", _only("employee", outcome="redirect")),
    ("close", "running", _only("employee")),
    ("resume", "running", _only("employee", outcome="redirect")),
    ("ask", "draft", {"visitor": "login", **dict.fromkeys(LOGGED_IN, 405)}),
    ("share", "running", {"visitor": "login", **dict.fromkeys(LOGGED_IN, 405)}),
    ("owners", "running", {"visitor": "login", **dict.fromkeys(LOGGED_IN, 405)}),
    ("profile_evidence", "running", {"visitor": "login", **dict.fromkeys(LOGGED_IN, 405)}),
    ("try_too", "running", {"visitor": "login", **dict.fromkeys(LOGGED_IN, 405)}),
    ("permission", "request", _only("employee", "line_manager")),
]


@pytest.mark.parametrize(
    ("name", "state", "expect"), MATRIX, ids=[f"{n}-{s}" for n, s, _e in MATRIX]
)
def test_each_persona_reaches_the_card_pages_as_access_md_says(
    personas, client_for, name, state, expect
):
    from elan.experiments.tests.factories import matrix_experiment

    target = matrix_experiment(personas, state) if state else None
    address = reverse(f"experiments:{name}", args=[target.public_id] if target else [])
    failures = []
    for persona in PERSONAS:
        response = client_for(persona).get(address)
        status, location = response.status_code, response.headers.get("Location", "")
        wanted = expect[persona]
        if wanted == "login":
            ok = status == 302 and "/accounts/login/" in location
        elif wanted == "denied":
            ok = status in (403, 404)
        elif wanted == "redirect":
            ok = status == 302 and "/accounts/login/" not in location
        else:
            ok = status == wanted
        if not ok:
            failures.append(f"{persona}: wanted {wanted}, got {status} {location}")
    assert not failures
