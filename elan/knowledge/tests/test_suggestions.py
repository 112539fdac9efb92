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


def tagged(title: str, kind: str, skills: tuple[str, ...]) -> HubItem:
    return HubItem(
        title=title,
        url=f"/en/hub/{title}/",
        kind=kind,
        language_used="en",
        is_fallback=False,
        skills=skills,
    )


def test_asked_for_tools_and_reading_it_takes_one_of_each_in_turn_the_main_topic_first(
    monkeypatch,
):
    shelves = {
        "tool": [
            tagged("broad-tool", "tool", ("curiosity", "storytelling", "iteration")),
            tagged("iteration-tool", "tool", ("iteration",)),
        ],
        "resource": [tagged("reading", "resource", ("data-literacy", "iteration"))],
    }
    calls = []

    def hub_items_for(*, kinds, **query):
        calls.append((tuple(kinds), query))
        return shelves[kinds[0]]

    monkeypatch.setattr(selectors, "hub_items_for", hub_items_for)
    found = hub_suggestions_for(language="en", skill="iteration", kinds=("tool", "resource"))
    assert [i.title for i in found] == ["iteration-tool", "reading"]
    assert calls == [
        (("tool",), {"language": "en", "skill": "iteration"}),
        (("resource",), {"language": "en", "skill": "iteration"}),
    ]
    three = hub_suggestions_for(
        language="en", skill="iteration", kinds=("tool", "resource"), limit=3
    )
    assert [i.title for i in three] == ["iteration-tool", "reading", "broad-tool"]
