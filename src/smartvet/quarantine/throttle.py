"""Rate limit of public verification: a fixed one-minute window per client address, so a
script cannot walk certificate numbers (CONTRACT.md: rate-limited)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from smartvet.core.errors import DomainError
from smartvet.core.ratelimit import client_address, hit


def _limit() -> int:
    from smartvet.quarantine.services import current_policy

    return int(current_policy()["VERIFY_RATE_PER_MINUTE"])


def check(request) -> None:
    """Count this request; refuse (429 RATE_LIMITED, Retry-After) beyond the limit."""
    retry_after = hit("verify", client_address(request), limit=_limit())
    if retry_after:
        raise DomainError(
            "RATE_LIMITED",
            _("查询过于频繁，请%(seconds)d秒后再试") % {"seconds": retry_after},
            status=429,
            headers={"Retry-After": str(retry_after)},
        )
