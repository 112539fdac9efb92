# SPDX-License-Identifier: EUPL-1.2
"""The register of personal data: what each module exports, erases and expires about people.

Every app that stores personal data declares it in its own ``personal_data.py``, which
``CoreConfig.ready`` imports. The register is in core so that every app can reach it without
depending on another; accounts only reads it (the download on "My account", erasure, retention):

- ``register_exporter(name, fn, models=(...))``: ``fn(user) -> dict | list``, that person's data
  for the download on "My account" (GDPR Art. 15). It must return nothing about anyone else.
- ``register_eraser(name, fn, models=(...))``: ``fn(*, user, now) -> None``, pseudonymises or
  deletes that person's data when the retention period after deactivation has passed. It runs
  before the account row itself is rewritten, so ``user.email`` still holds the address.
- ``register_retention_task(name, fn)``: ``fn(*, now) -> int``, deletes rows past their
  retention period and returns how many; ``manage.py apply_retention`` runs them all.

``models`` names, as ``"app_label.ModelName"``, every model whose rows about the person the
function answers for (an eraser also answers for the rows it deliberately keeps, and says why).
``tests/test_personal_data_register.py`` walks every installed model and fails on one that holds
a person reference but is named by no exporter or no eraser.

docs/privacy.md lists each kind of data with its purpose and retention. What the back office
(Wagtail) keeps about the people who work in it is declared here too, at the end: it belongs to
no app of ours.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.users.models import UserProfile
from wagtail_localize.models import SegmentOverride, StringTranslation

Exporter = Callable[[Any], dict | list]
Eraser = Callable[..., None]
RetentionTask = Callable[..., int]
# "app_label.ModelName", as ``Model._meta.label`` spells it.
ModelLabels = tuple[str, ...]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}
_retention_tasks: dict[str, RetentionTask] = {}
_exporter_models: dict[str, ModelLabels] = {}
_eraser_models: dict[str, ModelLabels] = {}


def register_exporter(name: str, fn: Exporter, *, models: ModelLabels = ()) -> Exporter:
    _exporters[name] = fn
    _exporter_models[name] = tuple(models)
    return fn


def register_eraser(name: str, fn: Eraser, *, models: ModelLabels = ()) -> Eraser:
    _erasers[name] = fn
    _eraser_models[name] = tuple(models)
    return fn


def register_retention_task(name: str, fn: RetentionTask) -> RetentionTask:
    _retention_tasks[name] = fn
    return fn


def exporters() -> dict[str, Exporter]:
    return dict(sorted(_exporters.items()))


def erasers() -> dict[str, Eraser]:
    return dict(sorted(_erasers.items()))


def retention_tasks() -> dict[str, RetentionTask]:
    return dict(sorted(_retention_tasks.items()))


def exported_models() -> dict[str, ModelLabels]:
    """Model label -> the names of the exporters that answer for it."""
    return _models_by_label(_exporter_models, registered=_exporters)


def erased_models() -> dict[str, ModelLabels]:
    """Model label -> the names of the erasers that answer for it."""
    return _models_by_label(_eraser_models, registered=_erasers)


def _models_by_label(
    declared: dict[str, ModelLabels], *, registered: dict
) -> dict[str, ModelLabels]:
    by_label: dict[str, list[str]] = {}
    for name, labels in sorted(declared.items()):
        if name not in registered:
            continue
        for label in labels:
            by_label.setdefault(label, []).append(name)
    return {label: tuple(names) for label, names in sorted(by_label.items())}


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


# --- The back office ---------------------------------------------------------------------------


def export_back_office(user) -> dict:
    profile = UserProfile.objects.filter(user=user).first()
    accounts = ContentType.objects.get_for_model(get_user_model())
    log_entries = [
        *PageLogEntry.objects.filter(user=user).values("action", "label", "timestamp"),
        *ModelLogEntry.objects.filter(user=user)
        .exclude(content_type=accounts)
        .values("action", "label", "timestamp"),
        # What the person did to accounts, without the label: it names the account's owner.
        *(
            {**row, "label": "an account"}
            for row in ModelLogEntry.objects.filter(user=user, content_type=accounts).values(
                "action", "timestamp"
            )
        ),
    ]
    return {
        "preferences": None
        if profile is None
        else {
            "language": profile.preferred_language,
            "time_zone": profile.current_time_zone,
            "has_avatar": bool(profile.avatar),
            "theme": profile.theme,
            "contrast": profile.contrast,
            "density": profile.density,
        },
        "pages_created": [
            {"page": title, "id": pk}
            for pk, title in Page.objects.filter(owner=user)
            .order_by("pk")
            .values_list("pk", "title")
        ],
        "pages_locked": [
            {"page": title, "locked_at": _iso(at)}
            for title, at in Page.objects.filter(locked_by=user).values_list("title", "locked_at")
        ],
        "revisions": [
            {"of": row["object_str"], "at": _iso(row["created_at"])}
            for row in Revision.objects.filter(user=user)
            .order_by("created_at")
            .values("object_str", "created_at")
        ],
        "actions_logged": [
            {"action": row["action"], "on": row["label"], "at": _iso(row["timestamp"])}
            for row in sorted(log_entries, key=lambda row: row["timestamp"])
        ],
        "comments": [
            {"page": comment.page.title, "text": comment.text, "at": _iso(comment.created_at)}
            for comment in Comment.objects.filter(user=user)
            .select_related("page")
            .order_by("created_at")
        ],
        "comment_replies": [
            {"text": reply.text, "at": _iso(reply.created_at)}
            for reply in CommentReply.objects.filter(user=user).order_by("created_at")
        ],
        "comments_resolved": Comment.objects.filter(resolved_by=user).count(),
        "comment_notifications": PageSubscription.objects.filter(user=user).count(),
        "reviews_requested": [
            {"status": state.status, "at": _iso(state.created_at)}
            for state in WorkflowState.objects.filter(requested_by=user).order_by("created_at")
        ],
        "reviews_done": [
            {"status": state.status, "comment": state.comment, "at": _iso(state.finished_at)}
            for state in TaskState.objects.filter(finished_by=user).order_by("finished_at")
        ],
        "editing_now": EditingSession.objects.filter(user=user).count(),
        **_export_uploads_and_translations(user),
    }


def _export_uploads_and_translations(user) -> dict:
    return {
        "images_uploaded": list(
            get_image_model()
            .objects.filter(uploaded_by_user=user)
            .order_by("pk")
            .values_list("title", flat=True)
        ),
        "documents_uploaded": list(
            get_document_model()
            .objects.filter(uploaded_by_user=user)
            .order_by("pk")
            .values_list("title", flat=True)
        ),
        "files_waiting": UploadedFile.objects.filter(uploaded_by_user=user).count(),
        "unsaved_forms": FormState.objects.filter(user=user).count(),
        # Names and dates only: a token's hash must not leave the server.
        "api_tokens": [
            {
                "name": token.name,
                "created_at": _iso(token.created),
                "revoked_at": _iso(token.revoked_at),
            }
            for token in APIToken.objects.filter(user=user).order_by("created")
        ],
        "translations": StringTranslation.objects.filter(last_translated_by=user).count()
        + SegmentOverride.objects.filter(last_translated_by=user).count(),
    }


def erase_back_office(*, user, now) -> None:
    """Delete what exists only for the person; keep the content and its history.

    Pages, revisions, comments, reviews, uploads, translations and the log are the record of
    published content and of who did what in the back office. They keep pointing at the account
    row, which names nobody once it is pseudonymised; only the log's label of entries about the
    person's own account held their address, and is rewritten.
    """
    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    EditingSession.objects.filter(user=user).delete()
    FormState.objects.filter(user=user).delete()
    APIToken.objects.filter(user=user).delete()
    PageSubscription.objects.filter(user=user).delete()
    Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(user.pk)
    ).update(label=f"erased-{user.pk}")


BACK_OFFICE_MODELS = (
    "wagtail_localize.SegmentOverride",
    "wagtail_localize.StringTranslation",
    "wagtailadmin.EditingSession",
    "wagtailadmin.FormState",
    "wagtailcore.APIToken",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.Page",
    "wagtailcore.PageLogEntry",
    "wagtailcore.PageSubscription",
    "wagtailcore.Revision",
    "wagtailcore.TaskState",
    "wagtailcore.UploadedFile",
    "wagtailcore.WorkflowState",
    "wagtaildocs.Document",
    "wagtailimages.Image",
    "wagtailusers.UserProfile",
)

register_exporter("back_office", export_back_office, models=BACK_OFFICE_MODELS)
register_eraser("back_office", erase_back_office, models=BACK_OFFICE_MODELS)
