# SPDX-License-Identifier: EUPL-1.2
"""What the shared parts hold about a person (docs/privacy.md): accessibility barrier reports,
and what the back office (Wagtail) keeps about the people who work in it.

Registered with the accounts app's register (elan/accounts/personal_data.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from elan.accounts.personal_data import (
    register_eraser,
    register_exporter,
    register_retention_task,
)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


# --- Accessibility barrier reports ---------------------------------------------------------------


def _reports_of(user):
    """The reports filed from the person's account; never those that merely carry an address
    they hold, which anyone can type into the form."""
    from elan.core.models import BarrierReport

    return BarrierReport.objects.filter(reporter=user)


def export_barrier_reports(user) -> list:
    return [
        {
            "page": report.page_url,
            "description": report.description,
            "contact_email": report.contact_email,
            "reported_at": report.created_at.isoformat(),
            "resolved_at": _iso(report.resolved_at),
        }
        for report in _reports_of(user).order_by("created_at")
    ]


def erase_barrier_report_contacts(*, user, now) -> None:
    """Keep the barrier (it may not be fixed yet), forget who reported it and their address."""
    _reports_of(user).update(contact_email="", reporter=None)


def purge_resolved_barrier_reports(*, now) -> int:
    from elan.core.models import BarrierReport

    limit = now - timedelta(days=settings.RETENTION_BARRIER_REPORT_DAYS)
    return BarrierReport.objects.filter(resolved_at__lt=limit).delete()[0]


register_exporter("barrier_reports", export_barrier_reports, models=("core.BarrierReport",))
register_eraser("barrier_reports", erase_barrier_report_contacts, models=("core.BarrierReport",))
register_retention_task("resolved_barrier_reports", purge_resolved_barrier_reports)


# --- The back office ---------------------------------------------------------------------------


def export_back_office(user) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from wagtail.admin.models import EditingSession
    from wagtail.models import (
        Comment,
        CommentReply,
        ModelLogEntry,
        Page,
        PageLogEntry,
        PageSubscription,
        Revision,
        TaskState,
        WorkflowState,
    )
    from wagtail.users.models import UserProfile

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
    from wagtail.admin.models import FormState
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import APIToken, UploadedFile
    from wagtail_localize.models import SegmentOverride, StringTranslation

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
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import APIToken, ModelLogEntry, Page, PageSubscription
    from wagtail.users.models import UserProfile

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
