# SPDX-License-Identifier: EUPL-1.2
"""Login addresses come from the staff records or single sign-on: a person cannot attach one.

Allauth's address rows follow ``User.email``, verified by provenance, so that enrolling a
second factor works and a password reset reaches only the address HR knows.
"""

from __future__ import annotations

import importlib
import re
from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.utils import translation

from elan.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "elan.accounts.migrations.0003_email_addresses_verified_from_staff_records"
)


def rows(user) -> list[tuple[str, bool, bool]]:
    return list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary"))


# --- Nobody adds, confirms or chooses an address in the app ---------------------------------


def test_allauths_address_page_leads_to_my_account_and_adds_nothing(client_for, personas):
    client = client_for("employee")
    assert client.get("/en/accounts/email/")["Location"] == "/en/me/"
    response = client.post(
        "/en/accounts/email/", {"action_add": "", "email": "someone.else@elsewhere.test"}
    )
    assert response.status_code == 302 and response["Location"] == "/en/me/"
    assert not EmailAddress.objects.filter(email="someone.else@elsewhere.test").exists()
    assert rows(personas.employee) == [(personas.employee.email, True, True)]


def test_choosing_another_accounts_address_as_primary_is_refused_without_an_error(
    client_for, personas
):
    response = client_for("employee").post(
        "/en/accounts/email/", {"action_primary": "", "email": personas.administrator.email}
    )
    assert response.status_code == 302
    personas.employee.refresh_from_db()
    assert personas.employee.email == "employee@elan.test"
    assert rows(personas.administrator) == [(personas.administrator.email, True, True)]


def test_an_address_confirmation_link_leads_to_my_account(client_for):
    assert client_for("visitor").get("/en/accounts/confirm-email/any-key/")["Location"] == (
        "/en/me/"
    )
    assert client_for("employee").get("/fr/accounts/confirm-email/")["Location"] == "/fr/me/"


@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_my_account_shows_the_address_and_says_that_hr_records_are_its_source(
    client_for, personas, language
):
    html = unescape(client_for("employee").get(f"/{language}/me/").content.decode())
    with translation.override(language):
        sentence = translation.gettext(
            "You log in with this address. It comes from HR's staff records (or your single "
            "sign-on), so it cannot be changed here: ask HR to correct it."
        )
    assert personas.employee.email in html and sentence in html
    assert "/accounts/email/" not in html


# --- The rows follow the account -----------------------------------------------------------


def test_a_new_account_has_its_login_address_verified_and_primary():
    person = UserFactory(email="new.person@elan.test")
    assert rows(person) == [("new.person@elan.test", True, True)]


def test_a_changed_login_address_replaces_the_old_one_and_frees_it_from_other_accounts():
    person = UserFactory(email="old.address@elan.test")
    leftover = UserFactory()
    EmailAddress.objects.create(user=leftover, email="new.address@elan.test", verified=False)

    person.email = "new.address@elan.test"
    person.save()

    assert rows(person) == [("new.address@elan.test", True, True)]
    assert not EmailAddress.objects.filter(user=leftover, email="new.address@elan.test").exists()
    assert not EmailAddress.objects.filter(email="old.address@elan.test").exists()


def test_the_migration_verifies_every_login_address_and_drops_the_ones_people_added():
    person = UserFactory(email="anna@elan.test")
    other = UserFactory(email="bert@elan.test")
    # As allauth left them: an unverified copy of the login address, and one a person added.
    EmailAddress.objects.all().delete()
    EmailAddress.objects.create(user=person, email="anna@elan.test", verified=False)
    EmailAddress.objects.create(user=person, email="anna@private.test", verified=True, primary=True)

    MIGRATION.addresses_follow_login_addresses(apps, None)

    assert rows(person) == [("anna@elan.test", True, True)]
    assert rows(other) == [("bert@elan.test", True, True)]


def form_fields(html: str) -> dict[str, str]:
    """The values a browser would send back from the page's form, as it stands."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or re.search(r'type="(checkbox|radio|submit|file)"', tag):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[unescape(name.group(1))] = unescape(value.group(1)) if value else ""
    for select in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option[^>]*value="([^"]*)"[^>]*selected', select[1])
        fields[select[0]] = chosen.group(1) if chosen else ""
    return fields


def test_the_back_office_account_page_does_not_change_the_login_address(client_for, personas):
    client = client_for("content_editor")
    page = client.get("/admin/account/")
    assert page.status_code == 200
    fields = form_fields(page.content.decode())
    fields["name_email-email"] = "editor.elsewhere@attacker.test"
    fields["name_email-first_name"] = "Edwina"
    response = client.post("/admin/account/", fields)
    assert response.status_code == 302, "the rest of the form is saved"
    personas.content_editor.refresh_from_db()
    assert personas.content_editor.first_name == "Edwina"
    assert personas.content_editor.email == "editor@elan.test"
    assert rows(personas.content_editor) == [("editor@elan.test", True, True)]


def test_an_administrator_cannot_change_someone_elses_login_address_in_the_back_office(
    client_for, personas
):
    client = client_for("administrator")
    url = f"/admin/users/edit/{personas.hr.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    fields = form_fields(page.content.decode())
    fields["email"] = "hr.taken.over@attacker.test"
    fields["first_name"] = "Hugues"
    fields["last_name"] = fields.get("last_name") or "Roe"
    response = client.post(url, fields)
    assert response.status_code == 302, "the rest of the form is saved"
    personas.hr.refresh_from_db()
    assert personas.hr.first_name == "Hugues"
    assert personas.hr.email == "hr@elan.test"
    assert rows(personas.hr) == [("hr@elan.test", True, True)]
