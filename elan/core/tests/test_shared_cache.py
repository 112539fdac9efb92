# SPDX-License-Identifier: EUPL-1.2
"""The shared cache: what one node stores another reads, and a Redis outage neither opens nor
closes the door (elan/core/cache.py, docs/deployment.md).

Each test runs a Redis server of its own on a free port, so stopping it touches nobody else.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache

from elan.core import cache as shared_cache
from elan.core.cache import ResilientRedisCache, reachable

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        # The README's test command installs redis-server (Makefile, TEST_PACKAGES).
        assert binary, "redis-server is not installed: run `make test`, which installs it."
        self.binary = binary
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def node_cache(url: str) -> ResilientRedisCache:
    """The cache as one more app node builds it from the same settings."""
    return ResilientRedisCache(url, {"KEY_PREFIX": "elan"})


@pytest.fixture(autouse=True)
def database_cache_for_fallback(settings):
    # The fallback is the database's cache table, as in production (elan/settings/base.py).
    DatabaseCache(settings.CACHE_TABLE, {}).clear()


def test_what_one_node_stores_the_other_node_reads(redis_server):
    first, second = node_cache(redis_server.url), node_cache(redis_server.url)
    first.set("rate:login:127.0.0.1", [1, 2, 3], 60)
    assert second.get("rate:login:127.0.0.1") == [1, 2, 3]


def test_a_one_time_code_used_on_one_node_is_refused_on_the_other(redis_server):
    first, second = node_cache(redis_server.url), node_cache(redis_server.url)
    # allauth marks a used TOTP code with cache.add and refuses it when the add fails.
    assert first.add("totp-used:7:123456", "y", 60) is True
    assert second.add("totp-used:7:123456", "y", 60) is False


def test_with_redis_stopped_a_used_code_stays_used_across_nodes_through_the_database(
    redis_server,
):
    first, second = node_cache(redis_server.url), node_cache(redis_server.url)
    redis_server.stop()
    assert first.add("totp-used:7:654321", "y", 60) is True
    assert second.add("totp-used:7:654321", "y", 60) is False
    assert second.get("totp-used:7:654321") == "y"


def test_with_redis_stopped_the_rate_limit_history_keeps_counting_across_nodes(redis_server):
    first, second = node_cache(redis_server.url), node_cache(redis_server.url)
    redis_server.stop()
    first.set("rl:login:ip", [time.time()], 60)
    history = second.get("rl:login:ip", [])
    second.set("rl:login:ip", [*history, time.time()], 60)
    assert len(first.get("rl:login:ip")) == 2


def test_when_redis_comes_back_the_nodes_use_it_again_by_themselves(redis_server, monkeypatch):
    monkeypatch.setattr(shared_cache, "RETRY_SECONDS", 0.0)
    node = node_cache(redis_server.url)
    redis_server.stop()
    node.set("hub:page", "while down", 60)
    assert not node.is_reachable()
    redis_server.start()
    node.set("hub:page", "after", 60)
    assert node_cache(redis_server.url).get("hub:page") == "after"
    assert node.is_reachable()


def test_while_redis_is_marked_down_calls_go_straight_to_the_database(redis_server):
    node = node_cache(redis_server.url)
    redis_server.stop()
    node.get("anything")
    # A second call does not wait on Redis again: each try would cost up to the socket timeout.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(RedisCache, "get", lambda *args, **kwargs: pytest.fail("tried Redis"))
        assert node.get("anything", "default") == "default"


def test_reachable_says_whether_redis_answers(redis_server):
    node = node_cache(redis_server.url)
    assert reachable(node)
    redis_server.stop()
    assert not reachable(node)


def test_the_health_endpoint_says_the_cache_is_unavailable_while_redis_is_down_and_stays_up(
    redis_server, client, monkeypatch
):
    from elan.core import health

    monkeypatch.setattr(health, "caches", {"default": node_cache(redis_server.url)})
    assert client.get("/health/").json()["cache"] == "ok"
    redis_server.stop()
    response = client.get("/health/")
    # The node still serves pages from the database cache: it stays in the proxy's pool.
    assert (response.status_code, response.json()["cache"]) == (200, "unavailable")
