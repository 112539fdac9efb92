# SPDX-License-Identifier: EUPL-1.2
"""The platform skeleton as a person meets it in a real browser (issue 2, points 4 to 6).

Every page visited is checked with axe-core, and the page watcher of conftest.py fails a test
on any CSP violation, script error or broken same-origin file along the way.
"""

from __future__ import annotations

import re

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from playwright.sync_api import Page, expect

from conftest import PERSONA_NAMES
from elan.portal.forms import BarrierReportForm
from elan.portal.models import BarrierReport
from tests.e2e.support import (
    assert_no_axe_violations,
    fill_login_form,
    gettext_in,
    html_lang,
    label,
    login_as,
    login_labels,
    open_login_page,
    visit,
)

pytestmark = pytest.mark.browser

LANGUAGES = ("nl", "fr", "de", "en")
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "de": "Deutsch", "en": "English"}
# Each persona logs in on a page in one language and prefers another, so landing in the right
# language proves the preference is honoured, not merely the login page's language kept.
LOGIN_LANGUAGES = {
    "visitor": ("fr", None),
    "employee": ("en", "nl"),
    "line_manager": ("nl", "fr"),
    "team_lead": ("fr", "de"),
    "hr": ("de", "en"),
    "content_editor": ("en", "fr"),
    "moderator": ("nl", "de"),
    "administrator": ("de", "nl"),
    "outsider": ("fr", "en"),
}


def field_label(form_class, name: str, language: str) -> str:
    with translation.override(language):
        return str(form_class.base_fields[name].label)


def check_wrong_password_keeps_the_email(page: Page, live_server, email: str, language: str):
    open_login_page(page, live_server, language)
    assert html_lang(page) == language
    assert_no_axe_violations(page, context=f"login page ({language})")

    fill_login_form(page, email, "not-the-password", language=language)
    assert "/accounts/login/" in page.url
    mismatch = DefaultAccountAdapter.error_messages["email_password_mismatch"]
    expect(page.get_by_text(gettext_in(language, mismatch))).to_be_visible()
    labels = login_labels(language)
    expect(page.get_by_label(label(labels["login"]))).to_have_value(email)
    expect(page.get_by_label(label(labels["password"]))).to_have_value("")
    assert_no_axe_violations(page, context=f"login page with a wrong password ({language})")


def check_barrier_report_journey(page: Page, live_server, language: str) -> None:
    visit(page, f"{live_server.url}/{language}/accessibility/report/")
    assert_no_axe_violations(page, context=f"report-a-barrier form ({language})")

    send = gettext_in(language, "Send report")
    page.get_by_role("button", name=send, exact=True).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    required = BarrierReportForm.base_fields["description"].error_messages["required"]
    expect(summary).to_contain_text(gettext_in(language, required))
    assert_no_axe_violations(page, context=f"report-a-barrier form with errors ({language})")

    page.get_by_label(label(field_label(BarrierReportForm, "page_url", language))).fill(
        "/en/accessibility/"
    )
    page.get_by_label(label(field_label(BarrierReportForm, "description", language))).fill(
        "The skip link is hard to see with Windows high contrast."
    )
    with page.expect_navigation():
        page.get_by_role("button", name=send, exact=True).click()
    assert page.url.endswith(f"/{language}/accessibility/")
    thanks = "Thank you. We received your report and will look into it."
    expect(page.get_by_role("status")).to_contain_text(gettext_in(language, thanks))
    assert_no_axe_violations(page, context=f"report-a-barrier sent ({language})")


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_each_persona_logs_in_and_every_page_on_the_way_passes_axe(
    persona, personas, browser_page, live_server
):
    page = browser_page
    login_language, preferred = LOGIN_LANGUAGES[persona]
    user = personas.get(persona)
    email = user.email if user.is_authenticated else "nobody@elan.test"

    check_wrong_password_keeps_the_email(page, live_server, email, login_language)

    if user.is_authenticated:
        user.preferred_language = preferred
        user.save(update_fields=["preferred_language"])
        login_as(page, live_server, user, personas.password, language=login_language)
        assert page.url == f"{live_server.url}/{preferred}/", "not on the home page"
        language = preferred
    else:
        visit(page, f"{live_server.url}/{login_language}/")
        language = login_language
    assert html_lang(page) == language
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page, context=f"home page as {persona}")

    visit(page, f"{live_server.url}/{language}/accessibility/")
    expect(page.locator("h1")).to_have_text(gettext_in(language, "Accessibility statement"))
    assert_no_axe_violations(page, context=f"accessibility statement as {persona}")

    check_barrier_report_journey(page, live_server, language)
    assert BarrierReport.objects.filter(language=language).count() == 1

    visit(page, f"{live_server.url}/{language}/no-such-page/", status=404)
    assert html_lang(page) == language
    expect(page.locator("h1")).to_have_text(gettext_in(language, "Page not found"))
    assert_no_axe_violations(page, context=f"404 page as {persona}")


def language_nav(page: Page, language: str):
    return page.get_by_role("navigation", name=gettext_in(language, "Language"), exact=True)


