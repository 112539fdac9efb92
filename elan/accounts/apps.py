# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "elan.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from elan.accounts import signals  # noqa: F401

        # Each app declares what it holds about a person in its own ``personal_data.py``
        # (export, erasure, retention); importing them here fills the registry.
        autodiscover_modules("personal_data")
