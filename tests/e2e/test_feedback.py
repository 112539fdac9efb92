# SPDX-License-Identifier: EUPL-1.2
"""360 feedback in a real browser (issue 7): a peer opens the link from the invitation e-mail,
switches the page to Dutch and answers by keyboard alone, without logging in; the owner then
reads the report. The line manager reviews the rater list before it goes out (issue 13).
axe-core runs on every page the module adds.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from elan.assessments.tests.factories import SPIKY, instrument
from elan.feedback import services
from elan.feedback.models import RaterResponse
from elan.feedback.tests.factories import answer, feedback_round, invite, open_round, send_list
from elan.organisations.tests.factories import person_in
from tests.e2e.support import (
    active,
    assert_no_axe_violations,
    gettext_in,
    login_as,
    press_enter_and_wait,
    tab_until,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_peer_answers_through_the_e_mail_link_by_keyboard_in_dutch_and_the_owner_reads_it(
    browser_page, live_server, personas
):
    page = browser_page
    owner = personas.employee
    round_ = open_round(owner, self_values=SPIKY)
    others = [invite(round_, "peer")[1] for _number in range(2)]
    pia = person_in(personas.team, email="pia.peer@elan.test", first_name="Pia")
    invite(round_, "peer", email=pia.email)
    mail.outbox.clear()
    round_ = send_list(round_)  # her line manager approves the list: the e-mails go out
    for number, secret in enumerate(others):
        answer(round_, secret, comment=f"peer comment {number}")
    invitation_mail = next(m for m in mail.outbox if m.to == [pia.email])
    link = re.search(r"https?://\S+/feedback/rate/\S+/", invitation_mail.body).group(0)
    path = urlsplit(link).path
    assert path.startswith("/en/")

    # The peer does not log in: the link alone opens the form, in the language of the e-mail.
    visit(page, live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    tab_until(page, lambda s: s["tag"] == "A" and s["text"] == "Nederlands")
    press_enter_and_wait(page)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert urlsplit(page.url).path == "/nl/" + path[len("/en/") :]
    expect(page.locator("h1")).to_have_text(
        gettext_in("nl", "Feedback for %(owner_name)s", owner_name=owner.get_full_name())
    )
    expect(page.locator("#anonymity-notice")).to_be_visible()
    assert_no_axe_violations(page, context="rater form (nl)")

    items = list(instrument().items.order_by("position"))
    tab_until(page, lambda s: s["type"] == "radio")
    for number, _item in enumerate(items):
        page.keyboard.press("Space")  # the first answer, "Helemaal niet"
        for _ in range(3):
            page.keyboard.press("ArrowDown")  # on to 4, "Grotendeels"
        if number < len(items) - 1:
            page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert active(page)["tag"] == "TEXTAREA"
    page.keyboard.type("Luistert goed naar gebruikers.")
    send = gettext_in("nl", "Send my answers")
    tab_until(page, lambda s: s["tag"] == "BUTTON" and s["text"] == send)
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text(gettext_in("nl", "Thank you"))
    assert_no_axe_violations(page, context="thank you (nl)")

    response = RaterResponse.objects.get(round=round_, language="nl")
    assert response.relationship == "peer"
    assert set(response.answers.values_list("value", flat=True)) == {4}
    assert response.answers.count() == len(items)
    assert response.comment == "Luistert goed naar gebruikers."

    # Used once, the link no longer opens the form.
    visit(page, live_server.url + path, status=410)
    expect(page.locator("#link-state")).to_have_attribute("data-reason", "used")
    assert_no_axe_violations(page, context="used link (en)")

    # The owner reads the report: three peers now pass the threshold.
    login_as(page, live_server, owner, personas.password)
    visit(page, f"{live_server.url}/en/feedback/{round_.public_id}/")
    expect(page.locator("#answer-count")).to_have_text("3 of 3 raters answered")
    assert_no_axe_violations(page, context="round (en)")
    tab_until(
        page,
        lambda s: s["tag"] == "BUTTON" and s["text"] == "Close now: the links stop working",
    )
    press_enter_and_wait(page)
    tab_until(page, lambda s: s["tag"] == "A" and s["text"] == "Read the report")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text("Your 360 feedback report")
    expect(page.locator("#rater-groups")).to_contain_text("Peers: 3 raters")
    expect(page.locator("svg[role=img]")).to_have_count(2)
    expect(page.locator(".chart-with-table table caption")).to_have_count(2)
    expect(page.locator("#comments li")).to_have_count(3)
    expect(page.locator("#comments")).to_contain_text("Luistert goed naar gebruikers.")
    assert_no_axe_violations(page, context="report (en)")


def test_every_page_of_the_feedback_module_passes_axe(
    browser_page, live_server, personas, settings
):
    page = browser_page
    # Few answer sets here; a low minimum lets the item tables render for axe to check them.
    settings.PSYCHOMETRICS_MIN_RESPONSES = 3
    round_ = open_round(personas.employee, self_values=SPIKY)
    colleagues = [invite(round_, group)[1] for group in ("peer", "peer", "peer", "direct_report")]
    _invitation, manager_secret = invite(round_, "manager", email=personas.line_manager.email)
    _invitation, outside_secret = invite(round_, "external")
    for number in range(3):
        feedback_round(person_in(personas.team, email=f"x{number}@elan.test"))
    round_url = f"{live_server.url}/nl/feedback/{round_.public_id}/"

    # The owner chooses the raters: a draft, with a mistake in the form.
    login_as(page, live_server, personas.employee, personas.password, language="nl")
    visit(page, f"{live_server.url}/nl/feedback/")
    assert_no_axe_violations(page, context="home (nl)")
    visit(page, round_url)
    page.get_by_label(re.compile(gettext_in("nl", "E-mail address") + r"\s*:?$")).fill(
        "not an address"
    )
    with page.expect_navigation():
        page.get_by_role("button", name=gettext_in("nl", "Add to the list")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page, context="draft round with an error (nl)")
    send_for_review = gettext_in("nl", "Send the list for review")
    with page.expect_navigation():
        page.get_by_role("button", name=send_for_review).click()
    expect(page.locator("#list-state")).to_be_visible()
    assert_no_axe_violations(page, context="rater list in review (nl)")

    # The line manager sees the list and sends it back with a note.
    page.context.clear_cookies()
    login_as(page, live_server, personas.line_manager, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/feedback/reviews/")
    assert_no_axe_violations(page, context="lists to review (fr)")
    with page.expect_navigation():
        page.locator("#lists-to-review a").first.click()
    expect(page.locator("#rater-list tbody tr")).to_have_count(6)
    assert_no_axe_violations(page, context="rater list under review (fr)")
    page.get_by_label(gettext_in("fr", "Note to the owner")).fill("Ajoute aussi Pieter.")
    with page.expect_navigation():
        page.get_by_role("button", name=gettext_in("fr", "Send the list back with my note")).click()

    # The owner reads the note and sends the list again; this time it is approved.
    page.context.clear_cookies()
    login_as(page, live_server, personas.employee, personas.password, language="nl")
    visit(page, round_url)
    expect(page.locator("#sent-back-note")).to_contain_text("Ajoute aussi Pieter.")
    assert_no_axe_violations(page, context="rater list sent back (nl)")
    with page.expect_navigation():
        page.get_by_role("button", name=send_for_review).click()
    round_ = services.round_approve(reviewer=personas.line_manager, round_=round_)
    for secret in colleagues:
        answer(round_, secret)

    page.context.clear_cookies()
    visit(page, f"{live_server.url}/de/feedback/rate/{manager_secret}/")
    expect(page.locator("#attribution-notice")).to_be_visible()
    assert_no_axe_violations(page, context="manager's form (de)")
    visit(page, f"{live_server.url}/en/feedback/rate/{outside_secret}/")
    expect(page.locator("#attribution-notice")).to_be_visible()
    assert_no_axe_violations(page, context="outside rater's form (en)")
    visit(page, f"{live_server.url}/fr/feedback/rate/not-a-link/", status=404)
    assert_no_axe_violations(page, context="unknown link (fr)")

    login_as(page, live_server, personas.employee, personas.password, language="nl")
    visit(page, round_url)
    page.get_by_label(gettext_in("nl", "E-mail address of a colleague")).fill(
        personas.line_manager.email
    )
    with page.expect_navigation():
        page.get_by_role("button", name=gettext_in("nl", "Share the report")).click()
    visit(page, f"{live_server.url}/nl/feedback/{round_.public_id}/report/")
    expect(page.locator("#report-waiting")).to_be_visible()
    assert_no_axe_violations(page, context="report while the round is open (nl)")
    services.round_close(owner=personas.employee, round_=round_)
    visit(page, f"{live_server.url}/nl/feedback/{round_.public_id}/")
    expect(page.locator("#closed-on")).to_be_visible()
    expect(page.locator("#rater-details-erased")).to_be_visible()
    assert_no_axe_violations(page, context="closed round, rater details erased (nl)")
    visit(page, f"{live_server.url}/nl/feedback/{round_.public_id}/report/")
    # Three peers and one direct report: "others" alone would hold the direct report, so
    # everyone counts in "others", as the closed round stores them.
    expect(page.locator("#rater-groups")).to_contain_text(gettext_in("nl", "Others") + ": 4")
    assert_no_axe_violations(page, context="report with every group merged into others (nl)")

    page.context.clear_cookies()
    login_as(page, live_server, personas.line_manager, personas.password, language="fr")
    visit(page, f"{live_server.url}/fr/feedback/shared-with-me/")
    assert_no_axe_violations(page, context="shared with me (fr)")
    share_link = page.locator("main a[href*='/feedback/shared-with-me/']").first
    with page.expect_navigation():
        share_link.click()
    expect(page.locator("h1")).to_contain_text(personas.employee.get_full_name())
    assert_no_axe_violations(page, context="shared report (fr)")

    page.context.clear_cookies()
    login_as(page, live_server, personas.hr, personas.password, language="de")
    visit(page, f"{live_server.url}/de/feedback/instrument-quality/")
    expect(page.locator("h1")).to_have_text(gettext_in("de", "Instrument quality"))
    expect(page.locator("table")).not_to_have_count(0)
    assert_no_axe_violations(page, context="instrument quality (de)")
