"""Supervision pages (issue 13 point 3): a dashboard per region with drill-down province →
city → county → township → village, rollout, and their xlsx exports; all read the rollups."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core import regions
from smartvet.core.access import available_actions, can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, ValidationFailed
from smartvet.core.queries import region_path
from smartvet.supervision import anomalies, assessment, charts, queries, rollout, services
from smartvet.supervision.commands import (
    CloseNotice,
    CreateScheme,
    EnableFeatures,
    IssueNotice,
    RecordTraining,
    ReportLive,
)
from smartvet.supervision.exports import streamed_xlsx
from smartvet.supervision.models import CountyRollout, NoticeKind, NoticeStatus, TrainingKind
from smartvet.supervision.permissions import (
    ASSESS,
    ENABLE_FEATURES,
    RECORD_TRAINING,
    REPORT_LIVE,
)

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
    rank = request.GET.get("rank", queries.DEFAULT_INDICATOR)
    rank = rank if rank in codes else queries.DEFAULT_INDICATOR
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
            "record_checks": anomalies.record_checks(),
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


# --- records: notices, assessment schemes, training sessions (seed 001 §三, seed 002 §三) --

PER_PAGE = 20


def _paged(request: Any, rows: Any) -> Any:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


def _query_without_page(request: Any) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def notices_page(request, code: str, error: DomainError | None = None):
    region = queries.region_for(request.user, code)
    status = request.GET.get("status", "")[:20]
    q = request.GET.get("q", "").strip()[:50]
    found = assessment.notices(request.user, status=status, region=code, q=q)
    page = _paged(request, found)
    for notice in page:
        notice.actions = available_actions(request.user, notice)
        notice.overdue = assessment.is_overdue(notice)
    return render(
        request,
        "supervision/notices.html",
        {
            "region": region,
            "trail": _trail(request, code),
            "page": page,
            "status": status,
            "q": q,
            "statuses": [("overdue", _("逾期未整改")), *NoticeStatus.choices],
            "kinds": NoticeKind.choices,
            "targets": queries.children(code),
            "schemes": assessment.schemes(request.user, region=code)[:50],
            "may_issue": can(request.user, ASSESS, region=code),
            "page_query": _query_without_page(request),
            "error": error,
            "post": request.POST,
        },
        status=422 if error else 200,
    )


@login_required
@require_POST
def notice_issue(request, code: str):
    data = {name: request.POST.get(name, "").strip() or None for name in IssueNotice.model_fields}
    try:
        services.issue_notice(actor=request.user, command=parse(IssueNotice, data))
    except DomainError as exc:
        return notices_page(request, code, error=exc)
    messages.success(request, _("已发出通报"))
    return redirect("supervision:notices", code=code)


@login_required
@require_POST
def notice_close(request, code: str, notice_id: int):
    data = {"rectification": request.POST.get("rectification", "")}
    try:
        services.close_notice(
            actor=request.user, notice_id=notice_id, command=parse(CloseNotice, data)
        )
    except DomainError as exc:
        return notices_page(request, code, error=exc)
    messages.success(request, _("已整改销号"))
    return redirect("supervision:notices", code=code)


@login_required
def notices_export(request, code: str):
    queries.region_for(request.user, code)
    found = assessment.notices(
        request.user,
        status=request.GET.get("status", "")[:20],
        region=code,
        q=request.GET.get("q", "").strip()[:50],
    )
    headers = [
        _("被通报地区"),
        _("通报类型"),
        _("状态"),
        _("通报事由"),
        _("整改期限"),
        _("整改情况"),
        _("通报单位"),
        _("通报时间"),
    ]
    rows = (
        [
            n.region.name,
            n.get_kind_display(),
            _("逾期未整改") if assessment.is_overdue(n) else n.get_status_display(),
            n.reason,
            n.rectify_by,
            n.rectification,
            n.issued_by.display_name,
            timezone.localtime(n.issued_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for n in found.iterator(chunk_size=500)
    )
    return streamed_xlsx(f"{code}_通报.xlsx", _("通报"), headers, rows)


SCHEME_LINES = 8  # indicator rows the form offers


@login_required
def schemes_page(request, code: str, error: DomainError | None = None):
    region = queries.region_for(request.user, code)
    q = request.GET.get("q", "").strip()[:50]
    page = _paged(request, assessment.schemes(request.user, region=code, q=q))
    return render(
        request,
        "supervision/schemes.html",
        {
            "region": region,
            "trail": _trail(request, code),
            "page": page,
            "q": q,
            "items": queries.indicators(),
            "lines": range(SCHEME_LINES),
            "may_create": can(request.user, ASSESS, region=code),
            "page_query": _query_without_page(request),
            "error": error,
            "post": request.POST,
        },
        status=422 if error else 200,
    )


def _scheme_lines(request: Any) -> list[dict[str, Any]]:
    """The filled rows of the form's indicator table (a row without an indicator is unused)."""
    post = request.POST
    return [
        {
            "indicator": post.get(f"indicator_{n}", ""),
            "weight": post.get(f"weight_{n}", "").strip() or None,
            "target": post.get(f"target_{n}", "").strip() or None,
            "lower_is_better": post.get(f"lower_{n}") == "on",
        }
        for n in range(SCHEME_LINES)
        if post.get(f"indicator_{n}")
    ]


