# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.skills.shipped import load_shipped_frameworks


class Command(BaseCommand):
    help = (
        "Load the competency frameworks Elan ships (innovation skills, States of Change, the "
        "federal group structure) with their crosswalks. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options) -> None:
        frameworks = load_shipped_frameworks()
        for framework in frameworks:
            self.stdout.write(f"  {framework.slug} {framework.version}")
        self.stdout.write(self.style.SUCCESS(f"{len(frameworks)} frameworks are loaded."))
