# SPDX-License-Identifier: EUPL-1.2
"""The knowledge hub's public surface for other apps: keep it small and stable.

Skills, insights and the other modules recommend hub reading through ``hub_items_for``; they
never query the hub's pages or index directly.

    from elan.knowledge.service import hub_items_for
    hub_items_for(skill="iteration", language="fr", kinds=["case", "tool"], limit=3)
"""

from __future__ import annotations

from elan.knowledge.constants import HubKind
from elan.knowledge.selectors import HubItem, hub_home_url, hub_items_for

__all__ = ["HubItem", "HubKind", "hub_home_url", "hub_items_for"]
