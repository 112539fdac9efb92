# SPDX-License-Identifier: EUPL-1.2
"""What can be wrong with an import, and how each problem reads in the reader's language.

Problems are stored as a code and parameters, not as text, so each reader sees them in their
own language, even when the preview is opened later in another one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from elan.organisations.constants import Role

# The two sheets of an import; a problem names the one it sits on.
UNITS = "units"
PEOPLE = "people"

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
    "deactivates_last_administrator": _(
        "The import would deactivate every active administrator, and then nobody could grant "
        "roles or reactivate accounts. Keep at least one administrator in the file, or have "
        "another person made administrator first."
    ),
    "role_outside_scope": _(
        "Only HR for the whole organisation can grant a role for the whole organisation."
    ),
}
SHEET_LABELS = {UNITS: _("units"), PEOPLE: _("people")}


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


def sorted_problems(problems: list[Problem]) -> list[dict]:
    """The problems in reading order (file, units, people; by line and column), as stored."""
    order = {"": 0, UNITS: 1, PEOPLE: 2}
    problems = sorted(
        problems, key=lambda p: (order.get(p.sheet, 3), p.line or 0, p.column, p.code)
    )
    return [problem.as_dict() for problem in problems]
