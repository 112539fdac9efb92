# SPDX-License-Identifier: EUPL-1.2
"""How survey data is kept apart from people (docs/privacy-insights.md): who was invited is
stored under a pseudonym, and a closed round's rows are rewritten so that their storage order
says nothing (a task, ``tasks.scrub_round_storage``, queued by ``services``)."""

from __future__ import annotations

import hashlib
import hmac

from django.db import connection, transaction

from elan.insights.models import Answer, Campaign, Participation, Response


def pseudonym(*, campaign: Campaign, user_id: int) -> int:
    """The same number for the same person in every round of ``campaign``, and an unrelated one
    in any other campaign: a keyed hash, so the number alone does not say who it is."""
    digest = hmac.new(
        bytes.fromhex(campaign.population_key), str(user_id).encode(), hashlib.sha256
    ).digest()
    return int.from_bytes(digest[:8], "big") >> 1  # fits a signed 64-bit column


def scrub_storage_order(*, round_id: int) -> None:
    """Rewrite a closed round's rows so that the database's own bookkeeping no longer pairs a
    participation with a response, nor orders responses by the time they came in.

    On PostgreSQL, rows written by one transaction share a transaction id (``xmin``), ids grow
    with time, and new rows land on disk in the order they were written. So, for this round only,
    the participations, responses and answers are copied aside, deleted and inserted again in one
    transaction, in the order of keys that carry no time (the person for participations, the
    random UUID for responses and answers): they all get one new ``xmin`` and a random physical
    order. The old row versions are dead and VACUUM reclaims them. SQLite keeps the insertion
    order in its hidden rowid, which the same rewrite replaces. What this cannot reach (dead rows
    before VACUUM, WAL archives, backups) is listed in docs/privacy-insights.md.
    """
    temporary = "CREATE TEMPORARY TABLE {name} AS"
    response_table = Response._meta.db_table
    answer_table = Answer._meta.db_table
    participation_table = Participation._meta.db_table
    statements = [
        f"{temporary.format(name='scrub_r')} "
        f"SELECT * FROM {response_table} WHERE round_id = %(round)s",
        f"{temporary.format(name='scrub_a')} SELECT a.* FROM {answer_table} a "
        f"JOIN scrub_r r ON a.response_id = r.id",
        f"{temporary.format(name='scrub_p')} "
        f"SELECT * FROM {participation_table} WHERE round_id = %(round)s",
        f"DELETE FROM {answer_table} WHERE response_id IN (SELECT id FROM scrub_r)",
        f"DELETE FROM {response_table} WHERE round_id = %(round)s",
        f"DELETE FROM {participation_table} WHERE round_id = %(round)s",
        f"INSERT INTO {response_table} SELECT * FROM scrub_r ORDER BY id",
        f"INSERT INTO {answer_table} SELECT * FROM scrub_a ORDER BY id",
        f"INSERT INTO {participation_table} SELECT * FROM scrub_p ORDER BY user_id",
    ]
    # Dropped at once, not at commit (ON COMMIT DROP): when several rounds are scrubbed in one
    # transaction (closing tasks run inside a caller's transaction), the second would otherwise
    # meet the first one's copies. The 360 scrub does the same (elan.feedback.services).
    statements += ["DROP TABLE scrub_r", "DROP TABLE scrub_a", "DROP TABLE scrub_p"]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"round": round_id})
