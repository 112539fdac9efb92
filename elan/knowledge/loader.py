# SPDX-License-Identifier: EUPL-1.2
"""Load the shipped hub content into Wagtail: for the demo and for a fresh production install.

Safe to run again: pages are found by their content key, so nothing is created twice, and a
page that already exists is left as it is, so an editor's changes survive. Missing languages
are filled in: a translation where the content has one, otherwise an alias of the English page
(shown as English, with a note, until an editor translates it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import LocaleSynchronization

from elan.knowledge.content import TREE, Node
from elan.knowledge.models import HUB_PAGE_MODELS, HubHomePage, HubPage
from elan.knowledge.services import (
    hub_editorial_setup_ensure,
    hub_locales_ensure,
    hub_search_index_rebuild,
)
from elan.knowledge.signals import index_updates_paused

SOURCE_LANGUAGE = "en"
WAGTAIL_DEFAULT_ROOT_TITLE = "Welcome to your new Wagtail site!"
ROOT_TITLE = "Elan"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)
    aliased: list[str] = field(default_factory=list)
    search_entries: int = 0
    touched: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.created)} pages created, {len(self.translated)} translations added, "
            f"{len(self.aliased)} English fallbacks added, {self.search_entries} search entries."
        )


def _model(node: Node) -> type[HubPage]:
    return apps.get_model("knowledge", node.model)


def _sources(node: Node, language: str) -> list[tuple[str, dict]]:
    return [
        (
            "source",
            {
                "title": source.title,
                "url": source.url,
                "note": source.note.get(language, source.note.get(SOURCE_LANGUAGE, "")),
            },
        )
        for source in node.sources
    ]


def _apply(page: HubPage, node: Node, language: str) -> None:
    for name, value in {**node.fields, **node.text[language]}.items():
        setattr(page, name, value)
    page.sources = _sources(node, language)
    if hasattr(page, "principles"):
        page.principles = list(node.principles)
        page.skills = list(node.skills)


def _publish(page: Page) -> None:
    page.save_revision(clean=True).publish()


def _site_root(locales: dict[str, Locale]) -> Page:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        tree_root = Page.get_first_root_node()
        if tree_root is None:
            # Wagtail's migration makes the tree's root; a database emptied by the browser
            # tests' flush no longer has it, and a fresh install must still load.
            tree_root = Page.add_root(
                instance=Page(title="Root", slug="root", locale=locales[SOURCE_LANGUAGE])
            )
        root = tree_root.add_child(
            instance=Page(title=ROOT_TITLE, slug="home", locale=locales[SOURCE_LANGUAGE])
        )
        site = Site.objects.create(
            hostname="localhost", root_page=root, is_default_site=True, site_name="Elan"
        )
    root = site.root_page.specific
    if root.title == WAGTAIL_DEFAULT_ROOT_TITLE:
        root.title = ROOT_TITLE
        root.draft_title = ROOT_TITLE
        root.save(update_fields=["title", "draft_title"])
    return root


def _ensure_root_translations(root: Page, locales: dict[str, Locale], report) -> None:
    for code, locale in locales.items():
        if code == root.locale.language_code:
            continue
        existing = root.get_translation_or_none(locale)
        if existing is None:
            copy = root.copy_for_translation(locale)
            copy.title = ROOT_TITLE
            _publish(copy)
            report.touched.append(copy.pk)


def _ensure_source_page(node: Node, pages: dict[str, Page], root: Page, report) -> HubPage:
    model = _model(node)
    source_locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    existing = model.objects.filter(content_key=node.key, locale=source_locale).first()
    if existing is not None:
        return existing
    parent = pages[node.parent] if node.parent else root
    page = model(content_key=node.key, slug=node.slug, locale=source_locale)
    _apply(page, node, SOURCE_LANGUAGE)
    parent.add_child(instance=page)
    _publish(page)
    report.created.append(node.key)
    report.touched.append(page.pk)
    return page


def _ensure_language(node: Node, source: HubPage, locale: Locale, report) -> None:
    code = locale.language_code
    existing = source.get_translation_or_none(locale)
    if code not in node.text:
        if existing is None:
            alias = source.copy_for_translation(locale, alias=True)
            report.aliased.append(f"{node.key}:{code}")
            report.touched.append(alias.pk)
        return
    if existing is not None and not existing.alias_of_id:
        return  # A real translation exists; an editor may have changed it since.
    if existing is not None:
        ConvertAliasPageAction(existing).execute(skip_permission_checks=True)
        page = existing.specific_class.objects.get(pk=existing.pk)
    else:
        page = source.copy_for_translation(locale).specific
    _apply(page, node, code)
    page.slug = source.slug
    _publish(page)
    report.translated.append(f"{node.key}:{code}")
    report.touched.append(page.pk)


@contextmanager
def _bulk_indexing() -> Iterator[None]:
    """Index once at the end rather than after each of the hundreds of saves of a load.

    Wagtail's admin search (modelsearch), its reference index and our own hub index would
    otherwise each re-index a page on every save, which makes a fresh load several times
    slower; the pages touched are indexed once when the load is done.
    """
    disconnected = [
        model
        for model in (Page, *HUB_PAGE_MODELS)
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update(), index_updates_paused():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def _index_touched(page_ids: list[int]) -> None:
    for page in Page.objects.filter(pk__in=page_ids).specific():
        search_index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)


@transaction.atomic
def load_hub_content() -> LoadReport:
    """Create what is missing of the shipped hub; returns what it did."""
    report = LoadReport()
    with _bulk_indexing():
        locales = hub_locales_ensure()
        root = _site_root(locales)
        _ensure_root_translations(root, locales, report)

        pages: dict[str, Page] = {}
        for node in TREE:
            source = _ensure_source_page(node, pages, root, report)
            pages[node.key] = source
            for code, locale in locales.items():
                if code != SOURCE_LANGUAGE:
                    _ensure_language(node, source, locale, report)

        # From now on wagtail-localize keeps the languages in step: a page an editor adds in
        # English appears in the others as an alias until it is translated. bulk_create skips
        # the save signal that would re-walk the whole tree; the load made every alias already.
        source_locale = locales[SOURCE_LANGUAGE]
        LocaleSynchronization.objects.bulk_create(
            [
                LocaleSynchronization(locale=locale, sync_from=source_locale)
                for code, locale in locales.items()
                if code != SOURCE_LANGUAGE
                and not LocaleSynchronization.objects.filter(locale=locale).exists()
            ]
        )
        hub_editorial_setup_ensure(hub_homes=list(HubHomePage.objects.all()))
    _index_touched(report.touched)
    report.search_entries = hub_search_index_rebuild()
    return report
