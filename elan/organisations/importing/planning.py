# SPDX-License-Identifier: EUPL-1.2
"""Checking the parsed rows and working out the plan: what the import would change. Reads only.

Every row is checked against the file and the database before anything is planned: units (codes,
parents, loops, depth), people (the people check: keys, addresses, language, level, unit, scope,
roles, managers and their loops) and which login addresses the import may propose to change.
The plan lists each change (units, people, roles) for the preview; its fingerprint lets
applying refuse when the organisation changed since HR read it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone

from elan.organisations.constants import IMPORTABLE_ROLES, PLATFORM_ROLES, GradeBand, Role
from elan.organisations.importing.parsing import (
    MAX_LENGTHS,
    PEOPLE_REQUIRED_COLUMNS,
    UNIT_NAME_COLUMNS,
    Parsed,
    Sheet,
    parse_files,
)
from elan.organisations.importing.problems import PEOPLE, UNITS, Problem, sorted_problems
from elan.organisations.models import (
    CODE_PATTERN,
    PendingEmailChange,
    RoleAssignment,
    StaffRecord,
    Unit,
)

ROLE_SEPARATOR = ";"
ROLE_UNIT_SEPARATOR = "@"
# How many items of each list of changes the preview and the command show.
PREVIEW_LIMIT = 200
# A person's details as the file names them, and where Elan keeps each.
PERSON_FIELDS = (
    ("email", "user__email"),
    ("first_name", "user__first_name"),
    ("last_name", "user__last_name"),
    ("language", "user__preferred_language"),
    ("grade", "grade"),
    ("job_title", "job_title"),
)


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
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.grades = [choice.value for choice in GradeBand]
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
        """Check every person's row, then the reporting lines they form together."""
        sheet = self.sheets[PEOPLE]
        has_roles = "roles" in sheet.columns
        first_ids: dict[str, int] = {}
        first_emails: dict[str, int] = {}
        emails_in_use = {
            email.lower(): user_id
            for user_id, email in self.user_model.objects.values_list("id", "email")
        }
        for line, raw in sheet.rows:
            values = dict(raw)
            external_id = values.get("external_id", "")
            ok = self._check_person_values(line, raw, values, first_emails, emails_in_use)
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
                assert roles is not False  # roles that do not parse make the row not ok
                # Without the column, roles stay None: the import leaves them as they are.
                self.people[external_id] = _PersonRow(line, values, roles if has_roles else None)

        for external_id, row in self.people.items():
            self._check_manager(external_id, row)
        self._check_manager_cycles()

    def _check_person_values(
        self,
        line: int,
        raw: dict[str, str],
        values: dict[str, str],
        first_emails: dict[str, int],
        emails_in_use: dict[str, int],
    ) -> bool:
        """Check one person's row on its own, normalising ``values`` on the way."""
        # Every check runs, so that HR sees all of a row's problems at once.
        results = [
            self._check_common(PEOPLE, line, values),
            self._check_person_required(line, values),
            self._check_external_id(line, values),
            self._check_email(line, values, first_emails, emails_in_use),
            self._check_language(line, raw, values),
            self._check_grade(line, raw, values),
            self._check_person_unit(line, values),
            self._check_person_in_scope(line, values),
        ]
        return all(results)

    def _check_person_required(self, line: int, values: dict[str, str]) -> bool:
        missing = [column for column in PEOPLE_REQUIRED_COLUMNS if not values.get(column)]
        for column in missing:
            self.add("required_value", PEOPLE, line, column)
        return not missing

    def _check_external_id(self, line: int, values: dict[str, str]) -> bool:
        external_id = values.get("external_id", "")
        if external_id and not _is_code(external_id):
            self.add("invalid_code", PEOPLE, line, "external_id", value=external_id)
            return False
        return True

    def _check_email(
        self,
        line: int,
        values: dict[str, str],
        first_emails: dict[str, int],
        emails_in_use: dict[str, int],
    ) -> bool:
        """A valid address, once in the file, that the import may give this person."""
        email = values.get("email", "")
        if not email:
            return True
        try:
            validate_email(email)
        except ValidationError:
            self.add("invalid_email", PEOPLE, line, "email", value=email)
            return False
        email = self.user_model.objects.normalize_email(email)
        values["email"] = email
        key = email.lower()
        ok = True
        if key in first_emails:
            self.add(
                "duplicate_email", PEOPLE, line, "email", value=email, first_line=first_emails[key]
            )
            ok = False
        else:
            first_emails[key] = line
        return self._check_address_owner(line, values, emails_in_use) and ok

    def _check_address_owner(
        self, line: int, values: dict[str, str], emails_in_use: dict[str, int]
    ) -> bool:
        """The address belongs to nobody else, and a change of it is the import's to propose."""
        email, external_id = values["email"], values.get("external_id", "")
        key = email.lower()
        owner = emails_in_use.get(key)
        record = self.db_people.get(external_id)
        if owner is not None and (record is None or record["user_id"] != owner):
            self.add("email_taken", PEOPLE, line, "email", value=email)
            return False
        if record is not None and key != (record["user__email"] or "").lower():
            refusal = self._address_change_refusal(external_id, record)
            if refusal is not None:
                code, params = refusal
                self.add(code, PEOPLE, line, "email", **params)
                return False
        return True

    def _check_language(self, line: int, raw: dict[str, str], values: dict[str, str]) -> bool:
        languages = self.languages
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
            return False
        return True

    def _check_grade(self, line: int, raw: dict[str, str], values: dict[str, str]) -> bool:
        grades = self.grades
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
            return False
        return True

    def _check_person_unit(self, line: int, values: dict[str, str]) -> bool:
        unit_code = values.get("unit_code", "")
        if unit_code and unit_code not in self.unit_codes_in_file:
            self.add("unknown_unit", PEOPLE, line, "unit_code", value=unit_code)
            return False
        return True

    def _check_person_in_scope(self, line: int, values: dict[str, str]) -> bool:
        external_id = values.get("external_id", "")
        record = self.db_people.get(external_id)
        if record and not self.scope.covers(record["unit__path"]):
            self.add("person_outside_scope", PEOPLE, line, "external_id", value=external_id)
            return False
        return True

    def _address_change_refusal(
        self, external_id: str, record: Mapping[str, Any]
    ) -> tuple[str, dict] | None:
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

    def _parse_roles(self, line: int, text: str) -> set[tuple[str, str]] | Literal[False]:
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
            current: str | None = start
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
        plan: dict[str, Any] = {
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
        administrators = sum(
            1 for external_id in leaving if self.holds_administrator_rights(external_id)
        )
        plan["deactivation_check"] = self._deactivation_check(len(leaving), administrators)
        return plan

    def holds_administrator_rights(self, external_id: str) -> bool:
        record = self.db_people[external_id]
        roles = self.roles_of_user.get(record["user_id"], [])
        return record["user__is_superuser"] or any(
            role == Role.ADMINISTRATOR for role, _path in roles
        )

    def _deactivation_check(self, leaving: int, administrators: int) -> dict | None:
        """Whether the import deactivates enough people to need the importer to type the number.

        A partial export (one sheet of several, a filter left on) looks exactly like a mass
        departure; above the share, nobody leaves on a single click. Nor does an administrator,
        whatever the share: they hold the keys to the platform, and a file that leaves them out
        is more often an export filtered too narrowly than a departure.
        """
        active = sum(
            1
            for record in self.db_people.values()
            if record["user__is_active"] and self.scope.covers(record["unit__path"])
        )
        share = settings.IMPORT_DEACTIVATION_CONFIRM_SHARE
        over_share = leaving * 100 > share * active
        if not leaving or not (over_share or administrators):
            return None
        return {
            "count": leaving,
            "active": active,
            "share": share,
            # One decimal: 10.4 % is "more than 10 %", and must not read as 10 %.
            "percent": round(leaving * 100 / active, 1),
            "over_share": over_share,
            "administrators": administrators,
        }

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
        for external_id in sorted(self.people):
            values = self.people[external_id].values
            record = self.db_people.get(external_id)
            name = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
            if record is None:
                plan["create"].append(
                    {
                        "external_id": external_id,
                        "name": name,
                        "unit": values["unit_code"],
                        **{column: values.get(column, "") for column, _f in PERSON_FIELDS},
                        "manager": values.get("manager_external_id", ""),
                    }
                )
            else:
                self._plan_person_changes(plan, external_id, name, values, record)
        for external_id, record in sorted(self.db_people.items()):
            if (
                external_id not in self.people
                and record["user__is_active"]
                and self.scope.covers(record["unit__path"])
            ):
                name = f"{record['user__first_name']} {record['user__last_name']}".strip()
                plan["deactivate"].append({"external_id": external_id, "name": name})

    def _plan_person_changes(
        self,
        plan: dict,
        external_id: str,
        name: str,
        values: dict[str, str],
        record: Mapping[str, Any],
    ) -> None:
        """What changes for someone already in Elan: address, details, unit, being active."""
        old, new = record["user__email"] or "", values.get("email", "")
        # A change of case only is the same mailbox: the import leaves it alone.
        if (
            old.lower() != new.lower()
            and self.pending_addresses.get(record["user_id"]) != new.lower()
        ):
            plan["confirm_address"].append(
                {"external_id": external_id, "name": name, "from": old, "to": new}
            )
        changes = self._person_detail_changes(values, record)
        if changes:
            plan["update"].append({"external_id": external_id, "name": name, "changes": changes})
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

    def _person_detail_changes(
        self, values: dict[str, str], record: Mapping[str, Any]
    ) -> dict[str, list]:
        """Each detail of the file that differs from Elan, as [old, new]; absent columns none."""
        columns = set(self.sheets[PEOPLE].columns)
        changes = {}
        for column, record_field in PERSON_FIELDS:
            if column == "email":
                continue  # never written here: the new address confirms it
            if column in columns and (record[record_field] or "") != values.get(column, ""):
                changes[column] = [record[record_field] or "", values.get(column, "")]
        if "manager_external_id" in columns:
            current = self.external_id_of_user.get(record["line_manager_id"], "")
            wanted = values.get("manager_external_id", "")
            if current != wanted:
                changes["manager"] = [current, wanted]
        return changes

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


def build_plan(parsed: Parsed, *, scope: Scope, actor=None) -> Result:
    """Validate every row and, when nothing is wrong, work out what would change. Reads only."""
    if parsed.problems:
        return Result(sorted_problems(parsed.problems), {}, "")
    planner = _Planner(parsed.sheets, scope)
    planner.check_units()
    planner.check_people()
    if planner.problems:
        return Result(sorted_problems(planner.problems), {}, "")
    plan = planner.plan()
    if actor is not None and any(
        planner.db_people[item["external_id"]]["user_id"] == actor.pk
        for item in plan["people"]["deactivate"]
    ):
        # Leaving oneself out of the file is nearly always an export filtered too narrowly.
        problem = Problem("deactivates_importer", PEOPLE, None, "external_id")
        return Result(sorted_problems([problem]), {}, "")
    if _leaves_no_administrator(planner, plan):
        problem = Problem("deactivates_last_administrator", PEOPLE, None, "external_id")
        return Result(sorted_problems([problem]), {}, "")
    return Result([], plan, _fingerprint(plan))


def _leaves_no_administrator(planner: _Planner, plan: dict) -> bool:
    """Whether the import deactivates every active administrator: nobody could then grant a
    platform role, reactivate an account or undo the import. Confirming cannot lift this one."""
    leaving = {
        planner.db_people[item["external_id"]]["user_id"]
        for item in plan["people"]["deactivate"]
        if planner.holds_administrator_rights(item["external_id"])
    }
    if not leaving:
        return False
    administrators = set(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(role_assignments__role=Role.ADMINISTRATOR))
        .values_list("pk", flat=True)
    )
    return administrators <= leaving


def _fingerprint(plan: dict) -> str:
    return hashlib.sha256(json.dumps(plan, sort_keys=True).encode()).hexdigest()


def preview(
    files: Iterable[tuple[str, bytes]], *, scope: Scope, actor=None
) -> tuple[Parsed, Result]:
    parsed = parse_files(files)
    return parsed, build_plan(parsed, scope=scope, actor=actor)


def deactivations_to_confirm(plan: dict) -> int:
    """How many deactivations the importer must confirm by typing the number; 0: none."""
    check = (plan or {}).get("deactivation_check") or {}
    return int(check.get("count") or 0)
