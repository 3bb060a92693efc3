"""Pure rules of supervision: where a place sits, quantiles of bucketed distributions,
modified z-scores, milestones. No ORM."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

LEVEL_COLUMN = {2: "province", 4: "city", 6: "county", 9: "township"}
# the rollup column that names a region's children, by the region's code length
CHILD_COLUMN = {2: "city", 4: "county", 6: "township", 9: "place"}

Z_THRESHOLD = 3.5  # Iglewicz and Hoaglin: |modified z| above 3.5 is a likely outlier
Z_SCALE = 0.6745  # the 0.75 quantile of the standard normal: MAD to sigma


def ancestors(place: str) -> dict[str, str]:
    """The province, city, county and township a village, township or county code lies in
    (township blank for a county's own place)."""
    return {
        "province": place[:2],
        "city": place[:4],
        "county": place[:6],
        "township": place[:9] if len(place) >= 9 else "",
    }


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def full_months(first: date | None, last: date) -> tuple[date, date] | None:
    """The first days of the first and of the last whole month inside [first, last] (first
    None: from the beginning of time), or None when no whole month lies inside."""
    if first is None:
        start = date.min
    elif first.day == 1:
        start = first
    else:
        start = month_end(first) + timedelta(days=1)
    end = last.replace(day=1)
    if month_end(last) != last:
        end = (end - timedelta(days=1)).replace(day=1)
    return (start, end) if start <= end else None


def quantile(buckets: Mapping[int, float], q: float) -> float | None:
    """The q-quantile of a distribution kept as {bucket value: count} (nearest rank)."""
    total = sum(count for count in buckets.values() if count > 0)
    if total <= 0:
        return None
    rank = max(1, math.ceil(q * total))
    seen = 0.0
    for value in sorted(buckets):
        seen += max(0.0, buckets[value])
        if seen >= rank:
            return float(value)
    return float(max(buckets))


def ratio(numerator: float, denominator: float, scale: int = 1) -> float | None:
    if not denominator:
        return None
    return round(numerator / denominator * scale, 2)


def modified_z(values: Sequence[float], value: float) -> float | None:
    """Iglewicz–Hoaglin modified z-score of `value` against `values` (its history or its
    siblings): 0.6745 (x - median) / MAD; None when the MAD is 0 (no spread to measure)."""
    if len(values) < 3:
        return None
    centre = statistics.median(values)
    mad = statistics.median(abs(v - centre) for v in values)
    if mad == 0:
        return None
    return Z_SCALE * (value - centre) / mad


def is_outlier(values: Sequence[float], value: float, threshold: float = Z_THRESHOLD) -> bool:
    score = modified_z(values, value)
    return score is not None and abs(score) > threshold


def live_on(*dates: date | None) -> date | None:
    """A county is live from the first of the given dates (its first real event)."""
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def counties_required(total: int, share: int, at_least_one: bool) -> int:
    """How many of a city's `total` counties a milestone asks to be live."""
    if total == 0:
        return 0
    needed = math.ceil(total * share / 100)
    return max(needed, 1) if at_least_one else needed


def late_counties(
    live: Iterable[tuple[str, date | None]], due: date, needed: int, today: date
) -> set[str]:
    """The counties of one city still not live when a milestone asking for `needed` of them
    has passed with fewer live: every county not live by `due` is late."""
    entries = list(live)
    on_time = [code for code, day in entries if day is not None and day <= due]
    if today <= due or len(on_time) >= needed:
        return set()
    return {code for code, day in entries if day is None or day > due}


# --- assessment (绩效考核, seed 001 §三) -------------------------------------------------------

# a notice's workflow: a criticism is rectified by a deadline, then closed by the issuer
NOTICE_TRANSITIONS = {"rectifying": {"closed"}, "issued": set(), "closed": set()}


def item_score(value: float | None, target: float, weight: float, lower_is_better: bool) -> float:
    """Points of one indicator: the full weight at or beyond the target, in proportion below
    it (above it, for an indicator where lower is better), none without a figure."""
    if value is None:
        return 0.0
    if lower_is_better:
        if value <= target:
            return float(weight)
        return round(weight * target / value, 2) if value > 0 else float(weight)
    if target <= 0:
        return float(weight)
    return round(weight * min(1.0, max(0.0, value) / target), 2)


def rank(scores: Mapping[str, float]) -> list[tuple[int, str, float]]:
    """Competition ranking (1, 2, 2, 4) by score, highest first; ties share a rank."""
    ordered = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    ranked: list[tuple[int, str, float]] = []
    for position, (code, score) in enumerate(ordered, start=1):
        place = ranked[-1][0] if ranked and ranked[-1][2] == score else position
        ranked.append((place, code, score))
    return ranked
