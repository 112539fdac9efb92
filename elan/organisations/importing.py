# SPDX-License-Identifier: EUPL-1.2
"""Import of the organisation chart and its staff: parse → validate → plan → apply.

HR's systems export two tables, units and people (docs/import.md). Rows are matched on the
unit code and the external person id, never on a name or an e-mail address. Everything is
checked before anything is written; what would change is computed as a plan that HR reads,
and applying re-computes the plan inside one transaction and refuses if it differs from what
HR saw, so the import lands whole or not at all.

Problems are stored as a code and parameters, not as text, so each reader sees them in their
own language, even when the preview is opened later in another one.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import html
import io
import json
import logging
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elan.accounts import services as account_services
from elan.organisations import services
from elan.organisations.constants import (
    IMPORT_TRANSITIONS,
    IMPORTABLE_ROLES,
    PLATFORM_ROLES,
    GradeBand,
    ImportStatus,
    Role,
)
from elan.organisations.models import (
    CODE_PATTERN,
    ImportRun,
    PendingEmailChange,
    RoleAssignment,
    StaffRecord,
    Unit,
)

UNITS = "units"
PEOPLE = "people"

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
ROLE_SEPARATOR = ";"
ROLE_UNIT_SEPARATOR = "@"
DEACTIVATION_REASON = "Missing from the organisation import"
PREVIEW_LIMIT = 200
STALE_AFTER = datetime.timedelta(days=1)

logger = logging.getLogger(__name__)

# Every refusal, by code. The parameters are filled in when the message is shown.
MESSAGES = {
    "unsupported_file": _(
        "“%(file)s” is neither a CSV file nor an XLSX workbook. Export the data as CSV (UTF-8) "
        "or XLSX."
    ),
    "unreadable_file": _("“%(file)s” cannot be read as an XLSX workbook."),
    "macros": _(
        "“%(file)s” contains macros. Macros are never imported: save the workbook as a plain "
        "XLSX file without macros."
    ),
    "too_large_unpacked": _("“%(file)s” unpacks to more data than an organisation chart needs."),
    "wrong_encoding": _(
        "“%(file)s” is not encoded as UTF-8 (the problem starts on line %(line)s). Save it again "
        "as “CSV UTF-8”."
    ),
    "csv_field_too_large": _(
        "“%(file)s” cannot be read from line %(line)s on: a value there is far longer than any "
        "column allows. A quotation mark that is opened but never closed often causes this."
    ),
    "unreadable_csv": _("“%(file)s” cannot be read as a CSV file from line %(line)s on."),
    "nul_character": _(
        "This cell holds an invisible NUL character, which Elan cannot store. Delete the "
        "character or export the file again."
    ),
    "nul_in_workbook": _(
        "“%(file)s” holds an invisible NUL character in cell %(cell)s of the sheet "
        "“%(worksheet)s”, which no workbook may contain. Delete the character or export the "
        "file again."
    ),
    "nul_in_workbook_text": _(
        "“%(file)s” holds an invisible NUL character in one of its texts, which no workbook may "
        "contain. Delete the character or export the file again."
    ),
    "unknown_csv": _(
        "“%(file)s” has neither a unit_code nor an external_id column, so it is not clear whether "
        "it lists units or people."
    ),
    "duplicate_sheet": _("Two files or sheets both list %(sheet)s."),
    "missing_sheet": _(
        "The %(sheet)s are missing. Upload one XLSX workbook with the sheets “units” and "
        "“people”, or two CSV files."
    ),
    "empty_sheet": _("The %(sheet)s sheet has no rows."),
    "missing_column": _("The required column “%(column)s” is missing."),
    "missing_name_column": _(
        "The units need at least one name column: name_nl, name_fr, name_de or name_en."
    ),
    "unknown_column": _("The column “%(column)s” is unknown. Expected columns: %(expected)s."),
    "duplicate_column": _("The column “%(column)s” appears twice."),
    "formula": _(
        "This cell holds a formula. Formulas are never imported: paste the values instead."
    ),
    "required_value": _("This value is required."),
    "too_long": _("This value is longer than %(limit)s characters."),
    "invalid_code": _(
        "“%(value)s” is not a valid code: use letters, digits, dots, hyphens and underscores only."
    ),
    "missing_name": _("Give the unit a name in at least one language."),
    "duplicate_unit_code": _("The unit code “%(value)s” already appears on line %(first_line)s."),
    "duplicate_external_id": _(
        "The external id “%(value)s” already appears on line %(first_line)s."
    ),
    "duplicate_email": _("The e-mail address “%(value)s” already appears on line %(first_line)s."),
    "unknown_parent": _("The parent unit “%(value)s” is neither in the file nor in Elan."),
    "parent_missing_from_file": _(
        "The parent unit “%(value)s” is missing from the file, so the import would deactivate it."
    ),
    "parent_outside_scope": _(
        "The parent unit “%(value)s” is outside the part of the organisation you manage."
    ),
    "root_outside_scope": _(
        "Only HR for the whole organisation can add or move a unit at the top of the chart."
    ),
    "unit_outside_scope": _(
        "The unit “%(value)s” is outside the part of the organisation you manage."
    ),
    "unit_cycle": _("The units form a loop: %(chain)s. A unit cannot sit below itself."),
    "too_deep": _(
        "The unit “%(value)s” would sit %(depth)s levels deep, and the organisation chart holds "
        "at most %(limit)s levels. Attach it higher up."
    ),
    "invalid_email": _("“%(value)s” is not a valid e-mail address."),
    "email_taken": _("The e-mail address “%(value)s” already belongs to another account."),
    "address_change_platform_role": _(
        "The import cannot change the login address of “%(value)s”: this person holds the "
        "platform role “%(role)s”. Keep the current address in the file and ask an "
        "administrator to change it."
    ),
    "address_change_organisation_role": _(
        "The import cannot change the login address of “%(value)s”: this person holds the role "
        "“%(role)s” for the whole organisation. Keep the current address in the file and ask an "
        "administrator to change it."
    ),
    "address_change_role_outside_scope": _(
        "The import cannot change the login address of “%(value)s”: this person holds the role "
        "“%(role)s” for the unit “%(unit)s”, outside the part of the organisation you manage. "
        "Keep the current address in the file and ask an administrator to change it."
    ),
    "unknown_language": _("“%(value)s” is not a language Elan knows. Use one of: %(expected)s."),
    "unknown_grade": _("“%(value)s” is not a known level. Use one of: %(expected)s."),
    "unknown_unit": _("The unit “%(value)s” is not in the units sheet."),
    "unknown_manager": _("The manager “%(value)s” is neither in the file nor in Elan."),
    "manager_missing_from_file": _(
        "The manager “%(value)s” is missing from the file, so the import would deactivate them."
    ),
    "own_manager": _("A person cannot be their own line manager."),
    "manager_cycle": _(
        "The reporting lines form a loop: %(chain)s. Nobody can manage their own manager."
    ),
    "person_outside_scope": _(
        "The person “%(value)s” works in a unit outside the part of the organisation you manage."
    ),
    "unknown_role": _("“%(value)s” is not a known role. Use %(expected)s."),
    "role_not_importable": _(
        "The role “%(value)s” is granted in the back office by an administrator, not by import."
    ),
    "role_needs_unit": _("The role “%(value)s” needs a unit, written as %(value)s@UNIT_CODE."),
    "deactivates_importer": _(
        "You are not in the file, so the import would deactivate your own account. Check "
        "that the export covers the whole of your part of the organisation."
    ),
    "role_outside_scope": _(
        "Only HR for the whole organisation can grant a role for the whole organisation."
    ),
}
SHEET_LABELS = {UNITS: _("units"), PEOPLE: _("people")}


# --- The shape of a parsed file ------------------------------------------------------------------
@dataclass
class Problem:
    code: str
    sheet: str = ""
    line: int | None = None
    column: str = ""
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "sheet": self.sheet,
            "line": self.line,
            "column": self.column,
            "params": self.params,
        }


def problem_message(problem: dict) -> str:
    """The problem in the active language."""
    params = dict(problem.get("params") or {})
    if "sheet" in params:
        params["sheet"] = str(SHEET_LABELS.get(params["sheet"], params["sheet"]))
    if "role" in params:
        params["role"] = str(dict(Role.choices).get(params["role"], params["role"]))
    return str(MESSAGES[problem["code"]]) % params


def problem_location(problem: dict) -> str:
    """Where the problem is, as a phrase in the active language: sheet, line and column."""
    sheet = str(SHEET_LABELS.get(problem.get("sheet", ""), "")) if problem.get("sheet") else ""
    line, column = problem.get("line"), problem.get("column")
    if sheet and line and column:
        return _("Sheet %(sheet)s, line %(line)s, column “%(column)s”") % {
            "sheet": sheet,
            "line": line,
            "column": column,
        }
    if sheet and line:
        return _("Sheet %(sheet)s, line %(line)s") % {"sheet": sheet, "line": line}
    if sheet:
        return _("Sheet %(sheet)s") % {"sheet": sheet}
    return ""


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


# --- Parse ---------------------------------------------------------------------------------------
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

    import openpyxl

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
    from openpyxl.utils import get_column_letter

    return get_column_letter(position + 1)


# --- Scope ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scope:
    """The part of the chart an import may change: the whole organisation, or subtrees."""

    paths: tuple[str, ...] | None = None

    @property
    def is_whole(self) -> bool:
        return self.paths is None

    def covers(self, path: str) -> bool:
        return self.paths is None or any(path.startswith(prefix) for prefix in self.paths)


WHOLE_ORGANISATION = Scope()


def scope_for(user) -> Scope | None:
    """What ``user`` may import, or None when they may not import at all."""
    if user is None:
        return WHOLE_ORGANISATION
    if not user.has_perm("organisations.import_staff"):
        return None
    if (
        user.is_superuser
        or RoleAssignment.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()
    ):
        return WHOLE_ORGANISATION
    assignments = RoleAssignment.objects.filter(user=user, role=Role.HR).select_related("unit")
    if any(assignment.unit_id is None for assignment in assignments):
        return WHOLE_ORGANISATION
    return Scope(paths=tuple(sorted(assignment.unit.path for assignment in assignments)))


# --- Validate and plan ---------------------------------------------------------------------------
@dataclass
class Result:
    problems: list[dict]
    plan: dict
    fingerprint: str


@dataclass
class _UnitRow:
    line: int
    code: str
    parent_code: str
    names: dict[str, str]


@dataclass
class _PersonRow:
    line: int
    values: dict[str, str]
    roles: set[tuple[str, str]] | None  # (role, unit code or ""); None: column absent


class _Planner:
    """Checks every row against the file and the database, then works out the changes."""

    def __init__(self, sheets: dict[str, Sheet], scope: Scope):
        self.sheets = sheets
        self.scope = scope
        self.problems: list[Problem] = []
        self.units: dict[str, _UnitRow] = {}
        self.people: dict[str, _PersonRow] = {}
        # Every key in the file, valid rows or not, so one bad row does not make its
        # neighbours look as if they pointed at nothing.
        self.unit_codes_in_file = {
            values.get("unit_code", "") for _line, values in sheets[UNITS].rows
        }
        self.external_ids_in_file = {
            values.get("external_id", "") for _line, values in sheets[PEOPLE].rows
        }
        self.user_model = get_user_model()
        self.db_units = {
            unit["code"]: unit
            for unit in Unit.objects.values(
                "id", "code", "path", "depth", "is_active", *UNIT_NAME_COLUMNS
            )
        }
        self.db_units_by_path = {unit["path"]: unit for unit in self.db_units.values()}
        self.db_people = {
            record["external_id"]: record
            for record in StaffRecord.objects.values(
                "external_id",
                "user_id",
                "unit__code",
                "unit__path",
                "line_manager_id",
                "grade",
                "job_title",
                "user__email",
                "user__first_name",
                "user__last_name",
                "user__preferred_language",
                "user__is_active",
                "user__is_superuser",
            )
        }
        self.external_id_of_user = {
            record["user_id"]: external_id for external_id, record in self.db_people.items()
        }
        # Roles are few next to people: every holder's roles, to judge address changes.
        self.roles_of_user: dict[int, list[tuple[str, str | None]]] = {}
        for user_id, role, unit_path in RoleAssignment.objects.values_list(
            "user_id", "role", "unit__path"
        ):
            self.roles_of_user.setdefault(user_id, []).append((role, unit_path))
        # An address already waiting for its owner's confirmation is not asked for again.
        self.pending_addresses = {
            user_id: email.lower()
            for user_id, email in PendingEmailChange.objects.filter(
                expires_at__gt=timezone.now()
            ).values_list("user_id", "new_email")
        }

    def add(self, code: str, sheet: str, line: int | None, column: str = "", **params) -> None:
        self.problems.append(Problem(code, sheet, line, column, params))

    # -- units
    def check_units(self) -> None:
        sheet = self.sheets[UNITS]
        first_lines: dict[str, int] = {}
        for line, values in sheet.rows:
            code = values.get("unit_code", "")
            parent_code = values.get("parent_code", "")
            names = {column: values.get(column, "") for column in UNIT_NAME_COLUMNS}
            ok = self._check_common(UNITS, line, values)
            if not code:
                self.add("required_value", UNITS, line, "unit_code")
                ok = False
            elif not _is_code(code):
                self.add("invalid_code", UNITS, line, "unit_code", value=code)
                ok = False
            if parent_code and not _is_code(parent_code):
                self.add("invalid_code", UNITS, line, "parent_code", value=parent_code)
                ok = False
            if not any(names.values()):
                self.add("missing_name", UNITS, line, _first_present(sheet, UNIT_NAME_COLUMNS))
                ok = False
            if code in first_lines:
                self.add(
                    "duplicate_unit_code",
                    UNITS,
                    line,
                    "unit_code",
                    value=code,
                    first_line=first_lines[code],
                )
                continue
            if code:
                first_lines[code] = line
            if ok:
                self.units[code] = _UnitRow(line, code, parent_code, names)

        for row in self.units.values():
            self._check_unit_place(row)
        self._check_unit_cycles()
        if not any(problem.code == "unit_cycle" for problem in self.problems):
            self._check_unit_depth()

    def _check_unit_place(self, row: _UnitRow) -> None:
        existing = self.db_units.get(row.code)
        if existing and not self.scope.covers(existing["path"]):
            self.add("unit_outside_scope", UNITS, row.line, "unit_code", value=row.code)
            return
        current_parent = self._db_parent_code(existing) if existing else None
        if not row.parent_code:
            if not self.scope.is_whole and (existing is None or current_parent is not None):
                self.add("root_outside_scope", UNITS, row.line, "parent_code")
            return
        if row.parent_code in self.unit_codes_in_file:
            return
        parent = self.db_units.get(row.parent_code)
        if parent is None:
            self.add("unknown_parent", UNITS, row.line, "parent_code", value=row.parent_code)
            return
        if self.scope.covers(parent["path"]):
            self.add(
                "parent_missing_from_file", UNITS, row.line, "parent_code", value=row.parent_code
            )
        elif current_parent != row.parent_code:
            self.add("parent_outside_scope", UNITS, row.line, "parent_code", value=row.parent_code)

    def _db_parent_code(self, unit: dict) -> str | None:
        if unit["depth"] <= 1:
            return None
        parent = self.db_units_by_path.get(unit["path"][: -Unit.steplen])
        return parent["code"] if parent else None

    def _check_unit_cycles(self) -> None:
        parents = {code: row.parent_code for code, row in self.units.items()}
        reported: set[str] = set()
        # Each unit is walked once: a file may nest thousands of levels.
        done: set[str] = set()
        for start in parents:
            chain: list[str] = []
            position: dict[str, int] = {}
            current = start
            while current in parents and current not in done and current not in position:
                position[current] = len(chain)
                chain.append(current)
                current = parents[current]
            done.update(chain)
            if current in position:
                loop = chain[position[current] :]
                if reported.intersection(loop):
                    continue
                reported.update(loop)
                first = min(loop, key=lambda code: self.units[code].line)
                ordered = loop[loop.index(first) :] + loop[: loop.index(first)]
                self.add(
                    "unit_cycle",
                    UNITS,
                    self.units[first].line,
                    "parent_code",
                    chain=" → ".join([*ordered, first]),
                )

    def _check_unit_depth(self) -> None:
        """Refuse a chart deeper than the tree's materialised path can hold.

        Each level takes ``steplen`` characters of the path column, so the column's length
        bounds the depth; writing past it fails the apply (PostgreSQL refuses the value), so
        the preview names the first unit that would not fit.
        """
        limit = Unit._meta.get_field("path").max_length // Unit.steplen
        depths = self._final_depths()
        too_deep: dict[tuple[int, str], None] = {}
        for code, depth in depths.items():
            if depth == limit + 1:
                too_deep[(self.units[code].line, code)] = None
        # Units left out of the file stay in the tree and move with their parent.
        for code, unit in self.db_units.items():
            if code in self.units:
                continue
            for level in range(unit["depth"] - 1, 0, -1):
                ancestor = self.db_units_by_path.get(unit["path"][: level * Unit.steplen])
                if ancestor is not None and ancestor["code"] in depths:
                    depth = depths[ancestor["code"]] + unit["depth"] - level
                    if depth == limit + 1:
                        too_deep[(self.units[ancestor["code"]].line, code)] = None
                    break
        for line, code in sorted(too_deep):
            self.add(
                "too_deep", UNITS, line, "parent_code", value=code, depth=limit + 1, limit=limit
            )

    # -- people
    def check_people(self) -> None:
        sheet = self.sheets[PEOPLE]
        has_roles = "roles" in sheet.columns
        first_ids: dict[str, int] = {}
        first_emails: dict[str, int] = {}
        languages = [code for code, _name in settings.LANGUAGES]
        grades = [choice.value for choice in GradeBand]
        emails_in_use = {
            email.lower(): user_id
            for user_id, email in self.user_model.objects.values_list("id", "email")
        }
        for line, raw in sheet.rows:
            values = dict(raw)
            ok = self._check_common(PEOPLE, line, values)
            external_id = values.get("external_id", "")
            for column in PEOPLE_REQUIRED_COLUMNS:
                if not values.get(column):
                    self.add("required_value", PEOPLE, line, column)
                    ok = False
            if external_id and not _is_code(external_id):
                self.add("invalid_code", PEOPLE, line, "external_id", value=external_id)
                ok = False
            email = values.get("email", "")
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    self.add("invalid_email", PEOPLE, line, "email", value=email)
                    ok = False
                else:
                    email = self.user_model.objects.normalize_email(email)
                    values["email"] = email
                    key = email.lower()
                    if key in first_emails:
                        self.add(
                            "duplicate_email",
                            PEOPLE,
                            line,
                            "email",
                            value=email,
                            first_line=first_emails[key],
                        )
                        ok = False
                    else:
                        first_emails[key] = line
                    owner = emails_in_use.get(key)
                    record = self.db_people.get(external_id)
                    if owner is not None and (record is None or record["user_id"] != owner):
                        self.add("email_taken", PEOPLE, line, "email", value=email)
                        ok = False
                    elif record is not None and key != (record["user__email"] or "").lower():
                        refusal = self._address_change_refusal(external_id, record)
                        if refusal is not None:
                            code, params = refusal
                            self.add(code, PEOPLE, line, "email", **params)
                            ok = False
            language = values.get("language", "").lower()
            values["language"] = language
            if language and language not in languages:
                self.add(
                    "unknown_language",
                    PEOPLE,
                    line,
                    "language",
                    value=raw.get("language", ""),
                    expected=", ".join(languages),
                )
                ok = False
            grade = values.get("grade", "").upper()
            values["grade"] = grade
            if grade and grade not in grades:
                self.add(
                    "unknown_grade",
                    PEOPLE,
                    line,
                    "grade",
                    value=raw.get("grade", ""),
                    expected=", ".join(grades),
                )
                ok = False
            unit_code = values.get("unit_code", "")
            if unit_code and unit_code not in self.unit_codes_in_file:
                self.add("unknown_unit", PEOPLE, line, "unit_code", value=unit_code)
                ok = False
            record = self.db_people.get(external_id)
            if record and not self.scope.covers(record["unit__path"]):
                self.add("person_outside_scope", PEOPLE, line, "external_id", value=external_id)
                ok = False
            roles = self._parse_roles(line, values.get("roles", "")) if has_roles else None
            if roles is False:
                ok = False
            if external_id in first_ids:
                self.add(
                    "duplicate_external_id",
                    PEOPLE,
                    line,
                    "external_id",
                    value=external_id,
                    first_line=first_ids[external_id],
                )
                continue
            if external_id:
                first_ids[external_id] = line
            if ok:
                self.people[external_id] = _PersonRow(line, values, roles or set())
                if not has_roles:
                    self.people[external_id].roles = None

        for external_id, row in self.people.items():
            self._check_manager(external_id, row)
        self._check_manager_cycles()

    def _address_change_refusal(self, external_id: str, record: dict) -> tuple[str, dict] | None:
        """Why the import may not change this account's login address, if it may not.

        Whoever controls the file controls the new address, and verification only proves
        that someone reads it: a file must not hand over an account that can do more than
        the importer (a platform role, or a role beyond the importer's part of the chart).
        """
        held = self.roles_of_user.get(record["user_id"], [])
        platform = sorted({role for role, _path in held if role in PLATFORM_ROLES})
        if record["user__is_superuser"] and Role.ADMINISTRATOR not in platform:
            platform.insert(0, Role.ADMINISTRATOR)
        if platform:
            return "address_change_platform_role", {"value": external_id, "role": platform[0]}
        for role, path in sorted(held, key=lambda item: (item[0], item[1] or "")):
            if path is None:
                return "address_change_organisation_role", {"value": external_id, "role": role}
            if not self.scope.covers(path):
                unit = self.db_units_by_path.get(path)
                return "address_change_role_outside_scope", {
                    "value": external_id,
                    "role": role,
                    "unit": unit["code"] if unit else "",
                }
        return None

    def _parse_roles(self, line: int, text: str) -> set[tuple[str, str]] | bool:
        roles: set[tuple[str, str]] = set()
        ok = True
        known = [choice.value for choice in Role]
        for item in (part.strip() for part in text.split(ROLE_SEPARATOR)):
            if not item:
                continue
            role, _sep, unit_code = (part.strip() for part in item.partition(ROLE_UNIT_SEPARATOR))
            role = role.lower()
            if role not in known:
                self.add(
                    "unknown_role",
                    PEOPLE,
                    line,
                    "roles",
                    value=role,
                    expected="team_lead@UNIT_CODE, hr@UNIT_CODE, hr",
                )
                ok = False
            elif role not in IMPORTABLE_ROLES:
                self.add("role_not_importable", PEOPLE, line, "roles", value=role)
                ok = False
            elif role == Role.TEAM_LEAD and not unit_code:
                self.add("role_needs_unit", PEOPLE, line, "roles", value=role)
                ok = False
            elif unit_code and unit_code not in self.unit_codes_in_file:
                self.add("unknown_unit", PEOPLE, line, "roles", value=unit_code)
                ok = False
            elif not unit_code and not self.scope.is_whole:
                self.add("role_outside_scope", PEOPLE, line, "roles")
                ok = False
            else:
                roles.add((role, unit_code))
        return roles if ok else False

    def _check_manager(self, external_id: str, row: _PersonRow) -> None:
        manager_id = row.values.get("manager_external_id", "")
        if not manager_id:
            return
        if manager_id == external_id:
            self.add("own_manager", PEOPLE, row.line, "manager_external_id")
            return
        if manager_id in self.external_ids_in_file:
            return
        record = self.db_people.get(manager_id)
        if record is None or not record["user__is_active"]:
            self.add("unknown_manager", PEOPLE, row.line, "manager_external_id", value=manager_id)
        elif self.scope.covers(record["unit__path"]):
            self.add(
                "manager_missing_from_file",
                PEOPLE,
                row.line,
                "manager_external_id",
                value=manager_id,
            )

    def _manager_of(self, external_id: str) -> str | None:
        row = self.people.get(external_id)
        if row is not None:
            return row.values.get("manager_external_id") or None
        record = self.db_people.get(external_id)
        if record and record["line_manager_id"]:
            return self.external_id_of_user.get(record["line_manager_id"])
        return None

    def _check_manager_cycles(self) -> None:
        reported: set[str] = set()
        # Each person is walked once: reporting lines in a file can be long.
        done: set[str] = set()
        for start in self.people:
            chain: list[str] = []
            position: dict[str, int] = {}
            current = start
            while current is not None and current not in done and current not in position:
                position[current] = len(chain)
                chain.append(current)
                current = self._manager_of(current)
            done.update(chain)
            if current is None or current not in position:
                continue
            loop = chain[position[current] :]
            in_file = [person for person in loop if person in self.people]
            if reported.intersection(loop) or len(loop) < 2 or not in_file:
                continue
            reported.update(loop)
            first = min(in_file, key=lambda person: self.people[person].line)
            ordered = loop[loop.index(first) :] + loop[: loop.index(first)]
            self.add(
                "manager_cycle",
                PEOPLE,
                self.people[first].line,
                "manager_external_id",
                chain=" → ".join([*ordered, first]),
            )

    def _check_common(self, sheet: str, line: int, values: dict[str, str]) -> bool:
        ok = True
        for column, value in values.items():
            limit = MAX_LENGTHS.get(column)
            if limit and len(value) > limit:
                self.add("too_long", sheet, line, column, limit=limit)
                ok = False
        return ok

    # -- the plan
    def plan(self) -> dict:
        plan = {
            "units": {"create": [], "update": [], "move": [], "deactivate": [], "reactivate": []},
            "people": {
                "create": [],
                "update": [],
                "confirm_address": [],
                "move": [],
                "deactivate": [],
                "reactivate": [],
            },
            "roles": {"grant": [], "revoke": []},
        }
        self._plan_units(plan["units"])
        self._plan_people(plan["people"])
        leaving = {item["external_id"] for item in plan["people"]["deactivate"]}
        self._plan_roles(plan["roles"], leaving)
        plan["counts"] = {
            f"{group}_{action}": len(items)
            for group in ("units", "people", "roles")
            for action, items in plan[group].items()
        }
        plan["deactivation_check"] = self._deactivation_check(len(leaving))
        return plan

    def _deactivation_check(self, leaving: int) -> dict | None:
        """Whether the import deactivates enough people to need the importer to type the number.

        A partial export (one sheet of several, a filter left on) looks exactly like a mass
        departure; above the share, nobody leaves on a single click.
        """
        active = sum(
            1
            for record in self.db_people.values()
            if record["user__is_active"] and self.scope.covers(record["unit__path"])
        )
        share = settings.IMPORT_DEACTIVATION_CONFIRM_SHARE
        if not leaving or leaving * 100 <= share * active:
            return None
        return {"count": leaving, "active": active, "share": share}

    def _final_depths(self) -> dict[str, int]:
        """The depth each valid unit of the file will have; units under a loop or an unknown
        parent have none. Walked without recursion: a file may nest thousands of levels."""
        depths: dict[str, int] = {}
        for start in self.units:
            chain: list[str] = []
            seen: set[str] = set()
            code = start
            while code in self.units and code not in depths and code not in seen:
                chain.append(code)
                seen.add(code)
                code = self.units[code].parent_code
            if code in depths:
                base = depths[code]
            elif code in seen:
                continue  # a loop, reported on its own
            elif not code:
                base = 0
            elif code in self.db_units:
                base = self.db_units[code]["depth"]
            else:
                continue  # an unknown parent, reported on its own
            for code in reversed(chain):
                base += 1
                depths[code] = base
        return depths

    def _plan_units(self, plan: dict) -> None:
        depths = self._final_depths()
        for code in sorted(self.units, key=lambda c: (depths[c], c)):
            row = self.units[code]
            existing = self.db_units.get(code)
            if existing is None:
                plan["create"].append(
                    {"code": code, "parent": row.parent_code, "depth": depths[code], **row.names}
                )
                continue
            changes = {
                column: [existing[column], value]
                for column, value in row.names.items()
                if column in self.sheets[UNITS].columns and existing[column] != value
            }
            if changes:
                plan["update"].append({"code": code, "changes": changes})
            if not existing["is_active"]:
                plan["reactivate"].append({"code": code})
            parent = self._db_parent_code(existing) or ""
            if parent != row.parent_code:
                plan["move"].append(
                    {"code": code, "from": parent, "to": row.parent_code, "depth": depths[code]}
                )
        for code, unit in sorted(self.db_units.items()):
            if code not in self.units and unit["is_active"] and self.scope.covers(unit["path"]):
                plan["deactivate"].append({"code": code})

    def _plan_people(self, plan: dict) -> None:
        columns = set(self.sheets[PEOPLE].columns)
        fields = (
            ("email", "user__email"),
            ("first_name", "user__first_name"),
            ("last_name", "user__last_name"),
            ("language", "user__preferred_language"),
            ("grade", "grade"),
            ("job_title", "job_title"),
        )
        for external_id in sorted(self.people):
            values = self.people[external_id].values
            record = self.db_people.get(external_id)
            name = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
            if record is not None:
                old, new = record["user__email"] or "", values.get("email", "")
                # A change of case only is the same mailbox: the import leaves it alone.
                if (
                    old.lower() != new.lower()
                    and self.pending_addresses.get(record["user_id"]) != new.lower()
                ):
                    plan["confirm_address"].append(
                        {"external_id": external_id, "name": name, "from": old, "to": new}
                    )
            if record is None:
                plan["create"].append(
                    {
                        "external_id": external_id,
                        "name": name,
                        "unit": values["unit_code"],
                        **{column: values.get(column, "") for column, _f in fields},
                        "manager": values.get("manager_external_id", ""),
                    }
                )
                continue
            changes = {}
            for column, record_field in fields:
                if column == "email":
                    continue  # never written here: the new address confirms it (above)
                if column in columns and (record[record_field] or "") != values.get(column, ""):
                    changes[column] = [record[record_field] or "", values.get(column, "")]
            if "manager_external_id" in columns:
                current = self.external_id_of_user.get(record["line_manager_id"], "")
                wanted = values.get("manager_external_id", "")
                if current != wanted:
                    changes["manager"] = [current, wanted]
            if changes:
                plan["update"].append(
                    {"external_id": external_id, "name": name, "changes": changes}
                )
            if record["unit__code"] != values["unit_code"]:
                plan["move"].append(
                    {
                        "external_id": external_id,
                        "name": name,
                        "from": record["unit__code"],
                        "to": values["unit_code"],
                    }
                )
            if not record["user__is_active"]:
                plan["reactivate"].append({"external_id": external_id, "name": name})
        for external_id, record in sorted(self.db_people.items()):
            if (
                external_id not in self.people
                and record["user__is_active"]
                and self.scope.covers(record["unit__path"])
            ):
                name = f"{record['user__first_name']} {record['user__last_name']}".strip()
                plan["deactivate"].append({"external_id": external_id, "name": name})

    def _plan_roles(self, plan: dict, leaving: set[str]) -> None:
        # People who leave lose the roles the import manages, so no team is led by an
        # account that can no longer log in.
        managed = {e for e, row in self.people.items() if row.roles is not None} | leaving
        if not managed:
            return
        unit_code_of_id = {unit["id"]: code for code, unit in self.db_units.items()}
        current: dict[str, set[tuple[str, str]]] = {}
        # Roles are few next to people, so reading them all beats a huge IN list.
        for user_id, role, unit_id in RoleAssignment.objects.filter(
            role__in=sorted(IMPORTABLE_ROLES)
        ).values_list("user_id", "role", "unit_id"):
            external_id = self.external_id_of_user.get(user_id)
            if external_id not in managed:
                continue
            code = unit_code_of_id.get(unit_id, "") if unit_id else ""
            if code and not self.scope.covers(self.db_units[code]["path"]):
                continue  # a role elsewhere in the chart is not this import's to change
            if not code and not self.scope.is_whole:
                continue
            current.setdefault(external_id, set()).add((role, code))
        for external_id in sorted(managed):
            row = self.people.get(external_id)
            wanted = (row.roles if row is not None else None) or set()
            held = current.get(external_id, set())
            for role, code in sorted(wanted - held):
                plan["grant"].append({"external_id": external_id, "role": role, "unit": code})
            for role, code in sorted(held - wanted):
                plan["revoke"].append({"external_id": external_id, "role": role, "unit": code})


def _is_code(value: str) -> bool:
    return re.fullmatch(CODE_PATTERN, value) is not None


def _first_present(sheet: Sheet, columns: Iterable[str]) -> str:
    return next((column for column in columns if column in sheet.columns), "")


def _sort_problems(problems: list[Problem]) -> list[dict]:
    order = {"": 0, UNITS: 1, PEOPLE: 2}
    problems = sorted(
        problems, key=lambda p: (order.get(p.sheet, 3), p.line or 0, p.column, p.code)
    )
    return [problem.as_dict() for problem in problems]


def build_plan(parsed: Parsed, *, scope: Scope, actor=None) -> Result:
    """Validate every row and, when nothing is wrong, work out what would change. Reads only."""
    if parsed.problems:
        return Result(_sort_problems(parsed.problems), {}, "")
    planner = _Planner(parsed.sheets, scope)
    planner.check_units()
    planner.check_people()
    if planner.problems:
        return Result(_sort_problems(planner.problems), {}, "")
    plan = planner.plan()
    if actor is not None and any(
        planner.db_people[item["external_id"]]["user_id"] == actor.pk
        for item in plan["people"]["deactivate"]
    ):
        # Leaving oneself out of the file is nearly always an export filtered too narrowly.
        problem = Problem("deactivates_importer", PEOPLE, None, "external_id")
        return Result(_sort_problems([problem]), {}, "")
    return Result([], plan, _fingerprint(plan))


def _fingerprint(plan: dict) -> str:
    return hashlib.sha256(json.dumps(plan, sort_keys=True).encode()).hexdigest()


def parsed_from_payload(payload: dict) -> Parsed:
    return Parsed(sheets={name: Sheet.from_dict(name, data) for name, data in payload.items()})


def preview(
    files: Iterable[tuple[str, bytes]], *, scope: Scope, actor=None
) -> tuple[Parsed, Result]:
    parsed = parse_files(files)
    return parsed, build_plan(parsed, scope=scope, actor=actor)


# --- Apply ---------------------------------------------------------------------------------------
class ImportOutdated(Exception):
    """The organisation changed between the preview and the application."""


class ImportInvalid(Exception):
    """The rows no longer pass validation."""


class DeactivationsNotConfirmed(Exception):
    """The import deactivates many people and the importer has not confirmed how many."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def deactivations_to_confirm(plan: dict) -> int:
    """How many deactivations the importer must confirm by typing the number; 0: none."""
    check = (plan or {}).get("deactivation_check") or {}
    return int(check.get("count") or 0)


@transaction.atomic
def apply_plan(
    *,
    parsed: Parsed,
    scope: Scope,
    actor=None,
    expected_fingerprint: str = "",
    confirmed_deactivations: int | None = None,
    run: ImportRun | None = None,
) -> dict:
    """Write the changes of the plan, all or nothing, and return the plan as the report.

    Login addresses are not written: each change waits for its owner's confirmation, and
    the current address is told (``services.email_changes_request``).
    """
    result = build_plan(parsed, scope=scope, actor=actor)
    if result.problems:
        raise ImportInvalid
    if expected_fingerprint and result.fingerprint != expected_fingerprint:
        raise ImportOutdated
    plan = result.plan
    required = deactivations_to_confirm(plan)
    if required and confirmed_deactivations != required:
        raise DeactivationsNotConfirmed(required)
    people_rows = {values["external_id"]: values for _line, values in parsed.sheets[PEOPLE].rows}
    columns = set(parsed.sheets[PEOPLE].columns)
    _apply_units(plan["units"])
    _apply_people(plan["people"], people_rows, columns, actor)
    _apply_addresses(plan["people"]["confirm_address"], actor, run)
    _apply_roles(plan["roles"])
    return plan


def _apply_units(plan: dict) -> None:
    for item in plan["update"]:
        Unit.objects.filter(code=item["code"]).update(
            **{column: change[1] for column, change in item["changes"].items()}
        )
    Unit.objects.filter(code__in=[item["code"] for item in plan["reactivate"]]).update(
        is_active=True
    )
    # Parents first: each step reads its nodes afresh, because a sorted insert or a move
    # rewrites the paths of the siblings that follow it.
    steps = [("create", item) for item in plan["create"]] + [
        ("move", item) for item in plan["move"]
    ]
    steps.sort(key=lambda step: (step[1]["depth"], step[1]["code"]))
    for action, item in steps:
        parent = (
            Unit.objects.get(code=item["parent" if action == "create" else "to"])
            if (item["parent" if action == "create" else "to"])
            else None
        )
        if action == "create":
            fields = {"code": item["code"], **{c: item[c] for c in UNIT_NAME_COLUMNS}}
            if parent is None:
                Unit.add_root(**fields)
            else:
                parent.add_child(**fields)
        else:
            unit = Unit.objects.get(code=item["code"])
            if parent is None:
                unit.move(Unit.get_first_root_node(), pos="sorted-sibling")
            else:
                unit.move(parent, pos="sorted-child")
    Unit.objects.filter(code__in=[item["code"] for item in plan["deactivate"]]).update(
        is_active=False
    )


def _apply_people(plan: dict, rows: dict[str, dict], columns: set[str], actor) -> None:
    user_model = get_user_model()
    units = dict(Unit.objects.values_list("code", "id"))

    new_users = []
    for item in plan["create"]:
        user = user_model(
            email=user_model.objects.normalize_email(item["email"]),
            first_name=item["first_name"],
            last_name=item["last_name"],
            preferred_language=item["language"],
        )
        # People sign in through single sign-on or set a password through the reset e-mail.
        user.set_unusable_password()
        new_users.append(user)
    created = user_model.objects.bulk_create(new_users, batch_size=2000)
    if created and created[0].pk is None:  # backends that cannot return keys
        by_email = dict(
            user_model.objects.filter(email__in=[u.email for u in created]).values_list(
                "email", "id"
            )
        )
        for user in created:
            user.pk = by_email[user.email]
    _login_addresses_create(created)
    StaffRecord.objects.bulk_create(
        [
            StaffRecord(
                user_id=user.pk,
                external_id=item["external_id"],
                unit_id=units[item["unit"]],
                grade=item["grade"],
                job_title=item["job_title"],
            )
            for item, user in zip(plan["create"], created, strict=True)
        ],
        batch_size=2000,
    )

    records = {
        record.external_id: record
        for record in StaffRecord.objects.filter(external_id__in=list(rows)).select_related("user")
    }
    user_fields = {
        "email": "email",
        "first_name": "first_name",
        "last_name": "last_name",
        "language": "preferred_language",
    }
    changed_users, changed_records = [], []
    for item in plan["update"]:
        record = records[item["external_id"]]
        for column, (_old, new) in item["changes"].items():
            if column in user_fields:
                setattr(record.user, user_fields[column], new)
            elif column in ("grade", "job_title"):
                setattr(record, column, new)
        changed_users.append(record.user)
        changed_records.append(record)
    for item in plan["move"]:
        record = records[item["external_id"]]
        record.unit_id = units[item["to"]]
        changed_records.append(record)
    if changed_users:
        user_model.objects.bulk_update(changed_users, list(user_fields.values()), batch_size=2000)
    if changed_records:
        StaffRecord.objects.bulk_update(
            list({id(r): r for r in changed_records}.values()),
            ["grade", "job_title", "unit"],
            batch_size=2000,
        )

    if "manager_external_id" in columns:
        user_of = {external_id: record.user_id for external_id, record in records.items()}
        missing = {
            values.get("manager_external_id")
            for values in rows.values()
            if values.get("manager_external_id") and values["manager_external_id"] not in user_of
        }
        user_of.update(
            StaffRecord.objects.filter(external_id__in=missing).values_list(
                "external_id", "user_id"
            )
        )
        managed = []
        for external_id, record in records.items():
            wanted = user_of.get(rows[external_id].get("manager_external_id", ""))
            if record.line_manager_id != wanted:
                record.line_manager_id = wanted
                managed.append(record)
        StaffRecord.objects.bulk_update(managed, ["line_manager"], batch_size=2000)

    for item in plan["reactivate"]:
        account_services.user_reactivate(user=records[item["external_id"]].user, actor=actor)
    leaving = StaffRecord.objects.filter(
        external_id__in=[item["external_id"] for item in plan["deactivate"]]
    ).select_related("user")
    for record in leaving:
        account_services.user_deactivate(user=record.user, actor=actor, reason=DEACTIVATION_REASON)


def _login_addresses_create(users: list) -> None:
    """Allauth's address row for each account the import created, as ``email_address_sync``
    writes it: one, verified (the address comes from HR) and primary.

    ``bulk_create`` skips the save signal that calls ``email_address_sync``, and a first import
    creates tens of thousands of accounts, so the rows are written here in bulk.
    """
    from allauth.account.models import EmailAddress

    addresses = {user.pk: user.email.strip().lower() for user in users}
    values = list(addresses.values())
    for start in range(0, len(values), 2000):
        # Left over from an account that no longer has the address (the file's check made sure
        # no account has it now): it would keep the address from being verified here.
        EmailAddress.objects.annotate(address=Lower("email")).filter(
            address__in=values[start : start + 2000]
        ).delete()
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email, verified=True, primary=True)
            for pk, email in addresses.items()
        ],
        batch_size=2000,
    )


