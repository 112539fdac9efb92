# SPDX-License-Identifier: EUPL-1.2
"""Every refusal of the organisation import names its sheet, line and column (issue 3, point 2)."""

from __future__ import annotations

import copy

import pytest
from django.utils import translation

from elan.organisations import importing
from elan.organisations.importing import planning
from elan.organisations.importing.planning import WHOLE_ORGANISATION, Scope
from elan.organisations.importing.problems import MESSAGES
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.tests import import_files as f
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def problems_of(files, scope=WHOLE_ORGANISATION) -> list[tuple]:
    _parsed, result = planning.preview(files, scope=scope)
    return [(p["code"], p["sheet"], p["line"], p["column"]) for p in result.problems]


def units_with(*changes):
    units = copy.deepcopy(f.UNITS)
    for index, column, value in changes:
        units[index][f.UNIT_HEADER.index(column)] = value
    return units


def people_with(*changes):
    people = copy.deepcopy(f.PEOPLE)
    for index, column, value in changes:
        people[index][f.PEOPLE_HEADER.index(column)] = value
    return people


def test_a_valid_pair_of_csv_files_passes_every_check():
    assert problems_of(f.csv_files()) == []


def test_semicolons_and_a_byte_order_mark_are_understood():
    assert problems_of(f.csv_files(delimiter=";", bom=True)) == []


def test_a_valid_workbook_passes_every_check():
    assert problems_of([("organisation.xlsx", f.xlsx_bytes())]) == []


def test_a_cycle_in_the_unit_tree_is_refused():
    units = [*f.UNITS, ["LOOP-X", "LOOP-Y", "X", "", "", ""], ["LOOP-Y", "LOOP-X", "Y", "", "", ""]]
    assert problems_of(f.csv_files(units=units)) == [("unit_cycle", "units", 5, "parent_code")]


def test_a_unit_that_is_its_own_parent_is_refused():
    problems = problems_of(f.csv_files(units=units_with((1, "parent_code", "ORG-A"))))
    assert ("unit_cycle", "units", 3, "parent_code") in problems


def test_a_loop_in_the_reporting_lines_is_refused():
    # P1 → P5 → P4 → P1
    people = people_with((0, "manager_external_id", "P5"))
    assert problems_of(f.csv_files(people=people)) == [
        ("manager_cycle", "people", 2, "manager_external_id")
    ]


def test_a_person_who_manages_themselves_is_refused():
    people = people_with((2, "manager_external_id", "P3"))
    assert problems_of(f.csv_files(people=people)) == [
        ("own_manager", "people", 4, "manager_external_id")
    ]


def test_an_unknown_parent_unit_is_refused():
    units = units_with((2, "parent_code", "NOWHERE"))
    assert problems_of(f.csv_files(units=units)) == [("unknown_parent", "units", 4, "parent_code")]


def test_an_unknown_manager_is_refused():
    people = people_with((3, "manager_external_id", "P999"))
    assert problems_of(f.csv_files(people=people)) == [
        ("unknown_manager", "people", 5, "manager_external_id")
    ]


def test_a_duplicate_unit_code_is_refused():
    units = [*f.UNITS, ["ORG-A", "ORG", "Nog eens", "", "", ""]]
    assert problems_of(f.csv_files(units=units)) == [
        ("duplicate_unit_code", "units", 5, "unit_code")
    ]


def test_a_duplicate_external_id_is_refused():
    people = [*f.PEOPLE, ["P2", "other@org.example", "O", "T", "nl", "ORG", "", "B", "", ""]]
    assert problems_of(f.csv_files(people=people)) == [
        ("duplicate_external_id", "people", 7, "external_id")
    ]


def test_a_duplicate_email_address_is_refused_whatever_its_case():
    people = [*f.PEOPLE, ["P6", "ANNA@org.example", "O", "T", "nl", "ORG", "", "B", "", ""]]
    assert problems_of(f.csv_files(people=people)) == [("duplicate_email", "people", 7, "email")]


def test_a_file_in_another_encoding_is_refused_as_a_wrong_encoding():
    people = people_with((2, "last_name", "Française"))
    files = [
        f.csv_files()[0],
        ("people.csv", f.csv_bytes(f.PEOPLE_HEADER, people, encoding="latin-1")),
    ]
    assert problems_of(files) == [("wrong_encoding", "", None, "")]
    _parsed, result = planning.preview(files, scope=WHOLE_ORGANISATION)
    assert result.problems[0]["params"] == {"file": "people.csv", "line": 4}


