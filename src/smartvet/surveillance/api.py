"""API of surveillance and early warning (CONTRACT.md "Surveillance"). Payloads are the
services' commands (surveillance.commands); answers the schemas of surveillance.schemas."""

from __future__ import annotations

from typing import Any

from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.surveillance.commands import (
    AcknowledgeIn,
    CloseIn,
    LabResultIn,
    OutbreakReportIn,
    ReportIn,
    ResultIn,
    RuleIn,
)
from smartvet.surveillance.queries import alerts as alert_queries
from smartvet.surveillance.queries import outbreaks as outbreak_queries
from smartvet.surveillance.queries import reports as report_queries
from smartvet.surveillance.queries import rules as rule_queries
from smartvet.surveillance.queries.lab import results_visible_to
from smartvet.surveillance.schemas import (
    AlertDetailOut,
    AlertOut,
    CreatedOut,
    EventOut,
    LabResultOut,
    ReportOut,
    RuleOut,
    ZeroBoardOut,
)
from smartvet.surveillance.services import alerts, lab, outbreaks, reports
from smartvet.surveillance.services import rules as rule_services

router = Router(tags=["surveillance"])
Id = Path(..., ge=1, le=MAX_ID)
Code = Query("", max_length=12)


@router.post("/surveillance/reports", response={201: CreatedOut}, summary="疫情报告（含零报告）")
def create_report(request, payload: ReportIn):
    return Status(201, reports.submit_report(actor=request.auth, command=payload))


@router.get("/surveillance/reports", response=list[ReportOut], summary="疫情报告列表")
@paginate(Page)
def list_reports(
    request,
    kind: str = Query("", max_length=20),
    region: str = Code,
    q: str = Query("", max_length=100),
):
    return report_queries.reports_visible_to(request.auth, kind=kind, region=region, q=q)


@router.get("/surveillance/zero-reports", response=ZeroBoardOut, summary="零报告：已报与缺报")
def zero_reports(request, region: str = Code):
    board = report_queries.zero_board(request.auth, region=region)
    board["villages"] = [
        {
            "village": row["village"].code,
            "name": row["village"].name,
            "state": row["state"],
            "vaccinators": [v.username for v in row["vaccinators"]],
        }
        for row in board.pop("rows")
    ]
    return board


@router.post("/surveillance/lab-results", response={201: CreatedOut}, summary="检测结果")
def create_lab_result(request, payload: LabResultIn):
    return Status(201, lab.record_lab_result(actor=request.auth, command=payload))


@router.get("/surveillance/lab-results", response=list[LabResultOut], summary="采样与检测结果")
@paginate(Page)
def list_lab_results(request, disease: str = Query("", max_length=20), region: str = Code):
    return results_visible_to(request.auth, disease=disease, region=region)


@router.post(
    "/surveillance/lab-results/{result_id}/result",
    response=LabResultOut,
    summary="录入已采样品的检测结果",
)
def enter_result(request, payload: ResultIn, result_id: int = Id):
    return lab.enter_result(actor=request.auth, result_id=result_id, command=payload)


@router.get("/surveillance/alerts", response=list[AlertOut], summary="预警（本辖区）")
@paginate(Page)
def list_alerts(
    request,
    status: str = Query("", pattern="^(open|acknowledged|closed)?$"),
    region: str = Code,
):
    return alert_queries.alerts_visible_to(request.auth, status=status, region=region)


@router.get("/surveillance/alerts/{alert_id}", response=AlertDetailOut, summary="预警详情")
def get_alert(request, alert_id: int = Id):
    return alert_queries.alert_for(request.auth, alert_id)


@router.post(
    "/surveillance/alerts/{alert_id}/acknowledge", response=AlertOut, summary="确认收到预警"
)
def acknowledge_alert(request, payload: AcknowledgeIn, alert_id: int = Id):
    return alerts.acknowledge(actor=request.auth, alert_id=alert_id)


@router.post("/surveillance/alerts/{alert_id}/close", response=AlertOut, summary="关闭预警")
def close_alert(request, payload: CloseIn, alert_id: int = Id):
    return alerts.close(actor=request.auth, alert_id=alert_id, command=payload)


@router.get("/surveillance/rules", response=list[RuleOut], summary="预警规则（含阳性预测值）")
def list_rules(request):
    return rule_queries.rules_for(request.auth)


@router.put("/surveillance/rules/{rule_id}", response=RuleOut, summary="修改预警规则（县、省）")
def edit_rule(request, payload: RuleIn, rule_id: int = Id):
    rule = rule_services.edit_rule(actor=request.auth, rule_id=rule_id, command=payload)
    return rule_queries.rule(request.auth, rule.pk)


@router.get("/surveillance/outbreaks", response=list[EventOut], summary="疫情事件与报告时限")
@paginate(Page)
def list_events(request):
    return outbreak_queries.events_visible_to(request.auth)


@router.get("/surveillance/outbreaks/{event_id}", summary="疫情事件（WOAH格式JSON）")
def get_event(request, event_id: int = Id) -> dict[str, Any]:
    event = outbreak_queries.event_for(request.auth, event_id)
    return outbreak_queries.woah_event(event)


@router.post("/surveillance/outbreaks/{event_id}/province", response=EventOut, summary="已报告省级")
def report_to_province(request, payload: AcknowledgeIn, event_id: int = Id):
    return outbreaks.report_to_province(actor=request.auth, event_id=event_id)


@router.post(
    "/surveillance/outbreaks/{event_id}/ministry", response=EventOut, summary="已报告农业农村部"
)
def report_to_ministry(request, payload: AcknowledgeIn, event_id: int = Id):
    return outbreaks.report_to_ministry(actor=request.auth, event_id=event_id)


@router.post(
    "/surveillance/outbreaks/{event_id}/reports",
    response={201: CreatedOut},
    summary="快报、续报、终报",
)
def submit_event_report(request, payload: OutbreakReportIn, event_id: int = Id):
    report = outbreaks.submit_event_report(actor=request.auth, event_id=event_id, command=payload)
    return Status(201, report)
