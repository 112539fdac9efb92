# SPDX-License-Identifier: EUPL-1.2
"""Retention: pseudonymisation a year after deactivation, and every other rule, through the
service and the scheduled command (docs/privacy.md). Fixtures are backdated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from axes.models import AccessAttempt, AccessLog
from django.core.management import CommandError, call_command

from elan.accounts import services
from elan.accounts.models import Session, User
from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD
from elan.core import personal_data
from elan.organisations.models import RoleAssignment, StaffRecord
from elan.portal.models import BarrierReport

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 27, 3, 15, tzinfo=UTC)


def deactivate_days_ago(user, days: int, *, hours: int = 0) -> None:
    User.objects.filter(pk=user.pk).update(
        is_active=False, deactivated_at=NOW - timedelta(days=days, hours=hours)
    )
    user.refresh_from_db()


def test_an_account_deactivated_less_than_a_year_ago_is_kept(personas):
    deactivate_days_ago(personas.employee, 364, hours=23)
    assert services.accounts_pseudonymise_expired(now=NOW) == 0
    personas.employee.refresh_from_db()
    assert personas.employee.pseudonymised_at is None
    assert personas.employee.email == "employee@elan.test"


def test_an_account_deactivated_a_year_ago_is_pseudonymised(personas):
    employee = personas.employee
    SocialAccount.objects.create(user=employee, provider="fas", uid="sub-1")
    Authenticator.objects.create(user=employee, type=Authenticator.Type.TOTP, data={})
    AccessAttempt.objects.create(
        username=employee.email,
        ip_address="192.0.2.1",
        user_agent="x",
        http_accept="",
        path_info="",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    BarrierReport.objects.create(
        page_url="/en/",
        description="a barrier",
        contact_email=employee.email,
        language="en",
        reporter=employee,
    )
    unit = StaffRecord.objects.get(user=employee).unit
    deactivate_days_ago(employee, 365)

    assert services.accounts_pseudonymise_expired(now=NOW) == 1

    employee.refresh_from_db()
    assert employee.email == f"erased-{employee.pk}@erased.invalid"
    assert (employee.first_name, employee.last_name) == ("", "")
    assert not employee.has_usable_password()
    assert employee.pseudonymised_at == NOW
    record = StaffRecord.objects.get(user=employee)
    assert record.external_id == f"erased-{employee.pk}"
    assert record.unit == unit, "the unit stays for the aggregates already published"
    assert record.line_manager is None
    assert not SocialAccount.objects.filter(user=employee).exists()
    assert not Authenticator.objects.filter(user=employee).exists()
    assert not AccessAttempt.objects.filter(username="employee@elan.test").exists()
    report = BarrierReport.objects.get(description="a barrier")
    assert (report.contact_email, report.reporter) == ("", None)


def test_a_pseudonymised_manager_is_nobodys_manager_any_more(personas):
    deactivate_days_ago(personas.line_manager, 400)
    services.accounts_pseudonymise_expired(now=NOW)
    assert StaffRecord.objects.get(user=personas.employee).line_manager is None


def test_pseudonymisation_removes_roles_and_back_office_access(personas):
    deactivate_days_ago(personas.administrator, 400)
    services.accounts_pseudonymise_expired(now=NOW)
    personas.administrator.refresh_from_db()
    assert not RoleAssignment.objects.filter(user=personas.administrator).exists()
    assert not personas.administrator.is_superuser
    assert not personas.administrator.is_staff


def test_an_active_account_is_never_pseudonymised(personas):
    User.objects.filter(pk=personas.employee.pk).update(deactivated_at=NOW - timedelta(days=900))
    assert services.accounts_pseudonymise_expired(now=NOW) == 0


def test_running_the_job_twice_changes_nothing_the_second_time(personas):
    deactivate_days_ago(personas.employee, 400)
    assert services.accounts_pseudonymise_expired(now=NOW) == 1
    assert services.accounts_pseudonymise_expired(now=NOW + timedelta(days=1)) == 0


def test_a_pseudonymised_account_cannot_log_in_or_be_reactivated(personas, client):
    deactivate_days_ago(personas.employee, 400)
    services.accounts_pseudonymise_expired(now=NOW)
    personas.employee.refresh_from_db()
    with pytest.raises(ValueError):
        services.user_reactivate(user=personas.employee)
    client.post(
        "/en/accounts/login/",
        {"login": "employee@elan.test", "password": DEFAULT_TEST_PASSWORD},
    )
    assert "_auth_user_id" not in client.session


def test_a_module_that_registers_an_eraser_is_called_for_each_expired_account(personas):
    erased = []
    personal_data.register_eraser("later_module", lambda *, user, now: erased.append(user.pk))
    try:
        deactivate_days_ago(personas.employee, 400)
        services.accounts_pseudonymise_expired(now=NOW)
    finally:
        personal_data._erasers.pop("later_module")
    assert erased == [personas.employee.pk]


def run_retention(*args: str) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_the_command_runs_every_rule_and_reports_what_it_did(personas):
    deactivate_days_ago(personas.employee, 400)
    output = run_retention("--now", NOW.isoformat())
    assert "deactivated_accounts: 1" in output
    for task in ("login_records", "expired_sessions", "resolved_barrier_reports"):
        assert f"{task}: " in output


def test_the_command_deletes_login_records_after_ninety_days_only(db):
    for days in (89, 91):
        AccessLog.objects.create(
            username=f"{days}@elan.test",
            ip_address="192.0.2.1",
            user_agent="x",
            http_accept="",
            path_info="",
        )
        AccessLog.objects.filter(username=f"{days}@elan.test").update(
            attempt_time=NOW - timedelta(days=days)
        )
    run_retention("--only", "login_records", "--now", NOW.isoformat())
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["89@elan.test"]


def test_the_command_deletes_expired_sessions(db):
    Session.objects.create(session_key="old", session_data="", expire_date=NOW - timedelta(1))
    Session.objects.create(session_key="new", session_data="", expire_date=NOW + timedelta(1))
    run_retention("--only", "expired_sessions", "--now", NOW.isoformat())
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


def test_the_command_deletes_barrier_reports_a_year_after_they_are_resolved(db):
    for name, resolved in (
        ("open", None),
        ("recent", NOW - timedelta(days=300)),
        ("old", NOW - timedelta(days=366)),
    ):
        BarrierReport.objects.create(
            page_url="/", description=name, language="en", resolved_at=resolved
        )
    run_retention("--only", "resolved_barrier_reports", "--now", NOW.isoformat())
    assert sorted(BarrierReport.objects.values_list("description", flat=True)) == [
        "open",
        "recent",
    ]


def test_the_command_refuses_an_unknown_task_or_date(db):
    with pytest.raises(CommandError):
        run_retention("--only", "everything")
    with pytest.raises(CommandError):
        run_retention("--now", "yesterday")
