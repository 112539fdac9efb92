# SPDX-License-Identifier: EUPL-1.2
"""The scheduler: each run of a job is claimed, so schedulers on several nodes never run it twice
(elan/core/scheduling.py, issue 21)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from elan.core.models import ScheduledRun
from elan.core.scheduling import JOBS, Job, run_due

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


class Counting:
    def __init__(self, *, fail_times: int = 0) -> None:
        self.calls = 0
        self.fail_times = fail_times

    def __call__(self) -> None:
        self.calls += 1
        if self.calls <= self.fail_times:
            raise ConnectionError("the mail server went away")


def at(day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=BRUSSELS)


def test_two_schedulers_at_the_same_moment_run_a_job_once():
    job = Job("count", Counting(), every_minutes=5)
    first = run_due(now=at(7, 9, 1), jobs=(job,))
    second = run_due(now=at(7, 9, 1), jobs=(job,))
    assert (first, second, job.run.calls) == ({"count": "done"}, {}, 1)


def test_a_frequent_job_runs_again_in_its_next_period_only():
    job = Job("count", Counting(), every_minutes=5)
    for minute in (0, 2, 4, 5, 9, 10):
        run_due(now=at(7, 9, minute), jobs=(job,))
    assert job.run.calls == 3  # 9:00, 9:05, 9:10


def test_a_daily_job_runs_once_a_day_from_its_hour_and_catches_up_a_missed_day(settings):
    settings.SCHEDULER_DAILY_AT = (2, 30)
    job = Job("daily", Counting())
    run_due(now=at(7, 2, 29), jobs=(job,))  # yesterday's run, missed: it runs now
    run_due(now=at(7, 2, 29), jobs=(job,))
    assert job.run.calls == 1
    run_due(now=at(7, 2, 30), jobs=(job,))
    run_due(now=at(7, 23, 59), jobs=(job,))
    assert job.run.calls == 2
    assert [run.due_at.astimezone(BRUSSELS) for run in ScheduledRun.objects.order_by("due_at")] == [
        at(6, 2, 30),
        at(7, 2, 30),
    ]


def test_a_failed_run_is_tried_again_after_fifteen_minutes_by_one_scheduler():
    job = Job("flaky", Counting(fail_times=1), every_minutes=60)
    assert run_due(now=at(7, 9, 0), jobs=(job,)) == {"flaky": "failed"}
    run = ScheduledRun.objects.get()
    assert run.error == "ConnectionError"  # the class only: a message may quote someone
    assert run_due(now=at(7, 9, 14), jobs=(job,)) == {}
    assert run_due(now=at(7, 9, 15), jobs=(job,)) == {"flaky": "done"}
    assert run_due(now=at(7, 9, 30), jobs=(job,)) == {}
    assert job.run.calls == 2


def test_one_failing_job_does_not_keep_the_others_from_running():
    broken = Job("broken", Counting(fail_times=99), every_minutes=1)
    healthy = Job("healthy", Counting(), every_minutes=1)
    assert run_due(now=at(7, 9, 0), jobs=(broken, healthy)) == {
        "broken": "failed",
        "healthy": "done",
    }


def test_every_shipped_job_runs_on_an_empty_platform():
    # Catches a job naming a command that does not exist, or one that fails with no data.
    outcomes = run_due(now=at(7, 3, 0))
    assert outcomes == {job.name: "done" for job in JOBS}


def test_run_scheduler_once_runs_what_is_due_and_a_second_run_finds_nothing(capsys):
    call_command("run_scheduler", "--once")
    claimed = ScheduledRun.objects.count()
    call_command("run_scheduler", "--once")
    assert claimed == len(JOBS)
    assert ScheduledRun.objects.count() == claimed
    assert ScheduledRun.objects.exclude(outcome="done").count() == 0


def test_a_run_cut_off_by_a_killed_scheduler_is_taken_again_after_three_hours():
    job = Job("long", Counting(), every_minutes=24 * 60)
    ScheduledRun.objects.create(job="long", due_at=job.due_at(at(7, 9, 0)), started_at=at(7, 9, 0))
    assert run_due(now=at(7, 11, 59), jobs=(job,)) == {}
    assert run_due(now=at(7, 12, 0), jobs=(job,)) == {"long": "done"}
    assert job.run.calls == 1


def test_the_database_cache_keeps_a_used_code_however_many_pages_it_holds(settings):
    from django.core.cache import caches

    shared = caches["fallback"]
    assert shared.add("totp-used:7:111111", "y", 60)
    shared.set_many({f"knowledge:page:{number}": "<html>" for number in range(400)}, 60)
    assert shared.add("totp-used:7:111111", "y", 60) is False


def test_the_scheduler_deletes_the_expired_rows_of_the_database_cache(time_machine):
    from django.core.cache import caches

    shared = caches["fallback"]
    time_machine.move_to(at(7, 9, 0), tick=False)
    shared.set("short", "1", 60)
    shared.set("long", "1", 3600)
    time_machine.move_to(at(7, 9, 5), tick=False)
    jobs = tuple(job for job in JOBS if job.name == "delete_expired_cache_rows")
    assert run_due(jobs=jobs) == {"delete_expired_cache_rows": "done"}
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM elan_cache")
        assert [row[0].rsplit(":", 1)[-1] for row in cursor.fetchall()] == ["long"]
