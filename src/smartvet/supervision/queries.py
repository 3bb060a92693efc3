"""Figures from the daily rollups (DOMAIN.md §9): never from the fact tables.

A region's figure for a period is one grouped sum over the rollup column of its level; its
children's figures come from the same query grouped by the column one level down, so the
children add up to the parent by construction. The dashboards of the
regions at county level and above are prepared by the refresh for the default period (one row
each, models.Dashboard); any other figure is cached per region, period and refresh (the
watermark's time is in the key): a province logging in at once reads what is ready.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartvet.core import regions
from smartvet.core.access import require
from smartvet.core.errors import NotFound, ValidationFailed
from smartvet.core.indicators import Indicator, Rollup, registered
from smartvet.core.models import Region, User
from smartvet.supervision import rules
from smartvet.supervision.models import Dashboard, Grain, Summary, Watermark
from smartvet.supervision.models import Rollup as RollupRow
from smartvet.supervision.permissions import VIEW

CACHE_SECONDS = 600
# the indicator a dashboard ranks its children by and draws first
DEFAULT_INDICATOR = "farms_registered"

# measure -> child code -> bucket -> summed value
Sums = dict[str, dict[str, dict[int, Decimal]]]


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def key(self) -> str:
        return f"{self.first.isoformat()}:{self.last.isoformat()}"


MAX_DAYS = 366 * 5  # the longest period a page or the API asks for: five years of rollups


def period(first: date | None, last: date | None, *, today: date | None = None) -> Period:
    """The period a reader asked for: by default this year up to today."""
    last = last or today or timezone.localdate()
    first = first or last.replace(month=1, day=1)
    if first > last:
        raise ValidationFailed(
            _("起始日期不能晚于截止日期"), [{"field": "from", "code": "VALIDATION_ERROR"}]
        )
    if (last - first).days > MAX_DAYS:
        raise ValidationFailed(
            _("统计期间不能超过5年"), [{"field": "from", "code": "VALIDATION_ERROR"}]
        )
    return Period(first, last)


def indicators() -> list[Indicator]:
    return registered()


def indicator(code: str) -> Indicator:
    for item in registered():
        if item.code == code:
            return item
    raise NotFound()


def region_for(actor: User, code: str) -> Region:
    """The region a reader asks about: within the reader's reach, or 404 as if absent."""
    require(actor, VIEW, region=code)
    found = Region.objects.filter(code=code).first()
    if found is None:
        raise NotFound()
    return found


def level_filter(code: str) -> dict[str, str]:
    column = rules.LEVEL_COLUMN.get(len(code))
    if code == regions.NATION:
        return {}
    if column is None:  # a village: its own place
        return {"place": code}
    return {column: code}


def child_column(code: str) -> str:
    if code == regions.NATION:
        return "province"
    return rules.CHILD_COLUMN.get(len(code), "place")


def _parts(
    code: str, first: date | None, last: date, *, daily: bool = False, by_child: bool = True
) -> list[Any]:
    """The rows a region's sums over [first, last] read, each already filtered: a province
    or a city reads its counties' whole months and their days at the period's edges (`daily`:
    days only), a county its townships' days (its own months and days, like a city, when
    the sums are not `by_child`), a township or a village the daily rollups."""

    def days(rows: Any, start: date | None, end: date) -> Any:
        rows = rows.filter(**level_filter(code), day__lte=end)
        return rows.filter(day__gte=start) if start else rows

    level = len(code)
    if level >= 9:
        return [days(RollupRow.objects.all(), first, last)]
    if level == 6 and by_child:
        return [days(Summary.objects.filter(grain=Grain.TOWNSHIP_DAY), first, last)]
    by_day = Summary.objects.filter(grain=Grain.COUNTY_DAY)
    months = None if daily else rules.full_months(first, last)
    if months is None:
        return [days(by_day, first, last)]
    start, end = months
    parts = [days(Summary.objects.filter(grain=Grain.COUNTY_MONTH), start, end)]
    if first is not None and first < start:
        parts.append(days(by_day, first, start - timedelta(days=1)))
    if rules.month_end(end) < last:
        parts.append(days(by_day, rules.month_end(end) + timedelta(days=1), last))
    return parts


