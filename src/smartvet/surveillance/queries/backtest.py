"""A rule run over a past year of a region's reports, day by day, as the evaluation would
have run it: how many alerts it would have opened (an alarm after a quiet day opens one; the
open alert absorbs the days after), on how many days and where."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from smartvet.core import regions
from smartvet.core.access import require, within
from smartvet.core.errors import DomainError
from smartvet.core.models import User
from smartvet.surveillance import detection
from smartvet.surveillance.models import AlertRule, Report
from smartvet.surveillance.permissions import VIEW_RULES
from smartvet.surveillance.queries.series import CASE_KINDS, FIELD_BY_INDICATOR


def daily_by_place(
    indicator: str, region: str, level: str, start: date, end: date
) -> dict[str, dict[date, int]]:
    """Counts per place at `level` (village, township) and onset day, for one region."""
    length = regions.LENGTH_BY_LEVEL[level]
    rows = (
        Report.objects.filter(within("region_id", region))
        .filter(kind__in=CASE_KINDS, onset_date__gte=start, onset_date__lte=end)
        .order_by()
        .values_list("region_id", "onset_date", FIELD_BY_INDICATOR[indicator])
    )
    # Summed here, not with GROUP BY: grouping leads SQLite to walk the date index over every
    # region's reports instead of this region's rows.
    found: dict[str, dict[date, int]] = defaultdict(dict)
    for code, day, value in rows.iterator(chunk_size=5000):
        if len(code) >= length:
            counts = found[code[:length]]
            counts[day] = counts.get(day, 0) + value
    return found


def run(actor: User, rule: AlertRule, *, region: str, year: int) -> dict[str, Any]:
    require(actor, VIEW_RULES, region=region)
    if rule.indicator not in FIELD_BY_INDICATOR:
        raise DomainError("VALIDATION_ERROR", _("回测仅适用于按报告计数的规则（死亡数、发病数）"))
    return {
        "year": year,
        **replay(rule, region=region, first=date(year, 1, 1), last=date(year, 12, 31)),
    }


def replay(rule: AlertRule, *, region: str, first: date, last: date) -> dict[str, Any]:
    """The replay itself over [first, last] (the bench times it): no actor, one region's
    facts."""
    lead = detection.days_needed(rule.method, rule.window_days, rule.parameters)
    by_place = daily_by_place(
        rule.indicator, region, rule.region_level, first - timedelta(days=lead), last
    )
    days = (last - first).days + 1
    alerts = alarm_days = 0
    places: dict[str, int] = {}
    for place, counts in by_place.items():
        series = [counts.get(first + timedelta(days=i - lead), 0) for i in range(days + lead)]
        opened = _replay_place(rule, series, lead)
        if opened[0]:
            places[place] = opened[0]
        alerts += opened[0]
        alarm_days += opened[1]
    top = sorted(places.items(), key=lambda item: -item[1])[:10]
    return {
        "region": region,
        "places": len(by_place),
        "alerts": alerts,
        "alarm_days": alarm_days,
        "top": top,
    }


def _replay_place(rule: AlertRule, series: list[int], lead: int) -> tuple[int, int]:
    opened = alarm_days = 0
    before = False
    for end in range(lead, len(series)):
        window = series[end - lead + 1 : end + 1]
        if detection.quiet(rule.method, window, window=rule.window_days):
            before = False
            continue
        alarm = detection.judge(
            rule.method, rule.parameters, window, window=rule.window_days, min_count=rule.min_count
        ).alarm
        alarm_days += alarm
        opened += alarm and not before
        before = alarm
    return opened, alarm_days
