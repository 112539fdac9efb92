# SPDX-License-Identifier: EUPL-1.2
"""Start-up checks: a wrong configuration stops the platform and names the setting.

``runserver`` and ``migrate`` run these through Django's check framework, and ``elan.wsgi``
runs them before serving, so a production process refuses to start with a bad environment.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

from elan import env
from elan.accounts import encryption

CONFIG_TAG = "elan_config"


@register(Tags.security, CONFIG_TAG, deploy=False)
def environment_is_well_formed(app_configs, **kwargs) -> list[Error]:
    return [
        Error(
            f"{problem.variable} {problem.message}.",
            hint="See docs/configuration.md for the accepted values.",
            id="elan.E001",
            obj=problem.variable,
        )
        for problem in env.PROBLEMS
    ]


@register(CONFIG_TAG)
def production_is_not_left_on_demo_values(app_configs, **kwargs) -> list[Error]:
    errors: list[Error] = []
    if settings.DEBUG:
        return errors
    if getattr(settings, "INSECURE_DEFAULT_SECRET_KEY", None) == settings.SECRET_KEY and (
        settings.SETTINGS_MODULE.endswith(".production")
    ):
        errors.append(
            Error(
                "SECRET_KEY is not set: production refuses the demo key.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE) to at least 50 random characters.",
                id="elan.E002",
                obj="SECRET_KEY",
            )
        )
    if settings.SETTINGS_MODULE.endswith(".production") and settings.DATABASES["default"][
        "ENGINE"
    ].endswith("sqlite3"):
        errors.append(
            Error(
                "DATABASE_URL is not set: production runs on PostgreSQL, not the demo SQLite file.",
                hint="Set DATABASE_URL=postgres://user:password@host:5432/elan.",
                id="elan.E003",
                obj="DATABASE_URL",
            )
        )
    return errors


@register(CONFIG_TAG)
def single_sign_on_is_complete(app_configs, **kwargs) -> list[Error]:
    if not settings.OIDC_ENABLED:
        return []
    required = {
        "OIDC_SERVER_URL": settings.OIDC_SERVER_URL,
        "OIDC_CLIENT_ID": settings.OIDC_CLIENT_ID,
        "OIDC_CLIENT_SECRET": settings.OIDC_CLIENT_SECRET,
    }
    return [
        Error(
            f"{name} must be set when OIDC_ENABLED is true.",
            hint="See the single sign-on section of docs/configuration.md.",
            id="elan.E004",
            obj=name,
        )
        for name, value in required.items()
        if not value
    ]


@register(CONFIG_TAG)
def anonymity_thresholds_are_ordered(app_configs, **kwargs) -> list[Error]:
    if settings.ANONYMITY_MIN_COMMENTS < settings.ANONYMITY_MIN_GROUP:
        return [
            Error(
                "ANONYMITY_MIN_COMMENTS must not be lower than ANONYMITY_MIN_GROUP: free text "
                "identifies people more easily than scores do.",
                id="elan.E005",
                obj="ANONYMITY_MIN_COMMENTS",
            )
        ]
    return []


@register(CONFIG_TAG)
def import_deactivation_share_is_a_percentage(app_configs, **kwargs) -> list[Error]:
    """The share of deactivations above which an import needs the number typed (docs/import.md).

    The environment's value is checked as it is read (elan.E001); this catches a settings file
    that sets it otherwise. Above 100 no import would ever ask, which is never what was meant.
    """
    share = settings.IMPORT_DEACTIVATION_CONFIRM_SHARE
    if type(share) is int and 0 <= share <= 100:
        return []
    return [
        Error(
            f"IMPORT_DEACTIVATION_CONFIRM_SHARE must be a whole percentage from 0 to 100, not "
            f"{share!r}.",
            hint="See docs/configuration.md.",
            id="elan.E008",
            obj="IMPORT_DEACTIVATION_CONFIRM_SHARE",
        )
    ]


@register(CONFIG_TAG)
def second_factor_secrets_have_a_key(app_configs, **kwargs) -> list[Error]:
    """TOTP secrets are stored encrypted with MFA_ENCRYPTION_KEY (elan/accounts/encryption.py).

    Without it the key is derived from SECRET_KEY, good enough for the demo; in production the
    two must be apart, so that rotating SECRET_KEY does not lock everyone out of their second
    factor and a leaked SECRET_KEY alone does not open the secrets.
    """
    errors = [
        Error(
            f"MFA_ENCRYPTION_KEY {problem}.",
            hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'",
            id="elan.E006",
            obj="MFA_ENCRYPTION_KEY",
        )
        for problem in filter(None, map(encryption.key_problem, encryption.configured_keys()))
    ]
    production = (settings.SETTINGS_MODULE or "").endswith(".production")
    if production and not encryption.configured_keys():
        errors.append(
            Error(
                "MFA_ENCRYPTION_KEY is not set: production keeps the second factor's secrets "
                "under a key of their own.",
                hint="Set MFA_ENCRYPTION_KEY (or MFA_ENCRYPTION_KEY_FILE) to a Fernet key; see "
                "docs/configuration.md.",
                id="elan.E007",
                obj="MFA_ENCRYPTION_KEY",
            )
        )
    return errors
