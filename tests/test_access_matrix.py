# SPDX-License-Identifier: EUPL-1.2
"""Every named page against every persona, judged by tests/access_table.py (docs/access.md)."""

from __future__ import annotations

import pytest
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from conftest import PERSONA_NAMES
from tests.access_table import (
    ACCESS_TABLE,
    ANSWERED,
    DENIED,
    LOGIN,
    NOT_WALKED,
    NOT_WALKED_PREFIXES,
    OK,
    REDIRECT,
)


def named_patterns(resolver: URLResolver | None = None, namespace: str = "") -> dict[str, object]:
    resolver = resolver or get_resolver()
    names: dict[str, object] = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.update(named_patterns(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names[f"{namespace}{pattern.name}"] = pattern
    return names


def language_prefixed_patterns() -> dict[str, object]:
    """The pages of our own: everything under /<language>/ (the back office is not)."""
    names: dict[str, object] = {}
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            names.update(named_patterns(pattern))
    return names


def walked_names() -> list[str]:
    return sorted(
        name
        for name in language_prefixed_patterns()
        if name not in NOT_WALKED and not name.startswith(NOT_WALKED_PREFIXES)
    )


def test_every_page_of_the_platform_has_a_row_in_the_access_table():
    missing = [name for name in walked_names() if name not in ACCESS_TABLE]
    assert not missing, f"Decide who may see these pages in tests/access_table.py: {missing}"


def test_the_access_table_names_no_page_that_does_not_exist():
    existing = set(named_patterns())
    stale = [name for name in ACCESS_TABLE if name not in existing]
    assert not stale, f"Rows for pages that no longer exist: {stale}"


def judge(response, outcome: str) -> bool:
    status = response.status_code
    location = response.headers.get("Location", "")
    if outcome == OK:
        return status == 200
    if outcome == LOGIN:
        return status in (301, 302) and "/accounts/login/" in location
    if outcome == DENIED:
        return status in (403, 404)
    if outcome == REDIRECT:
        return status in (301, 302, 303)
    if outcome == ANSWERED:
        return status < 500
    raise AssertionError(f"unknown outcome {outcome}")


@pytest.mark.parametrize("name", list(ACCESS_TABLE))
def test_each_persona_reaches_exactly_the_pages_access_md_allows(name, personas, client_for):
    row = ACCESS_TABLE[name]
    assert set(row.expect) == set(PERSONA_NAMES), f"{name}: give every persona an outcome"
    with translation.override("en"):
        url = reverse(name, kwargs=row.kwargs(personas) if row.kwargs else None) + row.query
    failures = []
    for persona in PERSONA_NAMES:
        response = client_for(persona).get(url)
        if not judge(response, row.expect[persona]):
            failures.append(
                f"{persona}: expected {row.expect[persona]}, got {response.status_code}"
                f" {response.headers.get('Location', '')}"
            )
    assert not failures, f"{url}\n" + "\n".join(failures)
