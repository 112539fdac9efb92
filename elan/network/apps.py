# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "elan.network"
    label = "network"
    verbose_name = _("Learning network")

    def ready(self) -> None:
        # Imported here because they import models, which exist only once the registry is ready.
        from elan.network import home, rules  # noqa: F401

        home.register()
