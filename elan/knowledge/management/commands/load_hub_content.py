# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.knowledge.loader import load_hub_content


class Command(BaseCommand):
    help = (
        "Load the knowledge hub's shipped content (NL, FR, EN complete; DE where written, "
        "otherwise the English text marked as such), set up the editorial workflow and build "
        "the search index. Safe to run again: nothing is created twice and pages editors have "
        "changed are left alone."
    )

    def handle(self, *args, **options) -> None:
        report = load_hub_content()
        self.stdout.write(self.style.SUCCESS(f"Knowledge hub ready: {report.summary()}"))