def _apply_addresses(items: list[dict], actor, run: ImportRun | None) -> None:
    if not items:
        return
    users = {
        record.external_id: record.user
        for record in StaffRecord.objects.filter(
            external_id__in=[item["external_id"] for item in items]
        ).select_related("user")
    }
    services.email_changes_request(
        changes=[(users[item["external_id"]], item["to"]) for item in items],
        import_run=run,
        requested_by=actor,
    )


def _apply_roles(plan: dict) -> None:
    external_ids = {item["external_id"] for item in plan["grant"] + plan["revoke"]}
    users = {
        record.external_id: record.user
        for record in StaffRecord.objects.filter(external_id__in=external_ids).select_related(
            "user"
        )
    }
    units = {
        unit.code: unit
        for unit in Unit.objects.filter(
            code__in={item["unit"] for item in plan["grant"] + plan["revoke"] if item["unit"]}
        )
    }
    for item in plan["revoke"]:
        services.role_revoke(
            user=users[item["external_id"]], role=item["role"], unit=units.get(item["unit"])
        )
    for item in plan["grant"]:
        services.role_assign(
            user=users[item["external_id"]], role=item["role"], unit=units.get(item["unit"])
        )


# --- Runs: the upload kept between its preview and its application -------------------------------
class TransitionNotAllowed(Exception):
    pass


