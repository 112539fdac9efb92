# SPDX-License-Identifier: EUPL-1.2
"""No import takes over an account through its login address (issue 12, point 2).

Whoever writes the file chooses the new address, so confirming it proves only that someone
reads it. The import therefore refuses to change the address of anyone who can do more than the
importer, and for everyone else it only asks: the new address gets a link, the current address
a notice, and ``User.email`` changes when the link is followed.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from elan.accounts import services as account_services
from elan.accounts.selectors import personal_data_export
from elan.organisations import importing, services
from elan.organisations.constants import ImportStatus, Role
from elan.organisations.importing import applying, planning, runs
from elan.organisations.importing.planning import Scope
from elan.organisations.models import PendingEmailChange, StaffRecord, Unit
from elan.organisations.personal_data import purge_expired_address_changes
from elan.organisations.tests import import_files as f
from elan.organisations.tests.factories import UnitFactory, pending_address_change, person_in
from elan.organisations.tests.test_import_admin import upload

pytestmark = pytest.mark.django_db
User = get_user_model()

PEOPLE_HEADER = [c for c in f.PEOPLE_HEADER if c != "roles"]
NEW_ADDRESS = "someone.else@attacker.example"

# The importer's scope against the target's roles. "hr_of_the_service" is HR one level above the
# department (wider than HR for the department, inside the whole organisation);
# "hr_everywhere" is HR for the whole organisation.
TARGETS = {
    "no_role": [],
    "team_lead_inside": [(Role.TEAM_LEAD, "TEAM")],
    "hr_of_the_service": [(Role.HR, "ORG")],
    "hr_everywhere": [(Role.HR, None)],
    "hr_inside": [(Role.HR, "TEAM")],
    "content_editor": [(Role.CONTENT_EDITOR, None)],
    "moderator": [(Role.MODERATOR, None)],
    "administrator": [(Role.ADMINISTRATOR, None)],
}
IMPORTERS = {
    "hr_for_the_department": (Role.HR, "DEPT"),
    "hr_for_the_organisation": (Role.HR, None),
    "administrator": (Role.ADMINISTRATOR, None),
}
VERIFY, REFUSE = "verification", "refused"
OUTCOMES = {
    ("hr_for_the_department", "hr_of_the_service"): "address_change_role_outside_scope",
    ("hr_for_the_organisation", "hr_of_the_service"): VERIFY,
    ("administrator", "hr_of_the_service"): VERIFY,
}
for _importer in IMPORTERS:
    OUTCOMES[(_importer, "no_role")] = VERIFY
    OUTCOMES[(_importer, "team_lead_inside")] = VERIFY
    OUTCOMES[(_importer, "hr_inside")] = VERIFY
    OUTCOMES[(_importer, "hr_everywhere")] = "address_change_organisation_role"
    for _platform_role in ("content_editor", "moderator", "administrator"):
        OUTCOMES[(_importer, _platform_role)] = "address_change_platform_role"


@pytest.fixture
def chart():
    """ORG → DEPT → TEAM; the importers sit in ORG, every target in TEAM."""
    org = UnitFactory(code="ORG", name_en="Service")
    dept = UnitFactory(parent=org, code="DEPT", name_en="Department")
    team = UnitFactory(parent=dept, code="TEAM", name_en="Team")
    return {"ORG": org, "DEPT": dept, "TEAM": team}


def give(user, roles, chart) -> None:
    for role, code in roles:
        services.role_assign(user=user, role=role, unit=chart[code] if code else None)
    user.refresh_from_db()


def export_for(scope: Scope) -> list[tuple[str, bytes]]:
    """The part of the chart ``scope`` covers, as HR's system would export it today."""
    units, people = [], []
    for unit in Unit.objects.order_by("path"):
        if scope.covers(unit.path):
            parent = unit.get_parent()
            names = [unit.name_nl, unit.name_fr, unit.name_de, unit.name_en]
            units.append([unit.code, parent.code if parent else "", *names])
    records = StaffRecord.objects.select_related("user", "unit", "line_manager__staff_record")
    for record in records.order_by("external_id"):
        if scope.covers(record.unit.path):
            manager = record.line_manager.staff_record.external_id if record.line_manager else ""
            people.append(
                [
                    record.external_id,
                    record.user.email,
                    record.user.first_name,
                    record.user.last_name,
                    record.user.preferred_language,
                    record.unit.code,
                    manager,
                    record.grade,
                    record.job_title,
                ]
            )
    return f.csv_files(units=units, people=people, people_header=PEOPLE_HEADER)


