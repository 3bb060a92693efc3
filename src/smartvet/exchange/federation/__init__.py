"""Federation of the provinces' databases through the national hub, on PostgreSQL's own
logical replication (docs/decisions/0009-federation.md, docs/operations/federation.md).

- `keys`: every province's keys start at its own offset, so the hub holds all without a clash.
- `replication`: the publications and subscriptions (`smartvet federation publish|subscribe`).
- `status`: each subscription's state and lag; a disabled or stalled one is an alert.
- `consistency`: per day and table, row counts and a digest, province against hub."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext as _

PROVINCE_CODE = re.compile(r"[1-9][0-9]")


class FederationError(Exception):
    """A federation step that cannot go on, with the Chinese reason an operator reads."""


def province_code(code: str) -> str:
    """A province's 2-digit code (GB/T 2260: 11 北京 … 82 澳门), or FederationError."""
    if not PROVINCE_CODE.fullmatch(code or ""):
        message = _("省份代码应为两位数字（如湖北 42），现在是“%(code)s”")
        raise FederationError(message % {"code": code})
    return code


def this_province() -> str:
    """SMARTVET_PROVINCE of this database, checked."""
    return province_code(settings.SMARTVET_PROVINCE)
