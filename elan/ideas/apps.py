# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "elan.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        # Imported here because they import models, which exist only once the registry is ready.
        from elan.ideas import home, personal_data, rules  # noqa: F401

        home.register()
