# SPDX-License-Identifier: EUPL-1.2
"""Plain-text helpers for search: accent folding and safe highlighting.

Highlights are built by escaping the text first and adding ``<mark>`` only around the matched
spans, so nothing an editor typed can ever become markup in a search result.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use characters PostgreSQL puts around matches; they never occur in hub text, since
# the index strips them before storing.
MATCH_START = "\ue000"
MATCH_STOP = "\ue001"

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


def fold_char(char: str) -> str:
    """One character in, one character out: lower case, accents removed."""
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold(text: str) -> str:
    """Lower case without accents, the same length as the input, so positions line up."""
    return "".join(fold_char(char) for char in text)


def query_terms(query: str) -> list[str]:
    """The words of a query, folded; words of one letter carry no meaning for search."""
    terms = []
    for match in _WORD.finditer(query or ""):
        term = fold(match.group(0).strip("'’-"))
        if len(term) >= 2 and term not in terms:
            terms.append(term)
    return terms


def strip_markers(text: str) -> str:
    return text.replace(MATCH_START, "").replace(MATCH_STOP, "")


def _spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    parts = []
    cursor = 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if end <= 0 or start >= len(text):
            continue
        start, end = max(start, 0), min(end, len(text))
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return "".join(parts)


def highlight(text: str, terms: list[str]) -> SafeString:
    """The whole text, escaped, with every occurrence of a term marked."""
    return mark_safe(_render(text, _spans(fold(text), terms)))  # escaped above


def snippet(text: str, terms: list[str], *, length: int = 240) -> SafeString:
    """A window of the text around the first match, escaped, with matches marked."""
    spans = _spans(fold(text), terms)
    if not spans:
        short = text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"
        return mark_safe(escape(short))  # escaped
    first = spans[0][0]
    start = max(0, first - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    window = text[start:end]
    rendered = _render(window, spans, offset=start)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{rendered}{suffix}")  # escaped in _render


def headline_to_html(headline: str) -> SafeString:
    """PostgreSQL's headline, with its private markers, turned into escaped HTML."""
    escaped = escape(headline)
    return mark_safe(  # the text was escaped; only our own tags are added
        escaped.replace(MATCH_START, "<mark>").replace(MATCH_STOP, "</mark>")
    )
