# SPDX-License-Identifier: EUPL-1.2
"""The knowledge hub in a real browser (issue 5, point 8).

Every page type, in every language, passes axe-core, and so do the navigator and the search.
Then the editorial journey: a content editor creates a case and submits it, translates it into
French with wagtail-localize, and a moderator publishes both.

The back-office steps run in a second tab that the page watcher does not follow: Wagtail's
admin autosaves an incomplete form every half second and the server rightly answers 400 until
the form is valid, which the watcher would report as a broken file. axe runs on our pages only;
Wagtail's admin is Wagtail's to keep accessible.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Page as WagtailPage

from elan.knowledge.loader import load_hub_content
from elan.knowledge.models import HUB_PAGE_MODELS, CasePage, HubSectionPage
from tests.e2e.support import assert_no_axe_violations, gettext_in, html_lang, login_as, visit

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data. The flush after each browser test empties the
    # page tree too; the hub loader puts back the tree's root, site, locales and groups, and
    # the flush itself recreates content types and permissions. (Restoring a serialized copy
    # instead broke whenever another test's flush had run first in the same worker.)
    pytest.mark.django_db(transaction=True),
]

LANGUAGES = ("nl", "fr", "de", "en")
ONE_OF_EACH_TYPE = (
    "hub",
    "section-cases",
    "definition",
    "principle-real-conversations",
    "case-municipal-hackathons-sweden",
    "tool-states-of-change",
    "resource-norway-innovative-public-sector",
    "partner-states-of-change",
    "presentation-wings",
    "recording-everyone-can-innovate-2025",
    "tip-balance-innovation-goals",
    "question-shared-definition-of-innovation",
    "quote-angela-hanson-say-what-innovation-means",
)


def hub_url(key: str, language: str) -> str:
    """The address of a shipped page, found by its content key, in one language."""
    for model in HUB_PAGE_MODELS:
        source = model.objects.filter(content_key=key).first()
        if source is not None:
            return WagtailPage.objects.get(
                translation_key=source.translation_key, locale__language_code=language
            ).specific.url
    raise LookupError(key)


def test_every_hub_page_type_and_the_hub_tools_pass_axe_in_every_language_and_a_german_reader_sees_the_english_fallback_marked(  # noqa: E501
    browser_page, live_server
):
    # Loading the whole hub takes longer than the reading that follows: both readings share it.
    load_hub_content()
    every_hub_page_type_and_the_hub_tools_pass_axe_in_every_language(browser_page, live_server)
    a_german_reader_sees_the_english_fallback_marked_and_switches_language(
        browser_page, live_server
    )


def every_hub_page_type_and_the_hub_tools_pass_axe_in_every_language(page: Page, live_server):
    for language in LANGUAGES:
        for key in ONE_OF_EACH_TYPE:
            visit(page, f"{live_server.url}{hub_url(key, language)}")
            assert html_lang(page) == language
            expect(page.locator("h1")).to_have_count(1)
            assert_no_axe_violations(page, context=f"{key} ({language})")

        # The navigator, worked with the keyboard: pick an intention, submit, read the route.
        visit(page, f"{live_server.url}/{language}/hub/navigator/")
        assert_no_axe_violations(page, context=f"navigator ({language})")
        page.get_by_label(gettext_in(language, "Find a mentor")).focus()
        page.keyboard.press("Space")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        expect(page.locator("#route-heading")).to_be_visible()
        expect(page.locator(".navigator-route ul.hub-items li").first).to_be_visible()
        assert_no_axe_violations(page, context=f"navigator route ({language})")

        # Search with a filter, and a search that finds nothing.
        word = {"nl": "mentor", "fr": "mentor", "de": "mentor", "en": "mentor"}[language]
        visit(page, f"{live_server.url}/{language}/hub/search/?q={word}&kind=case")
        expect(page.locator(".hub-result mark").first).to_be_visible()
        assert_no_axe_violations(page, context=f"search results ({language})")
        visit(page, f"{live_server.url}/{language}/hub/search/?q=zzzyyyxxx")
        assert_no_axe_violations(page, context=f"search without results ({language})")


def a_german_reader_sees_the_english_fallback_marked_and_switches_language(page: Page, live_server):
    visit(page, f"{live_server.url}{hub_url('case-innovation-fellowships', 'de')}")
    assert html_lang(page) == "de"
    expect(page.locator(".fallback-note")).to_be_visible()
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    expect(page.locator("article .rich-text").first).to_have_attribute("lang", "en")
    assert_no_axe_violations(page, context="German fallback page")
    page.get_by_role("navigation", name=gettext_in("de", "Language"), exact=True).get_by_role(
        "link", name="Français"
    ).click()
    page.wait_for_load_state()
    assert page.url.endswith(hub_url("case-innovation-fellowships", "fr"))
    expect(page.locator(".fallback-note")).to_have_count(0)


def fill_rich_text(admin: Page, field: str, text: str) -> None:
    editable = admin.locator(f'[data-contentpath="{field}"] [contenteditable="true"]')
    editable.click()
    admin.keyboard.type(text)
    expect(editable).to_contain_text(text)
    # Draftail copies its state into the form's hidden input on a timer, not on every key: a form
    # sent before that carries an empty field and fails validation (seen once in CI).
    expect(admin.locator(f'input[name="{field}"]')).to_have_value(re.compile(re.escape(text)))


def translate_segment(admin: Page, field_label: str, text: str) -> None:
    """wagtail-localize's editor: one block per field, each with its own Translate button."""
    block = admin.locator("li").filter(has=admin.locator(f"h3:text-is('{field_label}')")).last
    block.get_by_role("button", name="Translate", exact=True).click()
    block.locator("textarea").fill(text)
    block.get_by_role("button", name="Save", exact=True).click()
    expect(block.get_by_text(text, exact=True)).to_be_visible()


