# SPDX-License-Identifier: EUPL-1.2
"""Encrypt the TOTP secrets and recovery-code seeds stored in the clear until now.

From now on allauth writes them through ``elan.accounts.adapters.MFAAdapter``; this encrypts
what it wrote before, with the key of ``MFA_ENCRYPTION_KEY`` (``elan.accounts.encryption``).
Going back decrypts them again.
"""

from django.db import migrations


def _converted(authenticator, convert, *, wanted_encrypted: bool) -> bool:
    from elan.accounts import encryption

    data = dict(authenticator.data or {})
    changed = False

    def one(value):
        nonlocal changed
        if not isinstance(value, str) or encryption.is_encrypted(value) == wanted_encrypted:
            return value
        changed = True
        return convert(value)

    if authenticator.type == "totp" and "secret" in data:
        data["secret"] = one(data["secret"])
    if authenticator.type == "recovery_codes":
        if "seed" in data:
            data["seed"] = one(data["seed"])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [one(code) for code in data["migrated_codes"]]
    authenticator.data = data
    return changed


def encrypt_secrets(apps, schema_editor):
    from elan.accounts import encryption

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.order_by("pk").iterator():
        if _converted(authenticator, encryption.encrypt, wanted_encrypted=True):
            authenticator.save(update_fields=["data"])


def decrypt_secrets(apps, schema_editor):
    from elan.accounts import encryption

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.order_by("pk").iterator():
        if _converted(authenticator, encryption.decrypt, wanted_encrypted=False):
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_email_addresses_verified_from_staff_records"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [
        migrations.RunPython(encrypt_secrets, decrypt_secrets),
    ]
