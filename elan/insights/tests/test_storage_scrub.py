# SPDX-License-Identifier: EUPL-1.2
"""The storage scrub of closed survey rounds (docs/privacy-insights.md, "The database's own
bookkeeping") works however many rounds close in one transaction.

Runs on SQLite here and on PostgreSQL in CI, where the temporary copies once outlived the
first round's scrub (``ON COMMIT DROP``) and the second round's failed on them.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from elan.insights.models import Answer, Participation, Response
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, answer, close_round, invited, open_round
from elan.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _storage_order(model, round_, order: str = "rowid") -> list:
    """The rows' keys in the order the database keeps them (SQLite's ``rowid``), or another
    hidden column per row (PostgreSQL's ``ctid``, where the row sits on disk)."""
    table = model._meta.db_table
    key, where = ("user_id", "round_id = %s") if model is Participation else ("id", "round_id = %s")
    if model is Answer:
        where = f"response_id IN (SELECT id FROM {Response._meta.db_table} WHERE round_id = %s)"
    with connection.cursor() as cursor:
        if order == "ctid":
            cursor.execute(f"SELECT ctid::text FROM {table} WHERE {where}", [round_.pk])
        else:
            cursor.execute(f"SELECT {key} FROM {table} WHERE {where} ORDER BY {order}", [round_.pk])
        return [row[0] for row in cursor.fetchall()]


def test_two_rounds_closed_in_one_transaction_are_both_scrubbed(
    personas, django_capture_on_commit_callbacks
):
    rounds = []
    for name in ("Team A", "Team B"):
        unit = UnitFactory(parent=personas.organisation, name_en=name)
        grow(unit, 5)
        campaign = CampaignFactory(unit=unit)
        round_ = open_round(campaign)
        for user in invited(round_):
            answer(round_, user)
        rounds.append((campaign, round_))

    tables = (Participation, Response, Answer)
    on_disk = {
        (model, round_.pk): set(_storage_order(model, round_, order="ctid"))
        for model in tables
        for _campaign, round_ in rounds
        if connection.vendor == "postgresql"
    }
    # Both closings, and the scrubs they queue, in the one transaction of a caller (as the
    # daily job or a test runs them): the second scrub must not meet the first one's copies.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for campaign, _round in rounds:
            close_round(campaign)

    for _campaign, round_ in rounds:
        if connection.vendor == "postgresql":
            # PostgreSQL may put rows inserted again into space freed on the same pages, so
            # their place on disk need not follow the insert order; what shows the scrub ran
            # is that every row of both rounds was written again, somewhere else.
            for model in tables:
                now = set(_storage_order(model, round_, order="ctid"))
                assert now and not now & on_disk[(model, round_.pk)], model
            continue
        stored = {model: _storage_order(model, round_) for model in (Participation, Response)}
        assert len(stored[Response]) == 5
        assert stored[Response] == sorted(stored[Response]), "responses still in arrival order"
        assert stored[Participation] == sorted(stored[Participation])
        answers = _storage_order(Answer, round_)
        assert answers and answers == sorted(answers)
