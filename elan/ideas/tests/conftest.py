# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest
from django.db import transaction


@pytest.fixture
def mails_on_commit(monkeypatch):
    """Run what a write queues for after its commit at once: a test runs inside a transaction
    that never commits, and the ideas' e-mails are what these tests read."""
    monkeypatch.setattr(
        transaction, "on_commit", lambda callback, using=None, robust=False: callback()
    )
