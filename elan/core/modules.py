# SPDX-License-Identifier: EUPL-1.2
"""The modules of the loop, as each one announces itself, for the home page.

A module adds a ``ModuleLink`` from its ``AppConfig.ready()``; the home page shows a link
only when its URL resolves, so a module that is not there yet (or not installed in this
deployment) never produces a dead link. ``url_names`` are tried in order.

Each module also says where the person stands with it, through ``ModuleLink.state``: a short
list of ``ModuleState`` (not started, in progress with a link to resume, done with the date, or
waiting for the person with a date). Team leads, line managers and HR see open items of the
people and campaigns their role covers, from the providers registered with
``team_items_register``: each provider decides, with its own app's rules, what the person's
role allows. Core knows no app: the apps register, the portal reads.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ModuleStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    WAITING = "waiting", _("Waiting for you")


class DateKind(models.TextChoices):
    """What a state's date means, said before the date on the page."""

    DONE_ON = "done_on", _("Done on")
    OPEN_UNTIL = "open_until", _("Open until")
    DUE_ON = "due_on", _("Due on")
    DECIDE_BY = "decide_by", _("Decide by")
    FROM = "from", _("From")


@dataclass(frozen=True)
class ModuleState:
    """One thing a module knows about the person: what it is, where to go, and by when.

    ``label`` says what it is in the reader's language ("Answer the survey “Climate 2026”");
    ``url`` is where to resume or act (empty when the action happens elsewhere, such as a link
    sent by e-mail); ``date`` with ``date_kind`` says when it was done, or until when it is open;
    ``detail`` adds one sober sentence.
    """

    status: ModuleStatus
    label: StrOrPromise
    url: str = ""
    date: datetime.date | None = None
    date_kind: DateKind | None = None
    detail: StrOrPromise = ""

    @property
    def status_label(self) -> StrOrPromise:
        return ModuleStatus(self.status).label

    @property
    def date_label(self) -> StrOrPromise:
        return DateKind(self.date_kind).label if self.date_kind else ""

    @property
    def sort_key(self) -> tuple[int, datetime.date, str]:
        """Waiting first, then in progress, then not started, then done; soonest date first."""
        order = (
            ModuleStatus.WAITING,
            ModuleStatus.IN_PROGRESS,
            ModuleStatus.NOT_STARTED,
            ModuleStatus.DONE,
        )
        return (order.index(self.status), self.date or datetime.date.max, str(self.label))


# The user is always an authenticated account: the portal asks no module about a visitor.
StateProvider = Callable[[Any], Sequence[ModuleState]]


@dataclass(frozen=True)
class ModuleLink:
    step: str
    label: StrOrPromise
    url_names: tuple[str, ...]
    description: StrOrPromise = ""
    # Where the person stands with this module; None means the module cannot tell.
    state: StateProvider | None = None
    # Keyword arguments for the URL (the hub's root page is a pattern with a path argument).
    url_kwargs: tuple[tuple[str, str], ...] = ()

    def url(self) -> str | None:
        for name in self.url_names:
            try:
                return reverse(name, kwargs=dict(self.url_kwargs) or None)
            except NoReverseMatch:
                continue
        return None


_REGISTRY: dict[tuple[str, str], ModuleLink] = {}


def module_register(link: ModuleLink) -> None:
    """Add or replace a module's link; keyed by step and first URL name, so it is idempotent."""
    _REGISTRY[(link.step, link.url_names[0])] = link


def registered_modules() -> list[ModuleLink]:
    return list(_REGISTRY.values())


# --- What a role adds: the team's and the organisation's open items ------------------------


class Audience(enum.StrEnum):
    """Which part of the home page an item belongs in; the page names each part itself."""

    TEAM = "team"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class TeamItem:
    """An open item of the people or campaigns a role covers, never of one person's answers.

    A provider returns only what the viewer's role allows, decided by its app's rules; figures
    are the guarded ones its app shows elsewhere (a turnout band, never a count).
    """

    audience: Audience
    state: ModuleState


TeamItemsProvider = Callable[[Any], Sequence[TeamItem]]

_TEAM_ITEMS: dict[str, TeamItemsProvider] = {}


def team_items_register(name: str, provider: TeamItemsProvider) -> None:
    """Add or replace a provider of a role's open items; keyed by name, so it is idempotent."""
    _TEAM_ITEMS[name] = provider


def team_item_providers() -> list[TeamItemsProvider]:
    return list(_TEAM_ITEMS.values())
