# SPDX-License-Identifier: EUPL-1.2
"""Hackathons and sprints in a real browser (issue 19): a participant working in French
registers by keyboard alone and reads, once the teams are out, why they are in theirs; a mentor
takes the next question from the help queue and marks it answered; and axe-core is clean on the
participant's, the mentor's and the organiser's pages, their error states included."""

from __future__ import annotations

import pytest
from django.utils import translation

from elan.assessments.tests.factories import submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.events import services
from elan.events.constants import HelpStatus, Mode, Status
from elan.events.explain import member_sentences
from elan.events.models import HelpRequest, Registration, Team, TeamMember
from elan.events.tests.factories import (
    ChallengeFactory,
    EventFactory,
    register,
    skill,
    volunteer,
)
from elan.organisations.tests.factories import UnitFactory, person_in
from tests.e2e.support import (
    active,
    assert_no_axe_violations,
    gettext_in,
    login_as,
    press_enter_and_wait,
    tab_until,
    visit,
)

pytestmark = pytest.mark.browser


def _tab_to_button(page, text: str) -> None:
    tab_until(page, lambda state: state["tag"] == "BUTTON" and state["text"] == text)


def _tab_to_link(page, text: str) -> None:
    tab_until(page, lambda state: state["tag"] == "A" and state["text"] == text)


def _choose_by_arrows(page, value: str, limit: int = 20) -> None:
    """Move the focused select to ``value`` with the arrow keys, as a person would."""
    for key in ("ArrowDown", "ArrowUp"):
        for _ in range(limit):
            if active(page)["value"] == value:
                return
            page.keyboard.press(key)
    assert active(page)["value"] == value, f"the select never reached {value!r}"


def _colleagues(personas, count: int, *, prefix: str):
    """``count`` people over two units of the personas' organisation."""
    units = [UnitFactory(parent=personas.organisation) for _unit in range(2)]
    return [
        person_in(units[index % 2], first_name=f"{prefix}{index}", last_name="Colleague")
        for index in range(count)
    ]


# --- 1. a participant registers in French and reads why they are in their team -------------


def test_a_participant_in_french_registers_by_keyboard_and_reads_why_they_are_in_their_team(
    browser_page, live_server, personas
):
    page = browser_page
    employee = personas.employee
    employee.preferred_language = "fr"
    employee.save(update_fields=["preferred_language"])
    event = EventFactory(
        open=True,
        organisers=[personas.hr],
        title="Hackathon des guichets",
        languages=["fr", "nl"],
        min_team_size=2,
        max_team_size=3,
    )
    paper = ChallengeFactory(event=event, title="Formulaires papier")
    queues = ChallengeFactory(event=event, title="Files d'attente")
    letters = ChallengeFactory(event=event, title="Lettres claires")
    # Approved strengths: a self-assessment in which storytelling scores high.
    submitted_assessment(
        employee, {slug: 5 if slug == "storytelling" else 2 for slug in InnovationSkill.values}
    )
    storytelling = skill("storytelling")

    login_as(page, live_server, employee, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/events/{event.public_id}/")
    assert_no_axe_violations(page, context="an open event, not yet registered (fr)")
    _tab_to_link(page, gettext_in("fr", "Register"))
    assert page.evaluate("document.activeElement.id") == "register-link"
    press_enter_and_wait(page)
    assert page.url.endswith(f"/fr/events/{event.public_id}/register/")
    assert_no_axe_violations(page, context="the registration form (fr)")

    # A strength, the same challenge ranked twice, a language, on my own: refused.
    tab_until(
        page,
        lambda state: state["name"] == "strengths" and state["value"] == str(storytelling.pk),
    )
    page.keyboard.press("Space")
    tab_until(page, lambda state: state["name"] == "choice_1")
    _choose_by_arrows(page, str(paper.pk))
    tab_until(page, lambda state: state["name"] == "choice_2")
    _choose_by_arrows(page, str(paper.pk))
    tab_until(page, lambda state: state["name"] == "languages" and state["value"] == "fr")
    page.keyboard.press("Space")
    tab_until(page, lambda state: state["name"] == "coming")
    _choose_radio_by_arrows(page, Mode.FREE_AGENT.value)
    _tab_to_button(page, gettext_in("fr", "Register"))
    press_enter_and_wait(page)
    repeated = gettext_in("fr", "You chose this challenge already: rank each challenge only once.")
    assert repeated in page.locator("main").inner_text()
    assert not Registration.objects.filter(event=event, user=employee).exists()
    assert_no_axe_violations(page, context="the registration form with a repeated choice (fr)")

    # What was ticked is kept; the second choice moves on to the next challenge, and a third.
    tab_until(page, lambda state: state["name"] == "choice_2")
    _choose_by_arrows(page, str(queues.pk))
    tab_until(page, lambda state: state["name"] == "choice_3")
    _choose_by_arrows(page, str(letters.pk))
    _tab_to_button(page, gettext_in("fr", "Register"))
    press_enter_and_wait(page)
    registration = Registration.objects.get(event=event, user=employee)
    assert [c.pk for c in registration.strengths.all()] == [storytelling.pk]
    assert registration.languages == ["fr"]
    assert registration.mode == Mode.FREE_AGENT
    ranked = sorted(registration.choices.all(), key=lambda choice: choice.rank)
    assert [choice.challenge_id for choice in ranked] == [paper.pk, queues.pk, letters.pk]
    assert page.locator("#my-registration").is_visible()
    assert_no_axe_violations(page, context="the event with the person's registration (fr)")

    # Others register, registration closes, the organiser forms and publishes the teams.
    for index, person in enumerate(_colleagues(personas, 5, prefix="Camille")):
        register(
            event,
            person,
            strengths=["iteration" if index % 2 else "user-centricity"],
            challenges=[paper, queues] if index % 2 else [queues, paper],
            languages=["fr"],
        )
    services.event_move(event=event, to=Status.CLOSED, by=personas.hr)
    proposal = services.teams_propose(event=event, by=personas.hr)
    assert proposal.infeasible is None, proposal.infeasible
    services.teams_publish(event=event, by=personas.hr)
    member = TeamMember.objects.select_related("team", "registration__user").get(
        registration__user=employee, team__event=event
    )
    with translation.override("fr"):
        expected = member_sentences(members=[member], reader=employee)[0]

    visit(page, f"{live_server.url}/fr/events/{event.public_id}/")
    _tab_to_link(page, gettext_in("fr", "Your team: team %(number)s", number=member.team.number))
    press_enter_and_wait(page)
    assert page.url.endswith(f"/fr/events/teams/{member.team.public_id}/")
    assert page.locator("#member-sentence").inner_text() == expected
    assert expected in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="the participant's published team (fr)")


