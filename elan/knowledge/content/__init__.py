# SPDX-License-Identifier: EUPL-1.2
"""The content the hub ships with, loaded by ``load_hub_content``.

The code of this package is EUPL-1.2; the texts in it are shared under CC BY-SA 4.0
(https://creativecommons.org/licenses/by-sa/4.0/), in line with the OECD OPSI skills model
they build on. Every text is written in our own words and each page credits its sources.
"""

from __future__ import annotations

from elan.knowledge.content.cases import CASES
from elan.knowledge.content.hub import HUB, SECTIONS
from elan.knowledge.content.principles import PRINCIPLES
from elan.knowledge.content.resources import RESOURCES
from elan.knowledge.content.schema import Node, Source
from elan.knowledge.content.session import PRESENTATIONS, QUESTIONS, QUOTES, RECORDINGS, TIPS
from elan.knowledge.content.tools import PARTNERS, TOOLS

# Parents come before their children: the loader walks this in order.
TREE: tuple[Node, ...] = (
    *HUB,
    *SECTIONS,
    *PRINCIPLES,
    *CASES,
    *TOOLS,
    *RESOURCES,
    *PARTNERS,
    *PRESENTATIONS,
    *RECORDINGS,
    *TIPS,
    *QUESTIONS,
    *QUOTES,
)

CONTENT_LICENCE = "CC BY-SA 4.0"

__all__ = ["CONTENT_LICENCE", "TREE", "Node", "Source"]
