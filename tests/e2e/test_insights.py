# SPDX-License-Identifier: EUPL-1.2
"""Team insights in a real browser: answering by keyboard in Dutch, a team lead's report, an
outsider turned away, and axe-core on every page and state on the way."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from elan.insights.forms import survey_pages
from elan.insights.instruments import CLIMATE
from elan.insights.models import Answer, Campaign, Response
from elan.insights.tests.factories import (
    CampaignFactory,
    answer,
    close_round,
    invited,
    open_round,
)
from elan.organisations.tests.factories import UnitFactory, person_in
from tests.e2e.support import assert_no_axe_violations, gettext_in, login_as, visit

pytestmark = pytest.mark.browser


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName, name: el.name || "", type: el.type || "",
                    outline: style.outlineStyle, box: style.boxShadow};
        }"""
    )


def tab_to(page: Page, name: str, limit: int = 60) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["name"] == name:
            return state
    raise AssertionError(f"Tab never reached {name!r}")


def published_team_campaign(personas):
    for _ in range(3):
        person_in(personas.team)
    campaign = CampaignFactory(unit=personas.team, title="Teamklimaat 2026")
    round_ = open_round(campaign)
    for index, user in enumerate(invited(round_)):
        answer(round_, user, value=2 + index % 4, comment="")
    close_round(campaign)
    return campaign


def test_a_respondent_answers_the_climate_survey_page_by_page_by_keyboard_in_dutch(
    personas, browser_page, live_server
):
    page = browser_page
    employee = personas.employee
    employee.preferred_language = "nl"
    employee.save(update_fields=["preferred_language"])
    for _ in range(2):  # a round needs at least five invited people
        person_in(personas.team)
    campaign = CampaignFactory(
        unit=personas.team,
        titles={"nl": "Teamklimaat 2026", "en": "Team climate 2026"},
        descriptions={"nl": "Vijf minuten over je team."},
    )
    open_round(campaign)
    login_as(page, live_server, employee, personas.password, language="nl")

    visit(page, f"{live_server.url}/nl/insights/")
    assert_no_axe_violations(page, context="insights home (nl)")
    with page.expect_navigation():
        page.get_by_role("link", name="Teamklimaat 2026").click()
    assert page.url.endswith(f"/nl/insights/campaigns/{campaign.pk}/answer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Teamklimaat 2026")
    expect(page.get_by_text("Vijf minuten over je team.")).to_be_visible()
    expect(page.get_by_role("heading", name="Voor je antwoordt: wie ziet wat")).to_be_visible()
    expect(page.locator(".preview")).to_contain_text("Je team van 5 (")
    pages = survey_pages(CLIMATE)
    progress = gettext_in("nl", "Page %(number)s of %(total)s", number=1, total=len(pages))
    expect(page.locator(".progress-block__label")).to_have_text(progress)
    expect(page.locator("progress")).to_have_attribute("value", "1")
    assert_no_axe_violations(page, context="survey, first page, with the visibility preview (nl)")

    # Going on with nothing answered shows the error summary, tied to the questions, in Dutch.
    next_label, back_label = gettext_in("nl", "Next"), gettext_in("nl", "Back")
    with page.expect_navigation():
        page.get_by_role("button", name=next_label, exact=True).click()
    # The scale's own message ships with the instrument's content, not in a catalogue.
    with translation.override("nl"):
        scale_required = str(CLIMATE.scale_required)
    expect(page.locator("#error-summary")).to_contain_text(scale_required)
    assert_no_axe_violations(page, context="survey page with errors (nl)")

    def answer_page_by_keyboard(survey_page) -> None:
        # Tab into each question, Space picks "strongly disagree", three arrow presses move to
        # "agree"; Tab goes on to the next question.
        page.locator("h1").focus()
        for item in survey_page.items:
            state = tab_to(page, item.code)
            assert state["type"] == "radio"
            assert state["outline"] != "none" or state["box"] != "none", "focus must be visible"
            page.keyboard.press("Space")
            for _ in range(3):
                page.keyboard.press("ArrowRight")
            expect(page.locator(f'input[name="{item.code}"][value="4"]')).to_be_checked()

    for survey_page in pages[:-1]:
        answer_page_by_keyboard(survey_page)
        state = tab_to(page, "action")
        assert state["tag"] == "BUTTON"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        number = survey_page.number + 1
        expect(page.locator(".progress-block__label")).to_have_text(
            gettext_in("nl", "Page %(number)s of %(total)s", number=number, total=len(pages))
        )
        if number == 2:
            # Back shows the first page again with its answers kept.
            with page.expect_navigation():
                page.get_by_role("button", name=back_label, exact=True).click()
            for item in pages[0].items:
                expect(page.locator(f'input[name="{item.code}"][value="4"]')).to_be_checked()
            with page.expect_navigation():
                page.get_by_role("button", name=next_label, exact=True).click()
            assert_no_axe_violations(page, context="survey, second page (nl)")

    answer_page_by_keyboard(pages[-1])
    tab_to(page, "comment")
    page.keyboard.type("Goede sfeer, maar weinig tijd om te verbeteren.")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "BUTTON"
    assert Response.objects.count() == 0  # nothing is stored before the last page sends it
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/nl/insights/campaigns/{campaign.pk}/thanks/")
    expect(page.get_by_role("heading", name="Bedankt")).to_be_visible()
    assert_no_axe_violations(page, context="thank-you page (nl)")

    response = Response.objects.get()
    assert response.comment == "Goede sfeer, maar weinig tijd om te verbeteren."
    assert set(Answer.objects.filter(response=response).values_list("value", flat=True)) == {4}
    assert Answer.objects.filter(response=response).count() == len(CLIMATE.items)


