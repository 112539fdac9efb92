# SPDX-License-Identifier: EUPL-1.2
"""Accounts in a real browser (issue 3, points 3, 4 and 7).

An administrator deactivates a person while that person has Elan open in their own browser;
a person downloads their data; the lockout page. axe-core runs on every page and state.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.support import (
    PageProblems,
    current_totp_code,
    enter_second_factor_code,
    fill_login_form,
    label,
    open_login_page,
)

pytestmark = pytest.mark.browser


def test_an_administrator_deactivates_a_person_and_their_open_session_ends(
    personas, browser, browser_page, live_server, login_as, assert_no_axe_violations
):
    employee = personas.employee
    # The employee, logged in on their own computer.
    employee_context = browser.new_context(base_url=live_server.url)
    employee_page = employee_context.new_page()
    employee_watch = PageProblems(origin=live_server.url)
    employee_watch.watch(employee_page)
    login_as(employee_page, live_server, employee, personas.password)
    employee_page.goto(f"{live_server.url}/en/me/")
    expect(employee_page.locator("h1")).to_have_text("My account")

    # The administrator finds them and deactivates their account.
    page = browser_page
    login_as(page, live_server, personas.administrator, personas.password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Accounts").click()
    expect(page.locator("h1")).to_have_text("Accounts")
    assert_no_axe_violations(page, "the account list")

    page.get_by_label(re.compile(r"^\s*Name, e-mail address or HR person id")).fill(
        employee.last_name
    )
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("link", name=employee.get_full_name()).click()
    expect(page.locator("h1")).to_have_text(employee.get_full_name())
    expect(page.locator("dd").filter(has_text=re.compile(r"^1$"))).to_have_count(1)
    assert_no_axe_violations(page, "a person's account")

    page.get_by_role("link", name="Deactivate this account").click()
    expect(page.locator("h1")).to_have_text(
        f"Deactivate the account of {employee.get_full_name()}?"
    )
    assert_no_axe_violations(page, "the confirmation")
    page.get_by_role("button", name="Yes, deactivate").click()

    expect(page.get_by_role("status")).to_contain_text("is deactivated")
    expect(page.get_by_text("Deactivated on")).to_be_visible()
    assert_no_axe_violations(page, "the deactivated account")

    # On the employee's computer, the next click lands on the login page.
    employee_page.reload()
    assert "/accounts/login/" in employee_page.url
    expect(employee_page.get_by_role("link", name="My account")).to_have_count(0)
    employee_watch.assert_none()
    employee_context.close()


def test_a_person_downloads_their_data_from_my_account(
    personas, browser_page, live_server, login_as, assert_no_axe_violations
):
    page = browser_page
    login_as(page, live_server, personas.employee, personas.password)
    page.get_by_role("link", name="My account").click()
    expect(page.locator("h1")).to_have_text("My account")
    assert_no_axe_violations(page, "My account")

    page.get_by_role("link", name="See and download everything Elan holds about you").click()
    expect(page.locator("h1")).to_have_text("Your data")
    assert_no_axe_violations(page, "the data page")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data (JSON)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("elan-personal-data-")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["sections"]["account"]["email"] == personas.employee.email
    text = json.dumps(data)
    assert personas.line_manager.email not in text
    assert personas.outsider.email not in text


def test_a_person_chooses_their_language_on_my_account(
    personas, browser_page, live_server, login_as, assert_no_axe_violations
):
    page = browser_page
    login_as(page, live_server, personas.employee, personas.password)
    page.goto(f"{live_server.url}/en/me/")
    page.get_by_label("French").check()
    page.get_by_role("button", name="Save language").click()
    expect(page).to_have_url(re.compile(r"/fr/me/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("status")).to_contain_text("Elan utilise désormais")
    assert_no_axe_violations(page, "My account in French, after saving")


def test_the_lockout_page_after_five_failures_is_translated_and_accessible(
    personas, browser_page, live_server, assert_no_axe_violations
):
    page = browser_page
    for _ in range(5):
        open_login_page(page, live_server, "nl")
        fill_login_form(page, personas.employee.email, "not-the-password", language="nl")
    expect(page.locator("h1")).to_have_text("Te veel mislukte pogingen")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_no_axe_violations(page, "the lockout page")


def test_the_security_pages_reached_from_my_account_pass_axe_in_every_state(
    personas, browser_page, live_server, login_as, assert_no_axe_violations
):
    page = browser_page
    login_as(page, live_server, personas.employee, personas.password)
    page.goto(f"{live_server.url}/en/me/")

    page.get_by_role("link", name="Change your password").click()
    page.get_by_label(re.compile(r"^\s*Current Password")).fill(personas.password)
    page.get_by_label(re.compile(r"^\s*New Password\s*:?\s*$")).fill("too-short")
    page.get_by_label(re.compile(r"^\s*New Password \(again\)")).fill("too-short")
    page.get_by_role("button", name="Change Password").click()
    new_password = page.get_by_label(re.compile(r"^\s*New Password\s*:?\s*$"))
    expect(new_password).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_password1_error")).to_contain_text("at least 12 characters")
    assert_no_axe_violations(page, "a refused password change")

    page.goto(f"{live_server.url}/en/me/")
    page.get_by_role("link", name="Two-step verification with an authenticator app").click()
    assert_no_axe_violations(page, "the two-step verification overview")
    page.get_by_role("link", name="Activate").click()
    assert "/accounts/reauthenticate/" in page.url
    assert_no_axe_violations(page, "the password confirmation")
    page.get_by_label(re.compile(r"^\s*Password")).fill(personas.password)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    assert_no_axe_violations(page, "the authenticator activation with its QR code")


def test_a_privileged_person_enrols_an_authenticator_app_before_anything_else_and_logs_in_with_it(
    personas, browser, browser_page, live_server, assert_no_axe_violations
):
    """HR without a second factor: the password leads to enrolment, which shows the secret an
    app would read from the QR code, then the recovery codes; the next login asks for a code."""
    page = browser_page
    open_login_page(page, live_server)
    fill_login_form(page, personas.hr.email, personas.password)
    # Allauth confirms the password before a security setting changes; the page says why.
    assert "/accounts/reauthenticate/" in page.url, page.url
    expect(page.get_by_role("status")).to_contain_text("requires two-step verification")
    assert_no_axe_violations(page, "the password confirmation before enrolment")
    page.get_by_label(re.compile(r"^\s*Password")).fill(personas.password)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/totp/activate/$"))

    secret = page.get_by_label(label("Authenticator secret")).input_value()
    page.get_by_label(label("Authenticator code")).fill(current_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/recovery-codes/$"))
    assert_no_axe_violations(page, "the recovery codes offered after enrolment")
    page.goto(f"{live_server.url}/en/me/")
    expect(page.locator("h1")).to_have_text("My account")

    again = browser.new_context().new_page()
    again.elan_problems = PageProblems(origin=live_server.url)
    again.elan_problems.watch(again)
    open_login_page(again, live_server)
    fill_login_form(again, personas.hr.email, personas.password)
    assert "/accounts/2fa/authenticate/" in again.url
    assert_no_axe_violations(again, "the code asked at login")
    enter_second_factor_code(again, secret)
    again.goto(f"{live_server.url}/en/me/")
    expect(again.locator("h1")).to_have_text("My account")
    again.context.close()