def with_address(files, old: str, new: str) -> list[tuple[str, bytes]]:
    units, people = files
    return [units, (people[0], people[1].replace(old.encode(), new.encode()))]


def line_of(files, external_id: str) -> int:
    lines = files[1][1].decode().splitlines()
    return next(n for n, text in enumerate(lines, start=1) if text.startswith(f"{external_id},"))


@pytest.mark.parametrize("target_name", list(TARGETS))
@pytest.mark.parametrize("importer_name", list(IMPORTERS))
def test_an_import_changes_an_address_only_within_the_importers_reach_and_only_by_verification(
    chart, importer_name, target_name, django_capture_on_commit_callbacks
):
    importer = person_in(chart["ORG"], email="importer@org.example", first_name="Ines")
    give(importer, [IMPORTERS[importer_name]], chart)
    target = person_in(chart["TEAM"], email="target@org.example", preferred_language="nl")
    give(target, TARGETS[target_name], chart)
    external_id = StaffRecord.objects.get(user=target).external_id
    files = with_address(export_for(runs.scope_for(importer)), target.email, NEW_ADDRESS)
    expected = OUTCOMES[(importer_name, target_name)]

    with django_capture_on_commit_callbacks(execute=True):
        run = importing.import_run_create(actor=importer, files=files)
        if expected == VERIFY:
            assert run.problems == []
            assert run.plan["people"]["confirm_address"] == [
                {
                    "external_id": external_id,
                    "name": f"{target.first_name} {target.last_name}",
                    "from": "target@org.example",
                    "to": NEW_ADDRESS,
                }
            ]
            run = importing.import_run_apply(run=run, actor=importer)

    target.refresh_from_db()
    assert target.email == "target@org.example"  # never changed by the import itself
    if expected == VERIFY:
        assert run.status == ImportStatus.APPLIED
        change = PendingEmailChange.objects.get(user=target)
        assert change.new_email == NEW_ADDRESS and change.import_run_id == run.pk
        notice, link = mail.outbox
        assert notice.to == ["target@org.example"] and link.to == [NEW_ADDRESS]
        for message in (notice, link):
            assert message.extra_headers["Content-Language"] == "nl"
        assert NEW_ADDRESS in notice.body and "Ines" in notice.body
        assert re.search(r"/nl/organisation/confirm-address/[\w-]+/", link.body)
    else:
        assert not run.can_be_applied
        assert [(p["code"], p["sheet"], p["line"], p["column"]) for p in run.problems] == [
            (expected, "people", line_of(files, external_id), "email")
        ]
        assert not PendingEmailChange.objects.exists()
        assert mail.outbox == []