def _move(run: ImportRun, status: str, *, actor, note: str = "") -> None:
    if status not in IMPORT_TRANSITIONS[run.status]:
        raise TransitionNotAllowed(f"{run.status} → {status}")
    run.status = status
    run.history = [
        *run.history,
        {
            "status": status,
            "at": timezone.now().isoformat(),
            "by": actor.pk if actor is not None else None,
            **({"note": note} if note else {}),
        },
    ]


@transaction.atomic
def import_run_create(*, actor, files: list[tuple[str, bytes]]) -> ImportRun:
    """Parse and check the upload, keep it on the server, and compute its preview."""
    scope = scope_for(actor)
    if scope is None:
        raise PermissionError("This person may not import the organisation chart.")
    # One open import per person: a new upload replaces the one that was waiting. Rows left
    # waiting by anyone for longer than a day are personal data with no purpose left: wiped.
    stale_before = timezone.now() - STALE_AFTER
    for waiting in ImportRun.objects.select_for_update().filter(
        models.Q(created_by=actor) | models.Q(created_at__lt=stale_before),
        status__in=[ImportStatus.UPLOADED, ImportStatus.PREVIEWED],
    ):
        import_run_discard(run=waiting, actor=actor)
    parsed = parse_files(files)
    run = ImportRun.objects.create(
        created_by=actor,
        source_names=", ".join(name for name, _content in files)[:500],
        payload=parsed.payload() if not parsed.problems else {},
        history=[
            {
                "status": ImportStatus.UPLOADED,
                "at": timezone.now().isoformat(),
                "by": actor.pk if actor is not None else None,
            }
        ],
    )
    result = build_plan(parsed, scope=scope, actor=actor)
    run.problems = result.problems
    run.plan = result.plan
    run.fingerprint = result.fingerprint
    if result.problems:
        run.payload = {}  # nothing can be applied, so nothing needs to wait on the server
    _move(run, ImportStatus.PREVIEWED, actor=actor)
    run.save()
    return run


