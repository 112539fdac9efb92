# SPDX-License-Identifier: EUPL-1.2
"""Bad files get a clear problem in the preview, never a server error (issue 12, point 6).

Each case goes through the service and through the back office's upload, where a failure would
otherwise surface as a 500. NUL characters matter on PostgreSQL, which refuses them in text and
JSON columns: run this file with ``DATABASE_URL=postgres://…`` as well.
"""

from __future__ import annotations

import copy
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from elan.organisations import importing
from elan.organisations.importing import applying, parsing, planning
from elan.organisations.importing.planning import WHOLE_ORGANISATION, Scope
from elan.organisations.models import ImportRun, StaffRecord, Unit
from elan.organisations.tests import import_files as f
from elan.organisations.tests.factories import UnitFactory
from elan.organisations.tests.test_import_admin import persona_files

pytestmark = pytest.mark.django_db

MAX_DEPTH = Unit._meta.get_field("path").max_length // Unit.steplen


def problems_of(files, scope=WHOLE_ORGANISATION) -> list[tuple]:
    _parsed, result = planning.preview(files, scope=scope)
    return [(p["code"], p["sheet"], p["line"], p["column"]) for p in result.problems]


def messages_of(files, scope=WHOLE_ORGANISATION) -> list[str]:
    _parsed, result = planning.preview(files, scope=scope)
    with translation.override("en"):
        return [importing.problem_message(problem) for problem in result.problems]


def upload_and_read(client, files) -> str:
    """Upload through the back office and return the preview page it leads to."""
    uploads = [SimpleUploadedFile(name, content) for name, content in files]
    response = client.post(reverse("organisations_admin:import"), {"files": uploads})
    assert response.status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    return page.content.decode()


