# SPDX-License-Identifier: EUPL-1.2
"""ESCO skills that Elan's crosswalks point at, each with the label it was checked against.

An ESCO address is a bare UUID: one wrong character points at another concept, or at none, and
nothing on the page would show it. So every crosswalk to ESCO carries the concept's preferred
label next to its address, as its author read it in ESCO, and the label is checked against the
reference list Elan ships (``content/esco_concepts.yaml``: address, preferred labels and ESCO's
description, copied from ESCO's own data, with the release and the credit ESCO asks for). A
label that differs from the reference is refused, on the command line and in the back office
alike. An address the reference does not list is accepted with the label its author gives:
Elan cannot check it offline, and says so in the preview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from elan.core.content import load_content
from elan.skills.constants import ESCO_SKILL_URI_PREFIX

REFERENCE_FILE = Path(__file__).resolve().parent / "content" / "esco_concepts.yaml"

_SKILL_URI = re.compile(
    re.escape(ESCO_SKILL_URI_PREFIX)
    + r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


@dataclass(frozen=True, slots=True)
class Concept:
    uri: str
    label: dict[str, str]
    description: dict[str, str]


@dataclass(frozen=True, slots=True)
class LabelMismatch:
    language: str
    expected: str
    given: str


def is_skill_uri(value) -> bool:
    """An ESCO skill's address: the skill prefix and a lowercase UUID, nothing around them."""
    return isinstance(value, str) and _SKILL_URI.fullmatch(value) is not None


@cache
def reference() -> dict[str, Concept]:
    """The shipped reference list, by address."""
    data = load_content(REFERENCE_FILE)
    return {
        entry["uri"]: Concept(
            uri=entry["uri"], label=entry["label"], description=entry.get("description", {})
        )
        for entry in data["concepts"]
    }


def source() -> dict:
    """Where the reference list comes from: ESCO's release, its address and credit line."""
    return load_content(REFERENCE_FILE)["source"]


def concept(uri: str) -> Concept | None:
    return reference().get(uri)


def label_mismatches(uri: str, label: dict) -> list[LabelMismatch]:
    """Where ``label`` differs from the reference's preferred label, language by language.

    Only languages the reference records are compared; an address it does not list has nothing
    to compare with.
    """
    known = concept(uri)
    if known is None:
        return []
    mismatches = []
    for code, expected in known.label.items():
        given = str(label.get(code) or "").strip()
        # English is the label every link carries; the other languages only when given.
        if (given or code == "en") and given != expected:
            mismatches.append(LabelMismatch(language=code, expected=expected, given=given))
    return mismatches
