# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.ideas.services import clock_run


class Command(BaseCommand):
    help = (
        "Run the ideas' response clock: remind owners before the deadline, escalate ideas past "
        "it to the owner's line manager, bring back each “not now” on its day, and forget "
        "yesterday's posting quotas. Run it daily; running it twice on a day sends nothing more."
    )

    def handle(self, *args, **options) -> None:
        done = clock_run()
        self.stdout.write(
            "{reminded} reminded, {escalated} escalated, {returned} back for a new look.".format(
                **done
            )
        )
