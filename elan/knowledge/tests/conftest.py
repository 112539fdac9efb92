# SPDX-License-Identifier: EUPL-1.2
"""The shipped hub, loaded once per test session and shared by the hub's tests.

Loading it takes a few seconds, so it is loaded outside the tests' transactions, once; each
test still rolls back what it changes. A browser test flushes the database when it ends, so
``hub`` loads the content again (inside the test) when it finds it gone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from wagtail.models import Page

from elan.knowledge.loader import load_hub_content
from elan.knowledge.models import HubHomePage


@dataclass
class Hub:
    """Finds shipped pages by their content key and language."""

    def page(self, key: str, language: str = "en") -> Page:
        return (
            Page.objects.filter(locale__language_code=language)
            .get(pk__in=_pages_with_key(key))
            .specific
        )

    def url(self, key: str, language: str = "en") -> str:
        return self.page(key, language).url


def _pages_with_key(key: str) -> list[int]:
    from elan.knowledge.models import HUB_PAGE_MODELS

    ids: list[int] = []
    for model in HUB_PAGE_MODELS:
        source = model.objects.filter(content_key=key).first()
        if source is not None:
            ids += list(
                Page.objects.filter(translation_key=source.translation_key).values_list(
                    "pk", flat=True
                )
            )
    return ids


@pytest.fixture(scope="session")
def _hub_loaded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_hub_content()


@pytest.fixture
def hub(_hub_loaded_once, db) -> Hub:
    if not HubHomePage.objects.exists():
        load_hub_content()
    return Hub()