def test_the_language_switcher_moves_the_same_page_through_all_four_languages(
    browser_page, live_server, transactional_db
):
    page = browser_page
    visit(page, f"{live_server.url}/nl/accessibility/")
    current = "nl"
    for target in ("fr", "de", "en"):
        with page.expect_navigation():
            language_nav(page, current).get_by_role(
                "link", name=LANGUAGE_NAMES[target], exact=True
            ).click()
        current = target
        assert page.url == f"{live_server.url}/{target}/accessibility/"
        assert html_lang(page) == target
        nav = language_nav(page, target)
        active = nav.locator("[aria-current]")
        expect(active).to_have_count(1)
        expect(active).to_have_text(LANGUAGE_NAMES[target])
        expect(active).to_have_attribute("aria-current", "true")
        expect(active).to_have_attribute("lang", target)
        assert_no_axe_violations(page, context=f"accessibility statement in {target}")


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"),
                text: (el.innerText || "").trim(), classes: [...el.classList],
            };
        }"""
    )


def tab_until(page: Page, matches, *, limit: int = 40) -> dict:
    """Press Tab until the focused element matches; fail if it never comes."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
        seen.append(element)
    pytest.fail(f"Tab never reached the wanted element; focus went through {seen}")


def test_a_keyboard_user_skips_to_the_content_and_logs_in_without_a_mouse(
    browser_page, live_server, personas
):
    page = browser_page
    visit(page, f"{live_server.url}/en/")

    page.keyboard.press("Tab")
    first = focused(page)
    assert "skip-link" in first["classes"], f"the first Tab stop is {first}, not the skip link"
    assert first["text"] == "Skip to main content"
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main", "Enter on the skip link did not move focus to <main>"

    tab_until(page, lambda el: el["tag"] == "a" and el["text"] == "Log in")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/en/accounts/login/")

    is_login_field = lambda el: el["name"] == "login"  # noqa: E731
    if not is_login_field(focused(page)):
        tab_until(page, is_login_field)
    page.keyboard.type(personas.employee.email)
    tab_until(page, lambda el: el["name"] == "password", limit=5)
    page.keyboard.type(personas.password)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == f"{live_server.url}/en/"
    expect(page.locator("h1")).to_have_text(f"Welcome, {personas.employee.get_short_name()}")


@pytest.mark.parametrize("persona", ["visitor", "employee"])
def test_at_400_percent_zoom_the_home_page_fits_and_its_navigation_is_reachable(
    persona, browser_page, live_server, personas
):
    page = browser_page
    user = personas.get(persona)
    if user.is_authenticated:
        login_as(page, live_server, user, personas.password)
    # 1280 × 1024 CSS pixels at 400% zoom leave a 320 × 256 viewport (WCAG 1.4.10 Reflow).
    page.set_viewport_size({"width": 320, "height": 256})
    visit(page, f"{live_server.url}/en/")

    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], f"horizontal scrolling at 320 px: {widths}"

    links = page.locator("header nav a, header nav button")
    assert links.count() >= 6
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, (
            f"{link.inner_text()!r} sticks out of the 320 px viewport: {box}"
        )
    assert_no_axe_violations(page, context=f"home page at 320 px as {persona}")

    main_nav = page.get_by_role("navigation", name="Main", exact=True)
    with page.expect_navigation():
        main_nav.get_by_role("link", name="Home", exact=True).click()
    assert page.url == f"{live_server.url}/en/"


OUR_PAGES = (
    "/en/",
    "/fr/accessibility/",
    "/de/accessibility/report/",
    "/nl/accounts/login/",
    "/en/no-such-page/",
)


def test_our_pages_send_a_strict_csp_and_carry_no_inline_script(
    browser_page, live_server, transactional_db
):
    page = browser_page
    for path in OUR_PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status in (200, 404)
        policy = response.headers.get("content-security-policy", "")
        directives = {
            part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()
        }
        assert directives.get("script-src") == ["'self'"], f"{path}: {policy}"
        assert directives.get("style-src") == ["'self'"], f"{path}: {policy}"
        assert directives.get("object-src") == ["'none'"], f"{path}: {policy}"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path

        assert page.locator("script[src]").count() > 0, path
        inline = page.evaluate(
            "[...document.scripts].filter((s) => !s.src).map((s) => s.outerHTML.slice(0, 120))"
        )
        assert inline == [], f"inline scripts on {path}: {inline}"
        assert page.locator("[style]").count() == 0, f"style attributes on {path}"
        css_loaded = page.evaluate("[...document.styleSheets].some((s) => s.cssRules.length > 0)")
        assert css_loaded, f"the stylesheet did not load on {path}"


def test_the_browser_refuses_a_script_injected_into_our_page(
    browser_page, live_server, transactional_db
):
    page = browser_page
    visit(page, f"{live_server.url}/en/")
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text) as refusal:
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true;";
                document.head.appendChild(script);
            }"""
        )
    assert "script-src" in refusal.value.text
    assert page.evaluate("window.injected") is None
    reported = page.elan_problems.problems
    assert any(re.search(r"CSP violation.*script-src", problem) for problem in reported), reported
    # The watcher saw it, which is the point; it must not fail this test at teardown.
    reported.clear()
