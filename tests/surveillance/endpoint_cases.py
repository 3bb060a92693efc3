"""Access cases of the surveillance API for the generic suite (tests/core/test_api_access.py)."""

from __future__ import annotations

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.demo import village_code
from smartvet.core.models import Role
from smartvet.core.services import create_account
from smartvet.surveillance.commands import ReportIn, RuleIn
from smartvet.surveillance.models import AlertRule
from smartvet.surveillance.services import evaluation, outbreaks, reports
from smartvet.surveillance.services import rules as rule_services
from tests.support.endpoints import Because, Call, EndpointCase, Event, Param, Sent
from tests.support.factories import make_farm
from tests.support.personas import PASSWORD
from tests.surveillance import factories

OWN_LIST = Because("a list of what lies within the caller's reach: it names no object or region")
KEJING = "419001100"
REPORT, RESULT, ALERT = "surveillance.report", "surveillance.labresult", "surveillance.alert"
EVENT, RULE = "surveillance.outbreakevent", "surveillance.alertrule"


def _farm(p):
    return make_farm(p.station_longquan)


def _jiyuan_farm(p):
    """A farm of 济源市, outside 夷陵区's reach (its station made by the admin)."""
    station = create_account(
        actor=p.admin,
        username="station_kejing",
        password=PASSWORD,
        role=Role.STATION,
        region=KEJING,
    )
    return make_farm(station, region=village_code(KEJING, 0))


def _death(p) -> Call:
    farm = _farm(p)
    body = {
        "kind": "death",
        "farm": farm.pk,
        "region": "",
        "category": "fattening_pig",
        "at_risk": 200,
        "sick": 0,
        "dead": 2,
        "onset_date": timezone.localdate().isoformat(),
        "disease": "",
        "notes": "",
        "disposal_method": "centre",
    }
    return Call(body=body)


def _lab_body(farm, positive=0):
    return {
        "farm": farm.pk,
        "disease": "ASF",
        "sampled_on": timezone.localdate().isoformat(),
        "samples": 10,
        "positive": positive,
        "lab": "夷陵区动物疫病预防控制中心实验室",
    }


def _waiting_sample(p, farm) -> Call:
    from smartvet.surveillance.models import LabResult

    record = LabResult.objects.create(
        farm=farm,
        disease="ASF",
        sampled_on=timezone.localdate(),
        samples=10,
        entered_by=p.cdc,
    )
    return Call(params={"result_id": record.pk}, body={"positive": 0, "lab": "省实验室"})


def _alert(p, body=None) -> Call:
    farm = _farm(p)
    result = factories.lab_result(p.cdc, farm, disease="FMD", positive=1)
    (alert,) = evaluation.raise_alerts(evaluation.findings_for_result(result, timezone.localdate()))
    return Call(params={"alert_id": alert.pk}, body=body if body is not None else {})


def _county_rule(p) -> Call:
    default = AlertRule.objects.get(code="village-deaths-7d", region_id="CN")
    values = {
        "name": default.name,
        "region_level": "village",
        "window_days": 7,
        "method": "ratio",
        "parameters": {"k": 4},
        "min_count": 6,
        "severity": "medium",
        "routing_level": "county",
        "cooldown_hours": 24,
        "source": default.source,
    }
    own = rule_services.edit_rule(actor=p.cdc, rule_id=default.pk, command=parse(RuleIn, values))
    return Call(params={"rule_id": own.pk}, body={**values, "min_count": 8})


def _event(p, body=None) -> Call:
    farm = _farm(p)
    command = parse(
        ReportIn,
        {
            "kind": "suspected_outbreak",
            "farm": farm.pk,
            "category": "fattening_pig",
            "at_risk": 200,
            "sick": 5,
            "onset_date": timezone.localdate().isoformat(),
            "disease": "ASF",
        },
    )
    report = reports.submit_report(actor=p.station_longquan, command=command)
    from smartvet.surveillance.models import OutbreakEvent

    event = OutbreakEvent.objects.get(source_report=report)
    return Call(params={"event_id": event.pk}, body=body if body is not None else {})


def _reported_event(p) -> Call:
    call = _event(p)
    outbreaks.report_to_province(actor=p.cdc, event_id=call.params["event_id"])
    return call


CASES = [
    EndpointCase(
        "post",
        "/api/v1/surveillance/reports",
        setup=_death,
        allowed="station_longquan",
        forbidden="expert",
        foreign="station_yaqueling",
        records=(
            Event("farm.stock_changed", "registry.farm", Sent("farm")),
            Event("report.submitted", REPORT),
        ),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/surveillance/reports",
        allowed="vet_longquan",
        forbidden="checkpoint",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/surveillance/zero-reports",
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/surveillance/lab-results",
        setup=lambda p: Call(body=_lab_body(_farm(p))),
        allowed="cdc",
        forbidden="station_longquan",
        foreign="cdc",
        foreign_setup=lambda p: Call(body=_lab_body(_jiyuan_farm(p))),
        records=(Event("labresult.recorded", RESULT),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/surveillance/lab-results",
        allowed="cdc",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/surveillance/lab-results/{result_id}/result",
        setup=lambda p: _waiting_sample(p, _farm(p)),
        allowed="cdc",
        forbidden="station_longquan",
        foreign="cdc",
        foreign_setup=lambda p: _waiting_sample(p, _jiyuan_farm(p)),
        records=(Event("labresult.entered", RESULT, Param("result_id")),),
    ),
    EndpointCase(
        "get",
        "/api/v1/surveillance/alerts",
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/surveillance/alerts/{alert_id}",
        setup=_alert,
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/surveillance/alerts/{alert_id}/acknowledge",
        setup=_alert,
        allowed="station_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(Event("alert.acknowledged", ALERT, Param("alert_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/surveillance/alerts/{alert_id}/close",
        setup=lambda p: _alert(p, {"outcome": "false_alarm", "notes": "复核为正常死亡"}),
        allowed="cdc",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(Event("alert.closed", ALERT, Param("alert_id")),),
    ),
    EndpointCase(
        "get",
        "/api/v1/surveillance/rules",
        allowed="cdc",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "put",
        "/api/v1/surveillance/rules/{rule_id}",
        setup=_county_rule,
        allowed="cdc",
        forbidden="station_longquan",
        foreign="jiyuan_bureau",
        records=(Event("rule.changed", RULE, Param("rule_id")),),
    ),
    EndpointCase(
        "get",
        "/api/v1/surveillance/outbreaks",
        allowed="cdc",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/surveillance/outbreaks/{event_id}",
        setup=_event,
        allowed="cdc",
        forbidden="farmer_longquan",
        foreign="jiyuan_bureau",
    ),
    EndpointCase(
        "post",
        "/api/v1/surveillance/outbreaks/{event_id}/province",
        setup=_event,
        allowed="cdc",
        forbidden="station_longquan",
        foreign="jiyuan_bureau",
        records=(Event("outbreak.reported_province", EVENT, Param("event_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/surveillance/outbreaks/{event_id}/ministry",
        setup=_reported_event,
        allowed="province_supervisor",
        forbidden="station_longquan",
        foreign=Because("a provincial account sees every county of its province"),
        records=(Event("outbreak.reported_ministry", EVENT, Param("event_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/surveillance/outbreaks/{event_id}/reports",
        setup=lambda p: _event(p, {"kind": "immediate"}),
        allowed="cdc",
        forbidden="station_longquan",
        foreign="jiyuan_bureau",
        records=(Event("outbreak.report_submitted", EVENT, Param("event_id")),),
    ),
]
