# SPDX-License-Identifier: EUPL-1.2
"""English as read in Belgium and the EU institutions: day before month, 24-hour clock.

Django's ``en`` formats are American ("Nov. 27, 2026, 3 p.m."), which readers of an English
fallback in Brussels would find odd next to the Dutch, French and German pages.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
