"""日报告制度: a vaccinator's report of the day, filled from its records plus its own lines;
零报告 distinct from a missing report; the station's list of who has not reported."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.models import LedgerEvent
from smartvet.eartags.models import TagEvent
from smartvet.vetservice.models import DailyReport
from smartvet.vetservice.queries import reports as queries
from smartvet.vetservice.reports_commands import SendDailyReport
from smartvet.vetservice.services import reports as services
from smartvet.vetservice.services.orders import accept_order
from tests.vetservice import factories as f

pytestmark = pytest.mark.django_db


def send(actor, **fields):
    values = {"day": timezone.localdate().isoformat(), **fields}
    return services.send_daily_report(actor=actor, command=parse(SendDailyReport, values))


def _refused(code, action):
    before = DailyReport.objects.count()
    with pytest.raises(DomainError) as refused:
        action()
    assert refused.value.code == code
    assert DailyReport.objects.count() == before


def _immunized_today(vaccinator, farm, lot, farmer):
    order = f.place(farmer, farm, animals=20)
    accept_order(actor=vaccinator, order_id=order.pk)
    return f.complete_with_immunization(vaccinator, order, lot)


def test_the_report_is_filled_from_the_days_records_plus_own_lines(
    agreed_farm, lot, vaccinator_longquan, farmer_longquan
):
    _immunized_today(vaccinator_longquan, agreed_farm, lot, farmer_longquan)
    # Tags fitted that day on the farm (as the fitting service records them).
    TagEvent.objects.record(
        [1420506000000001, 1420506000000002],
        kind="fitted",
        actor=vaccinator_longquan,
        at=timezone.now(),
        farm=agreed_farm,
    )
    report = send(
        vaccinator_longquan,
        lines=[{"text": "走访龙泉一村散养户12户，宣传整村推进", "quantity": 12}],
        notes="天气晴",
    )
    lines = list(report.lines.values_list("source", "text", "quantity"))
    assert report.kind == "work"
    assert lines[0][0] == "immunization" and "口蹄疫" in lines[0][1] and lines[0][2] == 20
    assert lines[1] == ("eartags", f"{agreed_farm.name}：佩戴耳标2枚", 2)
    # The immunization order is its immunization line, not counted twice.
    assert [line[0] for line in lines] == ["immunization", "eartags", "own"]
    event = LedgerEvent.objects.order_by("-seq").first()
    assert event.action == "vetservice.daily_report_sent"
    assert event.summary["records"] == 2 and event.summary["own_lines"] == 1


def test_a_zero_report_says_nothing_happened(vaccinator_longquan):
    report = send(vaccinator_longquan, zero=True)
    assert report.kind == "zero" and not report.lines.exists()


def test_a_zero_report_is_refused_when_the_day_has_records(
    agreed_farm, lot, vaccinator_longquan, farmer_longquan
):
    _immunized_today(vaccinator_longquan, agreed_farm, lot, farmer_longquan)
    _refused("ZERO_REPORT_WITH_WORK", lambda: send(vaccinator_longquan, zero=True))


def test_a_zero_report_with_own_lines_is_refused(vaccinator_longquan):
    _refused(
        "ZERO_REPORT_WITH_WORK",
        lambda: send(vaccinator_longquan, zero=True, lines=[{"text": "走访5户"}]),
    )


def test_an_empty_work_report_is_refused_in_favour_of_a_zero_report(vaccinator_longquan):
    _refused("REPORT_EMPTY", lambda: send(vaccinator_longquan))


def test_one_report_a_day(vaccinator_longquan):
    send(vaccinator_longquan, zero=True)
    _refused("DAILY_REPORT_EXISTS", lambda: send(vaccinator_longquan, zero=True))


def test_no_report_for_a_day_to_come_or_long_past(vaccinator_longquan):
    today = timezone.localdate()
    for day in (today + timedelta(days=1), today - timedelta(days=8)):
        _refused(
            "REPORT_DAY_INVALID",
            lambda d=day: send(vaccinator_longquan, day=d.isoformat(), zero=True),
        )
    send(vaccinator_longquan, day=(today - timedelta(days=7)).isoformat(), zero=True)


def test_only_a_vaccinator_reports(station_longquan):
    _refused("PERMISSION_DENIED", lambda: send(station_longquan, zero=True))


def test_the_station_sees_who_has_not_reported(
    xingmu, huimin, station_longquan, vaccinator_longquan, county_supervisor
):
    today = timezone.localdate()
    missing = queries.not_reported(station_longquan, today)
    assert [m.entry.account for m in missing] == [vaccinator_longquan]
    # A 零报告 is a report: the vaccinator leaves the list.
    send(vaccinator_longquan, zero=True)
    assert queries.not_reported(station_longquan, today) == []
    # The county sees its townships' (鸦鹊岭's vaccinator has not reported).
    assert [m.entry.account.username for m in queries.not_reported(county_supervisor, today)] == [
        "vaccinator_yaqueling"
    ]


def test_a_vaccinator_off_duty_that_weekday_owes_no_report(
    catalogue, county_supervisor, station_longquan
):
    today = timezone.localdate()
    off = "".join(str(d) for d in range(1, 8) if d != today.isoweekday())
    f.enrol(county_supervisor, "vaccinator_longquan", duty_days=off)
    assert queries.not_reported(station_longquan, today) == []
    assert [
        m.entry.account.username
        for m in queries.not_reported(station_longquan, today + timedelta(days=1))
    ] == ["vaccinator_longquan"]


def test_the_missing_list_names_the_last_report(xingmu, station_longquan, vaccinator_longquan):
    yesterday = timezone.localdate() - timedelta(days=1)
    send(vaccinator_longquan, day=yesterday.isoformat(), zero=True)
    (missing,) = queries.not_reported(station_longquan, timezone.localdate())
    assert missing.last_report == yesterday


def test_a_farmer_cannot_read_the_missing_list(farmer_longquan):
    with pytest.raises(DomainError) as refused:
        queries.not_reported(farmer_longquan, timezone.localdate())
    assert refused.value.code == "PERMISSION_DENIED"


def test_another_townships_station_does_not_see_a_report(vaccinator_longquan, station_yaqueling):
    report = send(vaccinator_longquan, zero=True)
    with pytest.raises(DomainError) as refused:
        queries.report(station_yaqueling, report.pk)
    assert refused.value.code == "NOT_FOUND"
