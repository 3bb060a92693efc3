"""Alerts of the actor's scope: the board, the counts by region, one alert with its timeline
and the trace that investigates it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from smartvet.core import regions
from smartvet.core.access import can, require, within
from smartvet.core.models import User
from smartvet.quarantine import queries as quarantine_queries
from smartvet.surveillance.models import Alert, AlertStatus
from smartvet.surveillance.permissions import VIEW_ALERTS


def alerts_visible_to(
    actor: User, *, status: str = "", region: str = "", severity: str = "", q: str = ""
) -> QuerySet[Alert]:
    require(actor, VIEW_ALERTS)
    alerts = Alert.objects.visible_to(actor).select_related("rule", "region", "farm")
    if status:
        alerts = alerts.filter(status=status)
    if severity:
        alerts = alerts.filter(severity=severity)
    if region:
        alerts = alerts.filter(within("region_id", region))
    if q:
        alerts = alerts.filter(Q(summary__icontains=q) | Q(rule__name__icontains=q))
    return alerts.order_by("-opened_at", "-id")


def alert_for(actor: User, alert_id: int) -> Alert:
    require(actor, VIEW_ALERTS)
    return Alert.objects.select_related("rule", "region", "farm").get_visible(actor, pk=alert_id)


def open_count(actor: User) -> int:
    return alerts_visible_to(actor).exclude(status=AlertStatus.CLOSED).count()


def counts_by_region(actor: User, region: str = "") -> list[dict[str, Any]]:
    """Open and all alerts per child region of `region` (the actor's home by default): the
    map-free list a county reads to see where the trouble is."""
    parent = region or actor.region_id
    alerts = alerts_visible_to(actor, region=parent)
    child_length = _child_length(parent)
    counts: dict[str, dict[str, int]] = {}
    for code, status in alerts.values_list("region_id", "status"):
        child = code[:child_length] if child_length else code
        row = counts.setdefault(child, {"open": 0, "all": 0})
        row["all"] += 1
        row["open"] += status != AlertStatus.CLOSED
    return [{"region": code, **row} for code, row in sorted(counts.items())]


def _child_length(code: str) -> int | None:
    level = regions.level_of(code)
    if level in (None, "village"):
        return None
    if level == "nation":
        return 2
    below = regions.LEVELS[regions.LEVELS.index(level) + 1]
    return regions.LENGTH_BY_LEVEL[below]


def status_counts(actor: User) -> dict[str, int]:
    rows = alerts_visible_to(actor).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def trace(actor: User, alert: Alert, days: int = 30) -> dict[str, Any] | None:
    """The farms to visit: where the alert farm's animals went (forward) and where they came
    from (backward) within `days`, from the quarantine trace. None without a farm."""
    if alert.farm_id is None or not can(actor, "quarantine.trace"):
        return None
    forward, backward = (
        quarantine_queries.farm_movements(actor, alert.farm_id, direction=way, days=days)
        for way in ("forward", "backward")
    )
    return {
        "forward": forward,
        "backward": backward,
        "visits": len(forward["visit"]) + len(backward["visit"]),
    }
