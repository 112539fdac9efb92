# SPDX-License-Identifier: EUPL-1.2
"""Full-text search across the hub, in the person's language, with filters and safe highlights."""

from __future__ import annotations

import re

import pytest

from elan.knowledge.selectors import hub_search


def titles(hits) -> list[str]:
    return [hit.item.title for hit in hits]


def test_search_finds_a_principle_by_a_word_from_its_body_in_dutch(hub):
    hits = hub_search(query="kruisbestuiving", language="nl")
    principle = hub.page("principle-learning-network", "nl")
    assert "kruisbestuiving" in principle.meaning
    assert principle.title in titles(hits)
    assert all(hit.item.language_used == "nl" for hit in hits)


def test_search_finds_a_principle_by_a_word_from_its_body_in_french(hub):
    hits = hub_search(query="pollinisation", language="fr")
    principle = hub.page("principle-learning-network", "fr")
    assert "pollinisation" in principle.meaning
    assert principle.title in titles(hits)


def test_search_page_shows_the_match_highlighted(hub, client):
    response = client.get("/fr/hub/search/", {"q": "pollinisation"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>pollinisation</mark>" in html
    assert "6. Construire son réseau d&#x27;apprentissage" in html


def test_search_in_one_language_does_not_return_another_languages_text(hub):
    assert not hub_search(query="kruisbestuiving", language="fr")


def test_a_word_typed_without_its_accents_still_finds_and_marks_the_accented_text(hub):
    from elan.knowledge.models import HubSearchEntry

    with_the_word = {
        entry.title
        for entry in HubSearchEntry.objects.filter(language="fr")
        if re.search(r"\bexpériences?\b", f"{entry.title} {entry.summary} {entry.body_text}")
    }
    hurried = hub_search(query="experience", language="fr")
    assert with_the_word
    assert with_the_word <= set(titles(hurried))
    marked = " ".join(f"{hit.title_html} {hit.snippet_html}" for hit in hurried[:5])
    assert "<mark>expérience" in marked.lower() or "<mark>expériences" in marked.lower()


def test_search_filters_by_type_principle_and_skill(hub):
    cases = hub_search(query="", language="en", kind="case")
    assert len(cases) == 5
    assert {hit.item.kind for hit in cases} == {"case"}
    conversations = hub_search(query="", language="en", principle="real-conversations")
    assert conversations
    assert all("real-conversations" in hit.item.principles for hit in conversations)
    storytelling_tools = hub_search(query="", language="en", kind="tool", skill="storytelling")
    assert storytelling_tools
    assert all(
        hit.item.kind == "tool" and "storytelling" in hit.item.skills for hit in storytelling_tools
    )


def test_search_combines_words_and_filters(hub):
    hits = hub_search(query="hackathon", language="en", kind="case")
    assert titles(hits) == [hub.page("case-municipal-hackathons-sweden").title]


def test_german_search_includes_english_fallbacks_and_marks_them(hub):
    hits = hub_search(query="hackathon", language="de", kind="case")
    assert hits
    assert all(hit.item.is_fallback and hit.item.language_used == "en" for hit in hits)
    assert all(hit.item.url.startswith("/de/hub/") for hit in hits)


def test_matches_are_marked_and_everything_an_editor_typed_is_escaped(hub, client):
    tip = hub.page("tip-give-the-floor-to-new-voices", "en")
    tip.summary = 'Compare 3 < 5 & <b>zebrafinch</b> ideas <script>alert("x")</script>'
    tip.save_revision().publish()
    response = client.get("/en/hub/search/", {"q": "zebrafinch"})
    html = response.content.decode()
    results = html[html.index('id="results-heading"') :]
    assert "<script" not in results and "<b>" not in results
    assert "3 &lt; 5 &amp;" in results
    assert "<mark>zebrafinch</mark>" in results


def test_a_page_is_found_once_published_and_no_longer_once_unpublished(hub):
    tip = hub.page("tip-give-the-floor-to-new-voices", "en")
    tip.summary = "A word nobody else uses: quokkaparade."
    tip.save_revision()
    assert not hub_search(query="quokkaparade", language="en")
    tip.get_latest_revision().publish()
    assert titles(hub_search(query="quokkaparade", language="en")) == [tip.title]
    tip.unpublish()
    assert not hub_search(query="quokkaparade", language="en")


def test_unknown_filters_re_render_the_form_with_a_message(hub, client):
    response = client.get("/en/hub/search/", {"q": "idea", "kind": "nonsense"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a type from the list." in html
    assert 'value="idea"' in html


def test_a_too_long_query_is_refused_politely(hub, client):
    response = client.get("/en/hub/search/", {"q": "x" * 201})
    assert response.status_code == 200
    assert "Use at most 200 characters." in response.content.decode()


def test_results_are_paginated(hub, client):
    response = client.get("/en/hub/search/", {"kind": "resource"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count > 10
    second = client.get("/en/hub/search/", {"kind": "resource", "page": "2"})
    assert second.context["page_obj"].number == 2
    nonsense = client.get("/en/hub/search/", {"kind": "resource", "page": "many"})
    assert nonsense.context["page_obj"].number == 1


@pytest.mark.parametrize("typed", ["''", "!&|", "co-création: l'équipe", "C++ & (test)", "é"])
def test_search_answers_any_typed_punctuation_without_an_error(hub, client, typed):
    response = client.get("/fr/hub/search/", {"q": typed})
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
