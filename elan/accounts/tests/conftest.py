# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def forget_rate_limits():
    # Allauth counts requests per address in the cache, which outlives each test's database.
    cache.clear()
    yield
    cache.clear()
