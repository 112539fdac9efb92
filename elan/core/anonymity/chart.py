# SPDX-License-Identifier: EUPL-1.2
"""The Django side of grouping: the organisation chart as the guard needs it, in one query."""

from __future__ import annotations

from elan.core.anonymity.grouping import ChartUnit


def chart_units(*, root_path: str = "") -> list[ChartUnit]:
    """Every unit (active or not: old rounds were answered in units that may since have closed),
    below ``root_path`` when given, as (code, path) pairs ordered by path."""
    from elan.organisations.models import Unit

    units = Unit.objects.all()
    if root_path:
        units = units.filter(path__startswith=root_path)
    return [
        ChartUnit(code=code, path=path)
        for code, path in units.order_by("path").values_list("code", "path")
    ]
