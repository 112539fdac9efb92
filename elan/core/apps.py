# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "elan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Each app declares what it holds about a person in its own ``personal_data.py``
        # (export, erasure, retention); importing them here fills the register
        # (elan/core/personal_data.py).
        autodiscover_modules("personal_data")
        # The outbox registers its own part: core's personal_data.py is the register itself.
        from elan.core import outbox  # noqa: F401
