"""Zero reporting (疫情零报告): "nothing to report" is a report; a missing report is its own
state, listed, never counted as a zero; the schedule is policy data."""

from __future__ import annotations

from datetime import date

import pytest

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, NotFound, PermissionDenied
from smartvet.surveillance import rules
from smartvet.surveillance.commands import ReportIn
from smartvet.surveillance.models import Report, SurveillancePolicy
from smartvet.surveillance.queries.reports import villages_to_report, zero_board
from smartvet.surveillance.services.reports import submit_report
from tests.surveillance import factories

VILLAGES = ["420506107201", "420506107202", "420506107203"]


def zero(actor, village):
    return submit_report(actor=actor, command=parse(ReportIn, {"kind": "zero", "region": village}))


def test_missing_is_its_own_state_never_a_zero(personas, farm):
    zero(personas.vaccinator_longquan, VILLAGES[0])
    factories.report(personas.station_longquan, farm, sick=3)  # the farm is in VILLAGES[0]
    board = zero_board(personas.station_longquan)
    states = {row["village"].code: row["state"] for row in board["rows"]}
    assert states == {VILLAGES[0]: "cases", VILLAGES[1]: "missing", VILLAGES[2]: "missing"}
    assert board["counts"] == {"zero": 0, "cases": 1, "missing": 2}
    assert all("vaccinators" in row for row in board["rows"])


def test_a_zero_report_counts_as_reported(personas):
    zero(personas.vaccinator_longquan, VILLAGES[1])
    board = zero_board(personas.county_supervisor, region="420506107")
    assert board["counts"]["zero"] == 1 and board["counts"]["missing"] == 2
    assert board["schedule"] == "weekly"
    mine = villages_to_report(personas.vaccinator_longquan)
    assert [r["state"] for r in mine["rows"]] == ["missing", "zero", "missing"]


def test_one_zero_report_per_village_and_period(personas):
    zero(personas.vaccinator_longquan, VILLAGES[1])
    with pytest.raises(DomainError) as refused:
        zero(personas.vaccinator_longquan, VILLAGES[1])
    assert refused.value.code == "ALREADY_REPORTED"
    assert Report.objects.filter(kind="zero").count() == 1


def test_the_schedule_is_policy_data(personas):
    SurveillancePolicy.objects.create(region_id="420506", values={"ZERO_REPORT_SCHEDULE": "daily"})
    report = zero(personas.vaccinator_longquan, VILLAGES[2])
    assert report.period == report.onset_date
    assert zero_board(personas.county_supervisor)["schedule"] == "daily"


def test_a_zero_report_outside_the_reporter_s_region_is_not_found(personas):
    with pytest.raises(NotFound):
        zero(personas.vaccinator_longquan, "420506108201")


def test_a_farmer_does_not_zero_report(personas):
    with pytest.raises(PermissionDenied):
        zero(personas.farmer_longquan, VILLAGES[0])


def test_a_farmer_does_not_see_the_board(personas):
    with pytest.raises(PermissionDenied):
        zero_board(personas.farmer_longquan)


def test_weekly_periods_start_on_monday():
    assert rules.period_start(date(2026, 12, 3), "weekly") == date(2026, 11, 30)
    assert rules.period_end(date(2026, 11, 30), "weekly") == date(2026, 12, 6)
    assert rules.period_start(date(2026, 12, 3), "daily") == date(2026, 12, 3)


def test_the_daily_sweep_alerts_the_station_of_a_township_that_missed_last_week(personas):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from smartvet.surveillance.models import Alert

    last_week = timezone.localdate() - timedelta(days=7)
    for village in VILLAGES[:2]:
        Report.objects.create(
            kind="zero",
            region_id=village,
            onset_date=last_week,
            period=rules.period_start(last_week, "weekly"),
            reported_by=personas.vaccinator_longquan,
        )
    call_command("surveillance_sweep")
    (alert,) = Alert.objects.filter(rule__code="zero-reports-missing", region_id="420506107")
    assert alert.observed == 1 and "1个村" in alert.summary
    (other,) = Alert.objects.filter(rule__code="zero-reports-missing", region_id="420506108")
    assert other.observed == 2  # 鸦鹊岭镇 sent nothing for its two villages
    seen = Alert.objects.visible_to(personas.station_longquan).filter(rule=alert.rule)
    assert list(seen) == [alert]
