# SPDX-License-Identifier: EUPL-1.2
"""What the health endpoint reports: can this node reach the database, the cache and the task
queue? One word each, nothing else: no versions, no counts, no host names (docs/deployment.md).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.utils import timezone

from elan.core.cache import reachable

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
# The queue answers but its oldest ready task has waited this long: no worker is taking tasks.
BEHIND = "behind"
QUEUE_BEHIND_AFTER = datetime.timedelta(minutes=10)


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return UNAVAILABLE
    return OK


def cache_status() -> str:
    # The backend itself: ``django.core.cache.cache`` is a proxy, which would hide that the
    # Redis wrapper is answering from its database fallback.
    return OK if reachable(caches["default"]) else UNAVAILABLE


def queue_status() -> str:
    """The database task queue, when production uses it; tasks run in the request otherwise."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return OK
    from django_tasks_db.models import DBTaskResult

    try:
        oldest = (
            DBTaskResult.objects.ready()
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)[:1]
        )
        waiting_since = next(iter(oldest), None)
    except DatabaseError:
        return UNAVAILABLE
    if waiting_since is not None and timezone.now() - waiting_since > QUEUE_BEHIND_AFTER:
        return BEHIND
    return OK


def report() -> dict[str, str]:
    database = database_status()
    return {
        "status": OK if database == OK else UNAVAILABLE,
        "database": database,
        "cache": cache_status(),
        # Without the database the queue (a table in it) cannot answer either.
        "queue": queue_status() if database == OK else UNAVAILABLE,
    }