def test_hr_finds_a_unit_among_many_by_typing_and_chooses_it_by_keyboard(
    personas, browser_page, live_server
):
    page = browser_page
    directorate = UnitFactory(parent=personas.organisation, code="FPS-ONE-DG", name_en="Finances")
    for number in range(45):
        UnitFactory(parent=directorate, code=f"FPS-ONE-DG-{number:02d}")
    UnitFactory(parent=directorate, code="FPS-ONE-DG-LAB", name_en="Innovation lab")
    login_as(page, live_server, personas.hr, personas.password, language="en")
    visit(page, f"{live_server.url}/en/insights/campaigns/new/")
    status = page.locator(".unit-picker__status")
    expect(status).to_contain_text("You may choose among 49 units.")
    expect(page.locator(".unit-picker__option")).to_have_count(0)
    assert_no_axe_violations(page, context="new campaign form with the unit picker")
    page.evaluate("window.elanSamePage = true")  # gone if the browser loads a new page

    # Typing filters the tree in place, and the status line says what was found.
    page.get_by_label("Search by name or code").fill("finances lab")
    expect(status).to_have_text("1 unit matches “finances lab”.")
    option = page.locator(".unit-picker__option")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("Innovation lab")
    expect(option).to_contain_text("FPS One › Finances")
    assert page.evaluate("window.elanSamePage") is True
    assert_no_axe_violations(page, context="unit picker filtered in place")

    # Enter in the search box searches; it does not send the form.
    page.get_by_label("Search by name or code").fill("fps-one-dg-0")
    page.keyboard.press("Enter")
    expect(status).to_contain_text("10 units match")
    assert page.evaluate("window.elanSamePage") is True

    page.get_by_label("Search by name or code").fill("innovation lab")
    expect(option).to_have_count(1)
    page.get_by_label("Search by name or code").focus()
    tab_to(page, "unit")  # past the Search button, onto the one unit found
    page.keyboard.press("Space")
    expect(page.locator('input[name="unit"]')).to_be_checked()
    page.get_by_label("Title in English").fill("Lab climate 2027")
    page.get_by_label("Team climate").check()
    page.get_by_label("First round opens on").fill("2026-12-01")
    page.get_by_label("First round closes on").fill("2026-12-15")
    with page.expect_navigation():
        page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lab climate 2027")
    assert Campaign.objects.get().unit.code == "FPS-ONE-DG-LAB"
    assert_no_axe_violations(page, context="campaign saved with the chosen unit")


