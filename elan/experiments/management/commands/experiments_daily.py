# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.experiments.tasks import reminders_queue_due


class Command(BaseCommand):
    help = (
        "Queue the e-mail reminders of experiments whose time box ends soon (the organisation's "
        "reminder days, 7 by default) or today, each in its reader's language. Run it daily; "
        "running it twice on a day sends nothing more."
    )

    def handle(self, *args, **options) -> None:
        queued = reminders_queue_due()
        self.stdout.write(f"{queued} time box reminder(s) queued.")
