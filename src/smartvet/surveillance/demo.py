"""Demo data: the default rules are there (migration 0002); a few reports in 龙泉镇, among
them a burst of deaths on one farm that opens one alert for the cdc account to acknowledge,
trace and close; a sampling plan and a negative lab result; one village's zero report.
Everything goes through the services; a second load adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.models import User
from smartvet.registry import queries as registry_queries
from smartvet.surveillance.commands import LabResultIn, ReportIn, SamplingPlanIn
from smartvet.surveillance.models import Report
from smartvet.surveillance.services import lab, reports
from smartvet.surveillance.tasks import evaluate_report

LONGQUAN_VILLAGES = ("420506107201", "420506107202", "420506107203")


def load(password: str) -> None:
    station = User.objects.filter(username="station_longquan").first()
    cdc = User.objects.filter(username="cdc").first()
    if station is None or cdc is None or Report.objects.filter(reported_by=station).exists():
        return
    farm = (
        registry_queries.farms_visible_to(station)
        .filter(region_id__in=LONGQUAN_VILLAGES)
        .order_by("pk")
        .first()
    )
    if farm is None:
        return
    today = timezone.localdate()
    stock = registry_queries.current_stock(farm)
    category = max(stock, key=stock.get) if stock else ""
    if category and stock[category] >= 8:
        for days_ago in (2, 1, 0):
            report = reports.submit_report(
                actor=station, command=_death(farm, category, today - timedelta(days=days_ago))
            )
        # The demo runs without a task worker: evaluate as the worker would.
        evaluate_report.call(report.pk)
    reports.submit_report(
        actor=station,
        command=parse(
            ReportIn,
            {
                "kind": "sickness",
                "region": LONGQUAN_VILLAGES[1],
                "category": "layer",
                "at_risk": 300,
                "sick": 4,
                "onset_date": today.isoformat(),
                "signs": "精神沉郁、采食减少",
            },
        ),
    )
    reports.submit_report(
        actor=station, command=parse(ReportIn, {"kind": "zero", "region": LONGQUAN_VILLAGES[2]})
    )
    lab.save_plan(
        actor=cdc,
        command=parse(
            SamplingPlanIn,
            {
                "disease": "ASF",
                "species": "pig",
                "region": "420506",
                "year": today.year,
                "season": "spring" if today.month <= 6 else "autumn",
                "samples": 300,
            },
        ),
    )
    lab.record_lab_result(
        actor=cdc,
        command=parse(
            LabResultIn,
            {
                "farm": farm.pk,
                "disease": "ASF",
                "sampled_on": today.isoformat(),
                "samples": 10,
                "positive": 0,
                "lab": "夷陵区动物疫病预防控制中心实验室",
                "accreditation": "CMA",
            },
        ),
    )


def _death(farm, category, on) -> ReportIn:  # type: ignore[no-untyped-def]
    return parse(
        ReportIn,
        {
            "kind": "death",
            "farm": farm.pk,
            "category": category,
            "dead": 2,
            "onset_date": on.isoformat(),
            "signs": "突然死亡、耳部发绀",
            "disposal_method": "centre",
            "disposal_place": "夷陵区病死畜禽无害化处理中心",
            "disposal_by": "龙泉镇畜牧兽医站",
        },
    )
