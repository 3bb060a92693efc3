"""What surveillance contributes to supervision (DOMAIN.md §8, §9): alerts still open, and
the zero reports received (疫情零报告)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, cells, span
from smartvet.surveillance.models import Alert, AlertStatus, Report, ReportKind


def open_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    # counted on the day it was raised, while it is not closed: closing it takes it out of
    # every figure up to the period's end
    rows = Alert.objects.filter(
        span("region_id", region, "opened_at", first, last, timestamp=True)
    ).exclude(status=AlertStatus.CLOSED)
    return cells(rows, day="opened_at", place="region_id")


def zero_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = Report.objects.filter(
        span("region_id", region, "period", first, last, timestamp=False), kind=ReportKind.ZERO
    )
    return cells(rows, day="period", place="region_id", timestamp=False)


ALERTS_OPEN = Measure("alerts_open", open_facts, stock=True)
ZERO_REPORTS = Measure("zero_reports", zero_facts)

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
)