def test_hr_reads_why_an_address_cannot_change_in_the_preview(client_for, personas):
    client = client_for("hr")
    files = with_address(
        export_for(runs.scope_for(personas.hr)), personas.administrator.email, NEW_ADDRESS
    )
    page = client.get(upload(client, files)["Location"], HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    external_id = StaffRecord.objects.get(user=personas.administrator).external_id
    assert (
        f"The import cannot change the login address of “{external_id}”: this person holds the "
        "platform role “Administrator”."
    ) in text
    assert f"<td>{line_of(files, external_id)}</td>" in text
    assert "Apply the import" not in text


def test_the_preview_lists_new_addresses_as_waiting_for_confirmation(client_for, personas):
    client = client_for("hr")
    files = with_address(
        export_for(runs.scope_for(personas.hr)), personas.employee.email, NEW_ADDRESS
    )
    page = client.get(upload(client, files)["Location"]).content.decode()
    assert "New login addresses, to be confirmed by e-mail" in page
    assert NEW_ADDRESS in page and "The current address is told of the change at once." in page


@pytest.fixture
def waiting(chart, django_capture_on_commit_callbacks):
    """An applied import that changed the address of a plain employee: (person, link URL)."""
    person = person_in(chart["TEAM"], email="old@org.example", first_name="Olga")
    files = with_address(export_for(planning.WHOLE_ORGANISATION), "old@org.example", NEW_ADDRESS)
    with django_capture_on_commit_callbacks(execute=True):
        parsed, result = planning.preview(files, scope=planning.WHOLE_ORGANISATION)
        applying.apply_plan(
            parsed=parsed,
            scope=planning.WHOLE_ORGANISATION,
            expected_fingerprint=result.fingerprint,
        )
    link = next(message for message in mail.outbox if message.to == [NEW_ADDRESS])
    return person, urlsplit(re.search(r"https?://\S+", link.body).group(0)).path


def test_following_the_link_confirms_the_address_and_syncs_the_login_rows(client, waiting):
    person, path = waiting
    page = client.get(path)
    assert page.status_code == 200
    assert b"Confirm the new address" in page.content and NEW_ADDRESS.encode() in page.content
    person.refresh_from_db()
    assert person.email == "old@org.example"  # a mail scanner opening the link changes nothing

    done = client.post(path)
    assert done.status_code == 200
    assert b"From now on you log in to Elan with" in done.content
    person.refresh_from_db()
    assert person.email == NEW_ADDRESS
    assert list(EmailAddress.objects.filter(user=person).values_list("email", "verified")) == [
        (NEW_ADDRESS, True)
    ]
    assert not PendingEmailChange.objects.exists()
    assert client.post(path).status_code == 404  # the link works once


def test_the_link_needs_no_login_and_is_kept_only_as_a_hash(client, waiting):
    _person, path = waiting
    token = path.rstrip("/").rsplit("/", 1)[1]
    change = PendingEmailChange.objects.get()
    assert token not in change.token_hash
    assert change.token_hash == services.address_token_fingerprint(token)
    assert client.get(path).status_code == 200


def test_an_expired_link_changes_nothing(client, waiting):
    person, path = waiting
    PendingEmailChange.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(path)
    assert response.status_code == 404
    assert b"This link no longer works" in response.content
    person.refresh_from_db()
    assert person.email == "old@org.example"


def test_an_unknown_link_says_it_no_longer_works(client):
    path = reverse("organisations:confirm_address", kwargs={"token": "not-a-token"})
    response = client.get(path)
    assert response.status_code == 404
    assert b"This link no longer works" in response.content


def test_an_address_another_account_took_meanwhile_is_refused_with_a_message(client, waiting):
    person, path = waiting
    person_in(UnitFactory(code="ELSEWHERE"), email=NEW_ADDRESS.upper())
    response = client.post(path)
    assert response.status_code == 409
    assert b"Another Elan account already logs in with" in response.content
    person.refresh_from_db()
    assert person.email == "old@org.example"


def test_an_address_taken_between_the_check_and_the_write_is_refused_with_a_message(
    client, waiting, monkeypatch
):
    person, path = waiting
    original_save = get_user_model().save

    def taken_meanwhile(user, *args, **kwargs):
        if kwargs.get("update_fields") == ["email"]:
            raise IntegrityError("duplicate key value violates unique constraint")
        return original_save(user, *args, **kwargs)

    monkeypatch.setattr(get_user_model(), "save", taken_meanwhile)
    response = client.post(path)
    assert response.status_code == 409
    assert b"Another Elan account already logs in with" in response.content
    person.refresh_from_db()
    assert person.email == "old@org.example"
    assert PendingEmailChange.objects.filter(user=person).exists()


def test_importing_the_same_file_again_does_not_ask_twice(chart, waiting):
    files = with_address(export_for(planning.WHOLE_ORGANISATION), "old@org.example", NEW_ADDRESS)
    _parsed, result = planning.preview(files, scope=planning.WHOLE_ORGANISATION)
    assert result.plan["people"]["confirm_address"] == []


def test_a_change_of_case_only_is_the_same_address(chart):
    person_in(chart["TEAM"], email="Olga.Old@org.example")
    files = with_address(
        export_for(planning.WHOLE_ORGANISATION), "Olga.Old@org.example", "olga.old@org.example"
    )
    _parsed, result = planning.preview(files, scope=planning.WHOLE_ORGANISATION)
    assert result.problems == []
    assert sum(result.plan["counts"].values()) == 0


def test_a_change_whose_emails_cannot_be_sent_is_withdrawn(
    chart, monkeypatch, django_capture_on_commit_callbacks
):
    person_in(chart["TEAM"], email="old@org.example")
    files = with_address(export_for(planning.WHOLE_ORGANISATION), "old@org.example", NEW_ADDRESS)

    def mail_server_down(self, messages):
        raise ConnectionRefusedError

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", mail_server_down
    )
    with django_capture_on_commit_callbacks(execute=True):
        parsed, result = planning.preview(files, scope=planning.WHOLE_ORGANISATION)
        applying.apply_plan(
            parsed=parsed,
            scope=planning.WHOLE_ORGANISATION,
            expected_fingerprint=result.fingerprint,
        )
    # A link nobody received cannot be followed; the next import asks again.
    assert not PendingEmailChange.objects.exists()
    _parsed, result = planning.preview(files, scope=planning.WHOLE_ORGANISATION)
    assert len(result.plan["people"]["confirm_address"]) == 1


