# SPDX-License-Identifier: EUPL-1.2
"""Writes of the knowledge hub: the search index and the editorial set-up.

Pages themselves are written by editors in Wagtail and by the content loader (loader.py);
everything here keeps what sits beside them in step.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import get_text_for_indexing

from elan.core.vocabulary import InnovationSkill, Principle
from elan.knowledge.constants import KIND_ORDER
from elan.knowledge.models import (
    HubContentVersion,
    HubHomePage,
    HubItemPage,
    HubPage,
    HubSearchEntry,
)
from elan.knowledge.text import fold, strip_markers

# PostgreSQL's text-search configuration for each language we write in.
SEARCH_CONFIGURATIONS = {"nl": "dutch", "fr": "french", "de": "german", "en": "english"}

EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"
WORKFLOW_NAME = "Hub review"
REVIEW_TASK_NAME = "Moderator review"

# docs/access.md: content editors draft and submit; moderators review and publish.
PAGE_PERMISSIONS = {
    EDITORS_GROUP: ("add_page", "change_page"),
    MODERATORS_GROUP: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
MODEL_PERMISSIONS = {
    EDITORS_GROUP: ("wagtailadmin.access_admin", "wagtail_localize.submit_translation"),
    MODERATORS_GROUP: ("wagtailadmin.access_admin", "wagtail_localize.submit_translation"),
}


def _plain(value) -> str:
    if value is None:
        return ""
    text = get_text_for_indexing(str(value)) if "<" in str(value) else str(value)
    return strip_markers(" ".join(text.split()))


def _as_sentence(text: str) -> str:
    return text if text[-1:] in ".!?…:;" else f"{text}."


def _tag_labels(page: HubItemPage, language: str) -> list[str]:
    with translation.override(language):
        labels = [str(Principle(slug).label) for slug in page.principles if slug in Principle]
        labels += [
            str(InnovationSkill(slug).label) for slug in page.skills if slug in InnovationSkill
        ]
    return labels


def _belongs_to_hub(page: Page) -> bool:
    return HubHomePage.objects.filter(
        path__in=[page.path[:length] for length in range(4, len(page.path) + 1, 4)]
    ).exists()


def _index_page(page: Page) -> None:
    specific = page.specific
    kind = getattr(specific, "hub_kind", None)
    if not isinstance(specific, HubPage) or kind is None or not page.live:
        HubSearchEntry.objects.filter(page_id=page.pk).delete()
        return
    if not _belongs_to_hub(page):
        HubSearchEntry.objects.filter(page_id=page.pk).delete()
        return
    language = page.locale.language_code
    content_language = specific.content_language()
    body_parts = [_plain(part) for part in specific.search_text_parts()]
    if isinstance(specific, HubItemPage):
        body_parts.append(", ".join(_tag_labels(specific, content_language)))
    body_parts += [_plain(block.value.get("title")) for block in specific.sources if block.value]
    # Each part ends as a sentence, so that a snippet reads "… Bäckman. Follows the …" rather
    # than running an author list into the next field.
    body_text = " ".join(_as_sentence(part) for part in body_parts if part)
    title = strip_markers(specific.title)
    summary = _plain(specific.summary)
    principles = getattr(specific, "principles", []) or []
    skills = getattr(specific, "skills", []) or []
    entry, _created = HubSearchEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "translation_key": page.translation_key,
            "language": language,
            "content_language": content_language,
            "kind": kind,
            "position": KIND_ORDER.index(kind) * 100 + getattr(specific, "number", 0),
            "title": title,
            "summary": summary,
            "body_text": body_text,
            "principles": f" {' '.join(principles)} " if principles else "",
            "skills": f" {' '.join(skills)} " if skills else "",
            "url": specific.get_url() or "",
            "folded_text": fold(f"{title} {summary} {body_text}"),
        },
    )
    if connection.vendor == "postgresql":
        config = SEARCH_CONFIGURATIONS.get(content_language, "simple")
        HubSearchEntry.objects.filter(pk=entry.pk).update(
            search_vector=SearchVector("title", weight="A", config=config)
            + SearchVector("summary", weight="B", config=config)
            + SearchVector("body_text", weight="C", config=config)
            # The same words without accents, unstemmed, so that "experience" typed in a hurry
            # still finds "expérience"; weighted lowest, so an exact match ranks first.
            + SearchVector("folded_text", weight="D", config="simple")
        )


@transaction.atomic
def hub_content_version_bump() -> None:
    """Something visitors see in the hub changed: pages cached before it are stale."""
    updated = HubContentVersion.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        HubContentVersion.objects.create(pk=1, number=1)
    else:
        # update() skips auto_now; the time is part of the cache key.
        HubContentVersion.objects.filter(pk=1).update(changed_at=timezone.now())


@transaction.atomic
def hub_search_entry_refresh(*, page: Page) -> None:
    """Bring the index in line with a page, its translations and aliases, and its subtree.

    Publishing one language can change what the others show (aliases follow their original),
    and a moved or renamed section changes the address of every item below it.
    """
    group = Page.objects.filter(translation_key=page.translation_key)
    for member in group:
        for descendant in Page.objects.descendant_of(member, inclusive=True):
            _index_page(descendant)
    hub_content_version_bump()


@transaction.atomic
def hub_search_index_rebuild() -> int:
    """Index every hub page from scratch; returns how many entries exist afterwards."""
    hub_pages = Page.objects.none()
    for home in HubHomePage.objects.all():
        hub_pages |= Page.objects.descendant_of(home, inclusive=True)
    keep = set()
    for page in hub_pages:
        _index_page(page)
        keep.add(page.pk)
    HubSearchEntry.objects.exclude(page_id__in=keep).delete()
    hub_content_version_bump()
    return HubSearchEntry.objects.count()


@transaction.atomic
def hub_locales_ensure() -> dict[str, Locale]:
    """Every content language has its Wagtail locale."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


# Permissions that a data migration made rather than a model's Meta, so that a flushed database
# (which gets back only the Meta ones) would lack them: (content type model, name), as the
# migration creates them.
_MIGRATION_MADE_PERMISSIONS = {
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}


def _model_permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None and dotted in _MIGRATION_MADE_PERMISSIONS:
        model, name = _MIGRATION_MADE_PERMISSIONS[dotted]
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission = Permission.objects.create(
            content_type=content_type, codename=codename, name=name
        )
    if permission is None:
        raise Permission.DoesNotExist(f"No permission {dotted}: are the migrations applied?")
    return permission


@transaction.atomic
def hub_editorial_setup_ensure(*, hub_homes: list[Page] | None = None) -> Workflow:
    """The groups, permissions and review workflow of docs/access.md; safe to run again.

    Roles reach these groups through ``organisations.services.role_assign``.
    """
    root = Page.get_first_root_node()
    groups = {}
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        groups[group_name] = group
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        for dotted in MODEL_PERMISSIONS[group_name]:
            group.permissions.add(_model_permission(dotted))
    # Editors submit; publishing is the moderators' decision alone.
    GroupPagePermission.objects.filter(
        group=groups[EDITORS_GROUP], permission__codename="publish_page"
    ).delete()

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(groups[MODERATORS_GROUP])
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in hub_homes if hub_homes is not None else HubHomePage.objects.all():
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
