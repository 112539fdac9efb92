# SPDX-License-Identifier: EUPL-1.2
"""Reads of the knowledge hub: recommendations, search, the navigator and page context.

Everything a visitor sees in a language comes from that language's entries, and for a page
nobody has put into that language yet, from the English entry, marked as a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.models import Page

from elan.core.vocabulary import InnovationSkill, Principle
from elan.knowledge.constants import INTENTION_ROUTES, HubKind
from elan.knowledge.models import HubHomePage, HubSearchEntry
from elan.knowledge.text import (
    MATCH_START,
    MATCH_STOP,
    fold,
    headline_to_html,
    highlight,
    query_terms,
    snippet,
)

FALLBACK_LANGUAGE = getattr(settings, "FALLBACK_LANGUAGE", "en")
SEARCH_CONFIGURATIONS = {"nl": "dutch", "fr": "french", "de": "german", "en": "english"}


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


@dataclass(frozen=True)
class SearchHit:
    item: HubItem
    title_html: SafeString
    snippet_html: SafeString
    rank: float = 0.0


@dataclass(frozen=True)
class NavigatorRoute:
    intention: str
    principle: HubItem | None
    tools: list[HubItem] = field(default_factory=list)
    cases: list[HubItem] = field(default_factory=list)
    resources: list[HubItem] = field(default_factory=list)
    tips: list[HubItem] = field(default_factory=list)
    partners: list[HubItem] = field(default_factory=list)
    skills: tuple[str, ...] = ()
    why: str = ""


def _language(language: str) -> str:
    code = (language or FALLBACK_LANGUAGE).split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else FALLBACK_LANGUAGE


def _entries_for_language(language: str) -> QuerySet[HubSearchEntry]:
    """The entries a person reading ``language`` sees: theirs, else the English one."""
    language = _language(language)
    if language == FALLBACK_LANGUAGE:
        return HubSearchEntry.objects.filter(language=language)
    present = HubSearchEntry.objects.filter(language=language).values("translation_key")
    return HubSearchEntry.objects.filter(
        Q(language=language) | (Q(language=FALLBACK_LANGUAGE) & ~Q(translation_key__in=present))
    )


def _filtered(
    entries: QuerySet[HubSearchEntry],
    *,
    kinds: Iterable[str] | None = None,
    principle: str | None = None,
    skill: str | None = None,
) -> QuerySet[HubSearchEntry]:
    if kinds:
        entries = entries.filter(kind__in=list(kinds))
    if principle:
        entries = entries.filter(principles__contains=f" {principle} ")
    if skill:
        entries = entries.filter(skills__contains=f" {skill} ")
    return entries


def _item(entry: HubSearchEntry, language: str) -> HubItem:
    return HubItem(
        title=entry.title,
        url=entry.url,
        kind=entry.kind,
        language_used=entry.content_language,
        is_fallback=entry.content_language != _language(language),
        summary=entry.summary,
        principles=entry.principle_slugs,
        skills=entry.skill_slugs,
    )


def hub_items_for(
    *,
    language: str,
    skill: str | None = None,
    principle: str | None = None,
    kinds: Iterable[str] | None = None,
    limit: int | None = None,
) -> list[HubItem]:
    """Hub items tagged with a skill and/or a principle, in the person's language.

    The seam other modules use to recommend reading: ``skill`` and ``principle`` are slugs of
    ``elan.core.vocabulary``; with neither, every item of the given kinds comes back.
    """
    if skill and skill not in InnovationSkill.values:
        raise ValueError(f"Unknown innovation skill {skill!r}")
    if principle and principle not in Principle.values:
        raise ValueError(f"Unknown principle {principle!r}")
    entries = _filtered(
        _entries_for_language(language), kinds=kinds, principle=principle, skill=skill
    ).order_by("position", "title")
    if limit is not None:
        entries = entries[:limit]
    return [_item(entry, language) for entry in entries]


def principle_page_for(*, principle: str, language: str) -> HubItem | None:
    """The principle's own page (it lists its own principle first)."""
    items = hub_items_for(principle=principle, kinds=[HubKind.PRINCIPLE], language=language)
    return next((item for item in items if item.principles[:1] == (principle,)), None)


