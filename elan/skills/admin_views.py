# SPDX-License-Identifier: EUPL-1.2
"""The framework import in the back office: upload → preview → apply.

The file is read and checked exactly as ``manage.py import_framework`` does
(elan/skills/framework_files.py): bad bytes, broken JSON or YAML and every problem of the
document come back as a list with their lines, in the reader's language, and nothing is written.
A file without problems is previewed; the preview carries the document, signed for the person
who uploaded it and valid for an hour, so that "Import" applies what was previewed and nothing
else, without keeping the file anywhere in between.

Wagtail's admin already requires a back-office login for these URLs; each view checks the
import rule (elan/skills/rules.py) too.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from elan.skills import selectors
from elan.skills.admin_forms import FrameworkApplyForm, FrameworkUploadForm
from elan.skills.framework_files import MAX_FILE_BYTES, FileProblem, read_framework_file
from elan.skills.services import FrameworkImportError, framework_import

SIGNING_SALT = "elan.skills.framework-import"
PREVIEW_MAX_AGE_SECONDS = 3600


def _require_import(request: HttpRequest) -> None:
    if not rules.has_perm("skills.import_frameworks", request.user):
        raise PermissionDenied


def _sign(request: HttpRequest, *, data: dict, name: str) -> str:
    return signing.dumps(
        {"user": request.user.pk, "name": name, "data": data}, salt=SIGNING_SALT, compress=True
    )


def _unsign(request: HttpRequest, token: str) -> dict | None:
    try:
        payload = signing.loads(token, salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("user") != request.user.pk:
        return None
    return payload


def _render_upload(
    request: HttpRequest,
    form: FrameworkUploadForm,
    *,
    problems: list[FileProblem] | None = None,
    name: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "skills/admin/framework_import.html",
        {"form": form, "problems": problems or [], "file_name": name},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def framework_import_upload(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    if request.method == "GET":
        return _render_upload(request, FrameworkUploadForm())
    form = FrameworkUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_upload(request, form, status=400)
    upload = form.cleaned_data["file"]
    # Read one byte past the limit, so a larger file is told so without reading it all.
    content = upload.read(MAX_FILE_BYTES + 1)
    read = read_framework_file(content, name=upload.name)
    if not read.is_valid:
        return _render_upload(
            request, FrameworkUploadForm(), problems=read.problems, name=upload.name, status=400
        )
    return render(
        request,
        "skills/admin/framework_import_preview.html",
        {
            "preview": selectors.import_preview(read.data),
            "file_name": upload.name,
            "apply_form": FrameworkApplyForm(
                initial={"document": _sign(request, data=read.data, name=upload.name)}
            ),
        },
    )


@require_POST
def framework_import_apply(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    form = FrameworkApplyForm(request.POST)
    payload = _unsign(request, form.data.get("document", "")) if form.is_valid() else None
    if payload is None:
        messages.error(
            request,
            _(
                "This preview has expired or was not yours, so nothing was imported. Upload the "
                "file again."
            ),
        )
        return redirect("skills_admin:framework_import")
    try:
        result = framework_import(data=payload["data"])
    except FrameworkImportError as error:
        # The rules changed since the preview (a newer Elan, say): show why, as for an upload.
        return _render_upload(
            request,
            FrameworkUploadForm(),
            problems=[FileProblem(problem) for problem in error.problems],
            name=payload.get("name", ""),
            status=400,
        )
    framework = result.framework
    if result.created:
        messages.success(
            request,
            _("The framework “%(slug)s” version %(version)s was imported.")
            % {"slug": framework.slug, "version": framework.version},
        )
    else:
        messages.success(
            request,
            _("The framework “%(slug)s” version %(version)s was updated.")
            % {"slug": framework.slug, "version": framework.version},
        )
    if result.unresolved_crosswalks:
        messages.warning(
            request,
            _(
                "Some crosswalks point at frameworks that are not loaded yet: %(links)s. Import "
                "those frameworks, then this file again."
            )
            % {"links": ", ".join(result.unresolved_crosswalks)},
        )
    return redirect("skills_admin:framework_import")