def test_a_formula_in_a_workbook_is_refused_at_its_cell():
    workbook = f.xlsx_bytes(formula_at=("people", "H3"))
    assert problems_of([("organisation.xlsx", workbook)]) == [("formula", "people", 3, "grade")]


def test_a_formula_in_a_csv_file_is_refused_too():
    people = people_with((1, "job_title", '=HYPERLINK("http://evil.example")'))
    assert problems_of(f.csv_files(people=people)) == [("formula", "people", 3, "job_title")]


def test_a_workbook_with_macros_is_refused():
    workbook = f.with_macros(f.xlsx_bytes())
    assert problems_of([("organisation.xlsx", workbook)]) == [("macros", "", None, "")]


def test_a_macro_enabled_workbook_is_refused_by_its_type():
    assert problems_of([("organisation.xlsm", f.xlsx_bytes())]) == [("macros", "", None, "")]


def test_a_damaged_workbook_is_refused():
    assert problems_of([("organisation.xlsx", b"PK\x03\x04 not a zip")]) == [
        ("unreadable_file", "", None, "")
    ]


def test_an_old_excel_file_is_refused_with_the_formats_that_work():
    assert problems_of([("organisation.xls", b"\xd0\xcf\x11\xe0")]) == [
        ("unsupported_file", "", None, "")
    ]


def test_an_invalid_email_address_is_refused():
    people = people_with((1, "email", "bert-at-org.example"))
    assert problems_of(f.csv_files(people=people)) == [("invalid_email", "people", 3, "email")]


def test_an_unknown_language_is_refused():
    people = people_with((1, "language", "es"))
    assert problems_of(f.csv_files(people=people)) == [
        ("unknown_language", "people", 3, "language")
    ]


def test_an_unknown_grade_is_refused():
    people = people_with((1, "grade", "E"))
    assert problems_of(f.csv_files(people=people)) == [("unknown_grade", "people", 3, "grade")]


def test_a_missing_required_column_is_refused():
    header = [column for column in f.PEOPLE_HEADER if column != "email"]
    people = [
        [v for c, v in zip(f.PEOPLE_HEADER, row, strict=True) if c != "email"] for row in f.PEOPLE
    ]
    assert problems_of(f.csv_files(people=people, people_header=header)) == [
        ("missing_column", "people", 1, "email")
    ]


def test_units_without_any_name_column_are_refused():
    header = ["unit_code", "parent_code"]
    units = [row[:2] for row in f.UNITS]
    assert ("missing_name_column", "units", 1, "") in problems_of(
        f.csv_files(units=units, unit_header=header)
    )


def test_an_unknown_column_is_refused_rather_than_ignored():
    header = [*f.PEOPLE_HEADER[:-1], "rols"]
    assert problems_of(f.csv_files(people_header=header)) == [
        ("unknown_column", "people", 1, "rols")
    ]


def test_one_file_alone_is_refused_as_a_missing_sheet():
    files = f.csv_files()[:1]
    assert problems_of(files) == [("missing_sheet", "", None, "")]


def test_a_sheet_without_rows_is_refused():
    assert problems_of(f.csv_files(people=[])) == [("empty_sheet", "people", None, "")]


def test_a_required_value_left_empty_is_refused():
    people = people_with((1, "unit_code", ""))
    assert problems_of(f.csv_files(people=people)) == [("required_value", "people", 3, "unit_code")]


def test_an_email_address_of_another_account_is_refused():
    someone = person_in(UnitFactory(code="ELSEWHERE"), email="taken@org.example")
    people = people_with((4, "email", someone.email))
    problems = problems_of(f.csv_files(people=people, units=[*f.UNITS]))
    assert ("email_taken", "people", 6, "email") in problems


def test_a_person_in_an_unknown_unit_is_refused():
    people = people_with((4, "unit_code", "ORG-Z"))
    assert problems_of(f.csv_files(people=people)) == [("unknown_unit", "people", 6, "unit_code")]


def test_platform_roles_and_unknown_roles_are_refused():
    people = people_with(
        (2, "roles", "administrator"), (3, "roles", "boss"), (4, "roles", "team_lead")
    )
    assert problems_of(f.csv_files(people=people)) == [
        ("role_not_importable", "people", 4, "roles"),
        ("unknown_role", "people", 5, "roles"),
        ("role_needs_unit", "people", 6, "roles"),
    ]


