# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.assessments.team import snapshot_take


class Command(BaseCommand):
    help = (
        "Take this month's snapshot of every team's skill mix, from the people who chose to count "
        "in it, if it has not been taken yet. Run it daily (cron or the task scheduler): only the "
        "first run of a month takes the snapshot."
    )

    def handle(self, *args, **options) -> None:
        period = snapshot_take()
        if period is None:
            self.stdout.write("This month's team skill mix snapshot was already taken.")
        else:
            shown = period.groups.filter(released=True).count()
            self.stdout.write(
                f"Team skill mix snapshot of {period.starts_on:%Y-%m} taken: "
                f"{len(period.members)} people counted, {shown} unit(s) shown."
            )
