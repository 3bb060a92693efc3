"""Counting requests per client: the address behind a trusted proxy, and a fixed window per
key that holds under concurrency.

Gunicorn's workers are processes sharing a file cache; the cache's `incr` reads and writes in
two steps, so twenty clients at once passed about twice the limit. The count is taken under an
exclusive lock on a file beside the cache (one host's workers), so each hit is counted once."""

from __future__ import annotations

import fcntl
import ipaddress
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

_thread_lock = threading.Lock()


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


@contextmanager
def _exclusive() -> Iterator[None]:
    lock_path = Path(settings.DATA_DIR) / "ratelimit.lock"
    with _thread_lock:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def hit(scope: str, key: str, *, limit: int, window_seconds: int = 60) -> int:
    """Count one request of `key`; 0 when it is within `limit` for the current window, else
    the seconds until the window ends (for Retry-After)."""
    now = time.time()
    window = int(now // window_seconds)
    cache_key = f"smartvet:{scope}:{key}:{window}"
    with _exclusive():
        count = (cache.get(cache_key) or 0) + 1
        cache.set(cache_key, count, timeout=window_seconds + 30)
    if count <= limit:
        return 0
    return max(1, int((window + 1) * window_seconds - now))
