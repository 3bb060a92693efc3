"""Reports of the actor's scope, and the zero-reporting board: per village of the region,
its responsible vaccinators and whether it reported this period — "nothing to report", cases,
or missing (its own state, never counted as a zero)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from smartvet.core.access import require, within
from smartvet.core.models import Region, RegionLevel, User
from smartvet.surveillance import rules
from smartvet.surveillance.models import Report, ReportKind
from smartvet.surveillance.permissions import FOLLOW_ZERO_REPORTS, VIEW_REPORTS, ZERO_REPORT
from smartvet.surveillance.queries.policy import policy_for
from smartvet.vetservice import queries as vetservice_queries

ZERO, CASES, MISSING = "zero", "cases", "missing"


def reports_visible_to(
    actor: User, *, kind: str = "", region: str = "", q: str = ""
) -> QuerySet[Report]:
    require(actor, VIEW_REPORTS)
    reports = Report.objects.visible_to(actor).select_related("farm", "region", "reported_by")
    if kind:
        reports = reports.filter(kind=kind)
    if region:
        reports = reports.filter(within("region_id", region))
    if q:
        reports = reports.filter(Q(farm__name__icontains=q) | Q(signs__icontains=q))
    return reports


def report_for(actor: User, report_id: int) -> Report:
    require(actor, VIEW_REPORTS)
    return (
        Report.objects.select_related("farm", "region", "reported_by")
        .prefetch_related("photos")
        .get_visible(actor, pk=report_id)
    )


def zero_board(actor: User, *, region: str = "", day: date | None = None) -> dict[str, Any]:
    """The villages of the region and their state for the period holding `day`."""
    region = region or actor.region_id
    require(actor, FOLLOW_ZERO_REPORTS, region=region)
    return _board(region, day or timezone.localdate())


def villages_to_report(actor: User, day: date | None = None) -> dict[str, Any]:
    """The reporter's villages (those of its home region) and their state this period."""
    require(actor, ZERO_REPORT)
    return _board(actor.region_id, day or timezone.localdate(), limit=200)


def _states(region: str, day: date, limit: int | None = None) -> dict[str, Any]:
    """Each village of the region with its state for the period holding `day`."""
    schedule = policy_for(region)["ZERO_REPORT_SCHEDULE"]
    start = rules.period_start(day, schedule)
    end = rules.period_end(start, schedule)
    villages = Region.objects.filter(within("code", region), level=RegionLevel.VILLAGE)
    in_region = Report.objects.filter(within("region_id", region))
    zeros = set(
        in_region.filter(kind=ReportKind.ZERO, period=start).values_list("region_id", flat=True)
    )
    cases = set(
        in_region.exclude(kind=ReportKind.ZERO)
        .filter(reported_at__date__gte=start, reported_at__date__lte=end)
        .values_list("region_id", flat=True)
    )
    states = [
        (village, CASES if village.code in cases else ZERO if village.code in zeros else MISSING)
        for village in villages.order_by("code")[:limit]
    ]
    return {"schedule": schedule, "start": start, "end": end, "states": states}


def missing_zero_reports(township: str, day: date) -> int:
    """The villages of a township that sent nothing for the period holding `day` (the sweep
    of the missing-zero-reports rule; no actor)."""
    return sum(state == MISSING for _village, state in _states(township, day)["states"])


def _board(region: str, day: date, limit: int | None = None) -> dict[str, Any]:
    found = _states(region, day, limit)
    rows = [
        {
            "village": village,
            "state": state,
            "vaccinators": list(vetservice_queries.vaccinators_covering(village.code)),
        }
        for village, state in found.pop("states")
    ]
    counts = {s: sum(1 for r in rows if r["state"] == s) for s in (ZERO, CASES, MISSING)}
    return {**found, "rows": rows, "counts": counts}
