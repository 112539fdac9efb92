# SPDX-License-Identifier: EUPL-1.2
"""Export a framework as a 1EdTech CASE 1.1 package (CFDocument, CFItems, CFAssociations).

CASE carries one language per document, so a package is written per language; texts missing in
that language fall back to English, and the item's ``language`` says which one it holds.

Identifiers are uuid5 values derived from slugs (elan.skills.models.stable_uuid), so exporting
the same framework twice gives the same identifiers and another system can update what it
imported instead of duplicating it. URIs are ``urn:uuid:`` names: Elan does not serve the CASE
REST API, and a URN promises nothing it cannot keep.

Mapping:
- framework → CFDocument; group, competency, level, behaviour → CFItems typed as such;
- the tree → ``isChildOf`` associations (group → document, competency → group or document,
  level → competency, behaviour → level), with ``sequenceNumber`` for the order;
- crosswalk links → exact: ``exactMatchOf``; close and related: ``isRelatedTo``; broader:
  ``isPartOf``; the Elan kind stays in the association's notes, since CASE has no close match.
  An ESCO link's destination carries the concept's preferred label as its title.

The publisher is whoever runs this installation (``ELAN_PUBLISHER``): Elan's texts are our own
adaptation, so naming the OECD or Nesta as their publisher would put words in their mouths. The
source stays credited where CASE keeps such things: ``officialSourceURL`` and the ``notes``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext

from elan.skills.constants import CASE_ASSOCIATION_FOR_KIND
from elan.skills.models import (
    Competency,
    CrosswalkLink,
    Framework,
    ProficiencyLevel,
    stable_uuid,
)
from elan.skills.multilingual import LocalizedText, localize

CASE_VERSION = "1.1"

ITEM_TYPES = {
    "group": "Competency group",
    "skill": "Skill",
    "attitude": "Attitude",
    "level": "Proficiency level",
    "indicator": "Behavioural indicator",
}


def _uri(identifier: uuid.UUID | str) -> str:
    return f"urn:uuid:{identifier}"


def _link(identifier: uuid.UUID | str, title: str) -> dict:
    return {"title": title, "identifier": str(identifier), "uri": _uri(identifier)}


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


class _PackageWriter:
    """The CFItems and CFAssociations of one package, in the order they are written."""

    def __init__(self, *, document_link: dict, licence_link: dict, changed: str) -> None:
        self.document_link = document_link
        self.licence_link = licence_link
        self.changed = changed
        self.items: list[dict] = []
        self.associations: list[dict] = []

    def item(
        self,
        identifier: uuid.UUID,
        *,
        statement: str,
        item_type: str,
        coding: str,
        language_used: str,
        notes: str = "",
        sequence: int | None = None,
    ) -> dict:
        """Write a CFItem; return the link that associations point at."""
        entry = {
            "identifier": str(identifier),
            "uri": _uri(identifier),
            "CFDocumentURI": self.document_link,
            "fullStatement": statement,
            "CFItemType": ITEM_TYPES[item_type],
            "CFItemTypeURI": _link(stable_uuid("item-type", item_type), ITEM_TYPES[item_type]),
            "humanCodingScheme": coding,
            "language": language_used,
            "licenseURI": self.licence_link,
            "lastChangeDateTime": self.changed,
        }
        if notes:
            entry["notes"] = notes
        if sequence is not None:
            entry["listEnumeration"] = str(sequence)
        self.items.append(entry)
        return _link(identifier, statement[:120])

    def associate(
        self,
        kind: str,
        origin: dict,
        destination: dict,
        *,
        sequence: int | None = None,
        notes: str = "",
    ) -> None:
        identifier = stable_uuid(
            "association", kind, origin["identifier"], destination["identifier"]
        )
        entry = {
            "identifier": str(identifier),
            "uri": _uri(identifier),
            "CFDocumentURI": self.document_link,
            "associationType": kind,
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "lastChangeDateTime": self.changed,
        }
        if sequence is not None:
            entry["sequenceNumber"] = sequence
        if notes:
            entry["notes"] = notes
        self.associations.append(entry)


def case_package(framework: Framework, *, language: str = "en") -> dict:
    changed = _timestamp(framework.updated_at)
    title = localize(framework.title, language)
    document_link = _link(framework.case_uuid, title.text)
    licence_id = stable_uuid("licence", framework.licence)
    licence_link = _link(licence_id, framework.licence)
    writer = _PackageWriter(document_link=document_link, licence_link=licence_link, changed=changed)
    group_links = _write_groups(writer, framework=framework, language=language)
    # Every competency's links in one query, not one per competency.
    links = Prefetch(
        "crosswalk_links", queryset=CrosswalkLink.objects.select_related("target__framework")
    )
    competencies = list(
        framework.competencies.select_related("group", "framework").prefetch_related(
            "levels__indicators", links
        )
    )
    for position, competency in enumerate(competencies, start=1):
        _write_competency(
            writer,
            framework=framework,
            competency=competency,
            position=position,
            parent=group_links.get(competency.group_id, document_link),
            language=language,
        )
    return {
        "CFDocument": _document(
            framework, title=title, changed=changed, licence_link=licence_link, language=language
        ),
        "CFItems": writer.items,
        "CFAssociations": writer.associations,
        "CFDefinitions": _definitions(framework, licence_id=licence_id, changed=changed),
    }


def _write_groups(writer: _PackageWriter, *, framework: Framework, language: str) -> dict:
    """Each group as an item under the document; returns the groups' links by primary key."""
    group_links = {}
    for position, group in enumerate(framework.groups.all(), start=1):
        name = localize(group.name, language)
        description = localize(group.description, language).text
        link = writer.item(
            group.case_uuid,
            statement=name.text,
            item_type="group",
            coding=group.slug,
            language_used=name.language,
            notes=description,
            sequence=position,
        )
        group_links[group.pk] = link
        writer.associate("isChildOf", link, writer.document_link, sequence=position)
    return group_links