def _choose_radio_by_arrows(page, value: str, limit: int = 6) -> None:
    """Within a radio group, the arrow keys move the choice; Space confirms it."""
    for _ in range(limit):
        if active(page)["value"] == value:
            break
        page.keyboard.press("ArrowDown")
    assert active(page)["value"] == value, f"the radio group never reached {value!r}"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


# --- 2. a mentor takes a question from the queue ---------------------------------------------


def _running_event_with_a_question(personas):
    """A running event: the employee's team is out, the line manager mentors with
    storytelling, and the employee asked a question on it."""
    event = EventFactory(
        open=True, organisers=[personas.hr], languages=["nl", "en"], title="Sprint loketten"
    )
    challenge = ChallengeFactory(event=event, title="Minder papier")
    register(event, personas.employee, strengths=["iteration"], challenges=[challenge])
    for person in _colleagues(personas, 2, prefix="Noor"):
        register(event, person, strengths=["curiosity"], challenges=[challenge])
    volunteer(event, personas.line_manager, strengths=["storytelling"], languages=["nl", "en"])
    services.event_move(event=event, to=Status.CLOSED, by=personas.hr)
    proposal = services.teams_propose(event=event, by=personas.hr)
    assert proposal.infeasible is None, proposal.infeasible
    services.teams_publish(event=event, by=personas.hr)
    team = Team.objects.get(event=event, members__registration__user=personas.employee)
    question = services.help_request_post(
        team=team,
        question="Hoe testen we de nieuwe brief met burgers?",
        skill=skill("storytelling"),
        by=personas.employee,
    )
    return event, team, question


def test_a_mentor_takes_the_next_question_from_the_queue_and_marks_it_answered_by_keyboard(
    browser_page, live_server, personas
):
    page = browser_page
    mentor = personas.line_manager
    event, team, question = _running_event_with_a_question(personas)

    login_as(page, live_server, mentor, personas.password, language="nl")
    visit(page, f"{live_server.url}/nl/events/{event.public_id}/")
    _tab_to_link(page, gettext_in("nl", "The mentors' help queue"))
    press_enter_and_wait(page)
    assert page.url.endswith(f"/nl/events/{event.public_id}/queue/")
    assert page.locator("#waiting-table").is_visible()
    assert_no_axe_violations(page, context="the help queue with a question waiting (nl)")

    _tab_to_button(page, gettext_in("nl", "Take the next question"))
    press_enter_and_wait(page)
    question.refresh_from_db()
    assert question.status == HelpStatus.TAKEN
    assert question.taken_by == mentor
    assert question.question in page.locator("#taken-table").inner_text()
    assert page.locator("#nothing-waiting").is_visible()
    assert_no_axe_violations(page, context="the help queue with a question taken (nl)")

    answered = gettext_in("nl", "Mark as answered")
    tab_until(page, lambda state: state["tag"] == "BUTTON" and state["text"].startswith(answered))
    press_enter_and_wait(page)
    question.refresh_from_db()
    assert question.status == HelpStatus.ANSWERED
    assert HelpRequest.objects.filter(team=team, status=HelpStatus.WAITING).count() == 0
    assert page.locator("#nothing-taken").is_visible()
    assert_no_axe_violations(page, context="the help queue after answering (nl)")


