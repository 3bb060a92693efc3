"""Pure rules of surveillance (DOMAIN.md §8): notifiable diseases, the policy defaults (zero
reporting schedule, the national emergency plan's reporting clocks), the alert workflow, the
reporting periods and the positive predictive value. No ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from smartvet.core import regions

# Notifiable diseases a report or a lab result names (《一、二、三类动物疫病病种名录》 2022).
# Class 1 (一类) diseases are the "major" ones whose suspicion starts the reporting clocks.
# FMD, HPAI, PPR and BRUCELLOSIS are the immunization app's codes too.
DISEASE_CLASS: dict[str, int] = {
    "ASF": 1,  # 非洲猪瘟
    "FMD": 1,  # 口蹄疫
    "HPAI": 1,  # 高致病性禽流感
    "PPR": 1,  # 小反刍兽疫
    "CSF": 2,  # 猪瘟
    "PRRS": 2,  # 高致病性猪蓝耳病
    "ND": 2,  # 新城疫
    "ANTHRAX": 2,  # 炭疽
    "BRUCELLOSIS": 2,  # 布鲁氏菌病
    "ECHINOCOCCOSIS": 2,  # 包虫病
}


def is_major(disease: str) -> bool:
    return DISEASE_CLASS.get(disease) == 1


# Policy data (a county or province may change them; these are the defaults).
DEFAULT_POLICY: dict[str, Any] = {
    # 疫情零报告: how often each village's responsible vaccinator reports.
    "ZERO_REPORT_SCHEDULE": "weekly",  # or "daily"
    # 国家突发重大动物疫情应急预案: suspected major outbreak to the province within 2 h,
    # the province to the ministry within 1 h.
    "PROVINCE_REPORT_HOURS": 2,
    "MINISTRY_REPORT_HOURS": 1,
    # Photos on a report.
    "MAX_PHOTOS": 9,
    "MAX_PHOTO_BYTES": 10 * 1024 * 1024,
}
SCHEDULES = ("daily", "weekly")


def policy(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    return {**DEFAULT_POLICY, **(overrides or {})}


def period_start(day: date, schedule: str) -> date:
    """The first day of the zero-reporting period holding `day` (a weekly period starts on
    Monday)."""
    if schedule == "daily":
        return day
    return day - timedelta(days=day.weekday())


def period_end(start: date, schedule: str) -> date:
    return start if schedule == "daily" else start + timedelta(days=6)


# Alert workflow: open -> acknowledged -> closed; an open alert may be closed at once (a data
# error seen at a glance).
ALERT_TRANSITIONS: dict[str, set[str]] = {
    "open": {"acknowledged", "closed"},
    "acknowledged": {"closed"},
}
OUTCOMES = ("confirmed", "false_alarm", "data_error")


@dataclass(frozen=True)
class Clock:
    """One reporting deadline of an outbreak event."""

    due: datetime
    done: datetime | None

    def overdue(self, now: datetime) -> bool:
        return (self.done or now) > self.due


def province_clock(suspected_at: datetime, reported_at: datetime | None, hours: float) -> Clock:
    return Clock(suspected_at + timedelta(hours=hours), reported_at)


def ministry_clock(
    province_reported_at: datetime | None, reported_at: datetime | None, hours: float
) -> Clock | None:
    """The ministry's clock starts when the province has the report."""
    if province_reported_at is None:
        return None
    return Clock(province_reported_at + timedelta(hours=hours), reported_at)


def positive_predictive_value(confirmed: int, closed: int) -> float | None:
    """Share of a rule's closed alerts confirmed; None before any was closed. Data errors are
    left out: they say nothing about the rule, only about the data."""
    return confirmed / closed if closed else None


def daily_series(counts_by_day: dict[date, int], end: date, days: int) -> list[int]:
    """`days` daily counts ending at `end`, oldest first, a day without a count being 0."""
    start = end - timedelta(days=days - 1)
    return [counts_by_day.get(start + timedelta(days=i), 0) for i in range(days)]


def ancestors(code: str) -> list[str]:
    """The code and every code above it, up to CN, nearest first."""
    found: list[str] = []
    current: str | None = code
    while current:
        found.append(current)
        current = regions.parent_code(current)
    return found


def place_at(code: str, level: str) -> str | None:
    """The region at `level` holding `code` (a village's township), or None when `code`
    lies above that level (a township report for a village rule)."""
    for candidate in ancestors(code):
        if regions.level_of(candidate) == level:
            return candidate
    return None


def routed_to(place: str, routing_level: str) -> list[str]:
    """The regions whose accounts an alert of `place` goes to: the place and every region
    above it up to the routing level (village -> township; county; province)."""
    top = regions.LEVELS.index(routing_level)
    return [c for c in ancestors(place) if regions.LEVELS.index(regions.level_of(c) or "") >= top]
