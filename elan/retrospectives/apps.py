# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetrospectivesConfig(AppConfig):
    name = "elan.retrospectives"
    label = "retrospectives"
    verbose_name = _("Retrospectives")

    def ready(self) -> None:
        # Imported here because they import models, which exist only once the registry is ready.
        from elan.retrospectives import home, personal_data, rules  # noqa: F401

        home.register()
