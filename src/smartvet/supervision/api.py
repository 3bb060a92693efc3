"""Supervision API (CONTRACT.md "Supervision"): indicators, figures with children, a time
series, anomalies and rollout, all read from the daily rollups."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from smartvet.core.access import require
from smartvet.core.pagination import Page
from smartvet.supervision import anomalies, assessment, queries, rollout, services
from smartvet.supervision.commands import (
    CloseNotice,
    CreateScheme,
    EnableFeatures,
    IssueNotice,
    RecordTraining,
    ReportLive,
)
from smartvet.supervision.permissions import VIEW

router = Router(tags=["supervision"])


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    definition: str
    source: str
    rollup: str
    stock: bool


class ChildOut(Schema):
    code: str
    name: str
    figures: dict[str, float | int | None]


class FiguresOut(Schema):
    region: str
    name: str
    level: str
    figures: dict[str, float | int | None]
    children: list[ChildOut]


class PointOut(Schema):
    label: str
    value: float | int | None


class PeriodQuery(Schema):
    region: str | None = None
    first: date | None = Query(None, alias="from")
    last: date | None = Query(None, alias="to")


def _region(request: Any, region: str | None) -> str:
    return region or request.auth.region_id


@router.get("/supervision/indicators", response=list[IndicatorOut], summary="监管指标及口径")
def list_indicators(request):
    require(request.auth, VIEW)
    return [
        {
            "code": item.code,
            "name": str(item.name),
            "unit": str(item.unit),
            "definition": str(item.definition),
            "source": str(item.source),
            "rollup": item.rollup.value,
            "stock": item.stock,
        }
        for item in queries.indicators()
    ]


@router.get("/supervision/figures", response=FiguresOut, summary="地区指标数及下级排名")
def figures(request, params: Query[PeriodQuery]):
    """Totals over the period (stock-like indicators as of `to`) for the region and each of
    its children; a region outside the caller's reach answers 404."""
    period = queries.period(params.first, params.last)
    return queries.figures(request.auth, _region(request, params.region), period)


@router.get("/supervision/series", response=list[PointOut], summary="指标时间序列")
def series(request, indicator: str, params: Query[PeriodQuery]):
    """One indicator over the period: by day up to 62 days, by month beyond."""
    period = queries.period(params.first, params.last)
    item = queries.indicator(indicator)
    return queries.series(request.auth, _region(request, params.region), item, period)


class AnomalyOut(Schema):
    kind: str
    region: str
    object: str
    summary: str


class AnomaliesOut(Schema):
    items: list[AnomalyOut]
    count: int


class AnomalyQuery(PeriodQuery):
    kind: str = ""


@router.get("/supervision/anomalies", response=AnomaliesOut, summary="异常清单")
def list_anomalies(request, params: Query[AnomalyQuery]):
    period = queries.period(params.first, params.last)
    found = anomalies.anomalies(request.auth, _region(request, params.region), period, params.kind)
    return {"items": [a.as_dict() for a in found], "count": len(found)}


class CountyOut(Schema):
    code: str
    name: str
    tags_live_on: date | None
    quarantine_live_on: date | None
    reported_live_on: date | None
    tag_issue_enabled_on: date | None
    quarantine_enabled_on: date | None
    late: bool
    late_for: str


class RolloutOut(Schema):
    counties: list[CountyOut]


@router.get("/supervision/rollout", response=RolloutOut, summary="各县上线进度")
def county_rollout(request, region: str | None = None):
    states = rollout.rollout(request.auth, _region(request, region))
    return {"counties": [state.as_dict() for state in states]}


class CountyRecordOut(Schema):
    county: str
    reported_live_on: date | None
    tag_issue_enabled_on: date | None
    quarantine_enabled_on: date | None

    @staticmethod
    def resolve_county(record) -> str:
        return record.county_id


@router.post(
    "/supervision/rollout/{county}/features",
    response=CountyRecordOut,
    summary="省级开通县级功能应用",
)
def enable_features(request, county: str, payload: EnableFeatures):
    return services.enable_features(actor=request.auth, county=county, command=payload)


@router.post(
    "/supervision/rollout/{county}/report", response=CountyRecordOut, summary="县级上报启用时间"
)
def report_live(request, county: str, payload: ReportLive):
    return services.report_live(actor=request.auth, county=county, command=payload)


class TrainingOut(Schema):
    id: int
    region: str
    kind: str
    title: str
    held_on: date
    attendees: int

    @staticmethod
    def resolve_region(session) -> str:
        return session.region_id

    @staticmethod
    def resolve_attendees(session) -> int:
        return sum(line.attendees for line in session.attendance.all())


@router.post("/supervision/trainings", response={201: TrainingOut}, summary="登记培训及参训情况")
def record_training(request, payload: RecordTraining):
    return Status(201, services.record_training(actor=request.auth, command=payload))


class SchemeOut(Schema):
    id: int
    region: str
    name: str
    starts_on: date
    ends_on: date

    @staticmethod
    def resolve_region(scheme) -> str:
        return scheme.region_id


@router.post("/supervision/schemes", response={201: SchemeOut}, summary="制定考核方案")
def create_scheme(request, payload: CreateScheme):
    return Status(201, services.create_scheme(actor=request.auth, command=payload))


class ScoreOut(Schema):
    rank: int
    code: str
    name: str
    score: float
    points: dict[str, float]


class ScoresOut(Schema):
    scheme: SchemeOut
    items: list[ScoreOut]


@router.get("/supervision/schemes/{scheme_id}/scores", response=ScoresOut, summary="考核得分及排名")
def scheme_scores(request, scheme_id: int):
    scheme, ranked = assessment.scores(request.auth, scheme_id)
    return {"scheme": scheme, "items": ranked}


class NoticeOut(Schema):
    id: int
    region: str
    kind: str
    status: str
    reason: str
    rectify_by: date | None
    rectification: str
    overdue: bool

    @staticmethod
    def resolve_region(notice) -> str:
        return notice.region_id

    @staticmethod
    def resolve_overdue(notice) -> bool:
        return assessment.is_overdue(notice)


@router.post("/supervision/notices", response={201: NoticeOut}, summary="通报表扬或通报批评")
def issue_notice(request, payload: IssueNotice):
    return Status(201, services.issue_notice(actor=request.auth, command=payload))


@router.get("/supervision/notices", response=list[NoticeOut], summary="通报及整改跟踪")
@paginate(Page)
def list_notices(request, status: str = ""):
    return assessment.notices(request.auth, status=status[:20])


@router.post("/supervision/notices/{notice_id}/close", response=NoticeOut, summary="整改销号")
def close_notice(request, notice_id: int, payload: CloseNotice):
    return services.close_notice(actor=request.auth, notice_id=notice_id, command=payload)