def _write_competency(
    writer: _PackageWriter,
    *,
    framework: Framework,
    competency: Competency,
    position: int,
    parent: dict,
    language: str,
) -> None:
    """A competency under its group (or the document), its levels and indicators, and its
    crosswalk links."""
    name = localize(competency.name, language)
    description = localize(competency.description, language).text
    statement = f"{name.text}: {description}" if description else name.text
    link = writer.item(
        competency.case_uuid,
        statement=statement,
        item_type=competency.kind,
        coding=competency.slug,
        language_used=name.language,
        sequence=position,
    )
    writer.associate("isChildOf", link, parent, sequence=position)
    for level in competency.levels.all():
        _write_level(
            writer,
            framework=framework,
            competency=competency,
            level=level,
            link=link,
            language=language,
        )
    _write_crosswalk_links(writer, competency=competency, link=link, language=language)


def _write_level(
    writer: _PackageWriter,
    *,
    framework: Framework,
    competency: Competency,
    level: ProficiencyLevel,
    link: dict,
    language: str,
) -> None:
    """A proficiency level under its competency's ``link``, and its behavioural indicators."""
    level_name = localize(level.name, language)
    level_description = localize(level.description, language).text
    level_link = writer.item(
        level.case_uuid,
        statement=(
            f"{level_name.text}: {level_description}" if level_description else level_name.text
        ),
        item_type="level",
        coding=f"{competency.slug}.{level.slug}",
        language_used=level_name.language,
        sequence=level.rank,
    )
    writer.associate("isChildOf", level_link, link, sequence=level.rank)
    for number, indicator in enumerate(level.indicators.all(), start=1):
        text = localize(indicator.text, language)
        indicator_link = writer.item(
            stable_uuid(
                "indicator",
                framework.slug,
                framework.version,
                competency.slug,
                level.slug,
                str(indicator.position),
            ),
            statement=text.text,
            item_type="indicator",
            coding=f"{competency.slug}.{level.slug}.{number}",
            language_used=text.language,
            sequence=number,
        )
        writer.associate("isChildOf", indicator_link, level_link, sequence=number)


def _write_crosswalk_links(
    writer: _PackageWriter, *, competency: Competency, link: dict, language: str
) -> None:
    """The competency's crosswalk links, to a competency of another framework or to ESCO."""
    for link_row in competency.crosswalk_links.all():
        if link_row.target_id:
            target: Competency = link_row.target
            destination = _link(target.case_uuid, localize(target.name, language).text)
        else:
            label = localize(link_row.esco_label, language).text
            destination = {
                "title": f"ESCO: {label}" if label else "ESCO",
                "identifier": str(uuid.uuid5(uuid.NAMESPACE_URL, link_row.esco_uri)),
                "uri": link_row.esco_uri,
            }
        writer.associate(
            CASE_ASSOCIATION_FOR_KIND[link_row.kind],
            link,
            destination,
            notes=f"Elan crosswalk: {link_row.kind} match",
        )


def _document(
    framework: Framework,
    *,
    title: LocalizedText,
    changed: str,
    licence_link: dict,
    language: str,
) -> dict:
    """The CFDocument: the framework itself."""
    document_id = framework.case_uuid
    return {
        "identifier": str(document_id),
        "uri": _uri(document_id),
        "CFPackageURI": _link(
            stable_uuid("package", framework.slug, framework.version), title.text
        ),
        "creator": "Elan",
        "title": title.text,
        "lastChangeDateTime": changed,
        "officialSourceURL": framework.source_url,
        "publisher": settings.ELAN_PUBLISHER,
        "description": localize(framework.description, language).text,
        "language": title.language,
        "version": framework.version,
        "adoptionStatus": "Adopted" if framework.is_published else "Draft",
        "licenseURI": licence_link,
        "notes": _notes(framework, language=language),
        "frameworkType": "Competency framework",
    }


def _notes(framework: Framework, *, language: str) -> str:
    """The credits, after the source they adapt, so the source is named in the package."""
    source = ""
    if framework.source_title:
        with translation.override(language):
            source = gettext("Source: %(source)s") % {"source": framework.source_title}
        if framework.source_url:
            source += f" ({framework.source_url})"
    credits = localize(framework.credits, language).text
    return "\n\n".join(part for part in (source, credits) if part)


def _definitions(framework: Framework, *, licence_id: uuid.UUID, changed: str) -> dict:
    """The CFDefinitions: the item types and the framework's licence."""
    return {
        "CFItemTypes": [
            {
                "identifier": str(stable_uuid("item-type", key)),
                "uri": _uri(stable_uuid("item-type", key)),
                "title": title_text,
                "description": title_text,
                "hierarchyCode": key,
                "lastChangeDateTime": changed,
            }
            for key, title_text in ITEM_TYPES.items()
        ],
        "CFLicenses": [
            {
                "identifier": str(licence_id),
                "uri": _uri(licence_id),
                "title": framework.licence,
                "licenseText": framework.licence_url,
                "lastChangeDateTime": changed,
            }
        ],
    }
