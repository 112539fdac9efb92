# SPDX-License-Identifier: EUPL-1.2
"""What every browser test reuses: logging in, axe-core, and watching a page for problems.

Import the helpers (``from tests.e2e.support import login_as``) or ask for the fixtures of the
same names in tests/e2e/conftest.py.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import ConsoleMessage, Page, Request, Response

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@dataclass
class PageProblems:
    """What went wrong in the page behind the test's back: CSP, script errors, broken files."""

    origin: str
    problems: list[str] = field(default_factory=list)
    # Every console error, kept for the tests that ask for none at all (a page that logs an
    # error on purpose, such as the 404 page, must not fail the others).
    console_errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)
        page.on("response", self.on_response)
        page.on("requestfailed", self.on_request_failed)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP violation: {message.text}")

    def on_page_error(self, error: Exception) -> None:
        self.problems.append(f"Uncaught script error: {error}")

    def on_response(self, response: Response) -> None:
        if not self._same_origin(response.url):
            return
        status = response.status
        # A page may answer 404 on purpose (the tests visit the 404 page); its files may not.
        is_document = response.request.resource_type == "document"
        if status >= 500 or (status >= 400 and not is_document):
            self.problems.append(f"{status} for {response.request.resource_type} {response.url}")
        relaxed = urlsplit(response.url).path.startswith(settings.CSP_RELAXED_PATH_PREFIXES)
        if is_document and not relaxed:
            policy = response.headers.get("content-security-policy", "")
            if "script-src 'self'" not in policy or "unsafe-inline" in policy:
                self.problems.append(f"No strict CSP on {response.url}: {policy!r}")

    def on_request_failed(self, request: Request) -> None:
        # A request the browser itself abandoned because the page moved on (the favicon while a
        # form posts, say) is not a fault of the page; a refused or broken one is.
        aborted = request.failure == "net::ERR_ABORTED"
        if self._same_origin(request.url) and request.resource_type != "document" and not aborted:
            self.problems.append(f"Request failed: {request.url} ({request.failure})")

    def _same_origin(self, url: str) -> bool:
        return urlsplit(url)[:2] == urlsplit(self.origin)[:2]

    def assert_none(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "The page reported problems:\n" + "\n".join(problems)


def assert_page_is_clean(page: Page) -> None:
    """Fail now, rather than at teardown, on anything the page has reported so far."""
    watcher = getattr(page, "elan_problems", None)
    if watcher is not None:
        watcher.assert_none()


def login_labels(language: str) -> dict[str, str]:
    """The login form's labels and button, as a person reading that language sees them."""
    from allauth.account.forms import LoginForm

    with translation.override(language):
        form = LoginForm()
        return {
            "login": str(form.fields["login"].label),
            "password": str(form.fields["password"].label),
            "submit": translation.gettext("Sign In"),
        }


def open_login_page(page: Page, live_server, language: str = "en") -> None:
    response = page.goto(f"{live_server.url}/{language}/accounts/login/")
    assert response is not None and response.status == 200, f"login page answered {response}"


def label(text: str) -> re.Pattern:
    """A whole label, with or without Django's label suffix (": " in English, " :" in French)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*:?\s*$")


def fill_login_form(page: Page, email: str, password: str, *, language: str = "en") -> None:
    labels = login_labels(language)
    page.get_by_label(label(labels["login"])).fill(email)
    page.get_by_label(label(labels["password"])).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name=labels["submit"], exact=True).click()


# The authenticator the browser tests enrol for administrators, HR, editors and moderators, who
# must log in with a second factor; the tests type its codes as a person reads them off an app.
E2E_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def second_factor_secret_for(user) -> str | None:
    """The TOTP secret ``user`` logs in with: enrolled here for a role that needs one."""
    from allauth.mfa.totp.internal.auth import TOTP

    from elan.accounts import second_factor

    if second_factor.has_second_factor(user):
        return E2E_TOTP_SECRET
    if not second_factor.is_required_for(user):
        return None
    TOTP.activate(user, E2E_TOTP_SECRET)
    return E2E_TOTP_SECRET


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now; waits out the last seconds of a period, so
    that the code is still valid when the form arrives."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


# The period in which each secret's code was last given, per person: allauth refuses a code
# used once already (replay), so a second login within the same 30 s waits for the next code,
# as a person at the keyboard would.
_last_period_used: dict[tuple[object, str], int] = {}


def enter_second_factor_code(
    page: Page, secret: str, *, language: str = "en", who: object = None
) -> None:
    from django.core.cache import cache

    for _attempt in range(2):
        # The live server shares this process's cache, where allauth marks used codes.
        cache.clear()
        if _last_period_used.get((who, secret)) == int(time.time()) // 30:
            time.sleep(30 - time.time() % 30 + 0.1)
        code = current_totp_code(secret)
        period = int(time.time()) // 30
        page.get_by_label(label(gettext_in(language, "Code"))).fill(code)
        with page.expect_navigation():
            page.get_by_role("button", name=gettext_in(language, "Sign In"), exact=True).click()
        _last_period_used[(who, secret)] = period
        # On a busy machine the form can reach the server after its code's 30 s ran out; a
        # person would type the next code, and so does the test, once.
        if "/accounts/2fa/authenticate/" not in page.url or int(time.time()) // 30 == period:
            return


def login_as(page: Page, live_server, user, password: str, *, language: str = "en") -> None:
    """Log in through the real allauth form, finding the fields by their visible labels, and
    give the code of the authenticator app when the person has one."""
    secret = second_factor_secret_for(user)
    open_login_page(page, live_server, language)
    fill_login_form(page, user.email, password, language=language)
    if secret:
        assert "/accounts/2fa/authenticate/" in page.url, f"No code asked: {page.url}"
        enter_second_factor_code(page, secret, language=language, who=user.pk)
    assert "/accounts/login/" not in page.url, f"Still on the login page: {page.url}"
    assert "/accounts/2fa/" not in page.url, (
        f"Still asked for a code: {page.url}: {page.locator('main').inner_text()[:300]}"
    )


def html_lang(page: Page) -> str:
    return page.evaluate("document.documentElement.lang")


def inject_axe(page: Page) -> None:
    # Our CSP blocks injected <script> tags, rightly. page.evaluate goes through the DevTools
    # protocol, which the page's CSP does not govern, so axe runs without weakening the policy.
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(AXE_SOURCE)
    assert page.evaluate("typeof window.axe?.run") == "function", "axe-core did not load"


def inline_scripts(page: Page) -> list[str]:
    return page.evaluate(
        "[...document.scripts].filter((s) => !s.src).map((s) => s.outerHTML.slice(0, 200))"
    )


def assert_no_axe_violations(page: Page, context: str = "") -> None:
    """Run axe-core (WCAG 2.0–2.2 A and AA, and best practice); fail listing every violation.

    It checks first that the page has reported no problem so far and carries no inline script.
    """
    assert_page_is_clean(page)
    inline = inline_scripts(page)
    assert not inline, f"Inline scripts on {context or page.url}: {inline}"
    inject_axe(page)
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: tags});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "), summary: n.failureSummary,
                })),
            }));
        }""",
        AXE_TAGS,
    )
    if not violations:
        return
    where = f"{context} ({page.url})" if context else page.url
    lines = [f"axe-core found {len(violations)} violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            summary = "; ".join(
                line.strip() for line in (node["summary"] or "").splitlines() if line.strip()
            )
            lines.append(f"    at {node['target']}: {summary}")
    pytest.fail("\n".join(lines), pytrace=False)


