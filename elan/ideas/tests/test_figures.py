# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from elan.goals.calendar import worked_days_between
from elan.ideas.figures import _worked_days_counter

DAYS = st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2028, 12, 31))


@given(start=DAYS, end=DAYS, holidays=st.frozensets(DAYS, max_size=40))
def test_the_figures_count_worked_days_exactly_as_the_evaluation_cycles_calendar_does(
    start, end, holidays
):
    assert _worked_days_counter(holidays)(start, end) == worked_days_between(start, end, holidays)
