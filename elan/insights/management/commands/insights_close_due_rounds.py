# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.insights.services import close_due_rounds


class Command(BaseCommand):
    help = (
        "Close every survey round whose closing date has passed and publish its results through "
        "the anonymity guard. Run it daily (cron or the task scheduler); running it twice does "
        "nothing more."
    )

    def handle(self, *args, **options) -> None:
        closed = close_due_rounds()
        self.stdout.write(f"{closed} round(s) closed.")
