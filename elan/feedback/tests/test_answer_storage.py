# SPDX-License-Identifier: EUPL-1.2
"""Issue 13, point 5 (360 part): nothing the database keeps for its own bookkeeping links a 360
answer to its invitation. While a round is open, the answers and the spent link are written in
separate transactions, and every invitation of the round carries the same transaction id; once
it is closed, the answers are rewritten in the order of their random keys.

CI runs these on PostgreSQL (``xmin``, ``ctid``); on SQLite they check what SQLite can show
(the transactions, the hidden ``rowid`` order)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from elan.feedback import services
from elan.feedback.models import Invitation, RaterAnswer, RaterResponse
from elan.feedback.tests.factories import answer, invite, open_round, send_list

POSTGRESQL = connection.vendor == "postgresql"
STORAGE_ORDER = "ctid" if POSTGRESQL else "rowid"


def column(table: str, expression: str, where: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {expression} FROM {table} WHERE {where} ORDER BY {STORAGE_ORDER}", params
        )
        return [row[0] for row in cursor.fetchall()]


def xmins(table: str, where: str, params: list) -> list[int]:
    return column(table, "xmin::text::bigint", where, params)


def a_round_with_raters(personas, count: int = 4):
    round_ = open_round(personas.employee)
    secrets = [invite(round_, "peer")[1] for _number in range(count)]
    invite(round_, "peer")  # one who never answers
    send_list(round_)
    return round_, secrets


@pytest.mark.django_db
def test_answer_rows_have_random_keys_and_invitations_keep_no_answer_time(personas):
    round_, secrets = a_round_with_raters(personas, 1)
    response = answer(round_, secrets[0])
    assert isinstance(response.pk, uuid.UUID)
    assert {type(pk) for pk in RaterAnswer.objects.values_list("pk", flat=True)} == {uuid.UUID}
    invitation_fields = {field.name for field in Invitation._meta.get_fields()}
    assert "answered_at" not in invitation_fields


@pytest.mark.django_db
def test_the_link_is_spent_and_the_answers_stored_in_two_separate_transactions(personas):
    round_, secrets = a_round_with_raters(personas, 1)
    with CaptureQueriesContext(connection) as captured:
        answer(round_, secrets[0])
    statements = [query["sql"] for query in captured.captured_queries]
    invitations = Invitation._meta.db_table
    responses = RaterResponse._meta.db_table
    spent = next(i for i, sql in enumerate(statements) if sql.startswith(f'UPDATE "{invitations}"'))
    stored = next(
        i for i, sql in enumerate(statements) if sql.startswith(f'INSERT INTO "{responses}"')
    )
    assert spent < stored
    # The first transaction ends (RELEASE or COMMIT) before the second one writes the answers.
    between = statements[spent:stored]
    assert any(sql.startswith(("RELEASE SAVEPOINT", "COMMIT")) for sql in between), between


@pytest.mark.django_db(transaction=True)
def test_while_open_no_transaction_id_pairs_an_answer_with_its_invitation(personas):
    round_, secrets = a_round_with_raters(personas)
    for number, secret in enumerate(secrets):
        answer(round_, secret, values=2 + number % 3)
    where = "round_id = %s"
    assert Invitation.objects.filter(round=round_, answered=True).count() == len(secrets)
    if POSTGRESQL:
        invitation_ids = set(xmins(Invitation._meta.db_table, where, [round_.pk]))
        response_ids = xmins(RaterResponse._meta.db_table, where, [round_.pk])
        # Every invitation was rewritten by the last link spent: their ids order nothing.
        assert len(invitation_ids) == 1, invitation_ids
        # No answer shares a transaction with any invitation.
        assert not invitation_ids & set(response_ids), (invitation_ids, response_ids)
    # What either database keeps on the invitations says whether, never when or in which order:
    # their one time is when the approved list went out, the same for all.
    times = Invitation.objects.filter(round=round_).values_list("invited_at", "reminded_at")
    assert len(set(times)) == 1


@pytest.mark.django_db(transaction=True)
def test_once_closed_the_answers_are_stored_in_an_order_that_carries_no_time(personas):
    round_, secrets = a_round_with_raters(personas)
    for secret in secrets:
        answer(round_, secret)
    responses = RaterResponse._meta.db_table
    answers = RaterAnswer._meta.db_table
    of_round = "round_id = %s"
    of_responses = f"response_id IN (SELECT id FROM {responses} WHERE round_id = %s)"
    answered_in = set(xmins(responses, of_round, [round_.pk])) if POSTGRESQL else set()

    services.round_close(owner=personas.employee, round_=round_)

    response_ids = column(responses, "id", of_round, [round_.pk])
    answer_ids = column(answers, "id", of_responses, [round_.pk])
    assert len(response_ids) == len(secrets) and len(answer_ids) == len(secrets) * 24
    # Rewritten after every answer, in key order: the order on disk is that of random keys.
    assert response_ids == sorted(response_ids)
    assert answer_ids == sorted(answer_ids)
    if POSTGRESQL:
        rewritten = set(xmins(responses, of_round, [round_.pk]))
        rewritten |= set(xmins(answers, of_responses, [round_.pk]))
        # One transaction wrote them all, while the round closed: no answer keeps the id of
        # the transaction it came in with.
        assert len(rewritten) == 1 and not rewritten & answered_in, (rewritten, answered_in)
