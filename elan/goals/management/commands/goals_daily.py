# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.goals.tasks import reminders_queue_due


class Command(BaseCommand):
    help = (
        "Queue the e-mail reminders of evaluation talks that fall due (the organisation's lead "
        "times, 14 and 2 days by default), each in its reader's language. Run it daily; running "
        "it twice on a day sends nothing more."
    )

    def handle(self, *args, **options) -> None:
        queued = reminders_queue_due()
        self.stdout.write(f"{queued} talk reminder(s) queued.")
