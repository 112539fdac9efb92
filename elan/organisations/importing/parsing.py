# SPDX-License-Identifier: EUPL-1.2
"""Reading the upload: one XLSX workbook, or a CSV file of units and one of people.

Everything a file can do wrong is a problem here, never an exception: a wrong encoding, a
formula, a macro, a NUL character, a damaged archive, a workbook that unpacks to too much.
Workbooks are read as values and only after their parts were checked, so a crafted file
costs little. The result, ``Parsed``, is what an import run keeps between preview and apply.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import logging
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

import openpyxl
from openpyxl.utils import get_column_letter

from elan.organisations.importing.problems import PEOPLE, UNITS, Problem

UNIT_COLUMNS = ("unit_code", "parent_code", "name_nl", "name_fr", "name_de", "name_en")
UNIT_REQUIRED_COLUMNS = ("unit_code", "parent_code")
UNIT_NAME_COLUMNS = ("name_nl", "name_fr", "name_de", "name_en")
PEOPLE_COLUMNS = (
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
)
PEOPLE_REQUIRED_COLUMNS = ("external_id", "email", "language", "unit_code")
COLUMNS = {UNITS: UNIT_COLUMNS, PEOPLE: PEOPLE_COLUMNS}
REQUIRED_COLUMNS = {UNITS: UNIT_REQUIRED_COLUMNS, PEOPLE: PEOPLE_REQUIRED_COLUMNS}
MAX_LENGTHS = {
    "unit_code": 64,
    "parent_code": 64,
    "external_id": 64,
    "manager_external_id": 64,
    "name_nl": 255,
    "name_fr": 255,
    "name_de": 255,
    "name_en": 255,
    "email": 254,
    "first_name": 150,
    "last_name": 150,
    "job_title": 255,
    "roles": 1000,
}
# A workbook unpacks to far more than its size; this bounds what a crafted one can cost.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024

logger = logging.getLogger(__name__)


@dataclass
class Sheet:
    name: str
    source: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "columns": self.columns,
            "rows": [[line, values] for line, values in self.rows],
        }

    @classmethod
    def from_dict(cls, name: str, data: dict) -> Sheet:
        return cls(
            name=name,
            source=data.get("source", ""),
            columns=list(data["columns"]),
            rows=[(int(line), dict(values)) for line, values in data["rows"]],
        )


@dataclass
class Parsed:
    sheets: dict[str, Sheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def payload(self) -> dict:
        return {name: sheet.as_dict() for name, sheet in self.sheets.items()}


def parse_files(files: Iterable[tuple[str, bytes]]) -> Parsed:
    """Read one XLSX workbook, or a CSV file of units and one of people."""
    parsed = Parsed()
    for name, content in files:
        suffix = PurePath(name).suffix.lower()
        if suffix in (".xlsm", ".xltm", ".xlam"):
            parsed.problems.append(Problem("macros", params={"file": name}))
        elif suffix in (".xlsx", ".xltx") or content[:2] == b"PK":
            _parse_xlsx(name, content, parsed)
        elif suffix in (".csv", ".txt", ""):
            _parse_csv(name, content, parsed)
        else:
            parsed.problems.append(Problem("unsupported_file", params={"file": name}))
    if not parsed.problems:
        for sheet_name in (UNITS, PEOPLE):
            if sheet_name not in parsed.sheets:
                parsed.problems.append(Problem("missing_sheet", params={"sheet": sheet_name}))
    for sheet in parsed.sheets.values():
        parsed.problems.extend(_header_problems(sheet))
        if not sheet.rows:
            parsed.problems.append(
                Problem("empty_sheet", sheet=sheet.name, params={"sheet": sheet.name})
            )
    return parsed


def _add_sheet(parsed: Parsed, sheet: Sheet) -> None:
    if sheet.name in parsed.sheets:
        parsed.problems.append(Problem("duplicate_sheet", params={"sheet": sheet.name}))
        return
    parsed.sheets[sheet.name] = sheet


def _header_problems(sheet: Sheet) -> list[Problem]:
    problems = []
    expected = COLUMNS[sheet.name]
    seen: set[str] = set()
    for column in sheet.columns:
        if column in seen:
            problems.append(Problem("duplicate_column", sheet.name, 1, column, {"column": column}))
        seen.add(column)
        if column not in expected:
            problems.append(
                Problem(
                    "unknown_column",
                    sheet.name,
                    1,
                    column,
                    {"column": column, "expected": ", ".join(expected)},
                )
            )
    for column in REQUIRED_COLUMNS[sheet.name]:
        if column not in seen:
            problems.append(Problem("missing_column", sheet.name, 1, column, {"column": column}))
    if sheet.name == UNITS and not seen.intersection(UNIT_NAME_COLUMNS):
        problems.append(Problem("missing_name_column", sheet.name, 1))
    return problems


def _normalise_header(value: object) -> str:
    return str(value or "").strip().lower().replace(" ", "_")


def without_nul(text: str) -> str:
    """``text`` without NUL characters, which PostgreSQL refuses in text and JSON alike."""
    return text.replace("\x00", "")


def _header_nul_problems(sheet_name: str, columns: list[str]) -> list[Problem]:
    return [
        Problem("nul_character", sheet_name, 1, without_nul(column))
        for column in columns
        if "\x00" in column
    ]


def _nul_problems(sheet_name: str, line: int, values: dict[str, str]) -> list[Problem]:
    # Checked on parsing, before anything is kept on the server: no row with a NUL reaches
    # the database, whose text and JSON columns refuse it (PostgreSQL).
    return [
        Problem("nul_character", sheet_name, line, column)
        for column, value in values.items()
        if "\x00" in value
    ]


def _sheet_for_columns(columns: list[str]) -> str | None:
    if "external_id" in columns:
        return PEOPLE
    if "unit_code" in columns:
        return UNITS
    return None


def _parse_csv(name: str, content: bytes, parsed: Parsed) -> None:
    try:
        # utf-8-sig drops the byte-order mark Excel writes, and accepts files without one.
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        parsed.problems.append(Problem("wrong_encoding", params={"file": name, "line": line}))
        return
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        try:
            header = next(reader)
        except StopIteration:
            parsed.problems.append(Problem("unknown_csv", params={"file": name}))
            return
        columns = [_normalise_header(value) for value in header]
        sheet_name = _sheet_for_columns([without_nul(column) for column in columns])
        if sheet_name is None:
            parsed.problems.append(Problem("unknown_csv", params={"file": name}))
            return
        parsed.problems.extend(_header_nul_problems(sheet_name, columns))
        columns = [without_nul(column) for column in columns]
        rows = []
        line = reader.line_num + 1
        for record in reader:
            values = _row_values(columns, record)
            parsed.problems.extend(_nul_problems(sheet_name, line, values))
            for column, value in values.items():
                if value.startswith("="):
                    parsed.problems.append(Problem("formula", sheet_name, line, column))
            if any(values.values()):
                rows.append((line, values))
            line = reader.line_num + 1
    except csv.Error as error:
        # Python's reader stops at a field over its size limit (131,072 characters), which in
        # a chart of names and codes means a broken file, mostly an unclosed quotation mark.
        code = "csv_field_too_large" if "field limit" in str(error) else "unreadable_csv"
        parsed.problems.append(Problem(code, params={"file": name, "line": line}))
        return
    _add_sheet(parsed, Sheet(sheet_name, name, columns, rows))


def _row_values(columns: list[str], record: Iterable[object]) -> dict[str, str]:
    values = {}
    for column, value in zip(columns, record, strict=False):
        if column:
            values[column] = _cell_text(value)
    return values


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float | Decimal) and value == int(value):
        # Spreadsheets turn an id like 10452 into 10452.0; the id is the digits.
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _parse_xlsx(name: str, content: bytes, parsed: Parsed) -> None:
    sheets_before = set(parsed.sheets)
    try:
        _read_xlsx(name, content, parsed)
    except Exception:
        # A damaged archive or sheet fails in many ways (zip, zlib, XML, openpyxl), some only
        # while its rows are read: whatever the way, the file cannot be read.
        logger.info("The workbook %r could not be read", name, exc_info=True)
        for sheet_name in set(parsed.sheets) - sheets_before:
            del parsed.sheets[sheet_name]
        parsed.problems.append(Problem("unreadable_file", params={"file": name}))


# A NUL character, raw or as a character reference: XML forbids both, so openpyxl would only
# fail half-way through the sheet; found first, it is named with its cell.
_NUL_IN_XML = re.compile(rb"\x00|&#0+;|&#[xX]0+;")
_CELL_REFERENCE = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"')
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")


def _attribute(tag: bytes, name: str) -> str:
    match = re.search(rb"(?:^|\s)(?:\w+:)?" + name.encode() + rb'="([^"]*)"', tag)
    return html.unescape(match.group(1).decode("utf-8", "replace")) if match else ""


def _worksheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's name as the workbook shows it, by the part's path in lower case."""
    try:
        workbook = archive.read("xl/workbook.xml")
        relationships = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in _RELATIONSHIP.findall(relationships):
        target = _attribute(tag, "Target")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[_attribute(tag, "Id")] = target.lower()
    return {
        targets[_attribute(tag, "id")]: _attribute(tag, "name")
        for tag in _SHEET_ENTRY.findall(workbook)
        if _attribute(tag, "id") in targets
    }


