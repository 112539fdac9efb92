# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "elan.events"
    label = "events"
    verbose_name = _("Hackathons and sprints")

    def ready(self) -> None:
        # Imported here because it imports models, which exist only once the registry is ready.
        from elan.events import rules  # noqa: F401