def _scored(
    entries: QuerySet[HubSearchEntry], *, principle: str, skills: tuple[str, ...]
) -> list[HubSearchEntry]:
    scored = []
    for entry in entries:
        score = 2 * (principle in entry.principle_slugs)
        score += sum(1 for skill in skills if skill in entry.skill_slugs)
        if score:
            scored.append((-score, entry.position, entry.title, entry))
    return [entry for *_key, entry in sorted(scored, key=lambda row: row[:3])]


def navigator_route(*, intention: str, language: str, per_kind: int = 2) -> NavigatorRoute:
    """From what a person wants to do to the principle, tools, cases and reading that fit.

    An item fits when it serves the intention's principle or one of its skills; items that
    serve both come first. Editors steer the navigator through the tags alone.
    """
    route = INTENTION_ROUTES[intention]
    condition = Q(principles__contains=f" {route.principle} ")
    for skill in route.skills:
        condition |= Q(skills__contains=f" {skill} ")
    entries = _entries_for_language(language).filter(condition)

    def best(kind: str, count: int = per_kind) -> list[HubItem]:
        chosen = _scored(entries.filter(kind=kind), principle=route.principle, skills=route.skills)
        return [_item(entry, language) for entry in chosen[:count]]

    return NavigatorRoute(
        intention=intention,
        principle=principle_page_for(principle=route.principle, language=language),
        tools=best(HubKind.TOOL),
        cases=best(HubKind.CASE),
        resources=best(HubKind.RESOURCE),
        tips=best(HubKind.TIP, 1),
        partners=best(HubKind.PARTNER, 1),
        skills=route.skills,
        why=str(route.why),
    )


class SearchHits(Sequence):
    """Ranked hits whose highlights are made only for the slice a page of results shows.

    ``ts_headline`` is the expensive part of a PostgreSQL search; computing it for every match
    and then showing ten of them would waste most of the work.
    """

    def __init__(self, ranked: list[tuple[int, float]], render) -> None:
        self._ranked = ranked
        self._render = render

    def __len__(self) -> int:
        return len(self._ranked)

    def __getitem__(self, index):
        if isinstance(index, slice):
            chosen = self._ranked[index]
            rendered = self._render({pk: rank for pk, rank in chosen})
            return [rendered[pk] for pk, _rank in chosen]
        return self[index : index + 1 if index != -1 else None][0]

    def __iter__(self):
        return iter(self[:])


def _search_postgres(entries: QuerySet[HubSearchEntry], query: str, language: str) -> SearchHits:
    configs = {
        code: SEARCH_CONFIGURATIONS.get(code, "simple")
        for code in entries.values_list("content_language", flat=True).distinct()
    }
    condition = Q(pk__in=[])
    ranks, titles, snippets = [], [], []
    markers = {"start_sel": MATCH_START, "stop_sel": MATCH_STOP}
    # Each folded word as a prefix, so "experience" also finds "expériences"; only letters and
    # digits reach the raw query syntax.
    words = [word for term in query_terms(query) for word in re.findall(r"\w+", term)]
    folded_query = (
        SearchQuery(" & ".join(f"{word}:*" for word in words), config="simple", search_type="raw")
        if words
        else None
    )
    for code, config in configs.items():
        search_query = SearchQuery(query, config=config, search_type="websearch")
        if folded_query is not None:
            search_query |= folded_query
        condition |= Q(content_language=code, search_vector=search_query)
        ranks.append(When(content_language=code, then=SearchRank(F("search_vector"), search_query)))
        titles.append(
            When(
                content_language=code,
                then=SearchHeadline(
                    "title", search_query, config=config, highlight_all=True, **markers
                ),
            )
        )
        snippets.append(
            When(
                content_language=code,
                then=SearchHeadline(
                    Concat("summary", Value(" "), "body_text", output_field=TextField()),
                    search_query,
                    config=config,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **markers,
                ),
            )
        )
    if not configs:
        return SearchHits([], lambda ranks_by_pk: {})
    ranked = list(
        entries.filter(condition)
        .annotate(rank=Case(*ranks, output_field=FloatField()))
        .order_by("-rank", "position", "title")
        .values_list("pk", "rank")
    )

    terms = query_terms(query)

    def render(ranks_by_pk: dict[int, float]) -> dict[int, SearchHit]:
        rendered = {}
        for entry in HubSearchEntry.objects.filter(pk__in=list(ranks_by_pk)).annotate(
            title_headline=Case(*titles, output_field=TextField()),
            body_headline=Case(*snippets, output_field=TextField()),
        ):
            # PostgreSQL marks what its stemmer matched; a match found only through the
            # accent-free copy gets its marks from the same folding the SQLite search uses.
            title = entry.title_headline or ""
            body = entry.body_headline or ""
            if MATCH_START in body:
                snippet_html = headline_to_html(body)
            else:
                text = f"{entry.summary} {entry.body_text}"
                snippet_html = snippet(text, terms) if _folded_match(text, terms) else None
            rendered[entry.pk] = SearchHit(
                item=_item(entry, language),
                title_html=headline_to_html(title)
                if MATCH_START in title
                else highlight(entry.title, terms),
                snippet_html=snippet_html or headline_to_html(entry.summary),
                rank=ranks_by_pk[entry.pk] or 0.0,
            )
        return rendered

    return SearchHits(ranked, render)


