# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.assessments.shipped import load_shipped_instruments


class Command(BaseCommand):
    help = (
        "Load the self-assessment instruments Elan ships (and the frameworks they measure, if "
        "missing). Safe to run again: items are matched on their codes, nothing is duplicated."
    )

    def handle(self, *args, **options) -> None:
        instruments = load_shipped_instruments()
        for instrument in instruments:
            self.stdout.write(f"  {instrument.slug} {instrument.version}")
        self.stdout.write(self.style.SUCCESS(f"{len(instruments)} instruments are loaded."))
