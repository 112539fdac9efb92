# SPDX-License-Identifier: EUPL-1.2
"""What the organisation chart holds about a person: export and erasure (docs/privacy.md).

Registered with the register of personal data (elan/core/personal_data.py).
"""

from __future__ import annotations

from elan.core.personal_data import (
    register_eraser,
    register_exporter,
    register_retention_task,
)
from elan.organisations.models import (
    ImportRun,
    ImportRunEvent,
    PendingEmailChange,
    RoleAssignment,
    StaffRecord,
)


def export_place_in_organisation(user) -> dict:
    record = StaffRecord.objects.filter(user=user).select_related("unit", "line_manager").first()
    staff_record = None
    if record is not None:
        staff_record = {
            "external_id": record.external_id,
            "unit": {"code": record.unit.code, "name": record.unit.name},
            # The manager's name is part of the person's own record; nothing else about them.
            "line_manager": record.line_manager.get_full_name() if record.line_manager else None,
            "grade": record.grade,
            "job_title": record.job_title,
        }
    roles = [
        {
            "role": assignment.role,
            "scope": assignment.unit.code if assignment.unit_id else None,
            "assigned_at": assignment.created_at.isoformat(),
        }
        for assignment in RoleAssignment.objects.filter(user=user)
        .select_related("unit")
        .order_by("pk")
    ]
    imports = [
        {"uploaded_at": run.created_at.isoformat(), "status": run.status, "files": run.source_names}
        for run in ImportRun.objects.filter(created_by=user).order_by("created_at")
    ]
    # What the person did in a role (HR): their name on a step of an import, not data about
    # anyone else.
    import_steps = [
        {
            "uploaded_at": event.run.created_at.isoformat(),
            "from": event.from_status,
            "to": event.to_status,
            "at": event.at.isoformat(),
        }
        for event in ImportRunEvent.objects.filter(by=user).select_related("run")
    ]
    return {
        "staff_record": staff_record,
        "roles": roles,
        "imports_uploaded": imports,
        "import_status_changes": import_steps,
    }


def erase_place_in_organisation(*, user, now) -> None:
    """Drop the HR person id, the job title and the roles; keep the unit and the level.

    The unit and the level are what aggregates already published were computed over, and
    neither names anyone on their own. The HR id goes: it is the key that would tie the row
    back to the person in HR's systems. A later import treats a returning person as new.

    The imports the person uploaded stay, as the record of what changed in the chart: they
    point at the account row, which names nobody once it is pseudonymised. The person's name
    on the steps of imports (theirs or anyone's) is forgotten.
    """
    RoleAssignment.objects.filter(user=user).delete()
    ImportRunEvent.objects.filter(by=user).update(by=None)
    StaffRecord.objects.filter(line_manager=user).update(line_manager=None)
    StaffRecord.objects.filter(user=user).update(
        external_id=f"erased-{user.pk}", job_title="", line_manager=None
    )


ORGANISATION_MODELS = (
    "organisations.ImportRun",
    "organisations.ImportRunEvent",
    "organisations.RoleAssignment",
    "organisations.StaffRecord",
)

register_exporter("organisation", export_place_in_organisation, models=ORGANISATION_MODELS)
register_eraser("organisation", erase_place_in_organisation, models=ORGANISATION_MODELS)


# --- A login address waiting for confirmation (docs/security.md) ------------------------------
def export_pending_address_change(user) -> dict | None:
    change = PendingEmailChange.objects.filter(user=user).first()
    if change is None:
        return None
    # The link's fingerprint is not about the person and would only help someone guess it.
    return {
        "new_email": change.new_email,
        "requested_at": change.created_at.isoformat(),
        "expires_at": change.expires_at.isoformat(),
    }


def erase_pending_address_change(*, user, now) -> None:
    PendingEmailChange.objects.filter(user=user).delete()


def purge_expired_address_changes(*, now) -> int:
    """A link past its expiry can no longer be followed; the address it names has no purpose."""
    return PendingEmailChange.objects.filter(expires_at__lte=now).delete()[0]


ADDRESS_CHANGE_MODELS = ("organisations.PendingEmailChange",)

register_exporter(
    "pending_address_change", export_pending_address_change, models=ADDRESS_CHANGE_MODELS
)
register_eraser(
    "pending_address_change", erase_pending_address_change, models=ADDRESS_CHANGE_MODELS
)
register_retention_task("expired_address_changes", purge_expired_address_changes)
