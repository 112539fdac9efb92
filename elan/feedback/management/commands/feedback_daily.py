# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.feedback.services import (
    close_due_rounds,
    erase_rater_details_of_closed_rounds,
    reminders_send_due,
)


class Command(BaseCommand):
    help = (
        "Remind 360 raters who have not answered (at most every few days, only while their "
        "round is open), then close every round whose closing date has passed, which erases its "
        "raters' addresses, names and times; then erase those of any closed round that still "
        "holds them. Run it daily (cron or the task scheduler); running it twice on a day sends "
        "nothing more."
    )

    def handle(self, *args, **options) -> None:
        reminded = reminders_send_due()
        closed = close_due_rounds()
        erased = erase_rater_details_of_closed_rounds()
        self.stdout.write(
            f"{reminded} reminder(s) sent, {closed} round(s) closed, "
            f"rater details erased in {erased} more closed round(s)."
        )
