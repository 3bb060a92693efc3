"""Supervision indicators as data (DOMAIN.md §9): each app declares what it measures on its
AppConfig (`indicators = "smartvet.<app>.indicators.INDICATORS"`), so adding an app edits no
other app. Supervision sits above every app and keeps the daily rollups; the apps below only
say how to count their own facts.

A `Measure` is what is stored: cells of (day, place, species, bucket) → value, counted from
the app's facts for the places under one region and a span of days. Counting the same facts
again gives the same cells, so keeping the rollups current and rebuilding them are one code.
An `Indicator` is what a reader sees: a name, a unit, a definition, and how its measure rolls
up (a sum, a ratio of two sums, or a quantile of a distribution kept as buckets).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.module_loading import import_string

from smartvet.core.access import within


@dataclass(frozen=True)
class Cell:
    """One count of facts: on `day`, at the village or township (or county, for a county's
    own stock) `place`, for `species` ("" when the fact has none)."""

    day: date
    place: str
    value: Any
    species: str = ""
    bucket: int = 0


# facts(region code, first day or None, last day or None) -> cells of places under the region
Facts = Callable[[str, date | None, date | None], Iterable[Cell]]
# touches(ledger events) -> region codes whose cells those events may change, beyond the
# events' own regions (a certificate's arrival is recorded at the destination, but the
# certificate counts at its origin)
Touches = Callable[[Iterable[Any]], Iterable[str]]


@dataclass(frozen=True)
class Measure:
    code: str
    facts: Facts
    # stock-like: cells are net changes and a figure is their sum up to the period's end
    stock: bool = False
    touches: Touches | None = None


class Rollup(StrEnum):
    SUM = "sum"
    RATIO = "ratio"  # sum of the measure / sum of the base, over the same places and period
    QUANTILE = "quantile"  # of a distribution stored as buckets (the bucket is the value)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Any
    unit: Any
    definition: Any
    source: Any
    measure: Measure
    rollup: Rollup = Rollup.SUM
    base: Measure | None = None  # the denominator of a ratio
    quantile: float = 0.5
    scale: int = 1  # 100 shows a ratio as a percentage
    order: int = 100

    @property
    def stock(self) -> bool:
        return self.measure.stock


def registered() -> list[Indicator]:
    """Every app's indicators, in the order the apps declare them."""
    found: list[Indicator] = []
    for config in apps.get_app_configs():
        path = getattr(config, "indicators", None)
        if path:
            found.extend(import_string(path))
    return sorted(found, key=lambda indicator: indicator.order)


def measures() -> list[Measure]:
    """The stored measures behind the indicators, each once."""
    seen: dict[str, Measure] = {}
    for indicator in registered():
        for measure in (indicator.measure, indicator.base):
            if measure is not None:
                seen.setdefault(measure.code, measure)
    return list(seen.values())


# Helpers the apps' facts functions share: the region filter and the day span as a query.


def local_day_bounds(first: date | None, last: date | None) -> tuple[datetime | None, ...]:
    """The instants a span of local (Asia/Shanghai) days begins and ends, for timestamp fields."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(first, time.min, zone) if first else None
    end = datetime.combine(last + timedelta(days=1), time.min, zone) if last else None
    return start, end


def span(
    region_path: str,
    region: str,
    day_path: str,
    first: date | None,
    last: date | None,
    *,
    timestamp: bool,
) -> Q:
    """Facts under `region` (at `region_path`) whose day (at `day_path`) lies in the span."""
    query = within(region_path, region)
    if timestamp:
        start, end = local_day_bounds(first, last)
        if start:
            query &= Q(**{f"{day_path}__gte": start})
        if end:
            query &= Q(**{f"{day_path}__lt": end})
    else:
        if first:
            query &= Q(**{f"{day_path}__gte": first})
        if last:
            query &= Q(**{f"{day_path}__lte": last})
    return query


def local_day(value: datetime) -> date:
    return value.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()


def cells(
    rows: QuerySet[Any],
    *,
    day: str,
    place: str,
    value: Any = None,
    species: Callable[[Any], str] | None = None,
    species_field: str | None = None,
    timestamp: bool = True,
) -> list[Cell]:
    """Group facts into cells by local day, place and (optionally) a species field whose
    value `species` maps to a species code (e.g. a category to "pig")."""
    day_expr = TruncDate(day) if timestamp else F(day)
    keys = ["cell_day", "cell_place"] + ([species_field] if species_field else [])
    grouped = (
        rows.annotate(cell_day=day_expr, cell_place=F(place))
        .values(*keys)
        .annotate(cell_value=value if value is not None else Count("pk"))
        .order_by()
    )
    merged: dict[tuple[date, str, str], Any] = {}
    for row in grouped:
        kind = row[species_field] if species_field else ""
        key = (row["cell_day"], row["cell_place"], species(kind) if species else kind)
        merged[key] = merged.get(key, 0) + (row["cell_value"] or 0)
    return [Cell(day=d, place=p, species=s, value=v) for (d, p, s), v in merged.items() if v]