class TestCommandLine:
    def write(self, tmp_path, files):
        paths = []
        for name, content in files:
            path = tmp_path / name
            path.write_bytes(content)
            paths.append(str(path))
        return paths

    def test_the_command_asks_for_verification_and_tells_the_old_address(
        self, chart, tmp_path, capsys, django_capture_on_commit_callbacks
    ):
        person = person_in(chart["TEAM"], email="old@org.example")
        files = with_address(
            export_for(planning.WHOLE_ORGANISATION), "old@org.example", NEW_ADDRESS
        )
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_organisation", *self.write(tmp_path, files), "--apply")
        assert "people confirm_address: 1" in capsys.readouterr().out
        person.refresh_from_db()
        assert person.email == "old@org.example"
        assert PendingEmailChange.objects.get(user=person).new_email == NEW_ADDRESS
        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            ["old@org.example", NEW_ADDRESS]
        )

    def test_the_command_refuses_to_change_an_administrators_address(self, chart, tmp_path, capsys):
        admin = person_in(chart["TEAM"], email="admin@org.example")
        give(admin, [(Role.ADMINISTRATOR, None)], chart)
        files = with_address(
            export_for(planning.WHOLE_ORGANISATION), "admin@org.example", NEW_ADDRESS
        )
        with pytest.raises(CommandError):
            call_command("import_organisation", *self.write(tmp_path, files), "--apply")
        external_id = StaffRecord.objects.get(user=admin).external_id
        error = capsys.readouterr().err
        assert f"line {line_of(files, external_id)}" in error
        assert "platform role “Administrator”" in error
        assert not PendingEmailChange.objects.exists()


def test_a_waiting_address_is_in_the_persons_data_export_and_erased_with_them(personas):
    pending_address_change(personas.employee, "employee.new@elan.test")
    export = personal_data_export(user=personas.employee)
    assert export["sections"]["pending_address_change"]["new_email"] == "employee.new@elan.test"
    account_services.user_pseudonymise(user=personas.employee, now=timezone.now())
    assert not PendingEmailChange.objects.exists()


def test_expired_address_changes_are_deleted_by_the_retention_job(personas):
    pending_address_change(personas.employee, "employee.new@elan.test")
    pending_address_change(
        personas.line_manager,
        "manager.new@elan.test",
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert purge_expired_address_changes(now=timezone.now()) == 1
    assert list(PendingEmailChange.objects.values_list("new_email", flat=True)) == [
        "employee.new@elan.test"
    ]


def test_people_the_import_creates_have_a_verified_login_address(chart):
    # Enrolling a second factor needs a verified address; the import's bulk creation skips the
    # save signal that keeps allauth's rows in step, so it must write them itself.
    files = f.csv_files()
    parsed, result = planning.preview(files, scope=planning.WHOLE_ORGANISATION)
    applying.apply_plan(
        parsed=parsed, scope=planning.WHOLE_ORGANISATION, expected_fingerprint=result.fingerprint
    )
    anna = User.objects.get(email="anna@org.example")
    assert list(
        EmailAddress.objects.filter(user=anna).values_list("email", "verified", "primary")
    ) == [("anna@org.example", True, True)]
    assert EmailAddress.objects.count() == User.objects.count() == 5
