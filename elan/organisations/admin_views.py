# SPDX-License-Identifier: EUPL-1.2
"""The organisation import in the back office: upload → preview → apply.

Wagtail's admin already requires a back-office login for these URLs; each view checks the
import rule as well, and a run is only ever shown to the person who uploaded it.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from elan.organisations import importing
from elan.organisations.constants import (
    ADDRESS_CONFIRMATION_DAYS,
    IMPORT_TRANSITIONS,
    ImportStatus,
    Role,
)
from elan.organisations.forms import ImportApplyForm, ImportUploadForm
from elan.organisations.models import ImportRun, Unit

RECENT_RUNS = 5

FIELD_LABELS = {
    "name_nl": gettext_lazy("name (Dutch)"),
    "name_fr": gettext_lazy("name (French)"),
    "name_de": gettext_lazy("name (German)"),
    "name_en": gettext_lazy("name (English)"),
    "email": gettext_lazy("e-mail address"),
    "first_name": gettext_lazy("first name"),
    "last_name": gettext_lazy("last name"),
    "language": gettext_lazy("language"),
    "grade": gettext_lazy("level"),
    "job_title": gettext_lazy("job title"),
    "manager": gettext_lazy("line manager"),
}
SECTION_TITLES = {
    ("units", "create"): gettext_lazy("Units to add"),
    ("units", "update"): gettext_lazy("Units to rename"),
    ("units", "move"): gettext_lazy("Units to move"),
    ("units", "reactivate"): gettext_lazy("Units to reactivate"),
    ("units", "deactivate"): gettext_lazy("Units to deactivate"),
    ("people", "create"): gettext_lazy("People to add"),
    ("people", "update"): gettext_lazy("People whose details change"),
    ("people", "confirm_address"): gettext_lazy("New login addresses, to be confirmed by e-mail"),
    ("people", "move"): gettext_lazy("People who move to another unit"),
    ("people", "reactivate"): gettext_lazy("People to reactivate"),
    ("people", "deactivate"): gettext_lazy("People to deactivate"),
    ("roles", "grant"): gettext_lazy("Roles to grant"),
    ("roles", "revoke"): gettext_lazy("Roles to withdraw"),
}
SECTION_NOTES = {
    ("people", "confirm_address"): gettext_lazy(
        "A login address changes only once its owner follows the link e-mailed to the new "
        "address, within %(days)s days. The current address is told of the change at once."
    ),
}
FAILURE_NOTES = {
    "outdated": gettext_lazy(
        "The organisation changed since this preview, so nothing was imported. Upload the file "
        "again to see an up-to-date preview."
    ),
    "invalid": gettext_lazy(
        "The file no longer passes the checks, so nothing was imported. Upload it again to see why."
    ),
    "error": gettext_lazy(
        "Something went wrong while importing, so nothing was imported. Try again; if it keeps "
        "failing, contact an administrator."
    ),
}


def _require_import(request: HttpRequest) -> None:
    if not rules.has_perm("organisations.import_staff", request.user):
        raise PermissionDenied


def _run_for(request: HttpRequest, run_id) -> ImportRun:
    _require_import(request)
    # Someone else's upload does not exist for this person, administrators included: the
    # query decides, because administrators pass the import rule.
    return get_object_or_404(ImportRun, pk=run_id, created_by=request.user)


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else None
    form = form or ImportUploadForm()
    if form.is_bound and form.is_valid():
        run = importing.import_run_create(actor=request.user, files=form.cleaned_data["files"])
        return redirect("organisations_admin:import_preview", run_id=run.pk)
    return render(
        request,
        "organisations/admin/import_upload.html",
        {"form": form, "recent_runs": _recent_runs(request)},
    )


def import_preview(request: HttpRequest, run_id) -> HttpResponse:
    return _render_preview(request, _run_for(request, run_id))


def _render_preview(
    request: HttpRequest, run: ImportRun, apply_form: ImportApplyForm | None = None
) -> HttpResponse:
    problems = [
        {**problem, "message": importing.problem_message(problem)} for problem in run.problems
    ]
    to_confirm = importing.deactivations_to_confirm(run.plan) if run.can_be_applied else 0
    if to_confirm and apply_form is None:
        apply_form = ImportApplyForm(expected=to_confirm)
    return render(
        request,
        "organisations/admin/import_preview.html",
        {
            "run": run,
            "problems": problems,
            "sections": _sections(run.plan) if run.plan else [],
            "counts": _counts(run.plan) if run.plan else [],
            "deactivation_check": run.plan.get("deactivation_check") if to_confirm else None,
            "apply_form": apply_form,
            "failure_note": FAILURE_NOTES.get(importing.import_run_failure_note(run=run), ""),
            "form": ImportUploadForm() if run.problems else None,
            "recent_runs": _recent_runs(request),
        },
    )


@require_POST
def import_apply(request: HttpRequest, run_id) -> HttpResponse:
    run = _run_for(request, run_id)
    if not run.can_be_applied:
        messages.error(request, _("This import cannot be applied any more."))
        return redirect("organisations_admin:import_preview", run_id=run.pk)
    confirmed = None
    to_confirm = importing.deactivations_to_confirm(run.plan)
    if to_confirm:
        form = ImportApplyForm(request.POST, expected=to_confirm)
        if not form.is_valid():
            return _render_preview(request, run, apply_form=form)
        confirmed = form.cleaned_data["confirm_deactivations"]
    run = importing.import_run_apply(run=run, actor=request.user, confirmed_deactivations=confirmed)
    if run.status == ImportStatus.APPLIED:
        messages.success(request, _("The import was applied."))
    else:
        note = importing.import_run_failure_note(run=run)
        messages.error(request, str(FAILURE_NOTES.get(note, "")))
    return redirect("organisations_admin:import_preview", run_id=run.pk)


@require_POST
def import_discard(request: HttpRequest, run_id) -> HttpResponse:
    run = _run_for(request, run_id)
    if ImportStatus.DISCARDED in IMPORT_TRANSITIONS[run.status]:
        importing.import_run_discard(run=run, actor=request.user)
        messages.success(request, _("The import was discarded; nothing was changed."))
    return redirect("organisations_admin:import")


def _recent_runs(request: HttpRequest):
    return ImportRun.objects.filter(created_by=request.user).only(
        "id", "created_at", "status", "source_names"
    )[:RECENT_RUNS]


def _counts(plan: dict) -> list[dict]:
    return [
        {"title": SECTION_TITLES[key], "count": len(plan[key[0]][key[1]])}
        for key in SECTION_TITLES
        if plan.get(key[0], {}).get(key[1])
    ]


def _sections(plan: dict) -> list[dict]:
    """The plan as captioned tables: headers and rows of plain text, capped for the page."""
    codes = {
        item["code"]
        for action in ("update", "move", "reactivate", "deactivate")
        for item in plan["units"][action]
    }
    unit_names = {unit.code: unit.name for unit in Unit.objects.filter(code__in=codes)}
    role_labels = dict(Role.choices)
    builders = {
        ("units", "create"): (
            [_("Unit code"), _("Name"), _("Parent unit")],
            lambda i: [i["code"], _created_unit_name(i), i["parent"] or "—"],
        ),
        ("units", "update"): (
            [_("Unit code"), _("Name"), _("Changes")],
            lambda i: [i["code"], unit_names.get(i["code"], ""), _describe_changes(i)],
        ),
        ("units", "move"): (
            [_("Unit code"), _("Name"), _("From"), _("To")],
            lambda i: [i["code"], unit_names.get(i["code"], ""), i["from"] or "—", i["to"] or "—"],
        ),
        ("units", "reactivate"): (
            [_("Unit code"), _("Name")],
            lambda i: [i["code"], unit_names.get(i["code"], "")],
        ),
        ("units", "deactivate"): (
            [_("Unit code"), _("Name")],
            lambda i: [i["code"], unit_names.get(i["code"], "")],
        ),
        ("people", "create"): (
            [_("External id"), _("Name"), _("E-mail address"), _("Unit"), _("Line manager")],
            lambda i: [i["external_id"], i["name"], i["email"], i["unit"], i["manager"] or "—"],
        ),
        ("people", "update"): (
            [_("External id"), _("Name"), _("Changes")],
            lambda i: [i["external_id"], i["name"], _describe_changes(i)],
        ),
        ("people", "confirm_address"): (
            [_("External id"), _("Name"), _("Current login address"), _("New address")],
            lambda i: [i["external_id"], i["name"], i["from"], i["to"]],
        ),
        ("people", "move"): (
            [_("External id"), _("Name"), _("From"), _("To")],
            lambda i: [i["external_id"], i["name"], i["from"], i["to"]],
        ),
        ("people", "reactivate"): (
            [_("External id"), _("Name")],
            lambda i: [i["external_id"], i["name"]],
        ),
        ("people", "deactivate"): (
            [_("External id"), _("Name")],
            lambda i: [i["external_id"], i["name"]],
        ),
        ("roles", "grant"): (
            [_("External id"), _("Role"), _("Scope")],
            lambda i: [
                i["external_id"],
                role_labels.get(i["role"], i["role"]),
                i["unit"] or _("whole organisation"),
            ],
        ),
        ("roles", "revoke"): (
            [_("External id"), _("Role"), _("Scope")],
            lambda i: [
                i["external_id"],
                role_labels.get(i["role"], i["role"]),
                i["unit"] or _("whole organisation"),
            ],
        ),
    }
    sections = []
    for (group, action), (headers, row) in builders.items():
        items = plan.get(group, {}).get(action) or []
        if not items:
            continue
        shown = items[: importing.PREVIEW_LIMIT]
        sections.append(
            {
                "id": f"{group}-{action}",
                "title": SECTION_TITLES[(group, action)],
                "note": (
                    str(SECTION_NOTES[(group, action)]) % {"days": ADDRESS_CONFIRMATION_DAYS}
                    if (group, action) in SECTION_NOTES
                    else ""
                ),
                "count": len(items),
                "headers": headers,
                "rows": [row(item) for item in shown],
                "more": len(items) - len(shown),
            }
        )
    return sections


def _created_unit_name(item: dict) -> str:
    return Unit(code=item["code"], **{c: item.get(c, "") for c in importing.UNIT_NAME_COLUMNS}).name


def _describe_changes(item: dict) -> str:
    return "; ".join(
        f"{FIELD_LABELS.get(column, column)}: {old or '—'} → {new or '—'}"
        for column, (old, new) in item["changes"].items()
    )