# --- Helpers the journeys share ----------------------------------------------------------------


def gettext_in(language: str, message, **values) -> str:
    """A message as the page shows it in ``language``, with its placeholders filled in."""
    with translation.override(language):
        text = str(translation.gettext(message))
    return text % values if values else text


def visit(page: Page, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    assert response.status == status, f"{url} answered {response.status}, expected {status}"


def active(page: Page) -> dict:
    """What has the keyboard focus: tag, type, name, value and visible text."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName, type: el.type || "", name: el.name || "",
                    value: el.value || "", text: (el.innerText || "").trim()};
        }"""
    )


def tab_until(page: Page, matches, limit: int = 200) -> dict:
    """Press Tab until the focused element matches; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = active(page)
        if matches(state):
            return state
    raise AssertionError("Tab never reached the element")


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement.id")


def tab_to_button(page: Page, text: str) -> None:
    """Tab to the button whose visible text is ``text``."""
    tab_until(page, lambda state: state["tag"] == "BUTTON" and state["text"] == text)


def tab_to_link(page: Page, text: str) -> None:
    """Tab to the link whose visible text is ``text``."""
    tab_until(page, lambda state: state["tag"] == "A" and state["text"] == text)


def type_into(page: Page, name: str, text: str) -> None:
    """Tab to the field ``name`` and type ``text`` into it."""
    tab_until(page, lambda state: state["name"] == name)
    page.keyboard.type(text)


def type_date(page: Page, name: str, day) -> None:
    """The browser's date control ``name``, by keyboard. Its segments follow the browser's own
    locale (day or month first), so the day is typed one way and, if the control read it the
    other, typed again from the first segment."""
    parts = {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": f"{day.year:04d}"}
    tab_until(page, lambda state: state["name"] == name)
    for attempt, order in enumerate((("day", "month", "year"), ("month", "day", "year"))):
        if attempt:
            # Tab moves between the control's segments: back to the first one.
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Shift+Tab")
        page.keyboard.type("".join(parts[segment] for segment in order))
        if active(page)["value"] == day.isoformat():
            return
    raise AssertionError(f"the date control {name} never read {day.isoformat()}")


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
