# SPDX-License-Identifier: EUPL-1.2
"""Keep the hub's search index in step with Wagtail's page life cycle.

Signals are the one place Wagtail tells us that a page went live, went offline or moved,
whether an editor, a moderator, the scheduler (``publish_scheduled``) or an alias update did it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from elan.knowledge.models import HubPage
from elan.knowledge.services import hub_content_version_bump, hub_search_entry_refresh

_state = threading.local()


@contextmanager
def index_updates_paused() -> Iterator[None]:
    """For bulk loads that rebuild the index once at the end instead of after every page."""
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = False


def _refresh(instance) -> None:
    if getattr(_state, "paused", False):
        return
    if isinstance(instance, HubPage) or isinstance(getattr(instance, "specific", None), HubPage):
        hub_search_entry_refresh(page=instance)


def on_page_published(sender, instance, **kwargs) -> None:
    _refresh(instance)


def on_page_unpublished(sender, instance, **kwargs) -> None:
    _refresh(instance)


def on_page_moved(sender, instance, **kwargs) -> None:
    _refresh(instance)


def on_page_deleted(sender, instance, **kwargs) -> None:
    # The entry goes with the page (CASCADE); what is left to do is to drop cached pages.
    if isinstance(instance, HubPage) and not getattr(_state, "paused", False):
        hub_content_version_bump()


def on_document_changed(sender, instance, **kwargs) -> None:
    # A presentation shows its file's type and size: a replaced file changes the page.
    if not getattr(_state, "paused", False):
        hub_content_version_bump()


def on_view_restriction_changed(sender, instance, **kwargs) -> None:
    # A page that gains a password or a login requirement must stop being served from the copy
    # cached while it was public.
    if not getattr(_state, "paused", False):
        hub_content_version_bump()


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="knowledge_index_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="knowledge_index_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="knowledge_index_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="knowledge_cache_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"knowledge_cache_restriction_{signal is post_save}",
        )
    document_model = get_document_model()
    post_save.connect(
        on_document_changed, sender=document_model, dispatch_uid="knowledge_cache_document_saved"
    )
    post_delete.connect(
        on_document_changed, sender=document_model, dispatch_uid="knowledge_cache_document_gone"
    )
