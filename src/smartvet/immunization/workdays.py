"""Working days (工作日) with chinese-calendar, and a fallback for the years it does not know
yet: weekends plus a table of holidays and make-up days an admin edits (CalendarDay).

Pure: the overrides come in as a dict; services load them from the database.
(This belongs in core; it lives here until the lead moves it.)"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import chinese_calendar


def is_workday(day: date, overrides: Mapping[date, bool] | None = None) -> bool:
    """An admin's override first, then chinese-calendar, then Monday to Friday."""
    if overrides and day in overrides:
        return overrides[day]
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_workdays(start: date, days: int, overrides: Mapping[date, bool] | None = None) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_workday(current, overrides):
            remaining -= 1
    return current


def workdays_between(start: date, end: date, overrides: Mapping[date, bool] | None = None) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_workday(current, overrides):
            count += 1
    return count
