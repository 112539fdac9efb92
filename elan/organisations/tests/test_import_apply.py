# SPDX-License-Identifier: EUPL-1.2
"""Preview, apply all or nothing, and import again (issue 3, point 2)."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from elan.organisations import importing
from elan.organisations.constants import IMPORT_TRANSITIONS, ImportSource, ImportStatus, Role
from elan.organisations.importing import applying, planning
from elan.organisations.importing.planning import WHOLE_ORGANISATION, Scope
from elan.organisations.models import ImportRun, RoleAssignment, StaffRecord, Unit
from elan.organisations.tests import import_files as f
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db
User = get_user_model()


def snapshot() -> dict:
    """Everything an import may touch, in a form that compares by value."""
    return {
        "units": sorted(Unit.objects.values_list("code", "path", "is_active", "name_en")),
        "users": sorted(
            User.objects.values_list("email", "first_name", "preferred_language", "is_active")
        ),
        "records": sorted(
            StaffRecord.objects.values_list(
                "external_id", "unit__code", "line_manager__email", "grade", "job_title"
            )
        ),
        "roles": sorted(
            RoleAssignment.objects.values_list("user__email", "role", "unit__code"),
            key=str,
        ),
    }


def apply(files, scope=WHOLE_ORGANISATION, actor=None) -> dict:
    """Preview and apply, confirming the number of deactivations as the preview states it."""
    parsed, result = planning.preview(files, scope=scope)
    assert result.problems == []
    return applying.apply_plan(
        parsed=parsed,
        scope=scope,
        actor=actor,
        expected_fingerprint=result.fingerprint,
        confirmed_deactivations=importing.deactivations_to_confirm(result.plan),
    )


@pytest.fixture
def hr_for_everything():
    """HR for the whole organisation, listed in the files of these tests (as P1's colleague)."""
    hr = person_in(UnitFactory(code="ORG", name_en="Service"), email="hr.all@org.example")
    StaffRecord.objects.filter(user=hr).update(external_id="HR1")
    RoleAssignment.objects.create(user=hr, role=Role.HR, unit=None)
    return hr


def files_with_hr(**changes):
    people = [
        *f.PEOPLE,
        ["HR1", "hr.all@org.example", "Hugo", "R", "nl", "ORG", "", "A", "", "hr"],
    ]
    return f.csv_files(people=people, **changes)


def test_a_first_import_creates_the_chart_the_people_their_managers_and_roles():
    report = apply(f.csv_files())

    assert report["counts"]["units_create"] == 3
    assert report["counts"]["people_create"] == 5
    org_a = Unit.objects.get(code="ORG-A")
    assert org_a.get_parent().code == "ORG"
    cleo = StaffRecord.objects.select_related("user", "line_manager").get(external_id="P3")
    assert cleo.unit == org_a
    assert cleo.line_manager.email == "bert@org.example"
    assert cleo.user.preferred_language == "de"
    assert cleo.grade == "C"
    assert not cleo.user.has_usable_password()
    assert set(RoleAssignment.objects.values_list("user__email", "role", "unit__code")) == {
        ("anna@org.example", Role.HR, "ORG"),
        ("bert@org.example", Role.TEAM_LEAD, "ORG-A"),
    }


def test_hr_sees_a_preview_before_the_import_is_applied_and_the_preview_writes_nothing(
    hr_for_everything,
):
    before = snapshot()
    run = importing.import_run_create(actor=hr_for_everything, files=files_with_hr())

    assert snapshot() == before
    assert run.status == ImportStatus.PREVIEWED
    assert run.can_be_applied
    assert run.plan["counts"]["people_create"] == 5
    assert run.plan["counts"]["people_deactivate"] == 0
    assert run.payload["people"]["rows"]  # waits on the server for the apply step


def test_applying_the_previewed_run_writes_what_the_preview_showed(hr_for_everything):
    run = importing.import_run_create(actor=hr_for_everything, files=files_with_hr())
    run = importing.import_run_apply(run=run, actor=hr_for_everything)

    assert run.status == ImportStatus.APPLIED
    assert run.payload == {}
    assert list(run.events.values_list("to_status", flat=True)) == [
        "uploaded",
        "previewed",
        "applied",
    ]
    assert StaffRecord.objects.filter(external_id__in=["P1", "P2", "P3", "P4", "P5"]).count() == 5


def test_an_import_fails_whole_when_a_step_half_way_breaks(hr_for_everything, monkeypatch):
    before = snapshot()
    run = importing.import_run_create(actor=hr_for_everything, files=files_with_hr())

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    # Roles are granted after the units and people have been written.
    monkeypatch.setattr(applying.services, "role_assign", broken)
    run = importing.import_run_apply(run=run, actor=hr_for_everything)

    assert run.status == ImportStatus.FAILED
    assert run.events.last().note == "error"
    assert run.payload == {}
    assert snapshot() == before


def test_an_import_is_refused_when_the_organisation_changed_since_the_preview(
    hr_for_everything,
):
    run = importing.import_run_create(actor=hr_for_everything, files=files_with_hr())
    UnitFactory(code="NEW-SINCE")
    before = snapshot()

    run = importing.import_run_apply(run=run, actor=hr_for_everything)

    assert run.status == ImportStatus.FAILED
    assert run.events.last().note == "outdated"
    assert snapshot() == before


def test_an_applied_import_cannot_be_applied_again(hr_for_everything):
    run = importing.import_run_create(actor=hr_for_everything, files=files_with_hr())
    importing.import_run_apply(run=run, actor=hr_for_everything)
    with pytest.raises(importing.TransitionNotAllowed):
        importing.import_run_apply(run=run, actor=hr_for_everything)


def test_a_file_with_problems_keeps_nothing_on_the_server_and_cannot_be_applied(
    hr_for_everything,
):
    people = copy.deepcopy(f.PEOPLE)
    people[0][1] = "not-an-address"
    run = importing.import_run_create(actor=hr_for_everything, files=f.csv_files(people=people))
    assert run.problems[0]["code"] == "invalid_email"

    assert run.problems and not run.can_be_applied
    assert run.payload == {}
    with pytest.raises(importing.TransitionNotAllowed):
        importing.import_run_apply(run=run, actor=hr_for_everything)


def test_a_new_upload_discards_the_one_that_was_waiting(hr_for_everything):
    first = importing.import_run_create(actor=hr_for_everything, files=files_with_hr())
    importing.import_run_create(actor=hr_for_everything, files=files_with_hr())
    first.refresh_from_db()
    assert first.status == ImportStatus.DISCARDED
    assert first.payload == {}


def test_an_import_that_would_deactivate_the_importer_is_refused(hr_for_everything):
    run = importing.import_run_create(actor=hr_for_everything, files=f.csv_files())
    assert [problem["code"] for problem in run.problems] == ["deactivates_importer"]
    assert User.objects.get(pk=hr_for_everything.pk).is_active


def test_rows_left_waiting_for_more_than_a_day_are_wiped_by_the_next_upload(
    hr_for_everything,
):
    someone_else = person_in(UnitFactory(code="ELSEWHERE"), email="hr.two@org.example")
    RoleAssignment.objects.create(user=someone_else, role=Role.HR, unit=None)
    people = [
        *f.PEOPLE,
        ["HR1", "hr.all@org.example", "Hugo", "R", "nl", "ORG", "", "A", "", "hr"],
        [
            StaffRecord.objects.get(user=someone_else).external_id,
            "hr.two@org.example",
            "Hilde",
            "T",
            "fr",
            "ORG",
            "",
            "A",
            "",
            "hr",
        ],
    ]
    old = importing.import_run_create(actor=someone_else, files=f.csv_files(people=people))
    assert old.payload  # waiting, with personal data in it
    ImportRun.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    importing.import_run_create(actor=hr_for_everything, files=files_with_hr())
    old.refresh_from_db()
    assert old.status == ImportStatus.DISCARDED
    assert old.payload == {}


def test_the_status_table_allows_only_forward_moves():
    assert IMPORT_TRANSITIONS[ImportStatus.APPLIED] == frozenset()
    assert IMPORT_TRANSITIONS[ImportStatus.DISCARDED] == frozenset()
    assert ImportStatus.APPLIED not in IMPORT_TRANSITIONS[ImportStatus.UPLOADED]


def test_importing_the_same_file_again_changes_nothing():
    apply(f.csv_files())
    before = snapshot()
    report = apply(f.csv_files())
    assert sum(report["counts"].values()) == 0
    assert snapshot() == before


def test_importing_again_updates_moves_deactivates_and_reports_what_changed():
    apply(f.csv_files())
    units = [
        ["ORG", "", "Dienst", "Service", "Dienst", "Service"],
        ["ORG-A", "ORG", "Team A", "Équipe A", "Team A", "Team Alpha"],  # renamed
        ["ORG-C", "ORG", "Team C", "Équipe C", "Team C", "Team C"],  # new
        ["ORG-B", "ORG-C", "Team B", "Équipe B", "Team B", "Team B"],  # moved under C
        # ORG-B keeps its people; nothing else is missing, so no unit is deactivated here.
    ]
    people = [
        ["P1", "anna@org.example", "Anna", "Baas", "nl", "ORG", "", "A", "Director", "hr@ORG"],
        # Bert leaves: not in the file.
        ["P3", "cleo@org.example", "Cleo", "Janssens", "fr", "ORG-B", "P1", "B", "", ""],
        ["P4", "dirk@org.example", "Dirk", "Maes", "nl", "ORG-B", "P1", "B", "", "team_lead@ORG-B"],
        ["P5", "eva.dupont@org.example", "Eva", "Dupont", "fr", "ORG-B", "P4", "D", "", ""],
    ]
    report = apply(f.csv_files(units=units, people=people))

    assert report["counts"] == {
        "units_create": 1,
        "units_update": 1,
        "units_move": 1,
        "units_deactivate": 0,
        "units_reactivate": 0,
        "people_create": 0,
        "people_update": 1,
        "people_confirm_address": 1,
        "people_move": 1,
        "people_deactivate": 1,
        "people_reactivate": 0,
        "roles_grant": 1,
        "roles_revoke": 1,
    }
    assert report["units"]["move"] == [{"code": "ORG-B", "from": "ORG", "to": "ORG-C", "depth": 3}]
    assert Unit.objects.get(code="ORG-B").get_parent().code == "ORG-C"
    assert Unit.find_problems() == ([], [], [], [], [])
    cleo = StaffRecord.objects.select_related("user", "line_manager").get(external_id="P3")
    assert cleo.unit.code == "ORG-B"
    assert cleo.line_manager.email == "anna@org.example"
    assert cleo.user.preferred_language == "fr"
    updates = {item["external_id"]: item["changes"] for item in report["people"]["update"]}
    assert updates["P3"]["manager"] == ["P2", "P1"]
    # Eva's new address waits for her to confirm it from there; she logs in as before.
    assert report["people"]["confirm_address"] == [
        {
            "external_id": "P5",
            "name": "Eva Dupont",
            "from": "eva@org.example",
            "to": "eva.dupont@org.example",
        }
    ]
    assert User.objects.filter(email="eva@org.example").exists()
    bert = User.objects.get(email="bert@org.example")
    assert not bert.is_active and bert.deactivated_at is not None
    assert not RoleAssignment.objects.filter(user=bert).exists()
    assert RoleAssignment.objects.filter(
        user__email="dirk@org.example", role=Role.TEAM_LEAD, unit__code="ORG-B"
    ).exists()


def test_a_unit_missing_from_the_file_is_deactivated_and_comes_back_when_listed_again():
    apply(f.csv_files())
    units = f.UNITS[:2]
    people = [row for row in f.PEOPLE if row[5] != "ORG-B"]
    report = apply(f.csv_files(units=units, people=people))
    assert report["units"]["deactivate"] == [{"code": "ORG-B"}]
    assert {item["external_id"] for item in report["people"]["deactivate"]} == {"P4", "P5"}
    assert not Unit.objects.get(code="ORG-B").is_active

    report = apply(f.csv_files())
    assert report["units"]["reactivate"] == [{"code": "ORG-B"}]
    assert {item["external_id"] for item in report["people"]["reactivate"]} == {"P4", "P5"}
    assert User.objects.get(email="eva@org.example").is_active


def test_a_column_left_out_of_the_file_leaves_that_detail_as_it_is():
    apply(f.csv_files())
    header = [column for column in f.PEOPLE_HEADER if column not in ("roles", "job_title")]
    people = [
        [value for column, value in zip(f.PEOPLE_HEADER, row, strict=True) if column in header]
        for row in f.PEOPLE
    ]
    report = apply(f.csv_files(people=people, people_header=header))
    assert sum(report["counts"].values()) == 0
    assert RoleAssignment.objects.filter(role=Role.TEAM_LEAD).count() == 1
    assert StaffRecord.objects.get(external_id="P1").job_title == "Director"


def test_a_workbook_imports_like_the_csv_files():
    apply([("organisation.xlsx", f.xlsx_bytes())])
    assert StaffRecord.objects.count() == 5
    assert Unit.objects.count() == 3


def test_hr_for_one_service_leaves_the_rest_of_the_organisation_alone():
    apply(f.csv_files())
    other = UnitFactory(code="OTHER")
    stranger = person_in(other, email="stranger@org.example")
    records_before = StaffRecord.objects.count()
    scope = Scope(paths=(Unit.objects.get(code="ORG-A").path,))

    units = [["ORG-A", "ORG", "Team A", "Équipe A", "Team A", "Team A"]]
    people = [["P3", "cleo@org.example", "Cleo", "Janssens", "de", "ORG-A", "P1", "C", "", ""]]
    report = apply(f.csv_files(units=units, people=people), scope=scope)

    # Bert (P2) was in ORG-A and is not in the file; nobody outside ORG-A is touched.
    assert [item["external_id"] for item in report["people"]["deactivate"]] == ["P2"]
    assert report["units"]["deactivate"] == []
    assert User.objects.get(pk=stranger.pk).is_active
    assert User.objects.get(email="anna@org.example").is_active
    assert StaffRecord.objects.count() == records_before


class TestCommand:
    def write(self, tmp_path, files):
        paths = []
        for name, content in files:
            path = tmp_path / name
            path.write_bytes(content)
            paths.append(str(path))
        return paths

    def test_the_command_previews_by_default_and_writes_nothing(self, tmp_path, capsys):
        before = snapshot()
        call_command("import_organisation", *self.write(tmp_path, f.csv_files()))
        output = capsys.readouterr().out
        assert "people create: 5" in output
        assert "nothing was written" in output
        assert snapshot() == before

    def test_the_command_applies_with_apply(self, tmp_path, capsys):
        call_command("import_organisation", *self.write(tmp_path, f.csv_files()), "--apply")
        assert "applied" in capsys.readouterr().out
        assert StaffRecord.objects.count() == 5

    def test_the_command_stops_on_problems_and_names_line_and_column(self, tmp_path, capsys):
        people = copy.deepcopy(f.PEOPLE)
        people[1][4] = "xx"
        with pytest.raises(CommandError):
            call_command(
                "import_organisation",
                *self.write(tmp_path, f.csv_files(people=people)),
                "--apply",
            )
        assert "line 3" in capsys.readouterr().err
        assert StaffRecord.objects.count() == 0

    def test_the_command_records_an_applied_import_run_with_its_history(self, tmp_path):
        call_command("import_organisation", *self.write(tmp_path, f.csv_files()), "--apply")

        run = ImportRun.objects.get()
        assert run.source == ImportSource.COMMAND_LINE
        assert run.created_by is None
        assert run.status == ImportStatus.APPLIED
        assert run.source_names == "units.csv, people.csv"
        assert run.plan["counts"]["people_create"] == 5
        assert run.payload == {}
        assert list(run.events.values_list("to_status", "by")) == [
            ("uploaded", None),
            ("previewed", None),
            ("applied", None),
        ]

    def test_a_preview_on_the_command_line_is_recorded_and_discarded(self, tmp_path):
        call_command("import_organisation", *self.write(tmp_path, f.csv_files()))

        run = ImportRun.objects.get()
        assert run.source == ImportSource.COMMAND_LINE
        assert run.status == ImportStatus.DISCARDED
        assert run.payload == {}  # nobody comes back for the rows: nothing is kept
        assert run.plan["counts"]["people_create"] == 5
        assert list(run.events.values_list("to_status", flat=True)) == [
            "uploaded",
            "previewed",
            "discarded",
        ]

    def test_a_refused_file_on_the_command_line_is_recorded_with_its_problems(self, tmp_path):
        people = copy.deepcopy(f.PEOPLE)
        people[1][4] = "xx"
        with pytest.raises(CommandError):
            call_command(
                "import_organisation", *self.write(tmp_path, f.csv_files(people=people)), "--apply"
            )

        run = ImportRun.objects.get()
        assert run.source == ImportSource.COMMAND_LINE
        assert run.status == ImportStatus.DISCARDED
        assert [problem["code"] for problem in run.problems] == ["unknown_language"]

    def test_a_failure_on_the_command_line_fails_the_run_and_exits_non_zero(
        self, tmp_path, monkeypatch
    ):
        def broken(**kwargs):
            raise RuntimeError("the database went away")

        monkeypatch.setattr(applying.services, "role_assign", broken)
        with pytest.raises(CommandError, match="nothing was imported"):
            call_command("import_organisation", *self.write(tmp_path, f.csv_files()), "--apply")

        run = ImportRun.objects.get()
        assert run.status == ImportStatus.FAILED
        assert run.events.last().note == "error"
        assert StaffRecord.objects.count() == 0

    def test_runs_from_the_back_office_say_so(self, hr_for_everything):
        run = importing.import_run_create(actor=hr_for_everything, files=files_with_hr())
        assert run.source == ImportSource.BACK_OFFICE
        assert run.created_by == hr_for_everything
