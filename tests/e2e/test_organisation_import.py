# SPDX-License-Identifier: EUPL-1.2
"""HR imports the organisation chart in the back office (issue 3, points 2 and 7; issue 12).

HR uploads a file with mistakes, reads what is wrong and where, fixes the file, uploads it
again, reads the preview and applies it. Every page on the way passes axe-core over the whole
document, Wagtail's back-office frame included.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from elan.organisations.models import ImportRun, StaffRecord
from elan.organisations.tests.factories import pending_address_change
from elan.organisations.tests.test_import_admin import persona_files
from tests.e2e.support import (
    AXE_TAGS,
    assert_no_axe_violations,
    assert_page_is_clean,
    inject_axe,
    login_as,
)

pytestmark = pytest.mark.browser


def assert_back_office_page_passes_axe(page: Page, context: str) -> None:
    """axe-core over the whole back-office page.

    The shared ``assert_no_axe_violations`` also refuses inline scripts, which holds for our own
    pages; the back office is Wagtail's, which ships inline JSON configuration and runs under
    the relaxed policy of docs/adr/0003. Everything else is checked the same way.
    """
    assert_page_is_clean(page)
    inject_axe(page)
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: tags});
            return results.violations.map((v) => `${v.id}: ${v.help} at ` +
                v.nodes.map((n) => n.target.join(" ")).join(", "));
        }""",
        AXE_TAGS,
    )
    assert not violations, f"axe-core on {context}:\n" + "\n".join(violations)


def write(tmp_path, files) -> list[str]:
    paths = []
    for name, content in files:
        path = tmp_path / name
        path.write_bytes(content)
        paths.append(str(path))
    return paths


def upload(page: Page, paths: list[str], button: str) -> None:
    page.get_by_label(re.compile(r"^\s*Files\s*:?\s*$")).first.set_input_files(paths)
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_hr_fixes_a_file_with_mistakes_and_imports_it(
    personas, browser_page, live_server, tmp_path
):
    page = browser_page
    login_as(page, live_server, personas.hr, personas.password)

    page.goto(f"{live_server.url}/admin/organisation/import/")
    expect(page.locator("h1")).to_have_text(re.compile("Import the organisation chart"))
    assert_back_office_page_passes_axe(page, "the upload step")

    (tmp_path / "broken").mkdir()
    broken = write(
        tmp_path / "broken",
        persona_files(personas, newcomer_email="nina.nieuw-at-elan.test", language="es"),
    )
    upload(page, broken, "Upload and preview")

    problems = page.get_by_role("table", name="Problems to fix in the file, by sheet and line")
    expect(problems).to_be_visible()
    expect(
        page.get_by_role("heading", name="The file has 2 problems. Nothing was imported.")
    ).to_be_visible()
    email_row = problems.get_by_role("row").filter(has_text="not a valid e-mail address")
    expect(email_row).to_contain_text("people")
    expect(email_row).to_contain_text("9")
    expect(email_row).to_contain_text("email")
    expect(
        problems.get_by_role("row").filter(has_text="is not a language Elan knows")
    ).to_contain_text("language")
    expect(page.get_by_role("button", name="Apply the import")).to_have_count(0)
    assert_back_office_page_passes_axe(page, "the preview with problems")
    assert not StaffRecord.objects.filter(external_id="NEW-1").exists()

    (tmp_path / "fixed").mkdir()
    fixed = write(tmp_path / "fixed", persona_files(personas))
    upload(page, fixed, "Upload and preview")

    expect(page.get_by_role("table", name=re.compile("Problems"))).to_have_count(0)
    added = page.get_by_role("table", name="People to add")
    expect(added).to_contain_text("NEW-1")
    expect(added).to_contain_text("new.colleague@elan.test")
    assert_back_office_page_passes_axe(page, "the preview of a correct file")
    assert not StaffRecord.objects.filter(external_id="NEW-1").exists()

    with page.expect_navigation():
        page.get_by_role("button", name="Apply the import", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("The import was applied.")
    # Wagtail fades its message list in (the opacity sits on the list, not on its items);
    # judge the contrast once it is fully shown.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')].every("
        "(list) => getComputedStyle(list).opacity === '1')"
    )
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    assert_back_office_page_passes_axe(page, "the applied import")

    newcomer = StaffRecord.objects.select_related("unit", "user").get(external_id="NEW-1")
    assert newcomer.unit == personas.team
    assert newcomer.user.preferred_language == "nl"
    assert ImportRun.objects.filter(status="applied").count() == 1


def test_hr_confirms_how_many_people_a_partial_file_deactivates(
    personas, browser_page, live_server, tmp_path
):
    page = browser_page
    login_as(page, live_server, personas.hr, personas.password)
    page.goto(f"{live_server.url}/admin/organisation/import/")

    units, (name, content) = persona_files(personas)
    leaving = (personas.employee.email, personas.line_manager.email)
    lines = [line for line in content.decode().splitlines() if line.split(",")[1] not in leaving]
    partial = write(tmp_path, [units, (name, ("\r\n".join(lines) + "\r\n").encode())])
    upload(page, partial, "Upload and preview")

    expect(page.get_by_role("heading", name="This import deactivates 2 people")).to_be_visible()
    field = page.get_by_label("Number of people this import deactivates")
    field.fill("3")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply the import", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("This import deactivates 2 people, not 3.")
    expect(field).to_have_value("3")
    assert_back_office_page_passes_axe(page, "the preview asking for the number")

    field.fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply the import", exact=True).click()
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    assert not StaffRecord.objects.get(user=personas.employee).user.is_active


def test_a_person_confirms_a_new_login_address_from_the_link(personas, browser_page, live_server):
    page = browser_page
    _change, token = pending_address_change(personas.employee, "emile.new@elan.test")
    page.goto(f"{live_server.url}/en/organisation/confirm-address/{token}/")
    expect(page.get_by_role("heading", name="Confirm your new login address")).to_be_visible()
    assert_no_axe_violations(page, "the confirmation page")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm the new address").click()
    expect(page.get_by_role("heading", name="Your login address has changed")).to_be_visible()
    assert_no_axe_violations(page, "the confirmed address")
    personas.employee.refresh_from_db()
    assert personas.employee.email == "emile.new@elan.test"
