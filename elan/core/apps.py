# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "elan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Imported for its side effect: registering the configuration checks.
        from elan import checks  # noqa: F401
