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