def grouped(
    code: str,
    measure_codes: set[str],
    first: date | None,
    last: date,
    by: tuple[str, ...],
    *,
    daily: bool = False,
) -> Any:
    """Rows of {*by, "total"}: the measures' sums under the region over [first, last] (first
    None: every day up to `last`), grouped by `by` (columns of the level read: a child column,
    "day", "bucket", "measure"); a group may come once per part (sum them)."""
    if not measure_codes:
        return
    by_child = child_column(code) in by
    for part in _parts(code, first, last, daily=daily, by_child=by_child):
        rows = part.filter(measure__in=measure_codes).values(*by)
        yield from rows.annotate(total=Sum("value")).order_by()


def _sums(code: str, period: Period, wanted: list[Indicator]) -> Sums:
    """Two grouped sums: flows over the period, stock-like measures up to its end."""
    flows, stocks = set(), set()
    for item in wanted:
        for measure in (item.measure, item.base):
            if measure is not None:
                (stocks if measure.stock else flows).add(measure.code)
    child = child_column(code)
    found: Sums = defaultdict(lambda: defaultdict(lambda: defaultdict(Decimal)))
    for codes, first in ((flows, period.first), (stocks, None)):
        for row in grouped(code, codes, first, period.last, ("measure", child, "bucket")):
            found[row["measure"]][row[child] or code][row["bucket"]] += row["total"] or Decimal(0)
    return found


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(round(value, 2))


def figure(item: Indicator, sums: Sums, child: str | None = None) -> int | float | None:
    """One indicator's figure from the sums, for one child or (None) for all of them."""

    def buckets(measure_code: str) -> dict[int, Decimal]:
        merged: dict[int, Decimal] = defaultdict(Decimal)
        for code, values in sums.get(measure_code, {}).items():
            if child is None or code == child:
                for bucket, value in values.items():
                    merged[bucket] += value
        return merged

    values = buckets(item.measure.code)
    if item.rollup == Rollup.QUANTILE:
        return rules.quantile(
            {bucket: float(count) for bucket, count in values.items()}, item.quantile
        )
    total = sum(values.values(), Decimal(0))
    if item.rollup == Rollup.RATIO and item.base is not None:
        return rules.ratio(
            float(total), float(sum(buckets(item.base.code).values(), Decimal(0))), item.scale
        )
    return _number(total)


def _version() -> str:
    mark = Watermark.objects.first()
    return mark.read_until.isoformat() if mark else "none"


def children(code: str) -> list[Region]:
    """The regions directly under `code`."""
    return list(Region.objects.filter(parent_id=code).order_by("code"))


def _children(region: Region) -> list[tuple[str, str]]:
    return [(r.code, r.name) for r in children(region.code)]


def prepared(code: str, period: Period, part: str) -> Any:
    """One part ("figures", "series", "anomalies") of the dashboard the refresh prepared for
    the region and period in the reader's language, or None."""
    rows = Dashboard.objects.filter(
        region=code, first=period.first, last=period.last, language=translation.get_language()
    )
    return rows.values_list(part, flat=True).first()


