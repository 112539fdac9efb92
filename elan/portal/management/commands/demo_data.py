# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.accounts.demo import demo_addresses_verified, enrol_demo_second_factors
from elan.assessments.demo import load_demo_plan, load_demo_team_mix
from elan.assessments.shipped import load_shipped_instruments
from elan.cohorts.demo import load_demo_cohorts
from elan.events.demo import load_demo_events
from elan.experiments.demo import load_demo_experiments
from elan.feedback.demo import load_demo_feedback
from elan.feedback.quality import snapshots_take
from elan.goals.demo import load_demo_goals
from elan.ideas.demo import load_demo_ideas
from elan.insights.demo import load_demo_insights
from elan.knowledge.demo import load_demo_review
from elan.knowledge.loader import load_hub_content
from elan.network.demo import load_demo_network
from elan.organisations.demo import DEMO_PASSWORD, load_demo_organisation
from elan.retrospectives.demo import load_demo_retrospectives
from elan.skills.shipped import load_shipped_frameworks


class Command(BaseCommand):
    help = (
        "Load the deterministic demo organisation, its people and the hub content, then print "
        "one login per persona. Safe to run again: what exists already is left as it is."
    )

    def handle(self, *args, **options) -> None:
        personas = load_demo_organisation()
        demo_addresses_verified()
        totp_secrets = enrol_demo_second_factors([persona.email for persona in personas])
        for loader in self._content_loaders():
            loader()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for persona in personas:
            secret = totp_secrets.get(persona.email)
            second_factor = f"  second factor: TOTP secret {secret}" if secret else ""
            line = f"  {persona.key.replace('_', ' '):<16} {persona.email:<24}{second_factor}"
            self.stdout.write(line.rstrip())
        if totp_secrets:
            example = next(iter(totp_secrets))
            self.stdout.write(
                "Administrators, HR, editors and moderators log in with a second factor. Add "
                "their TOTP secret to any authenticator app, or print the current code with:\n"
                f"  .venv/bin/python manage.py demo_totp {example}"
            )

    def _content_loaders(self):
        # Each module that ships content adds its loader here as it lands; the order is the
        # order of the dependencies (instruments before the rounds answered on them).
        return [
            load_hub_content,
            load_demo_review,
            load_shipped_frameworks,
            load_shipped_instruments,
            load_demo_insights,
            load_demo_feedback,
            load_demo_team_mix,
            # After the 360s: the plan puts the growth skills Eva's raters confirmed first.
            load_demo_plan,
            # Before the goals: an experiment can be evidence in a cycle.
            load_demo_experiments,
            # After the self-assessments, the 360s and the hub: Eva adds her own as evidence.
            load_demo_goals,
            # After the self-assessments: a strength shown in the network is one of the
            # person's own skills, and the few who had none take the self-assessment first.
            load_demo_network,
            # After the network: a registration brings approved strengths, skills of the
            # person's own self-assessment, which the loaders above have mostly taken.
            load_demo_events,
            # After the experiments: board items link experiment cards of the experiments demo.
            load_demo_cohorts,
            # After the experiments: an idea already covered links the badge form's card, and
            # an idea taken forward opens a card of its own.
            load_demo_ideas,
            # After the insights: the actions the retrospectives agree join Nido's plan.
            load_demo_retrospectives,
            # What the daily jobs take: a step of instrument quality from what is there now.
            snapshots_take,
        ]
