# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "elan.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Imported for its side effect, connecting the receivers; here because it imports
        # models, which exist only once the registry is ready.
        from elan.accounts import signals  # noqa: F401
