# SPDX-License-Identifier: EUPL-1.2
"""The session engine (``SESSION_ENGINE = "elan.accounts.sessions"``).

Django's database engine, storing with each session the id of the person logged in, which is
what lets deactivation end every session of one person with an indexed query. The store is
defined beside its model in elan/accounts/models.py: each of the two names the other.
"""

from __future__ import annotations

from elan.accounts.models import SessionStore

__all__ = ["SessionStore"]
