# SPDX-License-Identifier: EUPL-1.2
"""The one engine that suggests hub reading, for a person's plan and a team's action plan."""

from __future__ import annotations

from elan.knowledge import selectors
from elan.knowledge.reading import HubItem
from elan.knowledge.suggestions import hub_suggestions_for


def item(title: str, url: str) -> HubItem:
    return HubItem(title=title, url=url, kind="tool", language_used="en", is_fallback=False)


def test_a_skill_is_asked_before_a_principle_and_items_without_an_address_are_left_out(
    monkeypatch,
):
    calls = []

    def hub_items_for(**query):
        calls.append(query)
        return [item("Prototype", "/en/hub/prototype/"), item("Untitled", "")]

    monkeypatch.setattr(selectors, "hub_items_for", hub_items_for)
    found = hub_suggestions_for(language="fr", skill="iteration", principle="test-small")
    assert calls == [{"language": "fr", "limit": 2, "skill": "iteration"}]
    assert [i.title for i in found] == ["Prototype"]
    hub_suggestions_for(language="nl", principle="test-small", limit=1)
    assert calls[-1] == {"language": "nl", "limit": 1, "principle": "test-small"}


def test_nothing_to_ask_for_or_a_failing_hub_suggests_nothing(monkeypatch):
    def broken(**query):
        raise RuntimeError("the index is being rebuilt")

    monkeypatch.setattr(selectors, "hub_items_for", broken)
    assert hub_suggestions_for(language="en") == []
    assert hub_suggestions_for(language="en", skill="iteration") == []
