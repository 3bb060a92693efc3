"""What violation cases contribute to supervision's assessment (DOMAIN.md §9; seed 001 §三:
violations punished, people held to account): cases opened, cases closed, fines decided."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from smartvet.core.indicators import Cell, Indicator, Measure, cells, span
from smartvet.enforcement.models import Case, CaseDecision


def _cases(region: str, day: str, first: date | None, last: date | None):
    return Case.objects.filter(span("region_id", region, day, first, last, timestamp=True))


def opened_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    return cells(_cases(region, "opened_at", first, last), day="opened_at", place="region_id")


def closed_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = _cases(region, "closed_at", first, last).filter(closed_at__isnull=False)
    return cells(rows, day="closed_at", place="region_id")


def fine_facts(region: str, first: date | None, last: date | None) -> list[Cell]:
    rows = _cases(region, "decided_at", first, last).filter(decision=CaseDecision.FINE)
    return cells(rows, day="decided_at", place="region_id", value=Sum("amount"))


INDICATORS = [
    Indicator(
        code="cases_opened",
        name=_("立案数"),
        unit=_("件"),
        definition=_("期间内立案的执法案件数（指定通道查验、屠宰查验、监管异常或举报巡查）"),
        source=_("执法办案"),
        measure=Measure("cases_opened", opened_facts),
        order=80,
    ),
    Indicator(
        code="cases_closed",
        name=_("结案数"),
        unit=_("件"),
        definition=_("期间内结案的执法案件数"),
        source=_("执法办案"),
        measure=Measure("cases_closed", closed_facts),
        order=81,
    ),
    Indicator(
        code="fines_decided",
        name=_("罚款金额"),
        unit=_("元"),
        definition=_("期间内作出的罚款决定金额合计"),
        source=_("执法办案"),
        measure=Measure("fines_decided", fine_facts),
        order=82,
    ),
]
