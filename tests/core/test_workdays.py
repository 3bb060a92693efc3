"""Working days (core.workdays): chinese-calendar, the weekend fallback for years it does not
know, and the admin's CalendarDay table over both."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from smartvet.core import workdays
from smartvet.core.models import CalendarDay

# chinese-calendar's years and a few after them (the fallback)
dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2035, 12, 31))


def test_national_day_holiday_is_not_a_workday_and_the_make_up_sunday_is():
    assert not workdays.is_workday(date(2025, 10, 1))
    assert workdays.is_workday(date(2025, 9, 28))  # 调休 Sunday worked


def test_publicity_counts_chinese_holidays_and_make_up_days():
    # National Day 2025: 1-8 October off, Sunday 28 September and Saturday 11 October worked.
    assert workdays.workdays_from(date(2025, 9, 26), 5) == [
        date(2025, 9, 26),
        date(2025, 9, 28),
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),
    ]
    # 9, 10, Saturday 11 (调休), 13, 14 October
    assert workdays.last_workday_of_period(date(2025, 10, 9), 5) == date(2025, 10, 14)


def test_a_year_the_package_does_not_know_falls_back_to_weekends():
    # 2030-01-04 is a Friday; the next working days skip the weekend.
    assert workdays.workdays_from(date(2030, 1, 4), 3) == [
        date(2030, 1, 4),
        date(2030, 1, 7),
        date(2030, 1, 8),
    ]
    far = date(2099, 5, 1)  # a Friday
    assert workdays.is_workday(far)
    assert not workdays.is_workday(date(2099, 5, 2))
    assert workdays.add_workdays(far, 1) == date(2099, 5, 4)


def test_the_holiday_table_overrides_both():
    overrides = {date(2030, 1, 7): False, date(2030, 1, 5): True}
    assert workdays.workdays_from(date(2030, 1, 4), 3, overrides) == [
        date(2030, 1, 4),
        date(2030, 1, 5),
        date(2030, 1, 8),
    ]
    far = date(2099, 5, 1)
    assert not workdays.is_workday(far, {far: False})
    # chinese-calendar's own years too: National Day declared a working day
    assert workdays.is_workday(date(2025, 10, 1), {date(2025, 10, 1): True})


def test_add_workdays_does_not_count_its_start_and_zero_is_the_start():
    # Friday 2025-09-26: the next working day is the make-up Sunday 09-28.
    assert workdays.add_workdays(date(2025, 9, 26), 1) == date(2025, 9, 28)
    assert workdays.add_workdays(date(2025, 10, 4), 0) == date(2025, 10, 4)


def test_the_search_stops_after_ten_years():
    start = date(2099, 1, 1)
    no_work = {start + timedelta(days=i): False for i in range(workdays.MAX_SPAN_DAYS + 2)}
    with pytest.raises(ValueError, match="no working days"):
        workdays.workdays_from(start, 1, no_work)
    with pytest.raises(ValueError, match="no working days"):
        workdays.add_workdays(start - timedelta(days=1), 1, no_work)
    with pytest.raises(ValueError, match="at least 1"):
        workdays.workdays_from(start, 0)


@given(dates, st.integers(1, 30))
def test_a_period_holds_exactly_its_working_days(start, count):
    end = workdays.last_workday_of_period(start, count)
    assert workdays.workdays_between(start, end) == count
    assert workdays.is_workday(end)
    assert end - start < timedelta(days=count * 3 + 15)


@given(dates, st.integers(0, 30))
def test_add_workdays_lands_on_a_workday_and_counts_back(start, n):
    end = workdays.add_workdays(start, n)
    assert workdays.workdays_between(start + timedelta(days=1), end) == n
    if n:
        assert workdays.is_workday(end)


def test_the_holiday_table_is_read_from_the_database(db):
    CalendarDay.objects.create(date=date(2031, 1, 1), name="元旦", is_workday=False)
    assert workdays.overrides() == {date(2031, 1, 1): False}


def test_the_holiday_table_is_edited_in_admin(personas):
    client = Client()
    client.force_login(personas.admin)
    assert client.get("/admin/core/calendarday/").status_code == 200
    response = client.post(
        "/admin/core/calendarday/add/", {"date": "2030-01-01", "name": "元旦", "is_workday": ""}
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().is_workday is False
