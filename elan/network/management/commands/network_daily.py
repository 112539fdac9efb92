# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.network.services import requests_expire


class Command(BaseCommand):
    help = (
        "Count as declined the mentees' requests that a mentor left unanswered past the "
        "programme's answer days, and e-mail each mentee, in their language, that their next "
        "suggestions are waiting. Run it daily; running it twice on a day expires nothing more."
    )

    def handle(self, *args, **options) -> None:
        expired = requests_expire()
        self.stdout.write(f"{expired} unanswered request(s) expired.")
