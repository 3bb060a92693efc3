"""Reads of the purification farm register and of whole-village sourcing (整村推进): per
village, the households that bought animals in and how many of them bought from a
purification farm whose certificate was valid on the day of the purchase."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from smartvet.core.access import require, require_reach
from smartvet.core.models import Region, User
from smartvet.enforcement import rules
from smartvet.enforcement.models import PurificationFarm
from smartvet.enforcement.permissions import VIEW_PURIFICATION, VIEW_SOURCING
from smartvet.registry import queries as registry_queries


def purification_farms_visible_to(
    actor: User, *, q: str = "", level: str = "", valid_on: date | None = None
) -> QuerySet[PurificationFarm]:
    """The register is public within the county's reach: a household picks its source from it."""
    require(actor, VIEW_PURIFICATION)
    rows = PurificationFarm.objects.visible_to(actor).select_related("farm__region")
    if q:
        rows = rows.filter(
            Q(farm__name__icontains=q)
            | Q(farm__code__icontains=q)
            | Q(certificate_no__icontains=q)
            | Q(diseases__icontains=q)
        )
    if level:
        rows = rows.filter(level=level)
    if valid_on:
        rows = rows.filter(valid_from__lte=valid_on, valid_until__gte=valid_on)
    return rows


def valid_certificate(source_farm_path: str, day_path: str) -> Exists:
    """Whether the farm at `source_farm_path` held a purification certificate on the day at
    `day_path` (both resolved against the outer query)."""
    return Exists(
        PurificationFarm.objects.filter(
            farm_id=OuterRef(source_farm_path),
            valid_from__lte=OuterRef(day_path),
            valid_until__gte=OuterRef(day_path),
        )
    )


@dataclass(frozen=True)
class SourcingRow:
    code: str
    name: str
    buyers: int
    from_purification: int

    @property
    def share(self) -> Decimal | None:
        return rules.share(self.from_purification, self.buyers)


def village_sourcing(
    actor: User, *, region: str = "", start: date | None = None, end: date | None = None
) -> list[SourcingRow]:
    """One row per village (or township, for households registered there) under `region`
    with purchases in the span: households that bought in, and those that bought from a
    purification farm valid on the purchase date."""
    require(actor, VIEW_SOURCING)
    code = region or actor.region_id
    require_reach(actor, code)
    purchases = registry_queries.purchases_in(code, start, end).annotate(
        purified=valid_certificate("source_farm_id", "date")
    )
    grouped = (
        purchases.values("farm__region_id")
        .annotate(
            buyers=Count("farm", distinct=True),
            purified_buyers=Count("farm", distinct=True, filter=Q(purified=True)),
        )
        .order_by("farm__region_id")
    )
    names = dict(
        Region.objects.filter(code__in=[g["farm__region_id"] for g in grouped]).values_list(
            "code", "name"
        )
    )
    return [
        SourcingRow(
            g["farm__region_id"],
            names.get(g["farm__region_id"], ""),
            g["buyers"],
            g["purified_buyers"],
        )
        for g in grouped
    ]
