# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperimentsConfig(AppConfig):
    name = "elan.experiments"
    label = "experiments"
    verbose_name = _("Experiments")

    def ready(self) -> None:
        # Imported here because they import models, which exist only once the registry is ready.
        from elan.experiments import home, rules  # noqa: F401

        home.register()