def _folded_match(text: str, terms: list[str]) -> bool:
    folded = fold(text)
    return any(term in folded for term in terms)


def _search_sqlite(entries: QuerySet[HubSearchEntry], query: str, language: str) -> list[SearchHit]:
    terms = query_terms(query)
    if not terms:
        return []
    for term in terms:
        entries = entries.filter(folded_text__contains=term)
    hits = []
    for entry in entries:
        title = fold(entry.title)
        text = entry.folded_text
        rank = sum(3 * title.count(term) + text.count(term) for term in terms)
        body = entry.body_text if any(term in fold(entry.body_text) for term in terms) else ""
        hits.append(
            SearchHit(
                item=_item(entry, language),
                title_html=highlight(entry.title, terms),
                snippet_html=snippet(body or entry.summary, terms),
                rank=float(rank),
            )
        )
    hits.sort(key=lambda hit: (-hit.rank, hit.item.title))
    return hits


def hub_search(
    *,
    query: str,
    language: str,
    kind: str | None = None,
    principle: str | None = None,
    skill: str | None = None,
) -> Sequence[SearchHit]:
    """Full-text search over the hub in the person's language, with highlighted matches.

    PostgreSQL parses each text with its own language's configuration (stemming, stop
    words); SQLite, for the demo, matches accent-insensitive word fragments.
    """
    entries = _filtered(
        _entries_for_language(language),
        kinds=[kind] if kind else None,
        principle=principle,
        skill=skill,
    )
    query = (query or "").strip()
    if not query:
        return [
            SearchHit(
                item=_item(entry, language),
                title_html=highlight(entry.title, []),
                snippet_html=snippet(entry.summary, []),
            )
            for entry in entries.order_by("position", "title")
        ]
    if connection.vendor == "postgresql":
        return _search_postgres(entries, query, language)
    return _search_sqlite(entries, query, language)


# --- Page context --------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLanguage:
    code: str
    name: str
    url: str
    is_alias: bool
    is_current: bool


def _hub_home_for(page: Page) -> HubHomePage | None:
    ancestors = page.get_ancestors(inclusive=True).type(HubHomePage)
    home = ancestors.last()
    return home.specific if home else None


def hub_page_context(*, page: Page, request) -> dict:
    """What every hub page template needs: languages, fallback, breadcrumbs, related items."""
    from django.utils import translation

    active = _language(translation.get_language() or FALLBACK_LANGUAGE)
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

    home = _hub_home_for(page)
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


def hub_home_url(*, language: str) -> str | None:
    """Where the hub starts in a language, for navigation and links from other modules."""
    homes = HubHomePage.objects.live()
    home = (
        homes.filter(locale__language_code=_language(language)).first()
        or homes.filter(locale__language_code=FALLBACK_LANGUAGE).first()
    )
    return home.get_url() if home else None


def children_for_listing(*, page: Page, model=None) -> list[dict]:
    """A page's live children, each with the language its text is in when that differs."""
    from django.utils import translation

    active = _language(translation.get_language() or FALLBACK_LANGUAGE)
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
