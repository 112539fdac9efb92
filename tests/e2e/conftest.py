# SPDX-License-Identifier: EUPL-1.2
"""Browser tests: Playwright for Python drives Debian's Chromium against the live server.

Fixtures every module under tests/e2e/ reuses:

- ``browser``: one Chromium per test session (per xdist worker).
- ``browser_page``: a fresh page in a fresh context, watched for CSP violations, uncaught
  script errors and failing same-origin files; any of those fails the test.
- ``login_as`` and ``assert_no_axe_violations``: the helpers of tests/e2e/support.py.

Playwright cannot download its own browsers here, so it launches the system's Chromium
(``/usr/bin/chromium``, or the path in ``ELAN_CHROMIUM``). A missing browser fails the run with
the line that installs it; it never skips.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread, and Django refuses ORM calls
# from a thread with a running loop unless told the caller knows what it is doing.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright

from tests.e2e import support

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start.
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # The machine has no internet: keep Chromium from trying to reach outside services.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 15_000
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    # Everything in this folder drives a browser, whether or not its module says so.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def chromium_executable() -> str:
    """The Chromium to launch, or a failure that says how to get one (never a skip)."""
    wanted = os.environ.get("ELAN_CHROMIUM", DEFAULT_CHROMIUM)
    found = wanted if os.path.isfile(wanted) else shutil.which(wanted)
    if not found or not os.access(found, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {wanted!r}, and there is none. Install it with "
            "`sudo apt-get install -y chromium` (`make test` does this when it can), or set "
            "ELAN_CHROMIUM to a Chromium executable.",
            pytrace=False,
        )
    return found


@pytest.fixture(autouse=True)
def _flush_postgresql_by_delete(monkeypatch):
    """Empty the tables after a browser test with DELETE rather than PostgreSQL's TRUNCATE.

    The live server needs committed data, so every browser test is transactional and Django
    empties every table after it. TRUNCATE of some eighty tables takes seconds on PostgreSQL
    (each table gets new files); DELETE of the few rows a test wrote takes a fraction of one.
    Django's foreign keys are deferrable, so the order of the tables does not matter inside
    the flush's transaction.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    monkeypatch.setattr(DatabaseOperations, "sql_flush", sql_flush)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_executable()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:  # whatever stops the launch, say so and fail
            pytest.fail(f"Chromium at {executable!r} did not start: {error}", pytrace=False)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 1024},
        locale="en-GB",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def browser_page(browser_context, live_server):
    """A fresh page (no cookies carried over) that fails the test on CSP, script or file errors."""
    page = browser_context.new_page()
    watcher = support.PageProblems(origin=live_server.url)
    watcher.watch(page)
    page.elan_problems = watcher
    yield page
    watcher.assert_none()


@pytest.fixture
def login_as():
    return support.login_as


@pytest.fixture
def assert_no_axe_violations():
    return support.assert_no_axe_violations
