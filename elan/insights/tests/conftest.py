# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from elan.organisations.tests.factories import UnitFactory, person_in


def grow(unit, count: int, **user_fields) -> list:
    """Add ``count`` people to ``unit``."""
    return [person_in(unit, **user_fields) for _ in range(count)]


@pytest.fixture
def team_of(personas):
    """``team_of(7)``: the personas' team grown to that many people (the three personas in it
    included)."""

    def make(size: int):
        grow(personas.team, max(0, size - 3))
        return personas.team

    return make


@pytest.fixture
def sibling(personas):
    """A second team under the personas' organisation, with its own team lead."""
    from elan.organisations import services as organisation_services
    from elan.organisations.constants import Role

    def make(code: str, size: int):
        unit = UnitFactory(parent=personas.organisation, code=code, name_en=code)
        people = grow(unit, size)
        organisation_services.role_assign(user=people[0], role=Role.TEAM_LEAD, unit=unit)
        return unit, people

    return make
