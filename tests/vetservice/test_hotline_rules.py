"""Pure rules of the hotline (routing by topic, which clock ran out) and of the daily reports
(the day a report may be for, 零报告 against a work report), property-tested."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartvet.core.working_hours import ClockState, clock_state
from smartvet.vetservice import hotline_rules, meetings_rules, reports_rules
from smartvet.vetservice.models import Topic

instants = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31))
maybe_instants = st.none() | instants


def test_every_topic_has_one_desk():
    assert hotline_rules.PROVIDER_TOPICS.isdisjoint(hotline_rules.STATION_TOPICS)
    assert set(Topic.values) == hotline_rules.PROVIDER_TOPICS | hotline_rules.STATION_TOPICS
    assert hotline_rules.answered_by("disease") == "provider"
    assert hotline_rules.answered_by("complaint") == "station"  # it supervises the providers
    with pytest.raises(ValueError):
        hotline_rules.answered_by("weather")


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    now=instants,
    status=st.sampled_from(["open", "in_progress", "closed"]),
    first_due=instants,
    first_met=maybe_instants,
    update_due=maybe_instants,
    resolution_due=instants,
)
def test_a_clock_is_overdue_exactly_when_its_state_says_so(
    now, status, first_due, first_met, update_due, resolution_due
):
    clock = hotline_rules.overdue_clock(
        now=now,
        status=status,
        first_response_due=first_due,
        first_responded_at=first_met,
        next_update_due=update_due,
        resolution_due=resolution_due,
    )
    states = {
        "first_response": clock_state(first_due, first_met, now),
        "next_update": clock_state(update_due, None, now) if first_met else ClockState.STOPPED,
        "resolution": clock_state(resolution_due, None, now),
    }
    overdue = [name for name, state in states.items() if state is ClockState.OVERDUE]
    if status == "closed":
        assert clock == ""
    else:
        assert clock == (overdue[0] if overdue else "")


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)), st.integers(-30, 30))
def test_a_report_is_for_today_or_the_last_week(today, offset):
    day = today + timedelta(days=offset)
    problem = reports_rules.report_day_problem(day, today)
    if offset > 0:
        assert problem == "future"
    elif offset < -reports_rules.REPORT_BACKDATE_DAYS:
        assert problem == "too_old"
    else:
        assert problem == ""


@given(st.booleans(), st.integers(0, 5), st.integers(0, 5))
def test_a_zero_report_means_nothing_and_a_work_report_something(zero, records, own):
    problem = reports_rules.report_kind_problem(zero=zero, records=records, own_lines=own)
    something = bool(records or own)
    assert problem == (
        "zero_with_work" if zero and something else "empty" if not (zero or something) else ""
    )


def test_a_meeting_is_recorded_once():
    assert {"planned": {"held"}, "held": set()} == meetings_rules.MEETING_TRANSITIONS
    assert meetings_rules.month_of(date(2025, 3, 9)) == "2025-03"