# --- 3. the organiser's pages ------------------------------------------------------------------


def _closed_event_with_people(personas, *, title: str, count: int, **fields):
    """``count`` people over two units, bringing storytelling or iteration; registration
    closed."""
    event = EventFactory(open=True, organisers=[personas.hr], title=title, **fields)
    one = ChallengeFactory(event=event, title=f"{title}: paper forms")
    two = ChallengeFactory(event=event, title=f"{title}: long queues")
    for index, person in enumerate(_colleagues(personas, count, prefix=title.split()[0])):
        register(
            event,
            person,
            strengths=["storytelling" if index % 2 else "iteration"],
            challenges=[one, two] if index % 2 else [two, one],
        )
    services.event_move(event=event, to=Status.CLOSED, by=personas.hr)
    return event


def test_the_organisers_pages_have_no_accessibility_violations(browser_page, live_server, personas):
    page = browser_page
    formed = _closed_event_with_people(
        personas, title="Formed hackathon", count=6, min_team_size=2, max_team_size=3
    )
    proposal = services.teams_propose(event=formed, by=personas.hr)
    assert proposal.infeasible is None and len(proposal.teams) >= 2, proposal
    # Four people cannot make teams of five or six.
    stuck = _closed_event_with_people(
        personas, title="Stuck hackathon", count=4, min_team_size=5, max_team_size=6
    )
    base = f"{live_server.url}/fr/events/organise"

    login_as(page, live_server, personas.hr, personas.password, language="fr")
    visit(page, f"{base}/")
    assert_no_axe_violations(page, context="the organiser's events (fr)")

    visit(page, f"{base}/new/")
    assert_no_axe_violations(page, context="a new event (fr)")
    _tab_to_button(page, gettext_in("fr", "Save as a draft"))
    press_enter_and_wait(page)
    assert page.locator(".error-summary").count() >= 1
    assert_no_axe_violations(page, context="a new event, refused (fr)")

    visit(page, f"{base}/{formed.public_id}/")
    assert_no_axe_violations(page, context="the cockpit of a closed event (fr)")

    visit(page, f"{base}/{formed.public_id}/teams/")
    assert page.locator("#publish").is_visible()
    assert_no_axe_violations(page, context="proposed teams with their swap forms (fr)")
    # A move that leaves a team too large: opened, chosen and sent by keyboard, and refused.
    first, second = Team.objects.filter(event=formed).order_by("number")[:2]
    mover = first.members.select_related("registration__user").first()
    swap = f"swap-{mover.pk}"
    tab_until(
        page,
        lambda state: (
            state["tag"] == "SUMMARY"
            and page.evaluate("document.activeElement.parentElement.id") == swap
        ),
    )
    page.keyboard.press("Enter")
    assert page.locator(f"#swap-{mover.pk}").get_attribute("open") is not None
    tab_until(page, lambda state: state["name"] == "to_team")
    _choose_by_arrows(page, str(second.number))
    _tab_to_button(page, gettext_in("fr", "Check and save the move"))
    press_enter_and_wait(page)
    assert page.locator("#error-summary").is_visible()
    assert TeamMember.objects.get(pk=mover.pk).team == first
    assert_no_axe_violations(page, context="a refused move with its error box (fr)")

    visit(page, f"{base}/{stuck.public_id}/teams/")
    assert_no_axe_violations(page, context="teams not yet formed (fr)")
    _tab_to_button(page, gettext_in("fr", "Form the teams"))
    press_enter_and_wait(page)
    assert page.locator("#blockers").is_visible()
    assert not Team.objects.filter(event=stuck).exists()
    assert_no_axe_violations(page, context="an infeasible proposal with its error box (fr)")

    # The formed event runs: a question waits, one was answered.
    services.teams_publish(event=formed, by=personas.hr)
    team = Team.objects.filter(event=formed).order_by("number").first()
    asker = team.members.select_related("registration__user").first().registration.user
    services.help_request_post(
        team=team, question="Comment parler aux usagers ?", skill=skill("storytelling"), by=asker
    )
    visit(page, f"{base}/{formed.public_id}/help/")
    assert_no_axe_violations(page, context="the help queue's figures (fr)")
    visit(page, f"{base}/{formed.public_id}/teams/")
    assert_no_axe_violations(page, context="published teams (fr)")
