"""Working-hours deadlines (core.working_hours): chinese-calendar days with their 调休 make-up
days, the desk's periods within a day, and the arithmetic's laws."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartvet.core.working_hours import (
    ClockState,
    WorkingHours,
    add_working_time,
    clock_state,
    working_time_between,
)

HOURS = WorkingHours.parse("08:30-12:00,14:00-17:30")
H = timedelta(hours=1)

instants = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31))
amounts = st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=80)).map(
    lambda d: timedelta(minutes=d // timedelta(minutes=1))
)


def test_the_make_up_sunday_counts_and_the_weekend_does_not():
    # Saturday 27 September 2025 is off, Sunday 28 September is a 调休 working day.
    due = add_working_time(datetime(2025, 9, 27, 9, 0), 2 * H, HOURS)
    assert due == datetime(2025, 9, 28, 10, 30)
    # Saturday 11 October 2025 is worked too (调休); Sunday 12 is not.
    assert add_working_time(datetime(2025, 10, 10, 17, 0), H, HOURS) == datetime(2025, 10, 11, 9, 0)
    assert add_working_time(datetime(2025, 10, 11, 17, 0), H, HOURS) == datetime(2025, 10, 13, 9, 0)


def test_the_lunch_break_and_the_night_do_not_count():
    assert add_working_time(datetime(2025, 6, 3, 11, 0), 2 * H, HOURS) == datetime(
        2025, 6, 3, 15, 0
    )
    assert add_working_time(datetime(2025, 6, 3, 22, 0), H, HOURS) == datetime(2025, 6, 4, 9, 30)
    assert working_time_between(
        datetime(2025, 6, 3, 8, 0), datetime(2025, 6, 3, 20, 0), HOURS
    ) == timedelta(hours=7)


def test_an_admins_calendar_override_is_obeyed():
    # A county marks Wednesday 4 June 2025 off (e.g. a local holiday).
    overrides = {date(2025, 6, 4): False}
    assert add_working_time(datetime(2025, 6, 3, 17, 0), H, HOURS, overrides) == datetime(
        2025, 6, 5, 9, 0
    )


@pytest.mark.parametrize(
    "text",
    ["", "08:30", "12:00-08:30", "08:00-12:00,11:00-14:00", "14:00-17:00,08:00-12:00", "8点-12点"],
)
def test_bad_working_hours_are_refused(text):
    with pytest.raises(ValueError):
        WorkingHours.parse(text)


def test_clock_states():
    due = datetime(2025, 6, 3, 10, 0)
    assert clock_state(due, None, due - H) is ClockState.RUNNING
    assert clock_state(due, None, due + H) is ClockState.OVERDUE
    assert clock_state(due, due, due + H) is ClockState.MET
    assert clock_state(due, due + H, due + H) is ClockState.MET_LATE
    assert clock_state(None, None, due) is ClockState.STOPPED


@settings(deadline=None)
@given(instants, amounts)
def test_the_due_time_leaves_exactly_the_limit_of_working_time(start, amount):
    due = add_working_time(start, amount, HOURS)
    assert due >= start
    assert working_time_between(start, due, HOURS) == amount


@settings(deadline=None)
@given(instants, amounts)
def test_a_due_time_after_some_work_falls_inside_the_desks_hours(start, amount):
    due = add_working_time(start, amount, HOURS)
    if amount > timedelta(0):
        assert any(a < due.time() <= b for a, b in HOURS.periods)
        assert add_working_time(start, amount - timedelta(minutes=1), HOURS) < due


@settings(deadline=None)  # three spans of up to three years, counted day by day
@given(instants, instants, instants)
def test_working_time_adds_up_over_consecutive_spans(a, b, c):
    a, b, c = sorted((a, b, c))
    assert working_time_between(a, b, HOURS) + working_time_between(b, c, HOURS) == (
        working_time_between(a, c, HOURS)
    )
    assert working_time_between(a, c, HOURS) <= c - a


@settings(deadline=None)
@given(instants, amounts, amounts)
def test_a_longer_limit_is_never_due_earlier(start, one, other):
    low, high = sorted((one, other))
    assert add_working_time(start, low, HOURS) <= add_working_time(start, high, HOURS)


@given(st.lists(st.times(), min_size=2, max_size=6, unique=True).map(sorted))
def test_working_hours_print_as_they_parse(times):
    if len(times) % 2:
        times = times[:-1]
    minutes = [time(t.hour, t.minute) for t in times]
    periods = tuple(zip(minutes[::2], minutes[1::2], strict=True))
    try:
        hours = WorkingHours(periods)
    except ValueError:
        return
    assert WorkingHours.parse(str(hours)) == hours
