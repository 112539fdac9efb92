# SPDX-License-Identifier: EUPL-1.2
"""Reads of the knowledge hub: recommendations, search and the navigator.

Everything a visitor sees in a language comes from that language's entries, and for a page
nobody has put into that language yet, from the English entry, marked as a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.safestring import SafeString

from elan.core.vocabulary import InnovationSkill, Principle
from elan.knowledge.constants import INTENTION_ROUTES, HubKind
from elan.knowledge.models import HubHomePage, HubSearchEntry
from elan.knowledge.reading import FALLBACK_LANGUAGE, HubItem, reader_language
from elan.knowledge.text import (
    MATCH_START,
    MATCH_STOP,
    fold,
    headline_to_html,
    highlight,
    query_terms,
    snippet,
)

SEARCH_CONFIGURATIONS = {"nl": "dutch", "fr": "french", "de": "german", "en": "english"}


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
    entries = (
        HubSearchEntry.objects.for_reader(language)
        .tagged(kinds=kinds, principle=principle, skill=skill)
        .order_by("position", "title")
    )
    if limit is not None:
        entries = entries[:limit]
    return [entry.as_item(language) for entry in entries]


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
    entries = HubSearchEntry.objects.for_reader(language).filter(condition)

    def best(kind: str, count: int = per_kind) -> list[HubItem]:
        chosen = _scored(entries.filter(kind=kind), principle=route.principle, skills=route.skills)
        return [entry.as_item(language) for entry in chosen[:count]]

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
            rendered = self._render(dict(chosen))
            return [rendered[pk] for pk, _rank in chosen]
        return self[index : index + 1 if index != -1 else None][0]

    def __iter__(self):
        return iter(self[:])


def _search_postgres(entries: QuerySet[HubSearchEntry], query: str, language: str) -> SearchHits:
    configs = {
        code: SEARCH_CONFIGURATIONS.get(code, "simple")
        for code in entries.values_list("content_language", flat=True).distinct()
    }
    if not configs:
        return SearchHits([], lambda ranks_by_pk: {})
    expressions = _search_expressions(configs, query=query)
    ranked = list(
        entries.filter(expressions.condition)
        .annotate(rank=Case(*expressions.ranks, output_field=FloatField()))
        .order_by("-rank", "position", "title")
        .values_list("pk", "rank")
    )
    terms = query_terms(query)

    def render(ranks_by_pk: dict[int, float]) -> dict[int, SearchHit]:
        return _rendered_hits(ranks_by_pk, expressions=expressions, terms=terms, language=language)

    return SearchHits(ranked, render)


@dataclass
class _SearchExpressions:
    """Per content language, its search configuration's match, rank and headlines."""

    condition: Q
    ranks: list[When]
    titles: list[When]
    snippets: list[When]


def _search_expressions(configs: dict[str, str], *, query: str) -> _SearchExpressions:
    """The query in each content language's configuration, or as accent-free prefixes."""
    condition = Q(pk__in=[])
    ranks, titles, snippets = [], [], []
    markers: dict[str, Any] = {"start_sel": MATCH_START, "stop_sel": MATCH_STOP}
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
    return _SearchExpressions(condition=condition, ranks=ranks, titles=titles, snippets=snippets)


def _rendered_hits(
    ranks_by_pk: dict[int, float],
    *,
    expressions: _SearchExpressions,
    terms: list[str],
    language: str,
) -> dict[int, SearchHit]:
    """The hits of one page of results, with their highlighted title and snippet."""
    rendered = {}
    for entry in HubSearchEntry.objects.filter(pk__in=list(ranks_by_pk)).annotate(
        title_headline=Case(*expressions.titles, output_field=TextField()),
        body_headline=Case(*expressions.snippets, output_field=TextField()),
    ):
        # PostgreSQL marks what its stemmer matched; a match found only through the
        # accent-free copy gets its marks from the same folding the SQLite search uses.
        title = entry.title_headline or ""
        body = entry.body_headline or ""
        snippet_html: SafeString | None
        if MATCH_START in body:
            snippet_html = headline_to_html(body)
        else:
            text = f"{entry.summary} {entry.body_text}"
            snippet_html = snippet(text, terms) if _folded_match(text, terms) else None
        rendered[entry.pk] = SearchHit(
            item=entry.as_item(language),
            title_html=headline_to_html(title)
            if MATCH_START in title
            else highlight(entry.title, terms),
            snippet_html=snippet_html or headline_to_html(entry.summary),
            rank=ranks_by_pk[entry.pk] or 0.0,
        )
    return rendered


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
                item=entry.as_item(language),
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
    entries = HubSearchEntry.objects.for_reader(language).tagged(
        kinds=[kind] if kind else None, principle=principle, skill=skill
    )
    query = (query or "").strip()
    if not query:
        return [
            SearchHit(
                item=entry.as_item(language),
                title_html=highlight(entry.title, []),
                snippet_html=snippet(entry.summary, []),
            )
            for entry in entries.order_by("position", "title")
        ]
    if connection.vendor == "postgresql":
        return _search_postgres(entries, query, language)
    return _search_sqlite(entries, query, language)


# --- Where the hub starts -------------------------------------------------------------------------


def hub_home_url(*, language: str) -> str | None:
    """Where the hub starts in a language, for navigation and links from other modules."""
    homes = HubHomePage.objects.live()
    home = (
        homes.filter(locale__language_code=reader_language(language)).first()
        or homes.filter(locale__language_code=FALLBACK_LANGUAGE).first()
    )
    return home.get_url() if home else None
