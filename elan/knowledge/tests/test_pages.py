# SPDX-License-Identifier: EUPL-1.2
"""Every page type renders in every language, with its languages linked and fallbacks marked."""

from __future__ import annotations

import re

import pytest

from elan.knowledge.models import HUB_PAGE_MODELS

LANGUAGES = ("nl", "fr", "de", "en")

# One shipped page of each type.
EXAMPLE_OF_EACH_TYPE = {
    "HubHomePage": "hub",
    "HubSectionPage": "section-cases",
    "DefinitionPage": "definition",
    "PrinciplePage": "principle-real-conversations",
    "CasePage": "case-innovation-fellowships",
    "ToolPage": "tool-opsi-playbook",
    "ResourcePage": "resource-albrecht-2024-innovation-fellowships",
    "PartnerPage": "partner-oecd-opsi",
    "PresentationPage": "presentation-bricolage",
    "RecordingPage": "recording-everyone-can-innovate-2025",
    "TipPage": "tip-start-small-within-your-mandate",
    "QuestionPage": "question-innovation-goals-in-evaluations",
    "QuotePage": "quote-steven-van-de-walle-permission",
}


def test_the_examples_cover_every_page_type():
    assert set(EXAMPLE_OF_EACH_TYPE) == {model.__name__ for model in HUB_PAGE_MODELS}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", sorted(EXAMPLE_OF_EACH_TYPE))
def test_every_page_type_renders_in_every_language(hub, client, page_type, language):
    page = hub.page(EXAMPLE_OF_EACH_TYPE[page_type], language)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert html.count("<h1") == 1
    assert page.url.startswith(f"/{language}/hub/")
    assert type(response.context["page"]).__name__ == page_type


def test_a_german_page_nobody_translated_shows_the_english_text_marked_as_english(hub, client):
    page = hub.page("case-innovation-fellowships", "de")
    assert page.alias_of_id, "shipped cases have no German text: German shows the English one"
    html = client.get(page.url).content.decode()
    assert 'class="fallback-note"' in html
    assert 'lang="en"' in html
    assert re.search(r'<h1 lang="en">Innovation fellowships', html)
    assert re.search(r'<div class="rich-text" lang="en"><p>In an innovation fellowship', html)
    # The interface around the text stays German, and says so.
    assert '<h2 id="context-heading">Kontext und Maßnahmen</h2>' in html
    assert "Innovation fellowships: learning agility by working together" in html


def test_a_german_translation_is_shown_in_german_without_a_fallback_note(hub, client):
    page = hub.page("principle-real-conversations", "de")
    assert not page.alias_of_id
    html = client.get(page.url).content.decode()
    assert "2. Raum für echte Gespräche schaffen" in html
    assert 'class="fallback-note"' not in html


@pytest.mark.parametrize("language", ("nl", "fr", "en"))
def test_dutch_french_and_english_are_complete_for_every_shipped_page(hub, language):
    from elan.knowledge.content import TREE

    for node in TREE:
        page = hub.page(node.key, language)
        assert page.live, f"{node.key} is not live in {language}"
        assert not page.alias_of_id, f"{node.key} falls back to English in {language}"
        assert page.title == node.text[language]["title"]


def test_each_page_lists_the_languages_it_is_written_in_and_links_them_with_hreflang(hub, client):
    response = client.get(hub.url("tool-opsi-core-skills", "fr"))
    html = response.content.decode()
    assert [language.code for language in response.context["written_in"]] == ["nl", "fr", "en"]
    for language in ("nl", "fr", "en"):
        url = hub.url("tool-opsi-core-skills", language)
        # Absolute, as search engines require; the switcher's own links stay relative.
        assert f'<link rel="alternate" hreflang="{language}" href="http://testserver{url}">' in html
        assert f'href="{url}" lang="{language}" hreflang="{language}"' in html
    # German shows the English text, so it is no alternate of its own.
    assert 'rel="alternate" hreflang="de"' not in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html


def test_the_language_switcher_leads_to_the_same_page_in_each_language(hub, client):
    html = client.get(hub.url("case-municipal-hackathons-sweden", "nl")).content.decode()
    switcher = html[html.index('class="language-switcher"') : html.index("</nav>")]
    for language in LANGUAGES:
        assert f'href="{hub.url("case-municipal-hackathons-sweden", language)}"' in switcher


def test_the_main_navigation_links_to_the_hub_in_the_persons_language(client):
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/hub/"' in html


def test_a_resource_shows_its_type_language_year_and_link(hub, client):
    page = hub.page("resource-albrecht-2024-innovation-fellowships", "nl")
    html = client.get(page.url).content.decode()
    assert "Artikel" in html or "Article" in html
    assert "2024" in html
    assert 'href="https://doi.org/10.3233/IP-230056"' in html


def test_a_resource_whose_year_is_not_confirmed_says_so(hub, client):
    html = client.get(hub.url("resource-innovation-leadership-public-health")).content.decode()
    assert "not confirmed" in html


def test_every_page_credits_its_sources_with_a_link(hub):
    from elan.knowledge.content import TREE

    for node in TREE:
        page = hub.page(node.key, "en")
        assert len(page.sources), f"{node.key} credits no source"
        for block in page.sources:
            assert block.value["url"].startswith("https://"), node.key


def test_visitors_get_a_cached_copy_until_something_in_the_hub_is_published(hub, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = hub.url("case-innovation-fellowships", "nl")
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(url)
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(url)
    assert second.content == first.content
    assert len(second_queries) < len(first_queries)

    page = hub.page("case-innovation-fellowships", "nl")
    page.title = "Innovation fellowships, herzien"
    page.save_revision().publish()
    assert "Innovation fellowships, herzien" in client.get(url).content.decode()


def test_logged_in_people_never_get_the_visitors_copy(hub, client_for):
    url = hub.url("principle-lead-with-empathy", "fr")
    client_for("visitor").get(url)
    html = client_for("content_editor").get(url).content.decode()
    assert 'id="checker-axe-configuration"' in html


def test_a_page_put_behind_a_password_is_no_longer_served_from_the_visitors_copy(hub, client):
    from wagtail.models import PageViewRestriction

    page = hub.page("tip-balance-innovation-goals", "en")
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-hub"
    )
    response = client.get(page.url)
    assert "Balance skills and results" not in response.content.decode()
