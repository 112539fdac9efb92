# SPDX-License-Identifier: EUPL-1.2
"""The content the hub ships with, loaded by ``load_hub_content``.

The texts are data: one YAML file per kind of page in this folder, the sources they credit in
``sources.yaml``, each file checked against its schema in ``schemas/`` by the tests (README.md,
docs/adr/0012-shipped-content-as-yaml.md). The code of this package is EUPL-1.2; the texts are
shared under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), in line with the
OECD OPSI skills model they build on. Every text is written in our own words and each page
credits its sources.
"""

from __future__ import annotations

from pathlib import Path

from elan.core.content import load_content
from elan.knowledge.content.schema import Node, Source

CONTENT_DIR = Path(__file__).resolve().parent

# Parents come before their children: the loader walks the tree in this order.
PAGE_FILES = (
    "hub.yaml",
    "principles.yaml",
    "cases.yaml",
    "tools.yaml",
    "resources.yaml",
    "partners.yaml",
    "presentations.yaml",
    "recordings.yaml",
    "tips.yaml",
    "questions.yaml",
    "quotes.yaml",
)
SOURCES_FILE = "sources.yaml"


def _sources() -> dict[str, Source]:
    return {
        key: Source(title=entry["title"], url=entry["url"], note=entry.get("note", {}))
        for key, entry in load_content(CONTENT_DIR / SOURCES_FILE).items()
    }


def _node(page: dict, sources: dict[str, Source]) -> Node:
    return Node(
        key=page["key"],
        model=page["model"],
        slug=page["slug"],
        parent=page["parent"],
        text=page["text"],
        fields=page.get("fields", {}),
        principles=tuple(page.get("principles", ())),
        skills=tuple(page.get("skills", ())),
        sources=tuple(sources[key] for key in page.get("sources", ())),
    )


def _tree() -> tuple[Node, ...]:
    sources = _sources()
    return tuple(
        _node(page, sources)
        for name in PAGE_FILES
        for page in load_content(CONTENT_DIR / name)["pages"]
    )


TREE: tuple[Node, ...] = _tree()

CONTENT_LICENCE = "CC BY-SA 4.0"

__all__ = ["CONTENT_LICENCE", "TREE", "Node", "Source"]
