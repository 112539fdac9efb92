# SPDX-License-Identifier: EUPL-1.2
"""The shape of shipped hub content: one ``Node`` per page, its text per language."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    note: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Node:
    """One page of the hub.

    ``key`` identifies it for ever (the loader finds it again by this key, never by its title
    or slug, which editors may change). ``text`` maps a language code to that language's
    title, summary and translatable fields; a language without text gets an alias of the
    English page, shown as English until an editor translates it.
    """

    key: str
    model: str
    slug: str
    parent: str | None
    text: dict[str, dict]
    fields: dict = field(default_factory=dict)
    principles: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
