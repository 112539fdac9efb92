# SPDX-License-Identifier: EUPL-1.2
"""The shared cache: Redis, and the database's cache table when Redis does not answer.

What lives in the cache is what every app node must agree on: the login rate limit per address,
the one-time codes already used (allauth refuses a second use of a code through ``cache.add``)
and the hub's page cache. In one process's memory, each node (and each gunicorn worker) would
count on its own, so every node added would multiply what an attacker may try and a used code
would work again on the next node.

When Redis stops, Elan keeps running on the database's cache table, which every node shares too:
a rate limit keeps counting across nodes and a used code stays used, only slower. It never
fails open (nothing counted) and never fails closed (nobody logs in). After ``RETRY_SECONDS``,
the next call tries Redis again, so recovery needs nobody (docs/deployment.md).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

FALLBACK_ALIAS = "fallback"
RETRY_SECONDS = 5.0


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering from the fallback cache while Redis is unreachable."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = params.setdefault("OPTIONS", {})
        # A Redis that does not answer must cost a request a fraction of a second, not the
        # operating system's TCP timeout.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._down_until = 0.0
        self._state_lock = threading.Lock()

    @property
    def fallback(self) -> BaseCache:
        return caches[FALLBACK_ALIAS]

    def is_reachable(self) -> bool:
        """Ask Redis itself, whatever the fallback state; for the health endpoint."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except self._cache._lib.exceptions.RedisError:
            return False

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            return getattr(self.fallback, name)(*args, **kwargs)
        redis_errors = self._cache._lib.exceptions
        try:
            return getattr(super(), name)(*args, **kwargs)
        except (redis_errors.ConnectionError, redis_errors.TimeoutError) as error:
            with self._state_lock:
                first = time.monotonic() >= self._down_until
                self._down_until = time.monotonic() + RETRY_SECONDS
            if first:
                logger.warning(
                    "Redis is unreachable (%s); using the database cache for %s s.",
                    type(error).__name__,
                    RETRY_SECONDS,
                )
            return getattr(self.fallback, name)(*args, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        return self._call("clear")


def reachable(cache: BaseCache) -> bool:
    """Does the cache answer a write and a read? For the health endpoint."""
    if isinstance(cache, ResilientRedisCache):
        return cache.is_reachable()
    try:
        cache.set("elan:health", "1", 10)
        return cache.get("elan:health") == "1"
    except Exception:  # any failure of any backend means "not reachable", nothing more
        logger.warning("The cache did not answer the health probe.", exc_info=True)
        return False
