"""Rate limit of public verification: a fixed one-minute window per client address in the
cache, so a script cannot walk certificate numbers (CONTRACT.md: rate-limited)."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.utils.translation import gettext as _

from smartvet.core.errors import DomainError


def _limit() -> int:
    from smartvet.quarantine.services import current_policy

    return int(current_policy()["VERIFY_RATE_PER_MINUTE"])


def client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64]


def check(request) -> None:
    """Count this request; refuse (429 RATE_LIMITED) beyond the limit in the current minute."""
    window = int(time.time() // 60)
    key = f"smartvet:verify:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=90):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=90)
            count = 1
    if count > _limit():
        raise DomainError("RATE_LIMITED", _("查询过于频繁，请一分钟后再试"), status=429)
