# SPDX-License-Identifier: EUPL-1.2
import signal
import time
from types import FrameType

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from elan.core.scheduling import run_due

TICK_SECONDS = 20


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (e-mail delivery, hub publishing, the daily jobs) as they fall "
        "due, on as many nodes as you like: each run is claimed, so none runs twice "
        "(docs/deployment.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Run what is due now, then stop (for cron)."
        )

    def handle(self, *args, **options) -> None:
        self.verbosity = options["verbosity"]
        if options["once"]:
            self._report(run_due())
            return
        self.running = True
        # On stop, finish the job under way (its claim would otherwise stay "running").
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while self.running:
            close_old_connections()
            try:
                self._report(run_due())
            except Exception as error:  # the database may be down: try again next tick
                self.stderr.write(f"Scheduler tick failed: {type(error).__name__}")
            for _ in range(TICK_SECONDS * 10):
                if not self.running:
                    break
                time.sleep(0.1)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.running = False

    def _report(self, outcomes: dict[str, str]) -> None:
        for job, outcome in outcomes.items():
            if outcome != "done" or self.verbosity > 1:
                self.stdout.write(f"{job}: {outcome}")
