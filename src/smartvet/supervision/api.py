"""Supervision API (CONTRACT.md "Supervision"): indicators, figures with children, a time
series, anomalies and rollout, all read from the daily rollups."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Query, Router, Schema, Status

from smartvet.core.access import require
from smartvet.supervision import anomalies, queries, rollout, services
from smartvet.supervision.commands import EnableFeatures, RecordTraining, ReportLive
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
