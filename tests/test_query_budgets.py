# SPDX-License-Identifier: EUPL-1.2
"""Each page type reads a fixed number of queries, whatever the number of its rows.

The pages and their budgets are in tests/query_budgets.py. Budgets held elsewhere, not repeated
here:

- the home page of someone with everything: elan/portal/tests/test_home_next.py
- the organiser's programme page and CSV: elan/network/tests/test_organiser_views.py
- a mentor's free places, the chart, a subtree, the unit picker's search: elan/network,
  elan/organisations and elan/insights tests (``django_assert_num_queries``)
- a trend of several rounds: elan/insights/tests/test_reports.py
- the unavailable page, which reads nothing: tests/test_resilience.py
"""

from __future__ import annotations

import pytest
from django.db import transaction

from elan.assessments.shipped import load_shipped_instruments
from tests.access_table import ACCESS_TABLE
from tests.query_budgets import (
    BUDGETS,
    DETAIL_PAGES,
    FEW,
    LIST_PAGES,
    MORE,
    NOT_BUDGETED,
    Page,
    Reading,
    difference,
    listing,
    read,
)


@pytest.fixture(scope="module")
def shipped_content(django_db_setup, django_db_blocker):
    """The shipped skills frameworks and self-assessment, which every installation has, loaded
    once for the module and rolled back after it: loading them for each test that needs them
    would take most of the module's time."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_shipped_instruments()
        yield
        transaction.set_rollback(True)


def over_budget(url: str, reading: Reading, budget: int) -> str:
    # Exactly: a budget that is only an upper bound would let queries creep back in under it.
    return (
        f"{url} read {len(reading)} queries, its budget is {budget} (tests/query_budgets.py:"
        f" lower it when a query went on purpose, raise it only for one that must come):\n"
        f"{listing(reading)}"
    )


def _read_page(client, url: str) -> Reading:
    reading = read(client, url)
    assert reading.status == 200, f"{url} answered {reading.status}"
    return reading


@pytest.mark.usefixtures("shipped_content")
@pytest.mark.parametrize("page", LIST_PAGES, ids=lambda page: page.id)
def test_a_list_page_reads_as_many_queries_for_six_rows_as_for_two_and_exactly_its_budget(
    page: Page, personas, client_for
):
    subject = page.subject(personas)
    client = client_for(page.persona)
    shown = page.add(personas, subject, range(FEW))
    _read_page(client, page.url(subject))  # caches of the process are warm in production
    few = _read_page(client, page.url(subject))
    shown_more = page.add(personas, subject, range(FEW, MORE))
    url = page.url(subject)
    more = _read_page(client, url)

    if not page.is_pdf:
        missing = [text for text in shown if text not in few.content]
        missing += [text for text in shown_more if text not in more.content]
        assert not missing, f"{url} does not show its {page.rows}: {missing}"
    assert len(more) == len(few) + page.per_row * (MORE - FEW), (
        f"{url} read {len(few)} queries with {FEW} {page.rows} and {len(more)} with {MORE}:\n"
        f"{difference(few, more)}\n\nwith {MORE}:\n{listing(more)}"
    )
    assert len(few) == page.expected(), over_budget(url, few, page.expected())


@pytest.mark.usefixtures("shipped_content")
@pytest.mark.parametrize("page", DETAIL_PAGES, ids=lambda page: page.id)
def test_a_page_read_once_reads_exactly_its_budget(page: Page, personas, client_for):
    subject = page.subject(personas)
    url = page.url(subject)
    client = client_for(page.persona)
    _read_page(client, url)  # caches of the process are warm in production
    reading = _read_page(client, url)

    assert len(reading) == page.expected(), over_budget(url, reading, page.expected())


def test_every_page_of_the_access_table_has_a_query_budget_or_a_reason_to_have_none():
    budgeted = {page.name for page in LIST_PAGES + DETAIL_PAGES}
    missing = [
        name
        for name, row in ACCESS_TABLE.items()
        if name not in budgeted and name not in NOT_BUDGETED and "POST only" not in row.why
    ]
    assert not missing, f"Give these pages a budget in tests/query_budgets.py: {missing}"
    assert not budgeted & set(NOT_BUDGETED), "a page is both budgeted and excused"


def test_each_budget_belongs_to_a_page_that_is_read():
    ids = [page.id for page in LIST_PAGES + DETAIL_PAGES]
    assert len(ids) == len(set(ids)), "two pages share a name: give one a label"
    assert set(BUDGETS) == set(ids)
