# SPDX-License-Identifier: EUPL-1.2
"""Encryption of the second factor's secrets at rest (TOTP keys, recovery-code seeds).

A copy of the database (a backup, a dump for support) must not be enough to generate
anyone's codes, so allauth's MFA adapter stores them through ``encrypt``/``decrypt`` here
(``elan.accounts.adapters.MFAAdapter``). Fernet (AES-128-CBC with HMAC-SHA256, from
``cryptography``) with the key from ``MFA_ENCRYPTION_KEY``; several keys separated by commas
allow a rotation: the first encrypts, every one decrypts. Without a key (the demo, the tests)
one is derived from ``SECRET_KEY``; the production profile refuses to start without one
(``elan.checks``).
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


class SecretNotReadable(ValueError):
    """A stored secret is not encrypted, or none of the configured keys opens it."""


def configured_keys() -> tuple[str, ...]:
    return tuple(key.strip() for key in settings.MFA_ENCRYPTION_KEY.split(",") if key.strip())


def derived_demo_key(secret_key: str) -> str:
    digest = hashlib.sha256(b"elan-mfa-encryption\0" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def key_problem(key: str) -> str | None:
    """Why ``key`` is not a Fernet key, or None."""
    try:
        Fernet(key)
    except (ValueError, TypeError):
        return "is not a Fernet key (32 url-safe base64-encoded bytes)"
    return None


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def cipher() -> MultiFernet:
    keys = configured_keys() or (derived_demo_key(settings.SECRET_KEY),)
    return _cipher(keys)


def is_encrypted(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(text: str) -> str:
    return PREFIX + cipher().encrypt(text.encode()).decode("ascii")


def decrypt(value: str) -> str:
    if not is_encrypted(value):
        # Every stored secret was encrypted by migration accounts.0004; a plain one is a
        # row written around the adapter, and is not trusted as a secret.
        raise SecretNotReadable("A second-factor secret is stored unencrypted.")
    try:
        return cipher().decrypt(value[len(PREFIX) :].encode("ascii")).decode()
    except InvalidToken as error:
        raise SecretNotReadable(
            "No key in MFA_ENCRYPTION_KEY opens a stored second-factor secret."
        ) from error