def _workbook_nul(archive: zipfile.ZipFile) -> dict | None:
    """Where a workbook holds a NUL, as message parameters; None when it holds none."""
    names = None
    for member in archive.infolist():
        filename = member.filename.lower()
        is_sheet = filename.startswith("xl/worksheets/") and filename.endswith(".xml")
        if not (is_sheet or filename == "xl/sharedstrings.xml"):
            continue
        tail = b""
        with archive.open(member) as stream:
            first = True
            while chunk := stream.read(1 << 20):
                if first and chunk.startswith(_UTF16_MARKS):
                    break  # every other byte of UTF-16 is a zero; openpyxl judges such a part
                first = False
                window = tail + chunk
                match = _NUL_IN_XML.search(window)
                if match:
                    if not is_sheet:
                        return {}
                    cells = _CELL_REFERENCE.findall(window, 0, match.start())
                    names = _worksheet_names(archive) if names is None else names
                    default = PurePath(filename).stem
                    return {
                        "cell": cells[-1].decode() if cells else "?",
                        "worksheet": without_nul(names.get(filename, default)),
                    }
                tail = window[-4096:]
    return None


def _read_xlsx(name: str, content: bytes, parsed: Parsed) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        parsed.problems.append(Problem("unreadable_file", params={"file": name}))
        return
    lowered = [member.filename.lower() for member in members]
    if any(n.endswith("vbaproject.bin") or "macroenabled" in n for n in lowered) or any(
        b"macroEnabled" in archive.read(member)
        for member in members
        if member.filename == "[Content_Types].xml"
    ):
        parsed.problems.append(Problem("macros", params={"file": name}))
        return
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        parsed.problems.append(Problem("too_large_unpacked", params={"file": name}))
        return
    nul = _workbook_nul(archive)
    if nul is not None:
        code = "nul_in_workbook" if nul else "nul_in_workbook_text"
        parsed.problems.append(Problem(code, params={"file": name, **nul}))
        return

    try:
        # data_only=False keeps formulas as formulas, so they can be refused rather than
        # silently replaced by whatever value Excel last cached.
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        parsed.problems.append(Problem("unreadable_file", params={"file": name}))
        return
    try:
        for worksheet in workbook.worksheets:
            sheet_name = worksheet.title.strip().lower()
            if sheet_name not in (UNITS, PEOPLE):
                continue
            _read_worksheet(name, sheet_name, worksheet, parsed)
    finally:
        workbook.close()


