# SPDX-License-Identifier: EUPL-1.2
"""What the organisation chart holds about a person: export and erasure (docs/privacy.md).

Registered with the accounts app's register (elan/accounts/personal_data.py).
"""

from __future__ import annotations

from elan.accounts.personal_data import register_eraser, register_exporter


def export_place_in_organisation(user) -> dict:
    from elan.organisations.models import RoleAssignment, StaffRecord

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
    return {"staff_record": staff_record, "roles": roles}


def erase_place_in_organisation(*, user, now) -> None:
    """Drop the HR person id, the job title and the roles; keep the unit and the level.

    The unit and the level are what aggregates already published were computed over, and
    neither names anyone on their own. The HR id goes: it is the key that would tie the row
    back to the person in HR's systems. A later import treats a returning person as new.
    """
    from elan.organisations.models import RoleAssignment, StaffRecord

    RoleAssignment.objects.filter(user=user).delete()
    StaffRecord.objects.filter(line_manager=user).update(line_manager=None)
    StaffRecord.objects.filter(user=user).update(
        external_id=f"erased-{user.pk}", job_title="", line_manager=None
    )


register_exporter("organisation", export_place_in_organisation)
register_eraser("organisation", erase_place_in_organisation)
