# SPDX-License-Identifier: EUPL-1.2
"""The scheduler: which job runs when, and the claim that keeps two nodes from running it twice.

Every node may run ``manage.py run_scheduler``; each run of a job is claimed by inserting the
pair (job, due time) into ``ScheduledRun``, which is unique, so the first scheduler to claim it
runs it and the others leave it. A job whose run failed is tried again after
``RETRY_FAILED_AFTER`` and one cut off by a killed scheduler after ``RUNNING_GIVEN_UP_AFTER``,
claimed the same way; a job missed while no scheduler ran (an upgrade,
a night with every node down) runs once when one starts, because every job catches up by itself
(docs/configuration.md, "Scheduled jobs").
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from elan.core.models import ScheduledRun

logger = logging.getLogger(__name__)

RETRY_FAILED_AFTER = datetime.timedelta(minutes=15)
# A run still "running" this long after it started was cut off (its scheduler was killed): it
# may be claimed again. Longer than any job takes.
RUNNING_GIVEN_UP_AFTER = datetime.timedelta(hours=3)
HISTORY_KEPT = datetime.timedelta(days=90)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]
    # Either every so many minutes, or once a day at settings.SCHEDULER_DAILY_AT.
    every_minutes: int | None = None

    def due_at(self, now: datetime.datetime) -> datetime.datetime:
        """The start of the period ``now`` falls in: the run that should have happened by now."""
        if self.every_minutes:
            period = self.every_minutes * 60
            seconds = int(now.timestamp()) // period * period
            return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
        local = timezone.localtime(now)
        hour, minute = settings.SCHEDULER_DAILY_AT
        today = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        return today if local >= today else today - datetime.timedelta(days=1)


def _command(name: str, *args: str) -> Callable[[], object]:
    def run() -> object:
        return call_command(name, *args, verbosity=0)

    run.__name__ = name
    return run


def _deliver_emails() -> object:
    from elan.core.outbox import deliver_due

    return deliver_due()


def _prune_task_results() -> object:
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return None
    return call_command("prune_db_task_results", "--queue-name", "*", verbosity=0)


def _delete_expired_cache_rows() -> object:
    """The database cache table keeps expired rows until something deletes them."""
    from django.db import connection

    with connection.cursor() as cursor:
        table = connection.ops.quote_name(settings.CACHE_TABLE)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        # The table's name is a setting, quoted; the time is a parameter.
        cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # nosec B608
        return cursor.rowcount


def _prune_history() -> object:
    limit = timezone.now() - HISTORY_KEPT
    return ScheduledRun.objects.filter(due_at__lt=limit).delete()[0]


DAILY_COMMANDS = (
    "apply_retention",
    "insights_close_due_rounds",
    "feedback_daily",
    "assessments_daily",
    "goals_daily",
    "experiments_daily",
    "ideas_daily",
    "network_daily",
    "barrier_reports_resend",
)

JOBS: tuple[Job, ...] = (
    Job("deliver_emails", _deliver_emails, every_minutes=1),
    Job("publish_scheduled", _command("publish_scheduled"), every_minutes=5),
    *(Job(name, _command(name)) for name in DAILY_COMMANDS),
    Job("prune_task_results", _prune_task_results),
    Job("delete_expired_cache_rows", _delete_expired_cache_rows, every_minutes=60),
    Job("prune_scheduler_history", _prune_history),
)


def claim(job: Job, *, due_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Take this run for this process, or learn that another one has it."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.name, due_at=due_at, started_at=now)
        return True
    except IntegrityError:
        pass
    # A failed run, or one cut off by a scheduler that was killed, may be taken again, by one
    # scheduler only: the update is the claim.
    retaken = ScheduledRun.objects.filter(job=job.name, due_at=due_at).filter(
        Q(outcome=ScheduledRun.Outcome.FAILED, finished_at__lte=now - RETRY_FAILED_AFTER)
        | Q(outcome=ScheduledRun.Outcome.RUNNING, started_at__lte=now - RUNNING_GIVEN_UP_AFTER)
    )
    return bool(
        retaken.update(outcome=ScheduledRun.Outcome.RUNNING, started_at=now, finished_at=None)
    )


def run_due(
    *, now: datetime.datetime | None = None, jobs: tuple[Job, ...] = JOBS
) -> dict[str, str]:
    """Run every job whose current run nobody has claimed; returns job name → outcome."""
    outcomes: dict[str, str] = {}
    for job in jobs:
        moment = now or timezone.now()
        due_at = job.due_at(moment)
        if not claim(job, due_at=due_at, now=moment):
            continue
        outcome, error = ScheduledRun.Outcome.DONE, ""
        try:
            job.run()
        except Exception as exception:  # one job's failure must not stop the others
            outcome, error = ScheduledRun.Outcome.FAILED, type(exception).__name__
            logger.exception("Scheduled job %s failed.", job.name)
        # A caller that gives the time (the tests) finishes at that time too.
        finished_at = timezone.now() if now is None else moment
        ScheduledRun.objects.filter(job=job.name, due_at=due_at).update(
            outcome=outcome, error=error[:200], finished_at=finished_at
        )
        outcomes[job.name] = outcome
    return outcomes