def test_a_parent_left_out_of_the_file_would_be_deactivated_so_it_is_refused():
    root = UnitFactory(code="ORG")
    UnitFactory(parent=root, code="ORG-A")
    units = [f.UNITS[0], ["ORG-C", "ORG-A", "C", "C", "C", "C"]]
    people = [["P1", "anna@org.example", "Anna", "Baas", "nl", "ORG-C", "", "A", "", ""]]
    assert problems_of(f.csv_files(units=units, people=people)) == [
        ("parent_missing_from_file", "units", 3, "parent_code")
    ]


def test_a_manager_left_out_of_the_file_would_be_deactivated_so_it_is_refused():
    unit = UnitFactory(code="ORG")
    boss = person_in(unit, email="boss@org.example")
    boss_id = StaffRecord.objects.get(user=boss).external_id
    people = people_with((0, "manager_external_id", boss_id))
    assert problems_of(f.csv_files(people=people)) == [
        ("manager_missing_from_file", "people", 2, "manager_external_id")
    ]


class TestScope:
    """HR scoped to a subtree changes that subtree only."""

    @pytest.fixture
    def chart(self):
        root = UnitFactory(code="ORG", name_en="Service")
        team = UnitFactory(parent=root, code="ORG-A", name_en="Team A")
        other = UnitFactory(code="OTHER", name_en="Other service")
        stranger = person_in(other, email="stranger@org.example")
        return {"root": root, "team": team, "other": other, "stranger": stranger}

    def scope(self, unit: Unit) -> Scope:
        return Scope(paths=(Unit.objects.get(pk=unit.pk).path,))

    def test_a_unit_outside_the_scope_is_refused(self, chart):
        units = [["ORG-A", "ORG", "A", "A", "A", "A"], ["OTHER", "", "O", "O", "O", "O"]]
        people = [["P1", "p1@org.example", "P", "One", "nl", "ORG-A", "", "B", "", ""]]
        problems = problems_of(f.csv_files(units=units, people=people), self.scope(chart["team"]))
        assert problems == [("unit_outside_scope", "units", 3, "unit_code")]

    def test_a_new_unit_at_the_top_of_the_chart_is_refused(self, chart):
        units = [["ORG-A", "ORG", "A", "A", "A", "A"], ["NEW", "", "N", "N", "N", "N"]]
        people = [["P1", "p1@org.example", "P", "One", "nl", "ORG-A", "", "B", "", ""]]
        problems = problems_of(f.csv_files(units=units, people=people), self.scope(chart["team"]))
        assert problems == [("root_outside_scope", "units", 3, "parent_code")]

    def test_a_person_from_outside_the_scope_is_refused(self, chart):
        stranger_id = StaffRecord.objects.get(user=chart["stranger"]).external_id
        units = [["ORG-A", "ORG", "A", "A", "A", "A"]]
        people = [[stranger_id, "s@org.example", "S", "T", "nl", "ORG-A", "", "B", "", ""]]
        problems = problems_of(f.csv_files(units=units, people=people), self.scope(chart["team"]))
        assert problems == [("person_outside_scope", "people", 2, "external_id")]

    def test_a_role_for_the_whole_organisation_is_refused(self, chart):
        units = [["ORG-A", "ORG", "A", "A", "A", "A"]]
        people = [["P1", "p1@org.example", "P", "One", "nl", "ORG-A", "", "B", "", "hr"]]
        problems = problems_of(f.csv_files(units=units, people=people), self.scope(chart["team"]))
        assert problems == [("role_outside_scope", "people", 2, "roles")]

    def test_the_scope_root_may_stay_under_its_parent_outside_the_scope(self, chart):
        units = [["ORG-A", "ORG", "A", "A", "A", "A"]]
        people = [["P1", "p1@org.example", "P", "One", "nl", "ORG-A", "", "B", "", ""]]
        assert problems_of(f.csv_files(units=units, people=people), self.scope(chart["team"])) == []


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_every_refusal_reads_in_the_persons_language(language):
    english = {}
    with translation.override("en"):
        for code in MESSAGES:
            english[code] = str(MESSAGES[code])
    with translation.override(language):
        untranslated = [code for code, message in MESSAGES.items() if str(message) == english[code]]
        location = importing.problem_location({"sheet": "people", "line": 4, "column": "email"})
    assert untranslated == []
    assert "4" in location and "email" in location and "line" not in location