def import_run_apply(
    *, run: ImportRun, actor, confirmed_deactivations: int | None = None
) -> ImportRun:
    """Apply a previewed run; on any failure nothing is written and the run says why.

    A run that deactivates more than the set share needs ``confirmed_deactivations`` equal
    to that number; without it, DeactivationsNotConfirmed is raised and the run still waits.
    """
    run = ImportRun.objects.get(pk=run.pk)
    if not run.can_be_applied:
        raise TransitionNotAllowed(run.status)
    scope = scope_for(actor)
    if scope is None:
        raise PermissionError("This person may not import the organisation chart.")
    required = deactivations_to_confirm(run.plan)
    if required and confirmed_deactivations != required:
        raise DeactivationsNotConfirmed(required)
    try:
        with transaction.atomic():
            report = apply_plan(
                parsed=parsed_from_payload(run.payload),
                scope=scope,
                actor=actor,
                expected_fingerprint=run.fingerprint,
                confirmed_deactivations=confirmed_deactivations,
                run=run,
            )
    except ImportOutdated:
        return _fail(run, actor, "outdated")
    except ImportInvalid:
        return _fail(run, actor, "invalid")
    except Exception:
        # The transaction is rolled back; the run records the failure and HR sees it.
        logger.exception("The organisation import %s failed", run.pk)
        return _fail(run, actor, "error")
    run.plan = report
    run.payload = {}
    _move(run, ImportStatus.APPLIED, actor=actor)
    run.save(update_fields=["plan", "payload", "status", "history"])
    return run


def _fail(run: ImportRun, actor, note: str) -> ImportRun:
    run.payload = {}
    _move(run, ImportStatus.FAILED, actor=actor, note=note)
    run.save(update_fields=["payload", "status", "history"])
    return run


@transaction.atomic
def import_run_discard(*, run: ImportRun, actor) -> ImportRun:
    _move(run, ImportStatus.DISCARDED, actor=actor)
    run.payload = {}
    run.save(update_fields=["payload", "status", "history"])
    return run


def plan_excerpt(plan: dict, limit: int = PREVIEW_LIMIT) -> dict:
    """The plan cut to ``limit`` items per list, with how many were left out, for display."""
    excerpt: dict = {}
    for group in ("units", "people", "roles"):
        excerpt[group] = {}
        for action, items in (plan.get(group) or {}).items():
            excerpt[group][action] = {
                "items": items[:limit],
                "more": max(0, len(items) - limit),
                "count": len(items),
            }
    return excerpt