def per_refresh(kind: str, code: str, period: Period, compute: Any, *extra: str) -> Any:
    """What `compute()` answers, kept per refresh (the watermark's time is in the key, so an
    entry made before a refresh is never read after it) and per language."""
    parts = [kind, code, period.key, *extra, translation.get_language() or "", _version()]
    key = "supervision:" + ":".join(parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def figures(actor: User, code: str, period: Period, *, cached: bool = True) -> dict[str, Any]:
    """CONTRACT.md: {"region","name","figures","children":[{"code","name","figures"}]}.
    A region's own places (a township's farms without a village, a county's own tag stock)
    appear as one more child named "…本级", so the children always add up."""
    return region_figures(region_for(actor, code), period, cached=cached)


def region_figures(region: Region, period: Period, *, cached: bool = True) -> dict[str, Any]:
    """The figures of a region its caller has authorised: as the refresh prepared them, else
    as cached since the last refresh, else (and with cached=False) summed from the rollups."""
    if not cached:
        return _figures(region, period)
    found = prepared(region.code, period, "figures")
    if found is not None:
        return found
    return per_refresh("figures", region.code, period, lambda: _figures(region, period))


def _figures(region: Region, period: Period) -> dict[str, Any]:
    code = region.code
    wanted = indicators()
    sums = _sums(code, period, wanted)
    children = _children(region)
    known = {child for child, _name in children}
    own = {child for values in sums.values() for child in values if child not in known}
    if own:
        children.append((code, _("%(name)s本级") % {"name": region.name}))
    return {
        "region": region.code,
        "name": region.name,
        "level": region.level,
        "figures": {item.code: figure(item, sums) for item in wanted},
        "children": [
            {
                "code": child,
                "name": name,
                "figures": {
                    item.code: _child_figure(item, sums, child, own if child == code else None)
                    for item in wanted
                },
            }
            for child, name in children
        ],
    }


def _child_figure(
    item: Indicator, sums: Sums, child: str, own: set[str] | None
) -> int | float | None:
    if own is None:
        return figure(item, sums, child)
    # the region's own places: every group that is not a known child
    merged: Sums = {
        measure: {"own": _merge(values[c] for c in own if c in values)}
        for measure, values in sums.items()
    }
    return figure(item, merged, "own")


def _merge(groups: Any) -> dict[int, Decimal]:
    merged: dict[int, Decimal] = defaultdict(Decimal)
    for group in groups:
        for bucket, value in group.items():
            merged[bucket] += value
    return merged


def series(actor: User, code: str, item: Indicator, period: Period) -> list[dict[str, Any]]:
    """The indicator over the period, by day up to 62 days, else by month."""
    region_for(actor, code)
    found = prepared(code, period, "series") if item.code == DEFAULT_INDICATOR else None
    if found is not None:
        return found
    return per_refresh("series", code, period, lambda: region_series(code, item, period), item.code)


def region_series(code: str, item: Indicator, period: Period) -> list[dict[str, Any]]:
    """`series` of a region its caller has authorised, summed from the rollups."""
    by_month = (period.last - period.first).days > 62
    measure_codes = {m.code for m in (item.measure, item.base) if m is not None}
    first = None if item.stock else period.first
    per_day: dict[date, list[tuple[str, int, Decimal]]] = defaultdict(list)
    rows = grouped(
        code, measure_codes, first, period.last, ("measure", "day", "bucket"), daily=not by_month
    )
    for row in rows:
        per_day[row["day"]].append((row["measure"], row["bucket"], row["total"]))
    days = sorted(per_day)
    # one sweep over the days: a step adds the days up to its end to the sums, which a
    # stock-like indicator carries into the next step and a flow starts afresh
    sums: Sums = {}
    points, taken = [], 0
    for start, end in _steps(period, by_month):
        if not item.stock or not sums:
            sums = defaultdict(lambda: defaultdict(lambda: defaultdict(Decimal)))
        while taken < len(days) and days[taken] <= end:
            for measure, bucket, total in per_day[days[taken]]:
                sums[measure]["all"][bucket] += total
            taken += 1
        label = start.strftime("%Y-%m") if by_month else start.isoformat()
        points.append({"label": label, "value": figure(item, sums)})
    return points


def _steps(period: Period, by_month: bool) -> list[tuple[date, date]]:
    steps = []
    current = period.first
    while current <= period.last:
        if by_month:
            following = (current.replace(day=1) + timedelta(days=32)).replace(day=1)
        else:
            following = current + timedelta(days=1)
        steps.append((current, min(period.last, following - timedelta(days=1))))
        current = following
    return steps
