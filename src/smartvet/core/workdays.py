"""Working days (工作日) for deadlines and publicity periods (DESIGN.md: chinese-calendar).

chinese-calendar knows the State Council's holidays and make-up working days (调休) for
the years it was released with; for a later year it raises NotImplementedError, and we fall
back to Monday-Friday. The admin-editable `CalendarDay` table (core admin, 节假日调整) is
consulted first in every year, so a county can enter next year's holidays before a new
release of the package, or correct a day.

The functions are pure: they take that table as a mapping {date: is_workday}; `overrides()`
reads it from the database for the services (the subsidy's 5-working-day publicity, the
antibody test's 10-working-day deadline).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import chinese_calendar

# A count of working days never needs to look further than ten years; the bound turns an
# override table that marks every day as a holiday into an error instead of an endless loop.
MAX_SPAN_DAYS = 3660


def is_workday(day: date, overrides: Mapping[date, bool] | None = None) -> bool:
    """An admin's override first, then chinese-calendar, then Monday to Friday."""
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
    """A period of `count` working days beginning on `start` ends on this day
    (publicity: `start` counts when it is a working day)."""
    return workdays_from(start, count, overrides)[-1]


def add_workdays(start: date, days: int, overrides: Mapping[date, bool] | None = None) -> date:
    """The date `days` working days after `start` (deadlines: `start` itself, the day
    something happened, is not counted); `start` when `days` is 0 or less."""
    if days < 1:
        return start
    return last_workday_of_period(start + timedelta(days=1), days, overrides)


def workdays_between(start: date, end: date, overrides: Mapping[date, bool] | None = None) -> int:
    """Working days in [start, end], both ends included (0 when end < start)."""
    total, day = 0, start
    while day <= end:
        total += is_workday(day, overrides)
        day += timedelta(days=1)
    return total


def overrides() -> dict[date, bool]:
    """The CalendarDay table as {date: is_workday}."""
    # Imported here so the pure functions above load without Django's app registry.
    from smartvet.core.models import CalendarDay

    return dict(CalendarDay.objects.values_list("date", "is_workday"))
