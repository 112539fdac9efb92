# SPDX-License-Identifier: EUPL-1.2
"""Administrators deactivate and reactivate people, with a confirmation step, through the
service that ends their sessions."""

from __future__ import annotations

import pytest
from django.test import Client

from elan.accounts import services
from elan.accounts.models import Session
from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD
from elan.organisations.models import StaffRecord

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": DEFAULT_TEST_PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_an_administrator_finds_a_person_by_name_address_or_hr_id(personas, client_for):
    client = client_for("administrator")
    employee = personas.employee
    external_id = StaffRecord.objects.get(user=employee).external_id
    for search in (employee.last_name, employee.email.upper(), external_id):
        page = client.get("/en/people/", {"q": search}).content.decode()
        assert f'href="/en/people/{employee.pk}/"' in page, search
    page = client.get("/en/people/", {"q": "nobody-is-called-this"}).content.decode()
    assert f"/en/people/{employee.pk}/" not in page


def test_an_overlong_search_is_refused_with_a_message_not_an_error(client_for):
    response = client_for("administrator").get("/en/people/", {"q": "x" * 500})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_an_administrator_deactivates_a_person_after_confirming_and_their_session_ends(
    personas, client_for, django_capture_on_commit_callbacks
):
    employee_browser = logged_in(personas.employee)
    admin = client_for("administrator")

    confirm = admin.get(f"/en/people/{personas.employee.pk}/deactivate/")
    assert confirm.status_code == 200
    personas.employee.refresh_from_db()
    assert personas.employee.is_active, "showing the confirmation changes nothing"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/en/people/{personas.employee.pk}/deactivate/", follow=True)
    assert response.redirect_chain[-1][0] == f"/en/people/{personas.employee.pk}/"
    personas.employee.refresh_from_db()
    assert not personas.employee.is_active
    assert personas.employee.deactivated_at is not None
    assert not Session.objects.filter(user_id=personas.employee.pk).exists()
    assert employee_browser.get("/en/me/").status_code == 302


def test_an_administrator_reactivates_a_person(personas, client_for):
    services.user_deactivate(user=personas.employee)
    admin = client_for("administrator")
    assert admin.get(f"/en/people/{personas.employee.pk}/reactivate/").status_code == 200
    admin.post(f"/en/people/{personas.employee.pk}/reactivate/")
    personas.employee.refresh_from_db()
    assert personas.employee.is_active
    assert personas.employee.deactivated_at is None
    logged_in(personas.employee)


def test_the_person_page_shows_how_many_sessions_are_open(personas, client_for):
    logged_in(personas.employee)
    logged_in(personas.employee)
    page = client_for("administrator").get(f"/en/people/{personas.employee.pk}/")
    assert "<dd>2</dd>" in page.content.decode()


def test_an_administrator_cannot_deactivate_themselves(personas, client_for):
    admin = client_for("administrator")
    own = personas.administrator.pk
    assert admin.get(f"/en/people/{own}/deactivate/").status_code == 403
    assert admin.post(f"/en/people/{own}/deactivate/").status_code == 403
    personas.administrator.refresh_from_db()
    assert personas.administrator.is_active
    assert f"/en/people/{own}/deactivate/" not in admin.get(f"/en/people/{own}/").content.decode()


@pytest.mark.parametrize(
    "persona", ["employee", "line_manager", "team_lead", "hr", "moderator", "outsider"]
)
def test_nobody_but_an_administrator_can_deactivate_a_person(personas, client_for, persona):
    target = personas.outsider if persona != "outsider" else personas.employee
    response = client_for(persona).post(f"/en/people/{target.pk}/deactivate/")
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.is_active


def test_a_deactivation_without_the_form_token_is_refused(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.administrator)
    response = client.post(f"/en/people/{personas.employee.pk}/deactivate/")
    assert response.status_code == 403
    personas.employee.refresh_from_db()
    assert personas.employee.is_active


def test_a_pseudonymised_account_no_longer_has_a_page(personas, client_for):
    from django.utils import timezone

    services.user_deactivate(user=personas.outsider)
    services.user_pseudonymise(user=personas.outsider, now=timezone.now())
    assert client_for("administrator").get(f"/en/people/{personas.outsider.pk}/").status_code == 404


def test_the_confirmation_page_is_translated(personas, client_for):
    page = client_for("administrator").get(f"/nl/people/{personas.employee.pk}/deactivate/")
    assert page.status_code == 200
    assert "Deactivate the account of" not in page.content.decode()
