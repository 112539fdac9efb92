# SPDX-License-Identifier: EUPL-1.2
"""The evaluation cycle's pages: the person drafts and proposes, the evaluator agrees; nobody
else finds the cycle; an agreed goal changes only in an interim talk; bad input is shown back
with its message, never as an error page (issue 16)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.formats import date_format

from elan.assessments.tests.factories import submitted_assessment
from elan.goals import selectors, services
from elan.goals.constants import Agreement, EvidenceKind, GoalEventKind, GoalKind, TalkKind
from elan.goals.models import Goal, GoalEvent, Talk

pytestmark = pytest.mark.django_db

# A Tuesday, with no public holiday in the weeks after it.
START = datetime.date(2027, 6, 1)


@pytest.fixture(autouse=True)
def on_start():
    with time_machine.travel(START, tick=False):
        yield


@pytest.fixture
def cycle(personas):
    return services.cycle_start(person=personas.employee, starts_on=START, actor=personas.employee)


def draft(cycle, personas, **fields):
    values = {
        "kind": GoalKind.PERFORMANCE,
        "innovation": "result",
        "title": "Shorter waiting time for a permit",
        "indicator": "Median days from request to decision",
        "target": "From 30 to 20 days",
        **fields,
    }
    return services.goal_create(cycle=cycle, actor=personas.employee, **values)


def agreed(cycle, personas, **fields):
    goal = draft(cycle, personas, **fields)
    services.goal_propose(goal=goal, actor=personas.employee)
    return services.goal_agree(goal=goal, actor=personas.line_manager)


def goal_post(**overrides) -> dict:
    return {
        "kind": "performance",
        "innovation": "result",
        "title": "Answer every permit request within 20 days",
        "indicator": "Median days from request to decision, from the case system",
        "target": "From 30 to 20 days by December",
        "due_on": "2027-12-15",
        **overrides,
    }


def interim_talk(cycle, personas) -> Talk:
    """The planning talk held on the start, and an interim talk six weeks later."""
    planning = cycle.talks.get(kind=TalkKind.PLANNING)
    services.talk_hold(talk=planning, actor=personas.line_manager, held_on=START)
    return services.talk_schedule(
        cycle=cycle,
        kind=TalkKind.INTERIM,
        planned_on=START + datetime.timedelta(weeks=6),
        actor=personas.line_manager,
    )


def test_the_person_drafts_a_goal_proposes_it_and_the_evaluator_agrees(cycle, personas, client_for):
    client = client_for("employee")
    page = client.get(reverse("goals:goal_new", args=[cycle.public_id]))
    assert page.status_code == 200
    response = client.post(reverse("goals:goal_new", args=[cycle.public_id]), goal_post())
    assert response.status_code == 302
    goal = Goal.objects.get(cycle=cycle)
    assert (goal.title, goal.agreement) == (
        "Answer every permit request within 20 days",
        Agreement.DRAFT,
    )
    response = client.post(reverse("goals:goal_action", args=[goal.public_id, "propose"]))
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.agreement == Agreement.PROPOSED

    client = client_for("line_manager")
    home = client.get(reverse("goals:home"))
    assert personas.employee.get_full_name() in home.content.decode()
    assert home.context["evaluated"][0].waiting == 1
    page = client.get(reverse("goals:cycle", args=[cycle.public_id]))
    assert goal.title in page.content.decode()
    assert reverse("goals:goal_action", args=[goal.public_id, "agree"]) in page.content.decode()
    client.post(reverse("goals:goal_action", args=[goal.public_id, "agree"]))
    goal.refresh_from_db()
    assert goal.agreement == Agreement.AGREED


def test_the_evaluator_sends_a_goal_back_only_with_a_note(cycle, personas, client_for):
    goal = draft(cycle, personas)
    services.goal_propose(goal=goal, actor=personas.employee)
    client = client_for("line_manager")
    url = reverse("goals:goal_action", args=[goal.public_id, "send-back"])
    response = client.post(url, {f"goal-{goal.pk}-reason": "   "})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    goal.refresh_from_db()
    assert goal.agreement == Agreement.PROPOSED
    client.post(url, {f"goal-{goal.pk}-reason": "Name the case system you will read from"})
    goal.refresh_from_db()
    assert goal.agreement == Agreement.DRAFT
    assert goal.events.filter(kind=GoalEventKind.SENT_BACK).get().reason.startswith("Name the")


def test_a_draft_is_invisible_to_the_evaluator(cycle, personas, client_for):
    goal = draft(cycle, personas, title="A private idea about permits")
    page = client_for("employee").get(reverse("goals:cycle", args=[cycle.public_id]))
    assert "A private idea about permits" in page.content.decode()
    client = client_for("line_manager")
    page = client.get(reverse("goals:cycle", args=[cycle.public_id]))
    assert page.status_code == 200
    assert "A private idea about permits" not in page.content.decode()
    assert str(goal.public_id) not in page.content.decode()
    assert client.get(reverse("goals:goal_edit", args=[goal.public_id])).status_code == 404
    action = reverse("goals:goal_action", args=[goal.public_id, "agree"])
    assert client.post(action).status_code == 404


@pytest.mark.parametrize("persona", ["outsider", "hr", "content_editor", "team_lead"])
def test_someone_who_is_neither_the_person_nor_an_evaluator_finds_nothing(
    cycle, personas, client_for, persona
):
    goal = draft(cycle, personas)
    services.goal_propose(goal=goal, actor=personas.employee)
    talk = cycle.talks.get()
    evidence = services.evidence_add(
        cycle=cycle,
        actor=personas.employee,
        kind=EvidenceKind.SELF_ASSESSMENT,
        assessment=submitted_assessment(personas.employee, 3),
    )
    client = client_for(persona)
    for url in (
        reverse("goals:cycle", args=[cycle.public_id]),
        reverse("goals:goal_edit", args=[goal.public_id]),
        reverse("goals:talk", args=[talk.public_id]),
        reverse("goals:evidence_view", args=[evidence.public_id]),
        reverse("goals:evidence", args=[cycle.public_id]),
        reverse("goals:goal_new", args=[cycle.public_id]),
        reverse("goals:talk_new", args=[cycle.public_id]),
        reverse("goals:goal_change", args=[talk.public_id, goal.public_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("goals:goal_action", args=[goal.public_id, "agree"])).status_code == 404
    )
    goal.refresh_from_db()
    assert goal.agreement == Agreement.PROPOSED


def test_the_evaluator_reads_added_evidence_until_it_is_withdrawn(cycle, personas, client_for):
    evidence = services.evidence_add(
        cycle=cycle,
        actor=personas.employee,
        kind=EvidenceKind.SELF_ASSESSMENT,
        assessment=submitted_assessment(personas.employee, 4),
    )
    client = client_for("line_manager")
    page = client.get(reverse("goals:evidence_view", args=[evidence.public_id]))
    assert page.status_code == 200
    assert 'id="scores"' in page.content.decode()
    services.evidence_withdraw(evidence=evidence, actor=personas.employee)
    page = client.get(reverse("goals:evidence_view", args=[evidence.public_id]))
    assert page.status_code == 404
    cycle_page = client.get(reverse("goals:cycle", args=[cycle.public_id]))
    assert str(evidence.public_id) not in cycle_page.content.decode()


def test_the_person_adds_and_withdraws_a_self_assessment_through_the_page(
    cycle, personas, client_for
):
    assessment = submitted_assessment(personas.employee, 3)
    client = client_for("employee")
    url = reverse("goals:evidence", args=[cycle.public_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"action": "self_assessment", "self_assessment-choice": str(assessment.pk)}
    )
    assert response.status_code == 302
    evidence = cycle.evidence.get()
    assert evidence.assessment == assessment and evidence.is_active
    client.post(url, {"action": "withdraw", "evidence": str(evidence.public_id)})
    evidence.refresh_from_db()
    assert not evidence.is_active


def test_an_agreed_goal_cannot_be_edited_outside_an_interim_talk(cycle, personas, client_for):
    goal = agreed(cycle, personas)
    client = client_for("employee")
    url = reverse("goals:goal_edit", args=[goal.public_id])
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="locked"' in page.content.decode()
    response = client.post(url, goal_post(title="Quietly rewritten", version=goal.version))
    assert response.status_code == 200
    planning = cycle.talks.get(kind=TalkKind.PLANNING)
    change = reverse("goals:goal_change", args=[planning.public_id, goal.public_id])
    response = client.post(
        change, goal_post(title="Quietly rewritten", version=goal.version, reason="Because")
    )
    assert response.status_code == 200
    goal.refresh_from_db()
    assert goal.title == "Shorter waiting time for a permit"
    assert not goal.events.filter(kind=GoalEventKind.CHANGED).exists()


def test_a_change_in_an_interim_talk_needs_a_reason_and_keeps_it(cycle, personas, client_for):
    goal = agreed(cycle, personas)
    talk = interim_talk(cycle, personas)
    client = client_for("employee")
    talk_page = client.get(reverse("goals:talk", args=[talk.public_id]))
    url = reverse("goals:goal_change", args=[talk.public_id, goal.public_id])
    assert url in talk_page.content.decode()
    response = client.post(url, goal_post(title="Decide within 15 days", version=goal.version))
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert 'value="Decide within 15 days"' in html
    goal.refresh_from_db()
    assert goal.title == "Shorter waiting time for a permit"
    response = client.post(
        url,
        goal_post(
            title="Decide within 15 days",
            version=goal.version,
            reason="The new case system makes 15 days realistic",
        ),
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.agreement) == ("Decide within 15 days", Agreement.AGREED)
    event = goal.events.get(kind=GoalEventKind.CHANGED)
    assert (event.reason, event.talk) == ("The new case system makes 15 days realistic", talk)
    assert event.before["title"] == "Shorter waiting time for a permit"


def test_planning_a_talk_10_worked_days_after_the_previous_one_is_refused_with_the_earliest_date(
    cycle, personas, client_for
):
    client = client_for("line_manager")
    too_soon = START + datetime.timedelta(days=14)  # two weeks: ten worked days
    response = client.post(
        reverse("goals:talk_new", args=[cycle.public_id]),
        {"kind": TalkKind.INTERIM, "planned_on": too_soon.isoformat()},
    )
    assert response.status_code == 200
    earliest = selectors.earliest_next_talk(cycle=cycle)
    assert earliest == START + datetime.timedelta(weeks=4)
    html = response.content.decode()
    assert date_format(earliest, "DATE_FORMAT") in html
    assert f'value="{too_soon.isoformat()}"' in html
    assert cycle.talks.count() == 1
    response = client.post(
        reverse("goals:talk_new", args=[cycle.public_id]),
        {"kind": TalkKind.INTERIM, "planned_on": earliest.isoformat()},
    )
    assert response.status_code == 302
    assert cycle.talks.count() == 2


@pytest.mark.parametrize(
    ("overrides", "kept"),
    [
        ({"due_on": "2027-02-30"}, 'value="2027-02-30"'),
        ({"title": "x" * 5000}, "x" * 5000),
        ({"title": "Permits\x01 faster"}, "Median days from request to decision"),
        ({"indicator": "Days\x1b[31m"}, "From 30 to 20 days by December"),
        ({"kind": "sideways"}, "Median days from request to decision"),
        ({"objective": "99999"}, "Median days from request to decision"),
    ],
)
def test_bad_input_gives_the_page_with_a_message_and_the_input_back(
    cycle, personas, client_for, overrides, kept
):
    client = client_for("employee")
    response = client.post(
        reverse("goals:goal_new", args=[cycle.public_id]), goal_post(**overrides)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert kept in html
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "notes", "notes-notes": "Agreed on\x07 two tests", "notes-version": "1"},
        {"action": "notes", "notes-notes": "y" * 10001, "notes-version": "1"},
        {"action": "hold", "held_on": "2027-13-01"},
    ],
)
def test_bad_input_on_a_talk_gives_the_page_with_a_message(cycle, personas, client_for, data):
    talk = cycle.talks.get()
    response = client_for("line_manager").post(reverse("goals:talk", args=[talk.public_id]), data)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    talk.refresh_from_db()
    assert (talk.evaluator_notes, talk.held_on) == ("", None)


def test_a_nul_byte_is_refused_before_the_page_and_nothing_is_saved(cycle, personas, client_for):
    # No keyboard types NUL: the site's malformed-input guard answers 400 before any view
    # (elan/portal/middleware.py), never a 500.
    client = client_for("employee")
    response = client.post(
        reverse("goals:goal_new", args=[cycle.public_id]), goal_post(title="Permits\x00 faster")
    )
    assert response.status_code == 400
    assert not Goal.objects.exists()


def test_a_goal_from_a_template_starts_filled_in(cycle, personas, client_for):
    from elan.goals.tests.factories import GoalTemplateFactory

    template = GoalTemplateFactory(
        code="one-experiment", title={"en": "Run one responsible experiment"}
    )
    page = client_for("employee").get(
        reverse("goals:goal_new", args=[cycle.public_id]) + f"?template={template.code}"
    )
    assert page.status_code == 200
    assert page.context["form"].initial["title"] == "Run one responsible experiment"
    assert 'value="Run one responsible experiment"' in page.content.decode()


def test_actions_are_posted_and_unknown_addresses_are_not_found(cycle, personas, client_for):
    goal = draft(cycle, personas)
    client = client_for("employee")
    assert (
        client.get(reverse("goals:goal_action", args=[goal.public_id, "propose"])).status_code
        == 405
    )
    assert client.get(reverse("goals:cycle_start")).status_code == 405
    unknown = "00000000-0000-4000-8000-000000000000"
    assert client.get(reverse("goals:cycle", args=[unknown])).status_code == 404
    assert client.get(reverse("goals:talk", args=[unknown])).status_code == 404
    assert (
        client.post(reverse("goals:goal_action", args=[goal.public_id, "fly"])).status_code == 404
    )


def test_the_person_starts_a_cycle_from_the_home_page(personas, client_for):
    client = client_for("employee")
    page = client.get(reverse("goals:home"))
    assert 'id="apart"' in page.content.decode()
    response = client.post(reverse("goals:cycle_start"), {"starts_on": "2027-02-30"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    response = client.post(reverse("goals:cycle_start"), {"starts_on": START.isoformat()})
    assert response.status_code == 302
    cycle = selectors.current_cycle(person=personas.employee)
    assert cycle.evaluator == personas.line_manager
    assert GoalEvent.objects.count() == 0


def test_the_balance_check_gives_its_reasons_and_a_template_that_fixes_them(
    cycle, personas, client_for
):
    draft(cycle, personas, indicator="", target="")
    client = client_for("employee")
    page = client.get(reverse("goals:cycle", args=[cycle.public_id])).content.decode()
    assert 'id="balance-findings"' in page
    assert reverse("goals:goal_new", args=[cycle.public_id]) + "?template=" in page
    talk = cycle.talks.get()
    talk_page = client.get(reverse("goals:talk", args=[talk.public_id])).content.decode()
    assert "Before you close this talk" in talk_page
    assert 'id="balance-findings"' in talk_page


def test_possible_innovation_theatre_names_the_activity_words_that_raised_it(
    cycle, personas, client_for
):
    draft(cycle, personas)
    draft(
        cycle,
        personas,
        innovation="applied_skill",
        title="Attend a design-thinking conference",
        indicator="I was there",
        target="Before summer",
    )

    page = client_for("employee").get(reverse("goals:cycle", args=[cycle.public_id]))

    assert 'data-code="innovation-theatre"' in page.content.decode()
    assert "Words that name an activity: “attend”." in page.content.decode()


def test_a_managers_enabling_goal_that_follows_the_climate_says_when_nothing_is_released(
    personas, client_for
):
    cycle = services.cycle_start(
        person=personas.line_manager, starts_on=START, actor=personas.line_manager
    )
    goal = services.goal_create(
        cycle=cycle,
        actor=personas.line_manager,
        kind=GoalKind.PERFORMANCE,
        innovation="enabling",
        title="Give the team room to test",
        indicator="Days a month the team may spend on tests",
        target="Two days a month",
        follows_climate=True,
    )
    page = client_for("line_manager").get(reverse("goals:cycle", args=[cycle.public_id]))
    row = next(row for row in page.context["performance"] if row.goal == goal)
    assert row.trend == []
    assert "Nothing about your team's climate for innovation is released yet" in (
        page.content.decode().replace("&#x27;", "'")
    )


def test_the_evaluator_reads_an_added_360_report_under_its_anonymity_rules(
    cycle, personas, client_for
):
    from elan.feedback.tests.factories import feedback_round

    round_ = feedback_round(personas.employee, raters={"peer": 5}, close=True)
    client = client_for("employee")
    response = client.post(
        reverse("goals:evidence", args=[cycle.public_id]),
        {"action": "feedback_report", "round-choice": str(round_.pk)},
    )
    assert response.status_code == 302
    evidence = cycle.evidence.get()
    page = client_for("line_manager").get(reverse("goals:evidence_view", args=[evidence.public_id]))
    assert page.status_code == 200
    assert page.context["report"].round == round_
    assert 'id="report-summary"' in page.content.decode()


def test_a_hub_search_without_results_says_so_and_keeps_the_page(cycle, personas, client_for):
    page = client_for("employee").get(
        reverse("goals:evidence", args=[cycle.public_id]) + "?q=nothing-like-this"
    )
    assert page.status_code == 200
    assert 'id="no-hub-results"' in page.content.decode()
    assert 'value="nothing-like-this"' in page.content.decode()


# --- moving a talk, stopping a cycle ----------------------------------------------------------


def talk_url(talk) -> str:
    return reverse("goals:talk", args=[talk.public_id])


def cycle_url(cycle) -> str:
    return reverse("goals:cycle", args=[cycle.public_id])


@pytest.mark.parametrize("persona", ["employee", "line_manager"])
def test_the_person_or_the_evaluator_moves_a_talk_and_the_history_keeps_it(
    cycle, personas, client_for, persona
):
    from elan.goals.constants import CycleEventKind

    talk = cycle.talks.get()
    new_day = talk.planned_on + datetime.timedelta(days=7)
    client = client_for(persona)
    assert "Move the talk" in client.get(talk_url(talk)).content.decode()

    response = client.post(talk_url(talk), {"action": "move", "planned_on": new_day.isoformat()})

    assert response.status_code == 302 and response.url == talk_url(talk)
    talk.refresh_from_db()
    assert talk.planned_on == new_day
    assert cycle.events.filter(kind=CycleEventKind.TALK_RESCHEDULED, talk=talk).count() == 1


def test_a_day_the_cycle_does_not_allow_gives_the_page_back_with_why_and_the_day_typed(
    cycle, personas, client_for
):
    talk = cycle.talks.get()
    before = talk.planned_on
    too_early = (START - datetime.timedelta(days=3)).isoformat()

    response = client_for("employee").post(
        talk_url(talk), {"action": "move", "planned_on": too_early}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html and "cannot take place before the cycle starts" in html
    assert f'value="{too_early}"' in html
    talk.refresh_from_db()
    assert talk.planned_on == before


@pytest.mark.parametrize("typed", ["", "2027-02-30", "1 juin\xff", "9" * 300])
def test_a_day_no_calendar_has_gives_the_page_back_with_a_message(
    cycle, personas, client_for, typed
):
    talk = cycle.talks.get()
    before = talk.planned_on

    response = client_for("line_manager").post(
        talk_url(talk), {"action": "move", "planned_on": typed}
    )

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    talk.refresh_from_db()
    assert talk.planned_on == before


@pytest.mark.parametrize("persona", ["outsider", "hr", "team_lead"])
def test_nobody_outside_the_cycle_moves_its_talks_or_stops_it(cycle, personas, client_for, persona):
    talk = cycle.talks.get()
    before = talk.planned_on
    client = client_for(persona)

    moved = client.post(talk_url(talk), {"action": "move", "planned_on": "2027-06-15"})
    stopped = client.post(cycle_url(cycle), {"action": "stop", "note": "Left the service."})

    assert (moved.status_code, stopped.status_code) == (404, 404)
    talk.refresh_from_db()
    cycle.refresh_from_db()
    assert talk.planned_on == before and cycle.is_open


def test_the_evaluator_stops_the_cycle_with_a_reason_the_person_reads(cycle, personas, client_for):
    from elan.goals.constants import CycleStatus, TalkStatus

    talk = cycle.talks.get()

    response = client_for("line_manager").post(
        cycle_url(cycle), {"action": "stop", "note": "Moved to another service on 1 June."}
    )

    assert response.status_code == 302 and response.url == cycle_url(cycle)
    cycle.refresh_from_db()
    talk.refresh_from_db()
    assert cycle.status == CycleStatus.STOPPED and talk.status == TalkStatus.CANCELLED
    page = client_for("employee").get(cycle_url(cycle)).content.decode()
    assert "Moved to another service on 1 June." in page
    assert "Stop the cycle" not in page


def test_the_person_has_no_stop_and_a_stop_they_send_changes_nothing(cycle, personas, client_for):
    client = client_for("employee")
    assert "Stop the cycle" not in client.get(cycle_url(cycle)).content.decode()

    response = client.post(cycle_url(cycle), {"action": "stop", "note": "I stop it myself."})

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Only the evaluator or HR can stop a cycle." in page
    cycle.refresh_from_db()
    assert cycle.is_open


@pytest.mark.parametrize("note", ["", "   ", "x" * 501])
def test_a_stop_without_a_fitting_reason_gives_the_form_back(cycle, personas, client_for, note):
    response = client_for("line_manager").post(cycle_url(cycle), {"action": "stop", "note": note})

    html = response.content.decode()
    assert response.status_code == 200 and "error-summary" in html
    cycle.refresh_from_db()
    assert cycle.is_open
