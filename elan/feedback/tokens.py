# SPDX-License-Identifier: EUPL-1.2
"""Rater links: unguessable, never stored in the clear, reproducible for reminders.

The secret in a link is an HMAC of the invitation's random key under the site's SECRET_KEY
(256 bits, base64url). The database keeps only its SHA-256, so a copy of the database alone
does not open any link; the reminder e-mail recomputes the same link from the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid

from django.conf import settings

_PURPOSE = b"elan.feedback.rater-link.v1:"


def link_secret(key: uuid.UUID) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), _PURPOSE + str(key).encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# --- rater keys (docs/adr/0011-360-rounds-guarded-together.md) -------------------------------
#
# The report guards an owner's rounds together, so it must know who answered in which rounds;
# it must not know who they are. Each owner has a random secret, carried from round to round;
# a colleague's rater key is an HMAC of their account id under it. The secret is stored wrapped
# (XOR) with a key derived from SECRET_KEY and the round, so a copy of the database cannot
# recompute anyone's key; ``SECRET_KEY_FALLBACKS`` unwrap it after a rotation, and the daily job
# wraps it again under the current key.

_WRAP_PURPOSE = b"elan.feedback.rater-secret-wrap.v1:"
_WRAP_VERSION_PURPOSE = b"elan.feedback.rater-secret-wrap-version.v1"
_RATER_KEY_PURPOSE = b"elan.feedback.rater-key.v1:"


def _signing_keys() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _wrap_version(signing_key: str) -> str:
    return hmac.new(signing_key.encode(), _WRAP_VERSION_PURPOSE, hashlib.sha256).hexdigest()[:16]


def _pad(signing_key: str, round_public_id: uuid.UUID) -> bytes:
    return hmac.new(
        signing_key.encode(), _WRAP_PURPOSE + str(round_public_id).encode(), hashlib.sha256
    ).digest()


def new_rater_secret() -> bytes:
    return secrets.token_bytes(32)


def rater_secret_id(secret: bytes) -> str:
    return hashlib.sha256(b"elan.feedback.rater-secret-id.v1:" + secret).hexdigest()[:16]


def wrap_rater_secret(secret: bytes, round_public_id: uuid.UUID) -> tuple[str, str]:
    """(wrapped secret, wrapping key version) under the current SECRET_KEY."""
    signing_key = settings.SECRET_KEY
    pad = _pad(signing_key, round_public_id)
    return bytes(a ^ b for a, b in zip(secret, pad, strict=True)).hex(), _wrap_version(signing_key)


def unwrap_rater_secret(wrapped: str, version: str, round_public_id: uuid.UUID) -> bytes | None:
    """The secret, or None when no key in SECRET_KEY or its fallbacks wrapped it."""
    if not wrapped:
        return None
    for signing_key in _signing_keys():
        if _wrap_version(signing_key) == version:
            pad = _pad(signing_key, round_public_id)
            return bytes(a ^ b for a, b in zip(bytes.fromhex(wrapped), pad, strict=True))
    return None


def is_wrapped_under_current_key(version: str) -> bool:
    return version == _wrap_version(settings.SECRET_KEY)


def rater_key(secret: bytes, user_id: int) -> str:
    return hmac.new(secret, _RATER_KEY_PURPOSE + str(user_id).encode(), hashlib.sha256).hexdigest()
