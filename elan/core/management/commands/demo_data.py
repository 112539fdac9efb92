# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.organisations.demo import DEMO_PASSWORD, load_demo_organisation


class Command(BaseCommand):
    help = (
        "Load the deterministic demo organisation, its people and the hub content, then print "
        "one login per persona. Safe to run again: what exists already is left as it is."
    )

    def handle(self, *args, **options) -> None:
        personas = load_demo_organisation()
        for loader in self._content_loaders():
            loader()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for persona in personas:
            self.stdout.write(f"  {persona.key.replace('_', ' '):<16} {persona.email}")

    def _content_loaders(self):
        # Each module that ships content registers a loader here as it lands.
        from elan.assessments.shipped import load_shipped_instruments
        from elan.feedback.demo import load_demo_feedback
        from elan.insights.demo import load_demo_insights
        from elan.knowledge.loader import load_hub_content
        from elan.skills.shipped import load_shipped_frameworks

        return [
            load_hub_content,
            load_shipped_frameworks,
            load_shipped_instruments,
            load_demo_insights,
            load_demo_feedback,
        ]
