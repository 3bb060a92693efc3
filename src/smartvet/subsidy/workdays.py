"""Working days (工作日) for publicity periods and deadlines (DESIGN.md: chinese-calendar).

chinese-calendar knows the State Council's holidays and make-up working days (调休) for
the years it was released with; for a later year it raises NotImplementedError, and we fall
back to Monday-Friday. The admin-editable `Holiday` table (subsidy admin, 节假日调整) is
consulted first in every year, so a county can enter next year's holidays before a new
release of the package, or correct a day. The pure functions take that table as a mapping;
`overrides()` reads it from the database.

This helper lives in the subsidy app because core is not ours to edit; it is written to move
to core unchanged (the lead has been told).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import chinese_calendar

MAX_SPAN_DAYS = 3660  # a count of working days never needs to look further than ten years


def is_workday(day: date, overrides: Mapping[date, bool] | None = None) -> bool:
    if overrides and day in overrides:
        return overrides[day]
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def workdays_from(
    start: date, count: int, overrides: Mapping[date, bool] | None = None
) -> list[date]:
    """The first `count` working days on or after `start`."""
    if count < 1:
        raise ValueError("count must be at least 1")
    days: list[date] = []
    day = start
    while len(days) < count:
        if is_workday(day, overrides):
            days.append(day)
        day += timedelta(days=1)
        if (day - start).days > MAX_SPAN_DAYS:
            raise ValueError("no working days found")
    return days


def last_workday_of_period(
    start: date, count: int, overrides: Mapping[date, bool] | None = None
) -> date:
    """A period of `count` working days beginning on `start` ends on this day."""
    return workdays_from(start, count, overrides)[-1]


def workdays_between(start: date, end: date, overrides: Mapping[date, bool] | None = None) -> int:
    """Working days in [start, end]."""
    total, day = 0, start
    while day <= end:
        total += is_workday(day, overrides)
        day += timedelta(days=1)
    return total


def overrides() -> dict[date, bool]:
    """The Holiday table as {date: is_workday}."""
    from smartvet.subsidy.models import Holiday

    return dict(Holiday.objects.values_list("date", "is_workday"))
