# SPDX-License-Identifier: EUPL-1.2
"""The learning network in a real browser (issue 18): a mentee working in German sets a
learning wish, joins a programme, is matched, reads why in one sentence and accepts, by
keyboard alone; and axe-core clean on the module's pages for the mentee, the mentor and the
organiser."""

from __future__ import annotations

import pytest
from django.utils import translation

from elan.network import services
from elan.network.constants import Answer, ProgrammeStatus, Role
from elan.network.explain import pair_sentence
from elan.network.models import Match
from elan.network.tests.factories import ProgrammeFactory, join, profile_for, skill
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


def _programme_with_a_german_speaking_mentor(personas):
    department = UnitFactory(parent=personas.organisation, name_de="Digitale Verwaltung")
    mentor = person_in(department, first_name="Anna", last_name="Keller")
    profile_for(mentor, strengths=["storytelling"], languages=["de", "fr"], mentor=True)
    programme = ProgrammeFactory(
        open=True, scope=personas.organisation, organiser=personas.hr, title="Über die Mauern"
    )
    join(programme, mentor, Role.MENTOR)
    return programme, mentor


def test_a_mentee_in_german_sets_a_wish_is_matched_reads_why_and_accepts_by_keyboard(
    browser_page, live_server, personas
):
    page = browser_page
    employee = personas.employee
    employee.preferred_language = "de"
    employee.save(update_fields=["preferred_language"])
    programme, mentor = _programme_with_a_german_speaking_mentor(personas)
    storytelling = skill("storytelling")

    login_as(page, live_server, employee, personas.password, language="de")
    visit(page, f"{live_server.url}/de/network/profile/")
    assert_no_axe_violations(page, context="a new network profile (de)")
    # The first wish: a select, moved by the arrow keys until it holds the skill.
    tab_until(page, lambda state: state["name"] == "wish_1")
    for _ in range(60):
        if active(page)["value"] == str(storytelling.pk):
            break
        page.keyboard.press("ArrowDown")
    assert active(page)["value"] == str(storytelling.pk)
    tab_until(page, lambda state: state["name"] == "wish_sentence")
    page.keyboard.type("Ich möchte lernen, Ergebnisse als Geschichte zu erzählen.")
    tab_until(page, lambda state: state["name"] == "languages" and state["value"] == "de")
    page.keyboard.press("Space")
    _tab_to_button(page, gettext_in("de", "Create my profile"))
    press_enter_and_wait(page)
    profile = employee.network_profile
    assert profile.languages == ["de"]
    assert [wish.competency_id for wish in profile.wishes.all()] == [storytelling.pk]

    visit(page, f"{live_server.url}/de/network/programmes/{programme.public_id}/")
    assert_no_axe_violations(page, context="an open programme, before joining (de)")
    _tab_to_button(page, gettext_in("de", "Join the programme"))
    press_enter_and_wait(page)
    assert programme.participants.filter(user=employee, role=Role.MENTEE).exists()
    assert_no_axe_violations(page, context="joined, waiting for the matching (de)")

    # The organiser runs the matching and publishes it.
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    match = Match.objects.get(programme=programme)

    visit(page, f"{live_server.url}/de/network/programmes/{programme.public_id}/")
    assert_no_axe_violations(page, context="matched, the programme page (de)")
    link = gettext_in("de", "Open the pair with %(name)s", name=mentor.get_full_name())
    tab_until(page, lambda state: state["tag"] == "A" and state["text"] == link)
    press_enter_and_wait(page)
    with translation.override("de"):
        expected = pair_sentence(match=match, reader=employee)
    assert page.locator("#pair-sentence").inner_text() == expected
    assert str(storytelling.name.get("de", "")) in expected or "Storytelling" in expected
    assert "Digitale Verwaltung" in expected
    assert_no_axe_violations(page, context="the pair's page, waiting for answers (de)")

    tab_until(page, lambda state: state["name"] == "answer")
    for _ in range(4):
        if active(page)["value"] == "accept":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    _tab_to_button(page, gettext_in("de", "Send my answer"))
    press_enter_and_wait(page)
    match.refresh_from_db()
    assert match.mentee_answer == Answer.ACCEPTED
    assert_no_axe_violations(page, context="the pair's page, accepted by the mentee (de)")


def test_the_network_pages_have_no_accessibility_violations_for_each_role(
    browser_page, live_server, personas
):
    page = browser_page
    programme, mentor = _programme_with_a_german_speaking_mentor(personas)
    profile_for(personas.employee, wishes=["storytelling"], languages=["de", "en"])
    join(programme, personas.employee)
    # A German-only mentee nobody can take: the organiser sees why.
    waiting = person_in(personas.team, first_name="Niklas")
    profile_for(waiting, wishes=["data-literacy"], languages=["nl"])
    join(programme, waiting)
    services.programme_match(programme=programme, by=personas.hr)

    login_as(page, live_server, personas.hr, personas.password, language="fr")
    for path, context in (
        ("programmes/", "the organiser's programmes (fr)"),
        ("programmes/new/", "a new programme (fr)"),
        (f"programmes/{programme.public_id}/manage/", "proposed pairs and a waiting mentee (fr)"),
        (f"programmes/{programme.public_id}/publish/", "publishing, to confirm (fr)"),
        (f"programmes/{programme.public_id}/figures/", "the programme's figures (fr)"),
        (f"programmes/{programme.public_id}/edit/", "editing the programme (fr)"),
    ):
        visit(page, f"{live_server.url}/fr/network/{path}")
        assert_no_axe_violations(page, context=context)

    services.programme_publish(programme=programme, by=personas.hr)
    match = Match.objects.get(programme=programme, mentee__user=personas.employee)
    services.match_answer(match=match, by=personas.employee, accept=True)
    services.match_answer(match=match, by=mentor, accept=True)

    page.context.clear_cookies()
    login_as(page, live_server, personas.employee, personas.password, language="nl")
    for path, context in (
        ("", "the learning network's home (nl)"),
        ("help/", "peer help, the question (nl)"),
        (f"help/?skill={skill('storytelling').pk}", "peer help, the colleagues (nl)"),
        (f"pairs/{match.public_id}/", "an accepted pair with its log (nl)"),
    ):
        visit(page, f"{live_server.url}/nl/network/{path}")
        assert_no_axe_violations(page, context=context)

    # The programme closes: the end survey, open for answers, and the organiser's figures, which
    # say until when it takes them and show none of it before.
    services.programme_move(programme=programme, to=ProgrammeStatus.CLOSED, by=personas.hr)
    visit(page, f"{live_server.url}/nl/network/programmes/{programme.public_id}/survey/")
    assert_no_axe_violations(page, context="the end survey, open (nl)")
    page.context.clear_cookies()
    login_as(page, live_server, personas.hr, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/network/programmes/{programme.public_id}/figures/")
    assert page.locator("#survey-figures").count() == 0
    assert page.locator("#survey-summary").is_visible()
    assert_no_axe_violations(page, context="figures while the end survey takes answers (fr)")
