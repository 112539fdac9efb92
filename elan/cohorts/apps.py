# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "elan.cohorts"
    label = "cohorts"
    verbose_name = _("Innovation fellowship cohorts")

    def ready(self) -> None:
        # Imported here because it imports models, which exist only once the registry is ready.
        from elan.cohorts import rules  # noqa: F401
