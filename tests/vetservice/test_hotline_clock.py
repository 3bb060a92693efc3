"""The hotline's clocks (vetservice.hotline_rules.ClockPolicy over core.working_hours, whose
arithmetic tests/core/test_working_hours.py checks): the county's default limits in working
hours."""

from __future__ import annotations

from datetime import datetime

from smartvet.vetservice.hotline_rules import DEFAULT_POLICY, ClockPolicy

POLICY = ClockPolicy.from_dict(DEFAULT_POLICY)


def test_a_call_on_the_eve_of_national_day_is_due_after_the_holiday():
    # 2025: 1-8 October off. 17:00 on Tuesday 30 September leaves half an hour that day;
    # the other hour and a half fall on Thursday 9 October from 08:30.
    due = POLICY.due(datetime(2025, 9, 30, 17, 0), POLICY.first_response)
    assert due == datetime(2025, 10, 9, 10, 0)


def test_the_resolution_limit_is_three_working_days():
    start = datetime(2025, 6, 3, 8, 30)
    assert POLICY.due(start, POLICY.resolution) == datetime(2025, 6, 5, 17, 30)
    assert POLICY.hours.per_day() * 3 == POLICY.resolution
