"""Supervision pages (issue 13 point 3): a dashboard per region with drill-down province →
city → county → township → village, rollout, and their xlsx exports; all read the rollups."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core import regions
from smartvet.core.access import can
from smartvet.core.commands import parse
from smartvet.core.errors import ValidationFailed
from smartvet.core.queries import region_path
from smartvet.supervision import anomalies, charts, queries, rollout, services
from smartvet.supervision.commands import EnableFeatures, ReportLive
from smartvet.supervision.exports import streamed_xlsx
from smartvet.supervision.models import CountyRollout
from smartvet.supervision.permissions import ENABLE_FEATURES, REPORT_LIVE

DEFAULT_RANK = "farms_registered"
# beside the ranking indicator, the children's table shows these (wide screens only)
BESIDE = ("farms_registered", "certificates", "immunization_density")


def _day(request: Any, name: str) -> date | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise ValidationFailed(
            _("日期格式应为YYYY-MM-DD"), [{"field": name, "code": "VALIDATION_ERROR"}]
        ) from None


def _period(request: Any) -> queries.Period:
    return queries.period(_day(request, "from"), _day(request, "to"))


def _trail(request: Any, code: str) -> list[Any]:
    """The region's ancestors the reader may open, from the top of its reach down."""
    return [r for r in region_path(code) if regions.is_within(r.code, request.user.region_id)]


@login_required
def home(request):
    return redirect("supervision:dashboard", code=request.user.region_id)


def _ranked(answer: dict[str, Any], columns: list[Any]) -> list[dict[str, Any]]:
    """The children, highest first by the first column, each with its row of values."""
    rank = columns[0].code
    ordered = sorted(answer["children"], key=lambda c: -(c["figures"].get(rank) or 0))
    return [{**child, "values": [child["figures"][i.code] for i in columns]} for child in ordered]


@login_required
def dashboard(request, code: str):
    period = _period(request)
    answer = queries.figures(request.user, code, period)
    items = queries.indicators()
    codes = {i.code for i in items}
    rank = request.GET.get("rank", DEFAULT_RANK)
    rank = rank if rank in codes else DEFAULT_RANK
    shown = request.GET.get("indicator", rank)
    shown = shown if shown in codes else rank
    indicator = queries.indicator(shown)
    points = queries.series(request.user, code, indicator, period)
    found = anomalies.anomalies(request.user, code, period)
    by_code = {i.code: i for i in items}
    columns = [by_code[rank], *[by_code[c] for c in BESIDE if c != rank and c in by_code]]
    return render(
        request,
        "supervision/dashboard.html",
        {
            "answer": answer,
            "trail": _trail(request, code),
            "period": period,
            "rows": [(i, answer["figures"][i.code]) for i in items],
            "items": items,
            "rank": rank,
            "columns": columns,
            "children": _ranked(answer, columns),
            "drillable": len(code) < 12,
            "indicator": indicator,
            "chart": charts.bars(points),
            "anomalies": found[:20],
            "anomaly_count": len(found),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def figures_export(request, code: str):
    period = _period(request)
    answer = queries.figures(request.user, code, period)
    items = queries.indicators()
    headers = [_("区划代码"), _("地区"), *[f"{i.name}（{i.unit}）" for i in items]]

    def rows():
        yield [answer["region"], answer["name"], *[answer["figures"][i.code] for i in items]]
        for child in answer["children"]:
            yield [child["code"], child["name"], *[child["figures"][i.code] for i in items]]

    name = f"{answer['name']}_{period.first}_{period.last}_监管指标.xlsx"
    return streamed_xlsx(name, _("监管指标"), headers, rows())


@login_required
def anomalies_export(request, code: str):
    period = _period(request)
    found = anomalies.anomalies(request.user, code, period, request.GET.get("kind", "")[:30])
    headers = [_("类型"), _("区划代码"), _("地区"), _("说明")]
    rows = ([a.kind_label, a.region, a.region_name, a.summary] for a in found)
    return streamed_xlsx(f"{code}_异常清单.xlsx", _("异常清单"), headers, rows)


@login_required
def rollout_page(request, code: str):
    states = rollout.rollout(request.user, code)
    region = queries.region_for(request.user, code)
    for state in states:
        record = CountyRollout(county_id=state.code)
        state.may_enable = can(request.user, ENABLE_FEATURES, record)
        state.may_report = can(request.user, REPORT_LIVE, record)
    return render(
        request,
        "supervision/rollout.html",
        {
            "region": region,
            "states": states,
            "trail": _trail(request, code),
            "late": sum(s.late for s in states),
        },
    )


@login_required
def rollout_export(request, code: str):
    states = rollout.rollout(request.user, code)
    headers = [
        _("区划代码"),
        _("县（市、区）"),
        _("首次发放耳标"),
        _("首次产地检疫出证"),
        _("上报启用日期"),
        _("滞后"),
    ]
    rows = (
        [
            s.code,
            s.name,
            s.tags_live_on,
            s.quarantine_live_on,
            s.reported_live_on,
            s.late_for if s.late else "",
        ]
        for s in states
    )
    return streamed_xlsx(f"{code}_上线进度.xlsx", _("上线进度"), headers, rows)


@login_required
@require_POST
def rollout_features(request, code: str, county: str):
    command = parse(
        EnableFeatures, _dates(request, "tag_issue_enabled_on", "quarantine_enabled_on")
    )
    services.enable_features(actor=request.user, county=county, command=command)
    messages.success(request, _("已更新功能开通日期"))
    return redirect("supervision:rollout", code=code)


@login_required
@require_POST
def rollout_report(request, code: str, county: str):
    command = parse(ReportLive, _dates(request, "reported_live_on"))
    services.report_live(actor=request.user, county=county, command=command)
    messages.success(request, _("已上报新功能启用时间"))
    return redirect("supervision:rollout", code=code)


def _dates(request: Any, *names: str) -> dict[str, str | None]:
    return {name: request.POST.get(name, "").strip()[:10] or None for name in names}