def rewrite_member(xlsx: bytes, member: str, change) -> bytes:
    """The workbook with one part's bytes passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, change(content) if item.filename == member else content)
    return buffer.getvalue()


def add_member(xlsx: bytes, member: str, content: bytes) -> bytes:
    buffer = io.BytesIO(xlsx)
    with zipfile.ZipFile(buffer, "a") as target:
        target.writestr(member, content)
    return buffer.getvalue()


def people_sheet_part(xlsx: bytes) -> str:
    names = parsing._worksheet_names(zipfile.ZipFile(io.BytesIO(xlsx)))
    return next(part for part, name in names.items() if name == "people")


# --- CSV fields longer than the parser accepts ---------------------------------------------------
def people_with_an_unclosed_quote():
    # An opening quotation mark that never closes swallows the rest of the file into one
    # field; a long enough file passes Python's limit of 131,072 characters per field.
    people = copy.deepcopy(f.PEOPLE)
    header = ",".join(f.PEOPLE_HEADER)
    lines = [header] + [",".join(row) for row in people]
    lines[2] = lines[2].replace("Bert", '"Bert', 1)
    filler = [f"X{n},x{n}@org.example,X,Y,nl,ORG,,B,," for n in range(5000)]
    return ("\r\n".join(lines + filler) + "\r\n").encode()


def test_a_csv_field_longer_than_the_parser_allows_is_a_problem_naming_its_line():
    files = [f.csv_files()[0], ("people.csv", people_with_an_unclosed_quote())]
    assert problems_of(files) == [("csv_field_too_large", "", None, "")]
    [message] = messages_of(files)
    assert "“people.csv” cannot be read from line 3 on" in message
    assert "quotation mark" in message


def test_one_huge_value_in_a_csv_file_is_a_problem_too():
    people = copy.deepcopy(f.PEOPLE)
    people[3][8] = "x" * 200_000
    assert problems_of(f.csv_files(people=people)) == [("csv_field_too_large", "", None, "")]


def test_the_back_office_shows_a_csv_field_too_long_for_the_parser(client_for):
    files = [f.csv_files()[0], ("people.csv", people_with_an_unclosed_quote())]
    page = upload_and_read(client_for("hr"), files)
    assert "“people.csv” cannot be read from line 3 on" in page
    assert "Apply the import" not in page


# --- NUL characters -----------------------------------------------------------------------------
def test_a_nul_character_in_a_csv_cell_is_a_problem_at_its_line_and_column():
    people = copy.deepcopy(f.PEOPLE)
    people[1][2] = "Be\x00rt"
    assert problems_of(f.csv_files(people=people)) == [("nul_character", "people", 3, "first_name")]
    with translation.override("en"):
        message = importing.problem_message({"code": "nul_character", "params": {}})
    assert "invisible NUL character" in message


def test_a_nul_character_in_a_csv_header_is_a_problem_on_line_one():
    header = [*f.UNIT_HEADER[:-1], "name_en\x00"]
    assert problems_of(f.csv_files(unit_header=header)) == [
        ("nul_character", "units", 1, "name_en")
    ]


def test_the_back_office_refuses_a_nul_in_a_csv_cell_and_keeps_nothing(client_for, personas):
    files = persona_files(personas)
    name, content = files[1]
    files[1] = (name, content.replace(b"Nina", b"Ni\x00na"))
    page = upload_and_read(client_for("hr"), files)
    assert "invisible NUL character" in page
    assert "<td>first_name</td>" in page
    run = ImportRun.objects.get()
    assert run.payload == {} and not run.can_be_applied
    assert not StaffRecord.objects.filter(external_id="NEW-1").exists()


def workbook_with_nul_in_a_cell() -> bytes:
    xlsx = f.xlsx_bytes()
    part = people_sheet_part(xlsx)
    # openpyxl never writes a NUL, but other exporters do; XML forbids it.
    return rewrite_member(xlsx, part, lambda xml: xml.replace(b">Cleo<", b">Cl\x00eo<"))


def test_a_nul_character_in_a_workbook_cell_names_the_sheet_and_cell():
    files = [("organisation.xlsx", workbook_with_nul_in_a_cell())]
    assert problems_of(files) == [("nul_in_workbook", "", None, "")]
    [message] = messages_of(files)
    assert "cell C4 of the sheet “people”" in message


def test_a_nul_character_reference_in_a_workbook_text_is_a_problem():
    xlsx = add_member(
        f.xlsx_bytes(),
        "xl/sharedStrings.xml",
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" count="1" uniqueCount="1"><si><t>Cl&#0;eo</t></si></sst>',
    )
    assert problems_of([("organisation.xlsx", xlsx)]) == [("nul_in_workbook_text", "", None, "")]


def test_the_back_office_refuses_a_nul_in_a_workbook(client_for):
    page = upload_and_read(client_for("hr"), [("organisation.xlsx", workbook_with_nul_in_a_cell())])
    assert "invisible NUL character in cell C4" in page
    assert ImportRun.objects.get().payload == {}


# --- Files that are not what they claim ---------------------------------------------------------
def test_the_back_office_names_a_csv_file_that_is_not_utf8(client_for, personas):
    files = persona_files(personas)
    name, content = files[1]
    files[1] = (name, content.replace(b"Nina", "Ninà".encode("cp1252")))
    page = upload_and_read(client_for("hr"), files)
    assert "“people.csv” is not encoded as UTF-8 (the problem starts on line 9)" in page


def test_the_back_office_names_a_file_that_is_not_a_workbook(client_for):
    page = upload_and_read(client_for("hr"), [("organisation.xlsx", b"PK\x03\x04 not a zip")])
    assert "“organisation.xlsx” cannot be read as an XLSX workbook." in page


def workbook_with_a_broken_sheet() -> bytes:
    xlsx = f.xlsx_bytes()
    # The archive and the workbook open; the sheet breaks only when its rows are read.
    return rewrite_member(xlsx, people_sheet_part(xlsx), lambda xml: xml.replace(b"</row>", b"", 1))


def test_a_workbook_whose_sheet_is_damaged_is_refused():
    files = [("organisation.xlsx", workbook_with_a_broken_sheet())]
    assert problems_of(files) == [("unreadable_file", "", None, "")]


def test_the_back_office_refuses_a_workbook_whose_sheet_is_damaged(client_for):
    page = upload_and_read(
        client_for("hr"), [("organisation.xlsx", workbook_with_a_broken_sheet())]
    )
    assert "“organisation.xlsx” cannot be read as an XLSX workbook." in page


def test_a_workbook_with_a_damaged_archive_member_is_refused():
    xlsx = bytearray(f.xlsx_bytes())
    # Flip bytes inside the compressed data of a part: the CRC check fails on reading.
    start = xlsx.index(b"[Content_Types].xml") + 40
    xlsx[start : start + 8] = b"\x00" * 8
    assert problems_of([("organisation.xlsx", bytes(xlsx))]) == [("unreadable_file", "", None, "")]


# --- A tree deeper than the materialised path holds ---------------------------------------------
def chain_of_units(depth: int) -> list[list[str]]:
    units = [["L1", "", "", "", "", "Level 1"]]
    for level in range(2, depth + 1):
        units.append([f"L{level}", f"L{level - 1}", "", "", "", f"Level {level}"])
    return units


def people_in(code: str) -> list[list[str]]:
    return [["P1", "p1@org.example", "P", "One", "nl", code, "", "B", "", ""]]


def test_a_chart_as_deep_as_the_tree_holds_imports_and_one_level_more_is_a_problem():
    files = f.csv_files(units=chain_of_units(MAX_DEPTH + 1), people=people_in("L1"))
    # The header is line 1, so unit Ln sits on line n + 1.
    assert problems_of(files) == [("too_deep", "units", MAX_DEPTH + 2, "parent_code")]
    [message] = messages_of(files)
    assert f"“L{MAX_DEPTH + 1}” would sit {MAX_DEPTH + 1} levels deep" in message
    assert f"at most {MAX_DEPTH} levels" in message

    files = f.csv_files(units=chain_of_units(MAX_DEPTH), people=people_in("L1"))
    parsed, result = planning.preview(files, scope=WHOLE_ORGANISATION)
    assert result.problems == []
    applying.apply_plan(
        parsed=parsed, scope=WHOLE_ORGANISATION, expected_fingerprint=result.fingerprint
    )
    assert Unit.objects.get(code=f"L{MAX_DEPTH}").depth == MAX_DEPTH


def test_a_chart_thousands_of_levels_deep_is_refused_at_once():
    units = chain_of_units(3000)
    assert problems_of(f.csv_files(units=units, people=people_in("L1"))) == [
        ("too_deep", "units", MAX_DEPTH + 2, "parent_code")
    ]


def test_moving_a_unit_deeper_counts_the_units_left_below_it():
    # HR's part of the chart: ORG-A with a unit below it that the file leaves out; moving ORG-A
    # under a long chain drags that unit one level past what the tree holds.
    top = UnitFactory(code="ORG")
    team = UnitFactory(parent=top, code="ORG-A")
    UnitFactory(parent=team, code="ORG-A-1")
    chain = chain_of_units(MAX_DEPTH - 1)
    units = [
        ["ORG", "", "", "", "", "Org"],
        *chain,
        ["ORG-A", f"L{MAX_DEPTH - 1}", "", "", "", "Team A"],
    ]
    files = f.csv_files(units=units, people=people_in("ORG"))
    assert problems_of(files) == [("too_deep", "units", len(units) + 1, "parent_code")]
    assert "“ORG-A-1” would sit" in messages_of(files)[0]


def test_the_back_office_says_the_chart_is_too_deep(client_for, personas):
    units = chain_of_units(MAX_DEPTH + 1)
    page = upload_and_read(
        client_for("administrator"), f.csv_files(units=units, people=people_in("L1"))
    )
    assert f"the organisation chart holds at most {MAX_DEPTH} levels" in page
    assert "Apply the import" not in page


def test_a_scoped_import_counts_depth_from_where_its_part_sits():
    top = UnitFactory(code="ORG")
    parent = top
    for level in range(2, MAX_DEPTH):
        parent = UnitFactory(parent=parent, code=f"D{level}")
    scope = Scope(paths=(Unit.objects.get(code=parent.code).path,))
    units = [
        [parent.code, f"D{MAX_DEPTH - 2}", "", "", "", "Deep"],
        ["NEW-1", parent.code, "", "", "", "New"],
        ["NEW-2", "NEW-1", "", "", "", "Newer"],
    ]
    files = f.csv_files(units=units, people=people_in(parent.code))
    assert problems_of(files, scope) == [("too_deep", "units", 4, "parent_code")]
    assert "“NEW-2” would sit" in messages_of(files, scope)[0]
