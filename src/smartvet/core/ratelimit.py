"""Counting requests per client: the address behind a trusted proxy, and a fixed window per
key that holds under concurrency.

Gunicorn's workers are processes, so the count must be shared by them and taken in one step
(the file cache's `incr` reads and writes in two: twenty clients at once passed about twice
the limit). It is one upsert in a small SQLite file beside the data (WAL, no fsync: a count
lost in a power cut only lets a client in again), about 0.1 ms a hit, where the count in the
file cache under a file lock cost 10 ms (a temporary file renamed into place, a listing of
the cache directory to cull it). A process-local cache (tests, `runserver`) is one process:
there the count stays in that cache, which the tests clear between tests."""

from __future__ import annotations

import ipaddress
import os
import sqlite3
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache


def _trusted_proxies() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(net, strict=False) for net in settings.SMARTVET["TRUSTED_PROXIES"]]


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_proxies())


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or, when that is a configured trusted proxy (the
    county's nginx), the nearest address in X-Forwarded-For that is not one of ours. A client
    cannot pick its own address by sending the header: only trusted hops are skipped."""
    address = request.META.get("REMOTE_ADDR") or ""
    if _is_trusted(address):
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed([hop for hop in hops if hop]):
            address = hop
            if not _is_trusted(hop):
                break
    return (address or "unknown")[:64]


_PURGE_EVERY = 1000  # hits of one process between two purges of ended windows
_local = threading.local()
_thread_lock = threading.Lock()
COUNT = (
    "INSERT INTO hits (key, slot, count, ends) VALUES (?, ?, 1, ?) "
    "ON CONFLICT (key) DO UPDATE SET "
    "count = CASE WHEN hits.slot = excluded.slot THEN hits.count + 1 ELSE 1 END, "
    "slot = excluded.slot, ends = excluded.ends RETURNING count"
)


def _process_local() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return backend.endswith(("LocMemCache", "DummyCache"))


def _counter() -> sqlite3.Connection:
    """This process's connection to the counter file (a forked worker opens its own)."""
    path = Path(settings.DATA_DIR) / "ratelimit.sqlite3"
    if getattr(_local, "opened", None) != (os.getpid(), path):
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS hits (key TEXT PRIMARY KEY, slot INTEGER NOT NULL, "
            "count INTEGER NOT NULL, ends REAL NOT NULL) WITHOUT ROWID"
        )
        _local.connection, _local.opened, _local.hits = connection, (os.getpid(), path), 0
    return _local.connection


def _count(key: str, slot: int, ends: float) -> int:
    """One more hit of `key` in window `slot`; the window's count so far."""
    if _process_local():
        cache_key = f"smartvet:{key}:{slot}"
        with _thread_lock:
            count = (cache.get(cache_key) or 0) + 1
            cache.set(cache_key, count, timeout=int(ends - time.time()) + 30)
        return count
    connection = _counter()
    (count,) = connection.execute(COUNT, (key, slot, ends)).fetchone()
    _local.hits += 1
    if _local.hits % _PURGE_EVERY == 0:
        connection.execute("DELETE FROM hits WHERE ends < ?", (time.time(),))
    return count


def hit(scope: str, key: str, *, limit: int, window_seconds: int = 60) -> int:
    """Count one request of `key`; 0 when it is within `limit` for the current window, else
    the seconds until the window ends (for Retry-After)."""
    now = time.time()
    window = int(now // window_seconds)
    ends = (window + 1) * window_seconds
    count = _count(f"{scope}:{key}", window, ends)
    if count <= limit:
        return 0
    return max(1, int(ends - now))
