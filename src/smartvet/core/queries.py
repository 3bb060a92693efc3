"""Reads of the core app, scoped to the actor."""

from __future__ import annotations

import time
from datetime import date, datetime
from datetime import time as day_time
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from smartvet.core import regions
from smartvet.core.access import (
    Permission,
    permission_named,
    require_reach,
    sees_own_farms_only,
    within,
)
from smartvet.core.errors import NotFound
from smartvet.core.models import LedgerEvent, Region, User


def child_regions(*, actor: User, parent: str | None = None) -> list[Region]:
    """Children of `parent` (default: the actor's home region), only within reach."""
    code = parent or actor.region_id
    require_reach(actor, code)
    if not Region.objects.filter(code=code).exists():
        raise NotFound()
    return list(Region.objects.filter(parent_id=code).order_by("code"))


def home_region(actor: User) -> Region:
    return actor.region


def region_path(code: str) -> list[Region]:
    """The region and its ancestors, from the province down."""
    codes = []
    current: str | None = code
    while current and current != regions.NATION:
        codes.append(current)
        current = regions.parent_code(current)
    found = {region.code: region for region in Region.objects.filter(code__in=codes)}
    return [found[c] for c in reversed(codes) if c in found]


_LABELS: dict[str, tuple[float, str]] = {}
LABEL_SECONDS = 300


def region_label(code: str) -> str:
    """'湖北省 宜昌市 夷陵区 龙泉镇' for a code (the 市辖区-style filler names are skipped).

    Lists and exports print a label per row; names change a few times a year, so labels are
    kept for five minutes per process instead of walking the tree for every row."""
    now = time.monotonic()
    cached = _LABELS.get(code)
    if cached and now - cached[0] < LABEL_SECONDS:
        return cached[1]
    label = " ".join(r.name for r in region_path(code) if r.name not in {"市辖区", "县"})
    if len(_LABELS) > 50_000:
        _LABELS.clear()
    _LABELS[code] = (now, label)
    return label


def forget_region_labels() -> None:
    _LABELS.clear()


def regions_within(*, actor: User, level: str | None = None, q: str = "") -> QuerySet[Region]:
    queryset = Region.objects.filter(within("code", actor.region_id))
    if level:
        queryset = queryset.filter(level=level)
    if q:
        queryset = queryset.filter(Q(name__contains=q) | Q(code__startswith=q))
    return queryset.order_by("code")


def ledger_events(
    *,
    actor: User,
    object_type: str = "",
    object_id: str = "",
    actor_name: str = "",
    region: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[LedgerEvent]:
    """Ledger events about what the actor may see (its region; a farmer: its own farms and its
    own actions), filtered as the ledger page asks."""
    queryset = LedgerEvent.objects.filter(within("region", actor.region_id))
    if sees_own_farms_only(actor):
        queryset = queryset.filter(Q(owner=actor) | Q(actor=actor))
    filters: dict[str, Any] = {}
    if object_type:
        filters["object_type"] = object_type
    if object_id:
        filters["object_id"] = object_id
    if actor_name:
        filters["actor_name"] = actor_name
    if region:
        queryset = queryset.filter(within("region", region))
    if since:
        filters["at__gte"] = timezone.make_aware(datetime.combine(since, day_time.min))
    if until:
        filters["at__lte"] = timezone.make_aware(datetime.combine(until, day_time.max))
    return queryset.filter(**filters).order_by("-seq")


def accounts_who_may(permission: Permission | str, *, region: str) -> QuerySet[User]:
    """The active accounts within `region` whose role may take `permission`, asked of the
    database (a province holds many thousand farmers' accounts: never scanned in Python)."""
    if isinstance(permission, str):
        permission = permission_named(permission)
    return User.objects.filter(
        within("region_id", region), is_active=True, role__in=permission.roles
    )


def account_who_may(username: str, permission: Permission | str) -> User | None:
    """The active account `username` if its role may take `permission`: the other party a
    service lets an actor name (a vaccinator to serve a farm, a station to receive vaccine)."""
    if isinstance(permission, str):
        permission = permission_named(permission)
    return User.objects.filter(username=username, is_active=True, role__in=permission.roles).first()
