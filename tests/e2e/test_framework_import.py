# SPDX-License-Identifier: EUPL-1.2
"""HR imports a competency framework in the back office (issue 15, point 7), in a back office
that carries Elan's name, logo and colours (point 6).

HR uploads a file with a mistake, reads what is wrong and on which line, uploads the correct
file, reads the preview and imports it. Every page passes axe-core over the whole document, the
back office's colours included.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from elan.skills.models import Framework
from elan.skills.shipped import CONTENT_DIR
from tests.e2e.support import login_as
from tests.e2e.test_organisation_import import assert_back_office_page_passes_axe

pytestmark = pytest.mark.browser


def upload(page: Page, path: str) -> None:
    page.get_by_label(re.compile(r"^\s*Framework file\s*:?\s*$")).set_input_files(path)
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and preview", exact=True).click()


def test_hr_fixes_a_framework_file_and_imports_it(personas, browser_page, live_server, tmp_path):
    page = browser_page
    login_as(page, live_server, personas.hr, personas.password)
    page.goto(f"{live_server.url}/admin/skills/import/")
    expect(page.locator("h1")).to_have_text(re.compile("Import a competency framework"))
    expect(page).to_have_title(re.compile(r" - Elan$"))
    expect(page.get_by_role("img", name="Elan").first).to_be_attached()
    # The sidebar in Elan's navy, from the stylesheet the hook adds.
    sidebar = page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--w-color-primary')"
    )
    assert sidebar.strip() == "#0a3d62"
    assert_back_office_page_passes_axe(page, "the upload step")

    original = (CONTENT_DIR / "states-of-change.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "states-of-change.yaml"
    broken.write_text(original.replace("en: think creatively", "en: be creative", 1))
    upload(page, str(broken))

    problems = page.get_by_role("table", name=re.compile("Problems to fix in the file"))
    expect(problems).to_contain_text("ESCO calls this concept 'think creatively'")
    line = 1 + original.splitlines().index("      en: think creatively")
    expect(problems.get_by_role("row").filter(has_text="be creative")).to_contain_text(str(line))
    expect(page.get_by_role("button", name="Import", exact=True)).to_have_count(0)
    assert_back_office_page_passes_axe(page, "the problems")

    fixed = tmp_path / "fixed" / "states-of-change.yaml"
    fixed.parent.mkdir()
    fixed.write_text(original)
    upload(page, str(fixed))
    adds = page.get_by_text("It adds the framework “states-of-change”, version 1.0.")
    expect(adds).to_be_visible()
    assert_back_office_page_passes_axe(page, "the preview")
    assert not Framework.objects.exists()

    with page.expect_navigation():
        page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("was imported")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')].every("
        "(list) => getComputedStyle(list).opacity === '1')"
    )
    assert_back_office_page_passes_axe(page, "after the import")
    assert Framework.objects.filter(slug="states-of-change").exists()