def test_an_editor_creates_and_translates_a_case_and_a_moderator_publishes_it(
    personas, browser_page, browser_context, live_server, settings
):
    # The admin's userbar loads its scripts from WAGTAILADMIN_BASE_URL: this server's address.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    load_hub_content()
    cases = HubSectionPage.objects.get(kind="case", locale__language_code="en")
    admin = browser_context.new_page()

    # The editor drafts a case and submits it for review.
    login_as(admin, live_server, personas.content_editor, personas.password)
    admin.goto(f"{live_server.url}/admin/pages/add/knowledge/casepage/{cases.pk}/")
    admin.locator("#id_title").fill("School meals pilot")
    admin.locator("#id_summary").fill("A canteen team tried a new menu with pupils for a month.")
    fill_rich_text(admin, "context_and_actions", "The team asked pupils what they ate.")
    fill_rich_text(admin, "effect", "Less food was thrown away.")
    fill_rich_text(admin, "reference", "Notes of the canteen team.")
    admin.locator('[data-contentpath="principles"]').get_by_label("Test small, adjust fast").check()
    admin.locator('[data-contentpath="skills"]').get_by_label("Iteration").check()
    admin.get_by_role("button", name="More actions").click()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Submit to Hub review").click()
    expect(admin.locator(".messages")).to_contain_text("submitted for moderation")
    case = CasePage.objects.get(slug="school-meals-pilot", locale__language_code="en")
    assert not case.live
    assert case.current_workflow_state.status == "in_progress"

    # Not live yet: visitors get a 404, in English and in the languages that will follow it.
    page = browser_page
    response = page.goto(f"{live_server.url}/en/hub/cases/school-meals-pilot/")
    assert response.status == 404

    # The editor translates it into French with wagtail-localize.
    admin.goto(f"{live_server.url}/admin/localize/submit/page/{case.pk}/")
    admin.get_by_label("French").check()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Submit").click()
    translate_segment(admin, "Title", "Projet pilote de repas scolaires")
    translate_segment(
        admin, "Summary", "Une équipe de cantine a essayé un nouveau menu avec les élèves."
    )
    translate_segment(
        admin, "Context and actions", "L'équipe a demandé aux élèves ce qu'ils mangeaient."
    )
    translate_segment(admin, "Concrete effect", "Moins de nourriture a été jetée.")
    translate_segment(admin, "Reference", "Notes de l'équipe de cantine.")
    french = CasePage.objects.get(translation_key=case.translation_key, locale__language_code="fr")
    assert not french.live
    admin.context.clear_cookies()

    # The moderator approves and publishes the case, then publishes the French translation.
    login_as(admin, live_server, personas.moderator, personas.password)
    admin.goto(f"{live_server.url}/admin/pages/{case.pk}/edit/")
    admin.get_by_role("button", name="More actions").click()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Approve and Publish", exact=True).click()
    case.refresh_from_db()
    assert case.live
    admin.goto(f"{live_server.url}/admin/pages/{french.pk}/edit/")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Publish in French").click()
    french.refresh_from_db()
    assert french.live

    # Visitors now read it in French, and in Dutch as the English text, marked as such.
    visit(page, f"{live_server.url}/fr/hub/cases/school-meals-pilot/")
    expect(page.locator("h1")).to_have_text("Projet pilote de repas scolaires")
    assert_no_axe_violations(page, context="the new case in French")
    visit(page, f"{live_server.url}/nl/hub/cases/school-meals-pilot/")
    expect(page.locator("h1")).to_have_text("School meals pilot")
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    assert_no_axe_violations(page, context="the new case in Dutch, shown in English")
    visit(page, f"{live_server.url}/fr/hub/search/?q=cantine")
    expect(page.get_by_role("link", name="Projet pilote de repas scolaires")).to_be_visible()
