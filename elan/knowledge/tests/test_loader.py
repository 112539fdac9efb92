# SPDX-License-Identifier: EUPL-1.2
"""Loading the shipped content: complete, tagged, credited, in our own words, and idempotent."""

from __future__ import annotations

import re

from django.core.management import call_command
from django.utils.html import strip_tags
from wagtail.models import Page, Revision
from wagtail_localize.models import LocaleSynchronization

from elan.knowledge.content import TREE
from elan.knowledge.loader import load_hub_content
from elan.knowledge.models import (
    HUB_PAGE_MODELS,
    HubHomePage,
    HubItemPage,
    HubSearchEntry,
)
from elan.knowledge.tests.fingerprints import RUN, digest, fingerprints, windows, words


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        **{model.__name__: model.objects.count() for model in HUB_PAGE_MODELS},
        "revisions": Revision.objects.count(),
        "entries": HubSearchEntry.objects.count(),
        "syncs": LocaleSynchronization.objects.count(),
    }


def test_loading_again_creates_no_duplicates(hub):
    before = counts()
    report = load_hub_content()
    assert counts() == before
    assert (report.created, report.translated, report.aliased) == ([], [], [])


def test_the_command_loads_the_hub_on_a_fresh_install_and_again_without_duplicates(hub):
    # A fresh install: no hub at all (the shared content is removed inside this test only).
    for home in HubHomePage.objects.all():
        home.delete()
    assert not HubHomePage.objects.exists()
    call_command("load_hub_content")
    first = counts()
    assert HubHomePage.objects.count() == 4
    call_command("load_hub_content")
    assert counts() == first


def test_the_demo_command_loads_the_hub_too(hub):
    before = counts()
    call_command("demo_data")
    # The shipped pages are all there already; the demo adds only the editor's draft tip that
    # waits for the moderator's review (elan/knowledge/demo.py).
    assert counts()["pages"] == before["pages"] + 1
    assert not Page.objects.get(slug="ask-the-person-at-the-counter").live
    assert HubHomePage.objects.live().filter(locale__language_code="nl").exists()


def test_an_editors_change_survives_loading_again(hub):
    page = hub.page("case-innovation-fellowships", "nl")
    page.title = "Innovation fellowships (bijgewerkt door de redactie)"
    page.save_revision().publish()
    load_hub_content()
    assert hub.page("case-innovation-fellowships", "nl").title.endswith(
        "(bijgewerkt door de redactie)"
    )


def test_the_issue_s_shipped_content_is_all_there(hub):
    en = {
        model.__name__: model.objects.filter(locale__language_code="en")
        for model in HUB_PAGE_MODELS
    }
    assert en["PrinciplePage"].count() == 6
    assert en["CasePage"].count() == 5
    assert en["ToolPage"].count() == 4
    assert en["PartnerPage"].count() == 2
    assert en["PresentationPage"].count() == 4
    assert en["QuestionPage"].count() == 2
    assert en["RecordingPage"].filter(session_date__year=2025, session_date__month=9).exists()
    assert en["ResourcePage"].count() >= 8
    assert en["QuotePage"].exists() and en["TipPage"].exists()


def test_every_shipped_item_is_tagged_with_a_principle_and_a_skill(hub):
    items = [page for page in Page.objects.live().specific() if isinstance(page, HubItemPage)]
    assert items
    for page in items:
        assert page.principles, f"{page.title} serves no principle"
        assert page.skills, f"{page.title} practises no skill"


def test_presentations_link_to_where_they_are_published_until_a_file_is_uploaded(hub):
    for key in (
        "presentation-innovation-skills-opsi",
        "presentation-bricolage",
        "presentation-wings",
        "presentation-federal-competency-dictionary",
    ):
        page = hub.page(key)
        download = page.download()
        assert (
            download["url"]
            == "https://www.nidolab.be/nl/inspiratie/inspiratiethemas/iedereen-kan-innoveren"
        )
        assert download["format"] == "PDF" and download["size"]
        assert not download["is_uploaded"]


def _all_shipped_text() -> str:
    pieces = []
    for node in TREE:
        for fields in node.text.values():
            pieces += [strip_tags(str(value)) for value in fields.values()]
    return " ".join(" ".join(pieces).split()).lower()


def _principle_names() -> set[str]:
    """The six principles' names are shared vocabulary, used as they are."""
    return {
        " ".join(re.sub(r"^\d+\.\s*", "", fields["title"]).split()).lower()
        for node in TREE
        if node.model == "PrinciplePage"
        for fields in node.text.values()
    }


def test_no_sentence_of_the_source_page_is_copied(hub):
    shipped = words(_all_shipped_text())
    names = {digest(words(name)) for name in _principle_names()}
    sentences, _runs = fingerprints()
    copied = {
        " ".join(window)
        for size, digests in sentences.items()
        for window in windows(shipped, size)
        if digest(window) in digests - names
    }
    assert not copied, f"Write these in our own words: {sorted(copied)}"


def _cited_titles() -> str:
    """Titles of the works we cite: quoting a title is crediting it, not copying."""
    titles = [source.title for node in TREE for source in node.sources]
    titles += [
        fields["title"]
        for node in TREE
        if node.model == "ResourcePage"
        for fields in node.text.values()
    ]
    return " | ".join(" ".join(re.findall(r"\w+", title.lower())) for title in titles)


def test_no_long_run_of_words_is_lifted_from_the_source_page():
    _sentences_, runs = fingerprints()
    cited = _cited_titles()
    lifted = {
        phrase
        for window in windows(words(_all_shipped_text()), RUN)
        if digest(window) in runs and (phrase := " ".join(window)) not in cited
    }
    assert not lifted, f"Rephrase: {sorted(lifted)}"
