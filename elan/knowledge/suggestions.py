# SPDX-License-Identifier: EUPL-1.2
"""The one engine that suggests hub reading for something a person or a team wants to grow.

A person's development plan (``elan.assessments.recommendations``, for a growth skill) and a
team's action plan (``elan.insights.suggestions``, for a weak measure's skill or principle) both
ask here. Each words the items in its own way and adds its own built-in suggestions, which
take over when the hub has nothing, so that neither page breaks or goes empty because of the hub.
"""

from __future__ import annotations

import logging

from elan.knowledge import selectors
from elan.knowledge.reading import HubItem

logger = logging.getLogger(__name__)

ITEMS_PER_TOPIC = 2


def hub_suggestions_for(
    *, language: str, skill: str = "", principle: str = "", limit: int = ITEMS_PER_TOPIC
) -> list[HubItem]:
    """At most ``limit`` hub items for ``skill`` or, without one, for ``principle``, each with a
    title and an address; none when the hub has none or fails (logged)."""
    if not (skill or principle):
        return []
    query = {"skill": skill} if skill else {"principle": principle}
    try:
        items = selectors.hub_items_for(language=language, limit=limit, **query)
    except Exception:  # a suggestion is never worth a broken page
        logger.exception("The knowledge hub could not suggest items for %s", skill or principle)
        return []
    return [item for item in items if item.title and item.url]
