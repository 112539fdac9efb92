# SPDX-License-Identifier: EUPL-1.2
"""What a reader gets of the hub in their language: the language they read in, a hub item as
other modules see it, and what every hub page's template needs around the page.

The page models call this from ``get_context``, so it imports no model of this app: what it
needs of them it is given (docs/adr/0013-layers-and-checks.md). ``selectors`` builds on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page

from elan.knowledge.constants import HubKind

FALLBACK_LANGUAGE = getattr(settings, "FALLBACK_LANGUAGE", "en")


@dataclass(frozen=True)
class HubItem:
    """A hub item as other modules see it: enough to link to it and say what it is."""

    title: str
    url: str
    kind: str
    language_used: str
    is_fallback: bool
    summary: str = ""
    principles: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return str(HubKind(self.kind).label)


def reader_language(language: str) -> str:
    """The language a person reads the hub in: theirs when the platform has it, else English."""
    code = (language or FALLBACK_LANGUAGE).split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else FALLBACK_LANGUAGE


@dataclass(frozen=True)
class PageLanguage:
    code: str
    name: str
    url: str
    is_alias: bool
    is_current: bool


def hub_page_context(*, page: Page, request, home: Page | None) -> dict:
    """What every hub page template needs: languages, fallback, breadcrumbs, related items.

    ``home`` is the hub home the page belongs to (``HubPage.hub_home``), if any.
    """
    active = reader_language(translation.get_language() or FALLBACK_LANGUAGE)
    content_language = page.specific.content_language()
    order = [code for code, _name in settings.LANGUAGES]
    names = dict(settings.LANGUAGES)
    translations = {
        member.locale.language_code: member
        for member in Page.objects.filter(translation_key=page.translation_key, live=True)
        .select_related("locale")
        .order_by("pk")
    }
    languages = []
    for code in order:
        member = translations.get(code)
        if member is None:
            continue
        languages.append(
            PageLanguage(
                code=code,
                name=translation.get_language_info(code)["name_local"],
                url=member.get_url(request) or "",
                is_alias=bool(member.alias_of_id),
                is_current=member.pk == page.pk,
            )
        )
    written_in = [language for language in languages if not language.is_alias]

    switcher = []
    for code in order:
        member = translations.get(code)
        url = member.get_url(request) if member is not None else None
        if not url and home is not None:
            # Not in this language at all yet: the hub's start page in that language.
            home_member = Page.objects.filter(
                translation_key=home.translation_key, locale__language_code=code, live=True
            ).first()
            url = home_member.get_url(request) if home_member else None
        switcher.append({"code": code, "url": url or translate_url(request.path, code)})

    breadcrumbs = []
    if home is not None:
        for ancestor in page.get_ancestors().filter(depth__gte=home.depth):
            breadcrumbs.append({"title": ancestor.title, "url": ancestor.get_url(request)})

    is_fallback = content_language != active
    return {
        "hub_home": home,
        "content_language": content_language,
        "is_fallback": is_fallback,
        # Marks the page's own text, not the interface around it, as being in another language.
        "content_lang_attr": format_html(' lang="{}"', content_language) if is_fallback else "",
        "active_language": active,
        "page_languages": languages,
        "written_in": written_in,
        "hreflang_alternates": written_in,
        "hub_switcher": switcher,
        "breadcrumbs": breadcrumbs,
        "language_names": names,
    }


def children_for_listing(*, page: Page, model=None) -> list[dict]:
    """A page's live children, each with the language its text is in when that differs."""
    active = reader_language(translation.get_language() or FALLBACK_LANGUAGE)
    children = page.get_children().live()
    if model is not None:
        children = children.type(model)
    # One query for every child's language, and the original's for aliases, instead of one
    # query per child.
    languages = {
        pk: original or own
        for pk, own, original in children.values_list(
            "pk", "locale__language_code", "alias_of__locale__language_code"
        )
    }
    listing = [
        {"page": child, "lang": "" if languages[child.pk] == active else languages[child.pk]}
        for child in children.specific()
    ]
    if listing and hasattr(listing[0]["page"], "number"):
        listing.sort(key=lambda row: (getattr(row["page"], "number", 0), row["page"].path))
    return listing
