# SPDX-License-Identifier: EUPL-1.2
"""The organisation chart as the anonymity guard reads it (``selectors.chart_units``)."""

from __future__ import annotations

from elan.organisations.selectors import chart_units
from elan.organisations.tests.factories import UnitFactory


def test_the_chart_is_read_from_the_organisation_tree_in_one_query(db, django_assert_num_queries):
    root = UnitFactory(code="ROOT")
    UnitFactory(parent=root, code="CHILD")
    with django_assert_num_queries(1):
        units = chart_units()
    assert [(u.code, u.depth) for u in units] == [("ROOT", 0), ("CHILD", 1)]