@login_required
@require_POST
def scheme_create(request, code: str):
    data = {
        "region": code,
        "name": request.POST.get("name", ""),
        "starts_on": request.POST.get("starts_on", "").strip() or None,
        "ends_on": request.POST.get("ends_on", "").strip() or None,
        "items": _scheme_lines(request),
    }
    try:
        scheme = services.create_scheme(actor=request.user, command=parse(CreateScheme, data))
    except DomainError as exc:
        return schemes_page(request, code, error=exc)
    messages.success(request, _("已制定考核方案"))
    return redirect("supervision:scheme", scheme_id=scheme.pk)


@login_required
def scheme_page(request, scheme_id: int):
    scheme, ranked = assessment.scores(request.user, scheme_id)
    names = {i.code: i for i in queries.indicators()}
    items = list(scheme.items.all())
    return render(
        request,
        "supervision/scheme.html",
        {
            "scheme": scheme,
            "trail": _trail(request, scheme.region_id),
            "items": [(item, names.get(item.indicator)) for item in items],
            "ranked": [(s, [s.points.get(item.indicator) for item in items]) for s in ranked],
            "may_notify": can(request.user, ASSESS, region=scheme.region_id),
        },
    )


@login_required
def scheme_export(request, scheme_id: int):
    scheme, ranked = assessment.scores(request.user, scheme_id)
    names = {i.code: i.name for i in queries.indicators()}
    items = list(scheme.items.all())
    headers = [
        _("名次"),
        _("区划代码"),
        _("地区"),
        _("总分"),
        *[names.get(i.indicator, i.indicator) for i in items],
    ]
    rows = (
        [s.rank, s.code, s.name, s.score, *[s.points.get(i.indicator) for i in items]]
        for s in ranked
    )
    return streamed_xlsx(f"{scheme.name}_考核得分.xlsx", _("考核得分"), headers, rows)


@login_required
def trainings_page(request, code: str, error: DomainError | None = None):
    region = queries.region_for(request.user, code)
    kind = request.GET.get("kind", "")[:10]
    q = request.GET.get("q", "").strip()[:50]
    page = _paged(request, rollout.trainings(request.user, region=code, kind=kind, q=q))
    return render(
        request,
        "supervision/trainings.html",
        {
            "region": region,
            "trail": _trail(request, code),
            "page": page,
            "kind": kind,
            "q": q,
            "kinds": TrainingKind.choices,
            "stations": rollout.stations_under(code)[:200],
            "may_record": can(request.user, RECORD_TRAINING, region=code),
            "page_query": _query_without_page(request),
            "error": error,
            "post": request.POST,
        },
        status=422 if error else 200,
    )


@login_required
@require_POST
def training_record(request, code: str):
    post = request.POST
    attendance = [
        {
            "station": station,
            "attendees": post.get(f"attendees_{station}", "").strip(),
            "farms_trained": post.get(f"farms_{station}", "").strip() or 0,
        }
        for station in post.getlist("station")
        if post.get(f"attendees_{station}", "").strip()
    ]
    data = {
        "region": code,
        "kind": post.get("kind", ""),
        "title": post.get("title", ""),
        "held_on": post.get("held_on", "").strip() or None,
        "attendance": attendance,
    }
    try:
        services.record_training(actor=request.user, command=parse(RecordTraining, data))
    except DomainError as exc:
        return trainings_page(request, code, error=exc)
    messages.success(request, _("已登记培训"))
    return redirect("supervision:trainings", code=code)


@login_required
def trainings_export(request, code: str):
    queries.region_for(request.user, code)
    found = rollout.trainings(
        request.user,
        region=code,
        kind=request.GET.get("kind", "")[:10],
        q=request.GET.get("q", "").strip()[:50],
    )
    headers = [
        _("培训日期"),
        _("培训类型"),
        _("培训名称"),
        _("参训单位（乡镇）"),
        _("参训人数"),
        _("培训养殖场户数"),
    ]
    rows = (
        [
            s.held_on,
            s.get_kind_display(),
            s.title,
            line.station.name,
            line.attendees,
            line.farms_trained,
        ]
        for s in found.iterator(chunk_size=200)
        for line in s.attendance.all()
    )
    return streamed_xlsx(f"{code}_培训.xlsx", _("培训"), headers, rows)
