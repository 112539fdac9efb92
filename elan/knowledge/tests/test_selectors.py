# SPDX-License-Identifier: EUPL-1.2
"""The seam other modules use to recommend hub items: ``hub_items_for``."""

from __future__ import annotations

import pytest

from elan.knowledge import service
from elan.knowledge.selectors import HubItem, hub_items_for


def test_hub_items_for_a_skill_come_in_the_persons_language(hub):
    items = hub_items_for(skill="iteration", language="fr")
    assert items
    assert all(isinstance(item, HubItem) for item in items)
    assert all("iteration" in item.skills for item in items)
    assert all(item.url.startswith("/fr/hub/") for item in items)
    assert all(item.language_used == "fr" and not item.is_fallback for item in items)


def test_hub_items_for_a_principle_include_its_own_page_and_what_serves_it(hub):
    items = hub_items_for(principle="learning-network", language="nl")
    kinds = {item.kind for item in items}
    assert {"principle", "case", "tool", "resource"} <= kinds
    assert all("learning-network" in item.principles for item in items)


def test_german_items_nobody_translated_fall_back_to_english_and_say_so(hub):
    items = {
        item.kind: item for item in hub_items_for(principle="test-small-adjust-fast", language="de")
    }
    assert items["principle"].language_used == "de"
    assert not items["principle"].is_fallback
    assert items["case"].language_used == "en"
    assert items["case"].is_fallback


def test_hub_items_for_can_narrow_by_kind_and_limit(hub):
    items = hub_items_for(skill="data-literacy", language="en", kinds=["case", "tool"], limit=2)
    assert len(items) == 2
    assert {item.kind for item in items} <= {"case", "tool"}


def test_a_skill_and_a_principle_together_narrow_further(hub):
    both = hub_items_for(skill="insurgency", principle="close-to-the-action", language="en")
    assert both
    assert all(
        "insurgency" in item.skills and "close-to-the-action" in item.principles for item in both
    )


def test_an_unknown_slug_is_refused_rather_than_silently_empty(hub):
    with pytest.raises(ValueError):
        hub_items_for(skill="telepathy", language="en")
    with pytest.raises(ValueError):
        hub_items_for(principle="move-fast", language="en")


def test_an_unknown_language_falls_back_to_english(hub):
    items = hub_items_for(skill="curiosity", language="xx")
    assert items and all(item.language_used == "en" for item in items)


def test_the_public_surface_is_the_same_selector():
    assert service.hub_items_for is hub_items_for
    assert service.HubItem is HubItem
