# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.feedback.quality import snapshots_take
from elan.feedback.services import (
    close_due_rounds,
    erase_rater_details_of_closed_rounds,
    reminders_send_due,
    rewrap_rater_secrets,
)


class Command(BaseCommand):
    help = (
        "Remind 360 raters who have not answered (at most every few days, only while their "
        "round is open), then close every round whose closing date has passed, which erases its "
        "raters' addresses, names and times; then erase those of any closed round that still "
        "holds them; then take a step of instrument quality for every instrument with enough new "
        "answer sets; then wrap again under the current SECRET_KEY the owners' rater-key secrets "
        "still wrapped under a fallback key. Run it daily (cron or the task scheduler); running "
        "it twice on a day sends nothing more."
    )

    def handle(self, *args, **options) -> None:
        reminded = reminders_send_due()
        closed = close_due_rounds()
        erased = erase_rater_details_of_closed_rounds()
        # Self-assessments have no round whose closing could take the step: this does.
        steps = snapshots_take()
        # After a SECRET_KEY rotation: once this ran, the old key may leave the fallbacks.
        rewrapped = rewrap_rater_secrets()
        self.stdout.write(
            f"{reminded} reminder(s) sent, {closed} round(s) closed, "
            f"rater details erased in {erased} more closed round(s), "
            f"{steps} instrument quality step(s) taken, "
            f"{rewrapped} rater-key secret(s) wrapped under the current key."
        )
