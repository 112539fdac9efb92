# SPDX-License-Identifier: EUPL-1.2
"""Links to ESCO: each names the concept's preferred label, checked against the list Elan ships
(elan/skills/content/esco_concepts.yaml), so a mistyped address cannot pass for a concept."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ValidationError

from elan.skills import esco
from elan.skills.case import case_package
from elan.skills.interchange import validate_document
from elan.skills.models import CrosswalkLink, Framework
from elan.skills.services import FrameworkImportError, framework_import
from elan.skills.shipped import CONTENT_DIR, SHIPPED_FILES, load_shipped_frameworks, read_document
from elan.skills.tests.factories import CompetencyFactory

THINK_CREATIVELY = "http://data.europa.eu/esco/skill/c624c6a3-b0ba-4a31-a296-0d433fe47e41"
# An address of the right form that the reference list does not hold.
UNLISTED = "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000000"


def shipped_esco_links() -> list[tuple[str, dict]]:
    return [
        (name, link)
        for name in SHIPPED_FILES
        for link in read_document(CONTENT_DIR / name).get("crosswalks", [])
        if "esco" in link
    ]


def test_the_reference_list_is_sourced_credited_and_holds_each_concept_once():
    source = esco.source()
    assert source["attribution"] == (
        "This service uses the ESCO classification of the European Commission."
    )
    assert source["release"] and source["url"].startswith("https://esco.ec.europa.eu/")
    concepts = esco.reference()
    assert len(concepts) >= 10
    for uri, concept in concepts.items():
        assert esco.is_skill_uri(uri), uri
        assert concept.label["en"] and concept.label["en"] == concept.label["en"].strip(), uri
        assert concept.description["en"], uri


def test_the_shipped_frameworks_link_to_esco_where_a_concept_fits():
    linked = {link["from"] for name, link in shipped_esco_links() if "elan-innovation" in name}
    assert {"curiosity", "data-literacy", "storytelling"} <= linked
    # Nothing in ESCO fits "insurgency" (challenging the status quo): no link rather than a
    # loose one.
    assert "insurgency" not in linked


def test_every_shipped_esco_link_records_the_label_of_a_concept_in_the_reference_list():
    links = shipped_esco_links()
    assert links
    for name, link in links:
        concept = esco.concept(link["esco"])
        assert concept is not None, f"{name}: {link['esco']} is not in esco_concepts.yaml"
        assert link["esco_label"]["en"] == concept.label["en"], f"{name}: {link['from']}"
        assert esco.label_mismatches(link["esco"], link["esco_label"]) == []
    used = {link["esco"] for _name, link in links}
    assert set(esco.reference()) == used, "the reference list holds only concepts in use"


def _with_esco_link(**link) -> dict:
    document = read_document(CONTENT_DIR / "states-of-change.yaml")
    document = copy.deepcopy(document)
    document["crosswalks"] = [{"from": "imaginative", "kind": "related", **link}]
    return document


def test_a_label_that_is_not_esco_s_is_refused_with_the_label_esco_gives():
    document = _with_esco_link(esco=THINK_CREATIVELY, esco_label={"en": "be creative"})
    problems = validate_document(document)
    assert problems == [
        "crosswalks[0].esco_label.en: ESCO calls this concept 'think creatively', not 'be creative'"
    ]


def test_an_esco_link_without_its_label_or_with_a_malformed_address_is_refused():
    without_label = _with_esco_link(esco=THINK_CREATIVELY)
    assert validate_document(without_label) == [
        "crosswalks[0].esco_label: give the ESCO preferred label you checked the address against"
    ]
    # One character short: the kind of slip the label is there to catch.
    malformed = _with_esco_link(esco=THINK_CREATIVELY[:-1], esco_label={"en": "think creatively"})
    assert validate_document(malformed) == ["crosswalks[0].esco: not an ESCO skill URI"]
    label_only = _with_esco_link(
        to={"framework": "states-of-change", "competency": "curious"},
        esco_label={"en": "think creatively"},
    )
    assert validate_document(label_only) == ["crosswalks[0].esco_label: only with 'esco'"]


@pytest.mark.django_db
def test_a_refused_label_imports_nothing():
    document = _with_esco_link(esco=THINK_CREATIVELY, esco_label={"en": "creative thinking"})
    with pytest.raises(FrameworkImportError):
        framework_import(data=document)
    assert not CrosswalkLink.objects.exists()


@pytest.mark.django_db
def test_an_address_elan_does_not_list_is_imported_with_the_label_its_author_gives():
    document = _with_esco_link(esco=UNLISTED, esco_label={"en": "a skill Elan does not list"})
    framework_import(data=document)
    link = CrosswalkLink.objects.get(esco_uri=UNLISTED)
    assert link.esco_label == {"en": "a skill Elan does not list"}


@pytest.mark.django_db
def test_the_back_office_form_checks_the_label_of_a_link_it_saves():
    source = CompetencyFactory()
    link = CrosswalkLink(
        source=source, esco_uri=THINK_CREATIVELY, esco_label={"en": "think"}, kind="related"
    )
    with pytest.raises(ValidationError) as raised:
        link.full_clean()
    assert "think creatively" in str(raised.value.message_dict["esco_label"])
    link.esco_label = {"en": "think creatively"}
    link.full_clean()
    link.esco_label = {}
    with pytest.raises(ValidationError):
        link.full_clean()


@pytest.mark.django_db
def test_the_framework_page_and_the_case_package_name_each_esco_skill(client):
    load_shipped_frameworks()
    html = client.get("/en/skills/frameworks/states-of-change/").content.decode()
    assert f'<a href="{THINK_CREATIVELY}">ESCO skill: think creatively</a>' in html
    assert "This service uses the ESCO classification of the European Commission." in html
    package = case_package(Framework.objects.get(slug="states-of-change"), language="en")
    destinations = [
        association["destinationNodeURI"]
        for association in package["CFAssociations"]
        if association["destinationNodeURI"]["uri"] == THINK_CREATIVELY
    ]
    assert destinations and destinations[0]["title"] == "ESCO: think creatively"
