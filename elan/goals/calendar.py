# SPDX-License-Identifier: EUPL-1.2
"""Worked days: Monday to Friday, less the public holidays of the person's organisation.

Plain functions over dates, so that the federal rule "two talks at least 20 worked days apart"
is tested without a database (docs/goals.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

SATURDAY = 5
ONE_DAY = datetime.timedelta(days=1)


def is_worked_day(day: datetime.date, holidays: Collection[datetime.date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def worked_days_between(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date]
) -> int:
    """The worked days after ``start`` up to and including ``end``; none when ``end`` is not
    later. A talk on Monday and one on the next Monday are five worked days apart."""
    if end <= start:
        return 0
    full_weeks, remainder = divmod((end - start).days, 7)
    count = full_weeks * 5
    day = start + datetime.timedelta(weeks=full_weeks)
    for _step in range(remainder):
        day += ONE_DAY
        if day.weekday() < SATURDAY:
            count += 1
    return count - sum(
        1 for holiday in holidays if start < holiday <= end and holiday.weekday() < SATURDAY
    )


def add_worked_days(
    start: datetime.date, days: int, holidays: Collection[datetime.date]
) -> datetime.date:
    """The earliest day that is ``days`` worked days after ``start``."""
    day = start
    remaining = days
    while remaining > 0:
        day += ONE_DAY
        if is_worked_day(day, holidays):
            remaining -= 1
    return day


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), the month's last day when it has fewer."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - ONE_DAY).day
    return datetime.date(year, month, min(day.day, last_day))
