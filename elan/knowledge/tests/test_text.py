# SPDX-License-Identifier: EUPL-1.2
"""The SQLite search fallback's helpers: accent folding and escaped highlights."""

from __future__ import annotations

from elan.knowledge.text import (
    MATCH_START,
    MATCH_STOP,
    fold,
    headline_to_html,
    highlight,
    query_terms,
    snippet,
)


def test_folding_keeps_positions_so_highlights_land_on_the_original_letters():
    text = "Équipe créative à Liège"
    assert fold(text) == "equipe creative a liege"
    assert len(fold(text)) == len(text)


def test_query_terms_are_folded_words_without_one_letter_noise():
    assert query_terms("Créer  a  l'équipe!") == ["creer", "l'equipe"]


def test_highlight_marks_matches_and_escapes_the_rest():
    html = highlight("<b>Équipe</b> & co", ["equipe"])
    assert html == "&lt;b&gt;<mark>Équipe</mark>&lt;/b&gt; &amp; co"


def test_snippet_is_a_window_around_the_first_match():
    text = "word " * 100 + "needle " + "word " * 100
    html = snippet(text, ["needle"], length=60)
    assert "<mark>needle</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 120


def test_snippet_without_a_match_is_the_escaped_start_of_the_text():
    assert snippet("A < B", []) == "A &lt; B"


def test_a_postgresql_headline_becomes_escaped_html_with_marks():
    headline = f"x < {MATCH_START}innovatie{MATCH_STOP} & y"
    assert headline_to_html(headline) == "x &lt; <mark>innovatie</mark> &amp; y"
