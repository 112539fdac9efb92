# SPDX-License-Identifier: EUPL-1.2
"""Writing the plan: units, people, login addresses to confirm, roles. All or nothing.

``apply_plan`` re-checks the rows and recomputes the plan inside its transaction and refuses
when the plan differs from the one HR saw (``ImportOutdated``), when the rows no longer pass
(``ImportInvalid``) or when many deactivations were not confirmed. Writes go in bulk: a first
import creates tens of thousands of accounts.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower

from elan.accounts import services as account_services
from elan.organisations import services
from elan.organisations.importing.parsing import UNIT_NAME_COLUMNS, Parsed
from elan.organisations.importing.planning import Scope, build_plan, deactivations_to_confirm
from elan.organisations.importing.problems import PEOPLE
from elan.organisations.models import ImportRun, StaffRecord, Unit
from elan.organisations.signals import line_managers_changed

DEACTIVATION_REASON = "Missing from the organisation import"
BATCH_SIZE = 2000
# The people sheet's columns that live on the account, each with the account's field.
USER_FIELDS = {
    "email": "email",
    "first_name": "first_name",
    "last_name": "last_name",
    "language": "preferred_language",
}


class ImportOutdated(Exception):
    """The organisation changed between the preview and the application."""


class ImportInvalid(Exception):
    """The rows no longer pass validation."""


class DeactivationsNotConfirmed(Exception):
    """The import deactivates many people and the importer has not confirmed how many."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


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
    units = dict(Unit.objects.values_list("code", "id"))
    _people_create(plan["create"], units)
    records = {
        record.external_id: record
        for record in StaffRecord.objects.filter(external_id__in=list(rows)).select_related("user")
    }
    _people_update(plan, records, units)
    if "manager_external_id" in columns:
        _managers_set(rows, records)
    for item in plan["reactivate"]:
        account_services.user_reactivate(user=records[item["external_id"]].user, actor=actor)
    leaving = StaffRecord.objects.filter(
        external_id__in=[item["external_id"] for item in plan["deactivate"]]
    ).select_related("user")
    for record in leaving:
        account_services.user_deactivate(user=record.user, actor=actor, reason=DEACTIVATION_REASON)


def _people_create(items: list[dict], units: dict[str, int]) -> None:
    """Accounts, login addresses and staff records for the people new to Elan, in bulk."""
    user_model = get_user_model()
    new_users = []
    for item in items:
        user = user_model(
            email=user_model.objects.normalize_email(item["email"]),
            first_name=item["first_name"],
            last_name=item["last_name"],
            preferred_language=item["language"],
        )
        # People sign in through single sign-on or set a password through the reset e-mail.
        user.set_unusable_password()
        new_users.append(user)
    created = user_model.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
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
            for item, user in zip(items, created, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )


def _people_update(plan: dict, records: dict[str, StaffRecord], units: dict[str, int]) -> None:
    """The changed details and units of people already in Elan, in bulk."""
    changed_users, changed_records = [], []
    for item in plan["update"]:
        record = records[item["external_id"]]
        for column, (_old, new) in item["changes"].items():
            if column in USER_FIELDS:
                setattr(record.user, USER_FIELDS[column], new)
            elif column in ("grade", "job_title"):
                setattr(record, column, new)
        changed_users.append(record.user)
        changed_records.append(record)
    for item in plan["move"]:
        record = records[item["external_id"]]
        record.unit_id = units[item["to"]]
        changed_records.append(record)
    if changed_users:
        get_user_model().objects.bulk_update(
            changed_users, list(USER_FIELDS.values()), batch_size=BATCH_SIZE
        )
    if changed_records:
        StaffRecord.objects.bulk_update(
            list({id(r): r for r in changed_records}.values()),
            ["grade", "job_title", "unit"],
            batch_size=BATCH_SIZE,
        )


def _managers_set(rows: dict[str, dict], records: dict[str, StaffRecord]) -> None:
    """Each listed person's line manager as the file names it, in the file or already in Elan."""
    user_of = {external_id: record.user_id for external_id, record in records.items()}
    missing = {
        values.get("manager_external_id")
        for values in rows.values()
        if values.get("manager_external_id") and values["manager_external_id"] not in user_of
    }
    user_of.update(
        StaffRecord.objects.filter(external_id__in=missing).values_list("external_id", "user_id")
    )
    managed, changes = [], []
    for external_id, record in records.items():
        wanted = user_of.get(rows[external_id].get("manager_external_id", ""))
        if record.line_manager_id != wanted:
            changes.append((record.user_id, record.line_manager_id, wanted))
            record.line_manager_id = wanted
            managed.append(record)
    StaffRecord.objects.bulk_update(managed, ["line_manager"], batch_size=BATCH_SIZE)
    if changes:
        # bulk_update sends no save signals; the modules above learn of the moves once the
        # import has committed, so that nothing reacts to a chart that was rolled back.
        transaction.on_commit(
            lambda: line_managers_changed.send(sender=StaffRecord, changes=changes)
        )


def _login_addresses_create(users: list) -> None:
    """Allauth's address row for each account the import created, as ``email_address_sync``
    writes it: one, verified (the address comes from HR) and primary.

    ``bulk_create`` skips the save signal that calls ``email_address_sync``, and a first import
    creates tens of thousands of accounts, so the rows are written here in bulk.
    """
    addresses = {user.pk: user.email.strip().lower() for user in users}
    values = list(addresses.values())
    for start in range(0, len(values), BATCH_SIZE):
        # Left over from an account that no longer has the address (the file's check made sure
        # no account has it now): it would keep the address from being verified here.
        EmailAddress.objects.annotate(address=Lower("email")).filter(
            address__in=values[start : start + BATCH_SIZE]
        ).delete()
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email, verified=True, primary=True)
            for pk, email in addresses.items()
        ],
        batch_size=BATCH_SIZE,
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
