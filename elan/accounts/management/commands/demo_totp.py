# SPDX-License-Identifier: EUPL-1.2
import time

from allauth.mfa import app_settings as mfa_settings
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from elan.accounts.demo import demo_totp_code, demo_totp_secret, is_demo_secret


class Command(BaseCommand):
    help = (
        "Print the current second-factor code of a demo account (demo only: refuses to run "
        "with DEBUG off or the production settings, and for any secret but the demo's)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="the demo account's login address, e.g. hr@elan.example")

    def handle(self, *args, email: str, **options) -> None:
        if not settings.DEBUG or (settings.SETTINGS_MODULE or "").endswith(".production"):
            raise CommandError(
                "demo_totp runs only in the demo (DEBUG on, not the production settings)."
            )
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the address {email!r}.")
        if not is_demo_secret(user):
            raise CommandError(
                f"{user.email} has no demo authenticator: its codes come from its own app."
            )
        now = time.time()
        self.stdout.write(demo_totp_code(demo_totp_secret(user.email), at=now))
        seconds_left = mfa_settings.TOTP_PERIOD - int(now) % mfa_settings.TOTP_PERIOD
        self.stderr.write(f"valid for {seconds_left} more seconds")
