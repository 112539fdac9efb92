# SPDX-License-Identifier: EUPL-1.2
"""Worked days: weekends and public holidays do not count (docs/goals.md)."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from elan.goals.calendar import add_months, add_worked_days, worked_days_between

MONDAY = datetime.date(2027, 3, 1)
NATIONAL_DAY = datetime.date(2027, 7, 21)  # a Wednesday


def test_a_week_from_monday_to_monday_is_five_worked_days():
    assert worked_days_between(MONDAY, MONDAY + datetime.timedelta(days=7), frozenset()) == 5


def test_a_weekend_counts_for_nothing():
    friday = MONDAY + datetime.timedelta(days=4)
    assert worked_days_between(friday, friday + datetime.timedelta(days=2), frozenset()) == 0
    assert worked_days_between(friday, friday + datetime.timedelta(days=3), frozenset()) == 1


def test_a_public_holiday_on_a_weekday_is_not_worked():
    before = NATIONAL_DAY - datetime.timedelta(days=2)
    after = NATIONAL_DAY + datetime.timedelta(days=2)
    assert worked_days_between(before, after, frozenset()) == 4
    assert worked_days_between(before, after, frozenset({NATIONAL_DAY})) == 3


def test_a_holiday_on_a_saturday_takes_no_day_twice():
    saturday = MONDAY + datetime.timedelta(days=5)
    assert worked_days_between(MONDAY, MONDAY + datetime.timedelta(days=7), {saturday}) == 5


def test_twenty_worked_days_after_a_monday_is_four_weeks_later_without_holidays():
    assert add_worked_days(MONDAY, 20, frozenset()) == MONDAY + datetime.timedelta(days=28)


def test_a_holiday_in_the_gap_pushes_the_earliest_day_by_one_worked_day():
    monday_before = datetime.date(2027, 7, 5)
    plain = add_worked_days(monday_before, 20, frozenset())
    assert add_worked_days(monday_before, 20, {NATIONAL_DAY}) == plain + datetime.timedelta(days=1)


@given(
    st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2032, 12, 31)),
    st.integers(min_value=0, max_value=80),
    st.sets(
        st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2033, 6, 30)),
        max_size=20,
    ),
)
def test_the_earliest_day_is_exactly_that_many_worked_days_later(start, days, holidays):
    earliest = add_worked_days(start, days, holidays)
    assert worked_days_between(start, earliest, holidays) == days
    if days:
        assert worked_days_between(start, earliest - datetime.timedelta(days=1), holidays) < days


def test_a_month_later_keeps_the_day_or_takes_the_months_last():
    assert add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2027, 3, 15), 12) == datetime.date(2028, 3, 15)
    assert add_months(datetime.date(2027, 12, 10), 1) == datetime.date(2028, 1, 10)
    assert add_months(datetime.date(2027, 1, 10), -3) == datetime.date(2026, 10, 10)
