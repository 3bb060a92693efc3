"""What surveillance contributes to supervision (DOMAIN.md §8, §9): alerts still open and
those waiting too long for acknowledgement, the zero reports received (疫情零报告) and those
missing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvet.core.access import within
from smartvet.core.indicators import Cell, Indicator, Measure, cells, local_day, span
from smartvet.core.models import Region, RegionLevel
from smartvet.surveillance import rules
from smartvet.surveillance.models import Alert, AlertStatus, Report, ReportKind
from smartvet.surveillance.queries.policy import policy_for

# An alert not acknowledged by the end of the day after it was raised is overdue.
ACKNOWLEDGE_DAYS = 1


def open_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    # counted on the day it was raised, while it is not closed: closing it takes it out of
    # every figure up to the period's end
    rows = Alert.objects.filter(
        span("region_id", region, "opened_at", first, last, timestamp=True)
    ).exclude(status=AlertStatus.CLOSED)
    return cells(rows, day="opened_at", place="region_id")


def overdue_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    """Alerts still waiting for acknowledgement, each counted from the day it became overdue:
    the cell is dated ahead when the alert is raised, so the figure as of a day needs no
    recount when that day comes (acknowledging or closing it, both in the ledger, removes it)."""
    shift = timedelta(days=ACKNOWLEDGE_DAYS + 1)
    early = first - shift if first else None
    late = last - shift if last else None
    rows = Alert.objects.filter(
        span("region_id", region, "opened_at", early, late, timestamp=True),
        status=AlertStatus.OPEN,
    )
    return [replace(c, day=c.day + shift) for c in cells(rows, day="opened_at", place="region_id")]


def missing_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    """Each village and zero-reporting period that ended with no report at all (neither a zero
    report nor a case), counted on the period's last day, from the first period its county
    sent a zero report (before that the county was not on zero reporting). A period's end
    passing writes nothing to the ledger: the refresh recounts the last days once a day."""
    schedule = policy_for(region)["ZERO_REPORT_SCHEDULE"]
    county = region[:6]
    started = (
        Report.objects.filter(within("region_id", county), kind=ReportKind.ZERO)
        .order_by("period")
        .values_list("period", flat=True)
        .first()
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    last = min(last, yesterday) if last else yesterday
    if started is None or last < started:
        return []
    start = rules.period_start(max(started, first or started), schedule)
    reports = Report.objects.filter(within("region_id", region))
    zeros = set(
        reports.filter(kind=ReportKind.ZERO, period__gte=start).values_list("region_id", "period")
    )
    cases = {
        (code, rules.period_start(local_day(at), schedule))
        for code, at in reports.exclude(kind=ReportKind.ZERO)
        .filter(reported_at__date__gte=start)
        .values_list("region_id", "reported_at")
    }
    villages = Region.objects.filter(within("code", region), level=RegionLevel.VILLAGE)
    found = []
    period = start
    while (end := rules.period_end(period, schedule)) <= last:
        if first is None or end >= first:
            found.extend(
                Cell(day=end, place=code, value=1)
                for code in villages.values_list("code", flat=True)
                if (code, period) not in zeros and (code, period) not in cases
            )
        period = end + timedelta(days=1)
    return found


def zero_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Report.objects.filter(
        span("region_id", region, "period", first, last, timestamp=False), kind=ReportKind.ZERO
    )
    return cells(rows, day="period", place="region_id", timestamp=False)


ALERTS_OPEN = Measure("alerts_open", open_facts, stock=True)
ZERO_REPORTS = Measure("zero_reports", zero_facts)
ALERTS_OVERDUE = Measure("alerts_overdue", overdue_facts, stock=True)
ZERO_REPORTS_MISSING = Measure("zero_reports_missing", missing_facts)

SOURCE = _("预警监测")
INDICATORS = (
    Indicator(
        "alerts_open",
        _("未关闭预警"),
        _("条"),
        _("截至期末已发出且尚未关闭的预警数"),
        SOURCE,
        ALERTS_OPEN,
        order=70,
    ),
    Indicator(
        "zero_reports",
        _("零报告"),
        _("份"),
        _("期内各村按期报送的疫情零报告数"),
        SOURCE,
        ZERO_REPORTS,
        order=71,
    ),
    Indicator(
        "alerts_overdue",
        _("超期未确认预警"),
        _("条"),
        _("截至期末发出次日仍未确认的预警数"),
        SOURCE,
        ALERTS_OVERDUE,
        order=72,
    ),
    Indicator(
        "zero_reports_missing",
        _("零报告缺报"),
        _("村次"),
        _("期内报告周期结束时既无零报告也无疫情报告的村次（自本县首份零报告起）"),
        SOURCE,
        ZERO_REPORTS_MISSING,
        order=73,
    ),
)