def test_a_team_lead_sees_the_team_report_and_every_page_passes_axe(
    personas, browser_page, live_server
):
    page = browser_page
    campaign = published_team_campaign(personas)
    login_as(page, live_server, personas.team_lead, personas.password, language="en")

    visit(page, f"{live_server.url}/en/insights/")
    assert_no_axe_violations(page, context="insights home of a team lead")
    with page.expect_navigation():
        page.get_by_role("link", name="Teamklimaat 2026").first.click()
    assert "/heatmap/" in page.url
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("table.heatmap-table caption")).to_be_visible()
    assert_no_axe_violations(page, context="heatmap")

    with page.expect_navigation():
        page.locator("table.heatmap-table").get_by_role("link", name="Team One").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Team One")
    expect(page.locator(".chart-summary")).to_contain_text("scores highest")
    expect(page.locator("table.results-table")).to_contain_text("6")
    assert_no_axe_violations(page, context="team report")

    code = personas.team.code
    base = f"{live_server.url}/en/insights/campaigns/{campaign.pk}"
    for url, context in (
        (f"{base}/units/{code}/trends/", "trends"),
        (f"{base}/units/{code}/comments/", "comments (hidden: too few)"),
        (f"{base}/units/{code}/actions/", "action plan"),
        (f"{base}/units/{code}/share/", "team-first release"),
        (f"{base}/", "campaign detail"),
        (f"{live_server.url}/en/insights/campaigns/new/", "new campaign form"),
        (f"{base}/heatmap/?filter=language:en&depth=all", "filtered heatmap"),
    ):
        visit(page, url)
        assert_no_axe_violations(page, context=context)

    # The team lead shares one result up the line, by keyboard-operable form controls.
    visit(page, f"{base}/units/{code}/share/")
    page.get_by_label("Psychological safety").check()
    page.get_by_label("We talked about these results as a team and agree to share them.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Share now").click()
    expect(page.get_by_role("status")).to_contain_text("now go up the line")
    assert_no_axe_violations(page, context="team report after sharing")


def test_the_heatmap_form_updates_the_results_in_place_and_announces_it(
    personas, browser_page, live_server
):
    page = browser_page
    campaign = published_team_campaign(personas)
    login_as(page, live_server, personas.team_lead, personas.password, language="en")
    url = f"{live_server.url}/en/insights/campaigns/{campaign.pk}/heatmap/"
    visit(page, url)
    expect(page.locator("#heatmap-results")).not_to_contain_text("Only: language: English.")
    page.evaluate("window.elanSamePage = true")  # gone if the browser loads a new page

    page.get_by_label("People").select_option("language:en")
    page.get_by_label("Levels below").select_option("all")
    with page.expect_response(lambda response: "/heatmap/?" in response.url) as answer:
        page.get_by_role("button", name="Show").click()
    assert answer.value.request.headers.get("hx-request") == "true"

    results = page.locator("#heatmap-results")
    expect(results).to_contain_text("Only: language: English.")
    expect(page.get_by_role("status")).to_contain_text("The results below are updated.")
    expect(results.locator("svg.chart")).to_be_visible()
    expect(results.locator("table.heatmap-table caption")).to_be_visible()
    assert page.evaluate("window.elanSamePage") is True
    assert "filter=language%3Aen" in page.url and "depth=all" in page.url  # a shareable address
    assert page.evaluate("document.activeElement.textContent.trim()") == "Show"
    assert page.title() == "Teamklimaat 2026: heatmap, round 1 – Elan"
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page, context="heatmap updated in place")

    # Back loads the earlier page again: htmx keeps no copy of the figures in the browser.
    filtered = page.url
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None
    with page.expect_navigation():
        page.evaluate("history.back()")
    expect(page.locator("#heatmap-results")).not_to_contain_text("Only: language: English.")
    assert page.evaluate("window.elanSamePage") is None

    # The address it pushed is a whole page of its own, the same without JavaScript.
    visit(page, filtered)
    expect(page.locator("#heatmap-results")).to_contain_text("Only: language: English.")
    assert_no_axe_violations(page, context="heatmap reloaded at the pushed address")


