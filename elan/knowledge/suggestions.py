# SPDX-License-Identifier: EUPL-1.2
"""The one engine that suggests hub reading for something a person or a team wants to grow.

A person's development plan (``elan.assessments.recommendations``, for a growth skill) and a
team's action plan (``elan.insights.suggestions``, for a weak measure's skill or principle) both
ask here. Each words the items in its own way and adds its own built-in suggestions, which
take over when the hub has nothing, so that neither page breaks or goes empty because of the hub.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from elan.knowledge import selectors
from elan.knowledge.constants import HubKind
from elan.knowledge.reading import HubItem

logger = logging.getLogger(__name__)

ITEMS_PER_TOPIC = 2

# What a person can pick up and use for a skill: a tool to try and a reading. Principle pages,
# cases and the rest are tagged with skills too, and come first in the hub's own order; a plan
# that asks for "a resource or a tool" must not get them instead.
TOOLS_AND_READING: tuple[str, ...] = (HubKind.TOOL, HubKind.RESOURCE)


def hub_suggestions_for(
    *,
    language: str,
    skill: str = "",
    principle: str = "",
    kinds: Sequence[str] = (),
    limit: int = ITEMS_PER_TOPIC,
) -> list[HubItem]:
    """At most ``limit`` hub items for ``skill`` or, without one, for ``principle``, each with a
    title and an address; none when the hub has none or fails (logged).

    With ``kinds``, only items of those kinds, taken in turn (the best of the first kind, the
    best of the second, and so on), so that two suggestions of a tool and a reading are one of
    each when the hub has both. Within a kind, the item whose tags name the topic earliest comes
    first (the shipped content lists an item's main skills first), then the hub's own order.
    """
    if not (skill or principle):
        return []
    query = {"skill": skill} if skill else {"principle": principle}
    try:
        if not kinds:
            items = selectors.hub_items_for(language=language, limit=limit, **query)
        else:
            items = _in_turn(
                [
                    _main_topic_first(
                        selectors.hub_items_for(language=language, kinds=[kind], **query),
                        skill=skill,
                        principle=principle,
                    )
                    for kind in kinds
                ],
                limit=limit,
            )
    except Exception:  # a suggestion is never worth a broken page
        logger.exception("The knowledge hub could not suggest items for %s", skill or principle)
        return []
    return [item for item in items if item.title and item.url][:limit]


def _main_topic_first(items: list[HubItem], *, skill: str, principle: str) -> list[HubItem]:
    items = [item for item in items if item.title and item.url]

    def rank(item: HubItem) -> int:
        tags = item.skills if skill else item.principles
        topic = skill or principle
        return tags.index(topic) if topic in tags else len(tags)

    return sorted(items, key=rank)  # stable: the hub's order breaks ties


def _in_turn(groups: list[list[HubItem]], *, limit: int) -> list[HubItem]:
    chosen: list[HubItem] = []
    seen: set[str] = set()
    for rank in range(max((len(group) for group in groups), default=0)):
        for group in groups:
            if rank < len(group) and group[rank].url not in seen:
                seen.add(group[rank].url)
                chosen.append(group[rank])
            if len(chosen) >= limit:
                return chosen
    return chosen
