# SPDX-License-Identifier: EUPL-1.2
"""The session engine (``SESSION_ENGINE = "elan.accounts.sessions"``).

Django's database engine, storing with each session the id of the person logged in, which is
what lets deactivation end every session of one person with an indexed query.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from elan.accounts.models import Session

        return Session

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            instance.user_id = None
        return instance