def _read_worksheet(source: str, sheet_name: str, worksheet, parsed: Parsed) -> None:
    columns: list[str] = []
    rows = []
    for index, cells in enumerate(worksheet.iter_rows(), start=1):
        line = index
        if not columns:
            columns = [_normalise_header(cell.value) for cell in cells]
            while columns and not columns[-1]:
                columns.pop()
            parsed.problems.extend(_header_nul_problems(sheet_name, columns))
            columns = [without_nul(column) for column in columns]
            for position, cell in enumerate(cells):
                if _is_formula(cell):
                    parsed.problems.append(
                        Problem("formula", sheet_name, line, _column_letter(position))
                    )
            continue
        values: dict[str, str] = {}
        for position, cell in enumerate(cells):
            column = columns[position] if position < len(columns) else ""
            if _is_formula(cell):
                parsed.problems.append(
                    Problem("formula", sheet_name, line, column or _column_letter(position))
                )
                continue
            if column:
                values[column] = _cell_text(cell.value)
        parsed.problems.extend(_nul_problems(sheet_name, line, values))
        if any(values.values()):
            rows.append((line, values))
    _add_sheet(parsed, Sheet(sheet_name, source, columns, rows))


def _is_formula(cell) -> bool:
    value = getattr(cell, "value", None)
    return getattr(cell, "data_type", None) == "f" or (
        isinstance(value, str) and value.startswith("=")
    )


def _column_letter(position: int) -> str:
    return get_column_letter(position + 1)


def parsed_from_payload(payload: dict) -> Parsed:
    return Parsed(sheets={name: Sheet.from_dict(name, data) for name, data in payload.items()})
