# SPDX-License-Identifier: EUPL-1.2
"""The modules of the loop, as each one announces itself, for the home page.

A module adds a ``ModuleLink`` from its ``AppConfig.ready()``; the home page shows a link
only when its URL resolves, so a module that is not there yet (or not installed in this
deployment) never produces a dead link. ``url_names`` are tried in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from elan.core.vocabulary import LoopStep


@dataclass(frozen=True)
class ModuleLink:
    step: str
    label: str
    url_names: tuple[str, ...]
    description: str = ""
    # Whether the person has done this step already; None means the module cannot tell.
    done: Callable[[object], bool | None] | None = None

    def url(self) -> str | None:
        for name in self.url_names:
            try:
                return reverse(name)
            except NoReverseMatch:
                continue
        return None


_REGISTRY: dict[tuple[str, str], ModuleLink] = {}


def module_register(link: ModuleLink) -> None:
    """Add or replace a module's link; keyed by step and first URL name, so it is idempotent."""
    _REGISTRY[(link.step, link.url_names[0])] = link


def registered_modules() -> list[ModuleLink]:
    return list(_REGISTRY.values())


# The modules the platform knows will come. Until a module's URLs exist these stay hidden;
# a module may replace its entry with a richer one from its own ready().
module_register(
    ModuleLink(
        LoopStep.LEARN,
        _("Knowledge hub"),
        ("knowledge:home", "knowledge:index", "knowledge:search"),
        _("What innovation means here: principles, cases, tools and tips."),
    )
)
module_register(
    ModuleLink(
        LoopStep.LOOK,
        _("Innovation skills"),
        ("skills:self_assessment", "skills:profile", "skills:framework_list"),
        _("See your own innovation skills and those your work asks for."),
    )
)
