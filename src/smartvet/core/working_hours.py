"""Deadlines counted in working hours on the chinese-calendar (the hotline's three clocks, a
consultation's answer time; seed 000 dream 10: 客服专线; DOMAIN.md §7).

Pure arithmetic on naive local datetimes (the caller converts from and to Asia/Shanghai):
a day counts when `core.workdays.is_workday` says so (the admin's CalendarDay overrides, then
chinese-calendar with its 调休 make-up days, then Monday to Friday), and within a working day
only the desk's periods count (e.g. 08:30–12:00 and 14:00–17:30). A call at 17:00 on the eve
of the National Day holiday with two hours to answer is due on the first working morning
after it, at 10:00.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from smartvet.core.workdays import MAX_SPAN_DAYS, is_workday

Overrides = Mapping[date, bool] | None


@dataclass(frozen=True)
class WorkingHours:
    """The periods of a working day when the desk answers: sorted, disjoint, not empty."""

    periods: tuple[tuple[time, time], ...]

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("working hours need at least one period")
        previous_end = time.min
        for index, (start, end) in enumerate(self.periods):
            if not start < end:
                raise ValueError(f"period {start}-{end} ends before it starts")
            if index and start < previous_end:
                raise ValueError("periods overlap or are not in order")
            previous_end = end

    @classmethod
    def parse(cls, text: str) -> WorkingHours:
        """ "08:30-12:00,14:00-17:30" -> two periods; ValueError on anything else."""
        periods = []
        for part in text.replace("，", ",").split(","):
            start, sep, end = part.strip().partition("-")
            if not sep:
                raise ValueError(f"not a period: {part!r}")
            periods.append((time.fromisoformat(start.strip()), time.fromisoformat(end.strip())))
        return cls(tuple(periods))

    def __str__(self) -> str:
        return ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.periods)

    def per_day(self) -> timedelta:
        day = date.min
        spans = (datetime.combine(day, b) - datetime.combine(day, a) for a, b in self.periods)
        return sum(spans, timedelta(0))


def _intervals(
    day: date, hours: WorkingHours, overrides: Overrides
) -> list[tuple[datetime, datetime]]:
    if not is_workday(day, overrides):
        return []
    return [(datetime.combine(day, a), datetime.combine(day, b)) for a, b in hours.periods]


def working_time_between(
    start: datetime, end: datetime, hours: WorkingHours, overrides: Overrides = None
) -> timedelta:
    """The working time in [start, end); zero when end is not after start."""
    total = timedelta(0)
    day = start.date()
    while start < end and day <= end.date():
        for low, high in _intervals(day, hours, overrides):
            low, high = max(low, start), min(high, end)
            if high > low:
                total += high - low
        day += timedelta(days=1)
    return total


def add_working_time(
    start: datetime, amount: timedelta, hours: WorkingHours, overrides: Overrides = None
) -> datetime:
    """The earliest instant by which `amount` of working time has passed since `start` (a
    clock's due time); `start` itself when `amount` is zero or less."""
    if amount <= timedelta(0):
        return start
    remaining = amount
    day = start.date()
    for _ in range(MAX_SPAN_DAYS):
        for low, high in _intervals(day, hours, overrides):
            low = max(low, start)
            if high <= low:
                continue
            if low + remaining <= high:
                return low + remaining
            remaining -= high - low
        day += timedelta(days=1)
    raise ValueError("no working hours found")


class ClockState(enum.StrEnum):
    RUNNING = "running"  # not met yet, not yet due
    OVERDUE = "overdue"  # not met, past its due time
    MET = "met"  # met in time
    MET_LATE = "met_late"  # met after its due time
    STOPPED = "stopped"  # no longer running (e.g. the next-update clock of a closed ticket)


def clock_state(due: datetime | None, met_at: datetime | None, now: datetime) -> ClockState:
    """Where a clock stands: met (in time or late), running or overdue; stopped without a due."""
    if due is None:
        return ClockState.STOPPED
    if met_at is not None:
        return ClockState.MET if met_at <= due else ClockState.MET_LATE
    return ClockState.OVERDUE if now > due else ClockState.RUNNING
