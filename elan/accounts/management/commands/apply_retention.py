# SPDX-License-Identifier: EUPL-1.2
"""Apply every retention rule of docs/privacy.md: run it daily from cron or a systemd timer.

    15 3 * * *  cd /srv/elan && .venv/bin/python manage.py apply_retention

Each module registers its rules in its ``personal_data.py``; this runs them all. Running it
twice, or after a missed night, does no harm: every rule deletes or pseudonymises only what
is past its period at the moment it runs.
"""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from elan.core.personal_data import retention_tasks


class Command(BaseCommand):
    help = "Delete or pseudonymise personal data past its retention period (docs/privacy.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="TASK",
            help="Run only this task (repeatable); without it, all tasks run.",
        )
        parser.add_argument(
            "--now",
            help="Pretend it is this ISO 8601 moment, e.g. to test a rule; default: now.",
        )

    def handle(self, *args, **options) -> None:
        now = self._now(options.get("now"))
        tasks = retention_tasks()
        unknown = sorted(set(options["only"]) - set(tasks))
        if unknown:
            raise CommandError(f"Unknown task(s) {', '.join(unknown)}; known: {', '.join(tasks)}.")
        for name, task in tasks.items():
            if options["only"] and name not in options["only"]:
                continue
            count = task(now=now)
            self.stdout.write(f"{name}: {count}")

    def _now(self, value: str | None) -> datetime:
        if not value:
            return timezone.now()
        moment = parse_datetime(value)
        if moment is None:
            raise CommandError(f"--now {value!r} is not an ISO 8601 date and time.")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment
