"""The Redis cache keeps one client per connection pool and still reads back what it wrote, from
every thread."""

from __future__ import annotations

import os
import threading

import pytest
from django.core.cache import caches

from core.cache import RedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("CACHE_URL"), reason="needs Redis (CACHE_URL)")


def _cache() -> RedisCache:
    return RedisCache(os.environ["CACHE_URL"], {"KEY_PREFIX": "test-cache-client"})


def test_every_call_shares_one_client_and_reads_what_was_written():
    cache = _cache()
    cache.set("greeting", "สวัสดี", 30)
    assert cache.get("greeting") == "สวัสดี"
    assert cache.get_many(["greeting", "missing"]) == {"greeting": "สวัสดี"}
    assert cache.add("greeting-count", 1, 30)
    assert cache.incr("greeting-count") == 2
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.delete_many(["greeting", "greeting-count"])
    assert cache.get("greeting") is None


def test_threads_share_the_client_safely():
    cache = _cache()
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                cache.set(f"thread-{n}-{i}", i, 30)
                assert cache.get(f"thread-{n}-{i}") == i
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    cache.delete_many([f"thread-{n}-{i}" for n in range(8) for i in range(50)])


def test_the_site_uses_it():
    assert isinstance(caches["default"], RedisCache)