def test_an_outsider_gets_no_team_report(personas, browser_page, live_server):
    page = browser_page
    campaign = published_team_campaign(personas)
    login_as(page, live_server, personas.outsider, personas.password, language="en")
    url = f"{live_server.url}/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/"
    response = page.goto(url)
    assert response is not None and response.status in (403, 404)
    assert "Team One" not in page.content()
    api = page.request.get(
        f"{live_server.url}/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}"
    )
    assert api.status in (403, 404)
    visit(page, f"{live_server.url}/en/insights/")
    expect(page.get_by_text("There are no results for you to see yet.")).to_be_visible()
    assert_no_axe_violations(page, context="insights home of an outsider")


def test_a_team_lead_sees_the_skills_heatmap_in_dutch_with_no_axe_violations(
    personas, browser_page, live_server
):
    from elan.core.vocabulary import InnovationSkill

    page = browser_page
    for _ in range(3):
        person_in(personas.team)
    campaign = CampaignFactory(unit=personas.team, skills=True, title="Teamvaardigheden 2026")
    round_ = open_round(campaign)
    for index, user in enumerate(invited(round_)):
        answer(round_, user, value=2 + index % 4)
    close_round(campaign)
    login_as(page, live_server, personas.team_lead, personas.password, language="nl")

    visit(page, f"{live_server.url}/nl/insights/campaigns/{campaign.pk}/heatmap/?depth=all")
    expect(page.locator("svg.chart")).to_be_visible()
    header = page.locator("table.heatmap-table thead")
    with translation.override("nl"):
        labels = [str(skill.label) for skill in InnovationSkill]
    for label in labels:
        expect(header).to_contain_text(label)
    expect(page.locator("table.heatmap-table tbody")).to_contain_text(personas.team.code)
    assert_no_axe_violations(page, context="skills heatmap (nl)")

    code = personas.team.code
    visit(page, f"{live_server.url}/nl/insights/campaigns/{campaign.pk}/units/{code}/")
    expect(page.locator("table.results-table")).to_contain_text("6")
    assert_no_axe_violations(page, context="skills team report (nl)")


def test_the_heatmap_compares_with_the_previous_round_keeps_the_unit_column_in_view_and_passes_axe(
    personas, browser_page, live_server
):
    """Issue 15, point 2: colours by the distance from a comparison chosen in the form, with a
    legend, signs and the favourable share; the unit column stays put while the table scrolls;
    the team page shows the change since round 1."""
    page = browser_page
    for _ in range(3):
        person_in(personas.team)
    campaign = CampaignFactory(unit=personas.team, title="Teamklimaat 2026")
    for value in (3, 4):
        round_ = open_round(campaign)
        for user in invited(round_):
            answer(round_, user, value=value)
        close_round(campaign)
    login_as(page, live_server, personas.team_lead, personas.password, language="en")
    page.set_viewport_size({"width": 360, "height": 800})

    base = f"{live_server.url}/en/insights/campaigns/{campaign.pk}"
    visit(page, f"{base}/heatmap/?round=2&compare=previous")
    expect(page.get_by_label("Compare with")).to_have_value("previous")
    expect(page.locator(".distance-legend")).to_contain_text("0.5 or more higher")
    expect(page.locator("table.heatmap-table tbody")).to_contain_text("favourable")
    expect(page.locator("table.heatmap-table tbody")).to_contain_text("▲")
    assert_no_axe_violations(page, context="heatmap compared with the previous round")

    region = page.get_by_role("region", name="Results per unit from Team One down, round 2")
    unit = page.locator("table.heatmap-table tbody th").first
    before = unit.bounding_box()
    region.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    # The figures did scroll sideways, and the unit column stayed where it was.
    assert region.evaluate("element => element.scrollLeft") > 0
    after = unit.bounding_box()
    assert before is not None and after is not None and after["x"] == before["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    visit(page, f"{base}/units/{personas.team.code}/?round=2")
    expect(page.locator("table.results-table thead")).to_contain_text("Change since round 1")
    expect(page.locator(".chart-summary")).to_contain_text("Since round 1")
    assert_no_axe_violations(page, context="team report with the change since round 1")
