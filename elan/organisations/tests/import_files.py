# SPDX-License-Identifier: EUPL-1.2
"""Small organisation files for the import tests, as CSV or XLSX bytes."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

UNIT_HEADER = ["unit_code", "parent_code", "name_nl", "name_fr", "name_de", "name_en"]
PEOPLE_HEADER = [
    "external_id",
    "email",
    "first_name",
    "last_name",
    "language",
    "unit_code",
    "manager_external_id",
    "grade",
    "job_title",
    "roles",
]

# A small, valid organisation: a service with two teams and five people.
UNITS = [
    ["ORG", "", "Dienst", "Service", "Dienst", "Service"],
    ["ORG-A", "ORG", "Team A", "Équipe A", "Team A", "Team A"],
    ["ORG-B", "ORG", "Team B", "Équipe B", "Team B", "Team B"],
]
PEOPLE = [
    ["P1", "anna@org.example", "Anna", "Baas", "nl", "ORG", "", "A", "Director", "hr@ORG"],
    [
        "P2",
        "bert@org.example",
        "Bert",
        "Leider",
        "fr",
        "ORG-A",
        "P1",
        "A",
        "Head",
        "team_lead@ORG-A",
    ],
    ["P3", "cleo@org.example", "Cleo", "Janssens", "de", "ORG-A", "P2", "C", "", ""],
    ["P4", "dirk@org.example", "Dirk", "Maes", "nl", "ORG-B", "P1", "B", "", ""],
    ["P5", "eva@org.example", "Eva", "Dupont", "fr", "ORG-B", "P4", "D", "", ""],
]


def csv_bytes(header, rows, *, delimiter=",", bom=False, encoding="utf-8") -> bytes:
    def quote(value: str) -> str:
        value = str(value)
        if delimiter in value or '"' in value or "\n" in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [delimiter.join(quote(v) for v in line) for line in [header, *rows]]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def csv_files(units=None, people=None, *, unit_header=None, people_header=None, **options):
    return [
        (
            "units.csv",
            csv_bytes(unit_header or UNIT_HEADER, UNITS if units is None else units, **options),
        ),
        (
            "people.csv",
            csv_bytes(
                people_header or PEOPLE_HEADER, PEOPLE if people is None else people, **options
            ),
        ),
    ]


def xlsx_bytes(units=None, people=None, *, formula_at=None, unit_header=None) -> bytes:
    """A workbook with sheets units and people; ``formula_at=(sheet, cell)`` adds a formula."""
    workbook = Workbook()
    units_sheet = workbook.active
    units_sheet.title = "units"
    units_sheet.append(unit_header or UNIT_HEADER)
    for row in UNITS if units is None else units:
        units_sheet.append(row)
    people_sheet = workbook.create_sheet("people")
    people_sheet.append(PEOPLE_HEADER)
    for row in PEOPLE if people is None else people:
        people_sheet.append(row)
    if formula_at:
        sheet, cell = formula_at
        workbook[sheet][cell] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_macros(xlsx: bytes) -> bytes:
    """The workbook with a VBA project inside, as Excel stores macros."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a macro")
    return buffer.getvalue()
