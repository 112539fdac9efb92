# SPDX-License-Identifier: EUPL-1.2
"""The personal data download: everything about the person, nothing about anyone else."""

from __future__ import annotations

import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from axes.models import AccessAttempt
from django.test import Client

from elan.assessments import services
from elan.assessments.recommendations import Suggestion
from elan.assessments.tests.factories import submitted_assessment
from elan.core import personal_data
from elan.organisations.models import StaffRecord
from elan.portal.models import BarrierReport

pytestmark = pytest.mark.django_db

DOWNLOAD = "/en/me/data/download/"


def plant_data_about(user, marker: str) -> None:
    """Give ``user`` some of every kind of data the export covers, tagged with ``marker``."""
    SocialAccount.objects.create(
        user=user, provider="fas", uid=f"{marker}-subject", extra_data={"note": marker}
    )
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": f"{marker}-totp-secret"}
    )
    AccessAttempt.objects.create(
        username=user.email,
        ip_address="192.0.2.99",
        user_agent=f"{marker}-browser",
        http_accept="*/*",
        path_info="/en/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=2,
    )
    BarrierReport.objects.create(
        page_url="/en/",
        description=f"{marker}-barrier",
        contact_email=user.email,
        language="en",
        reporter=user,
    )
    submitted_assessment(user)
    services.plan_step_add(
        owner=user,
        suggestion=Suggestion(
            key=f"{marker}-step", kind="practice", skill="iteration", title=f"{marker}-step"
        ),
    )


def download(user) -> tuple[object, str]:
    client = Client()
    # force_login: some of these people have a second factor, which the data does not need.
    client.force_login(user)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_download_is_a_json_attachment_that_no_cache_keeps(personas):
    response, body = download(personas.employee)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="elan-personal-data-')
    assert "no-store" in response["Cache-Control"]
    assert json.loads(body)["format"] == "elan-personal-data/1"


def test_the_download_holds_the_persons_account_place_and_sign_in_data(personas):
    employee = personas.employee
    plant_data_about(employee, "own")
    _response, body = download(employee)
    data = json.loads(body)["sections"]
    record = StaffRecord.objects.get(user=employee)
    assert data["account"]["email"] == employee.email
    assert data["account"]["first_name"] == employee.first_name
    assert data["organisation"]["staff_record"]["external_id"] == record.external_id
    assert data["organisation"]["staff_record"]["unit"]["code"] == personas.team.code
    assert data["organisation"]["staff_record"]["line_manager"] == (
        personas.line_manager.get_full_name()
    )
    assert data["sign_in"]["single_sign_on"][0]["subject"] == "own-subject"
    assert data["sign_in"]["failed_logins"][0]["browser"] == "own-browser"
    assert data["sign_in"]["open_sessions"], "the session used to download is listed"
    assert data["barrier_reports"][0]["description"] == "own-barrier"
    assert data["self_assessment"]["self_assessments"][0]["status"] == "submitted"
    assert data["self_assessment"]["development_plan"][0]["title"] == "own-step"


def test_the_download_never_includes_the_second_factor_secret(personas):
    plant_data_about(personas.employee, "own")
    _response, body = download(personas.employee)
    assert "own-totp-secret" not in body
    assert json.loads(body)["sections"]["sign_in"]["second_factors"][0]["type"] == "totp"


@pytest.mark.parametrize("requester", ["employee", "line_manager", "team_lead", "hr", "outsider"])
def test_the_download_contains_nothing_about_anyone_else(personas, requester):
    user = personas.get(requester)
    others = [
        personas.get(name)
        for name in (
            "employee",
            "line_manager",
            "team_lead",
            "hr",
            "content_editor",
            "moderator",
            "administrator",
            "outsider",
        )
        if name != requester
    ]
    for other in others:
        plant_data_about(other, f"other-{other.pk}")
    plant_data_about(user, "own")
    _response, body = download(user)

    own_manager = StaffRecord.objects.get(user=user).line_manager
    leaks = []
    for other in others:
        record = StaffRecord.objects.get(user=other)
        forbidden = [other.email, record.external_id, f"other-{other.pk}"]
        if other != own_manager:
            forbidden.append(other.get_full_name())
        leaks += [f"{other.email}: {token}" for token in forbidden if token in body]
    assert not leaks, f"The export of {requester} mentions others: {leaks}"


def test_a_manager_sees_their_own_manager_but_not_their_reports_in_the_download(personas):
    _response, body = download(personas.line_manager)
    data = json.loads(body)["sections"]
    assert data["organisation"]["staff_record"]["line_manager"] == (
        personas.team_lead.get_full_name()
    )
    assert personas.employee.get_full_name() not in body


def test_a_module_that_registers_an_exporter_adds_its_section(personas):
    personal_data.register_exporter("later_module", lambda user: {"answers": [user.pk]})
    try:
        _response, body = download(personas.employee)
    finally:
        personal_data._exporters.pop("later_module")
    assert json.loads(body)["sections"]["later_module"] == {"answers": [personas.employee.pk]}


def test_the_data_page_explains_and_links_to_the_download(client_for):
    page = client_for("employee").get("/fr/me/data/")
    assert page.status_code == 200
    assert 'href="/fr/me/data/download/"' in page.content.decode()
