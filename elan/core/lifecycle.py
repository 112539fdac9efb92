# SPDX-License-Identifier: EUPL-1.2
"""Lifecycles are data: a status field, and a table of the statuses each status may move to.

Every app writes its tables the same way, next to the status choices in its ``constants.py``::

    ROUND_TRANSITIONS: Transitions[RoundStatus] = {
        RoundStatus.DRAFT: frozenset({RoundStatus.OPEN}),
        RoundStatus.OPEN: frozenset(),
    }

A status that moves nowhere maps to an empty set, so the table lists every status. Services
check each move with ``ensure_transition`` before they write it, and append the move to the
thing's history (an event row); pages read the same table to offer only the moves allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

Status = TypeVar("Status", bound=str)
# Mapping[status, frozenset[status]]: written Transitions[RoundStatus] for one lifecycle.
Transitions = Mapping[Status, frozenset[Status]]


class TransitionNotAllowed(ValueError):
    """A move its lifecycle table does not list. Services say why in their own words."""

    def __init__(self, current: str, to: str) -> None:
        super().__init__(f"{current} → {to}")
        self.current = current
        self.to = to


def ensure_transition(transitions: Transitions, current: str, to: str) -> None:
    """Raise TransitionNotAllowed unless ``transitions`` lets ``current`` move to ``to``."""
    if to not in transitions.get(current, frozenset()):
        raise TransitionNotAllowed(current, to)
