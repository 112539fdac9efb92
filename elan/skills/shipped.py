# SPDX-License-Identifier: EUPL-1.2
"""The frameworks Elan ships (elan/skills/content/*.yaml), loaded idempotently.

Run by the demo command and by ``manage.py load_frameworks`` on a production install. Loading
twice changes nothing; a newer file for the same slug and version updates it in place.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from elan.core.content import load_content
from elan.skills.models import Framework
from elan.skills.services import framework_import

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# Order matters only for the first pass: crosswalks point at frameworks loaded before them.
SHIPPED_FILES = (
    "states-of-change.yaml",
    "be-federal-competencies.yaml",
    "elan-innovation-skills.yaml",
)


def read_document(path: Path) -> dict:
    """A shipped framework file: the same document as an exported one (elan-framework/1)."""
    return load_content(path)


@transaction.atomic
def load_shipped_frameworks() -> list[Framework]:
    documents = [read_document(CONTENT_DIR / name) for name in SHIPPED_FILES]
    results = [framework_import(data=document) for document in documents]
    # A second pass resolves links to frameworks that came later in the list.
    for index, result in enumerate(results):
        if result.unresolved_crosswalks:
            results[index] = framework_import(data=documents[index])
            if results[index].unresolved_crosswalks:
                raise ValueError(
                    "Unresolved crosswalks in shipped content: "
                    + ", ".join(results[index].unresolved_crosswalks)
                )
    return [result.framework for result in results]
