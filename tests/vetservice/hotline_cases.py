"""Access cases of the hotline and daily-report API for the generic suite
(tests/core/test_api_access.py), joined to tests/vetservice/endpoint_cases.py's CASES."""

from __future__ import annotations

from django.utils import timezone

from tests.support.endpoints import Because, Call, EndpointCase, Event, New, Param
from tests.support.factories import LONGQUAN, LONGQUAN_VILLAGE, make_farm
from tests.vetservice import factories as f
from tests.vetservice.hotline_factories import open_ticket, respond

TICKET, ORDER = "vetservice.hotlineticket", "vetservice.serviceorder"
OWN_LIST = Because("a list of what lies within the caller's reach: it names no object or region")


def _new_ticket(p) -> Call:
    farm = make_farm(p.farmer_longquan)
    return Call(
        body={
            "stage": "during",
            "subject": "母猪产后不食",
            "body": "两头母猪产后三天不吃料",
            "phone": "13907171234",
            "farm": farm.pk,
        }
    )


def _ticket(p, body=None, *, answered=False) -> Call:
    ticket = open_ticket(p.station_longquan, region=LONGQUAN)
    if answered:
        respond(p.station_longquan, ticket)
    return Call(params={"ticket_id": ticket.pk}, body=body)


def _ticket_with_farm(p) -> Call:
    f.open_catalogue(p.bureau)
    provider = f.register_provider(
        p.county_supervisor, "provider_xingmu", villages=[LONGQUAN_VILLAGE]
    )
    f.enrol(p.county_supervisor, "vaccinator_longquan")
    farm = make_farm(p.farmer_longquan)
    f.make_agreement(
        provider.account,
        farm,
        services=("immunization", "castration"),
        confirm_by=p.farmer_longquan,
    )
    ticket = open_ticket(p.station_longquan, farm=farm.pk)
    body = {
        "service": "castration",
        "category": "fattening_pig",
        "animals": 4,
        "preferred_date": timezone.localdate().isoformat(),
        "notes": "来电预约",
    }
    return Call(params={"ticket_id": ticket.pk}, body=body)


CASES = [
    EndpointCase(
        "post",
        "/api/v1/hotline/tickets",
        setup=_new_ticket,
        allowed="farmer_longquan",
        forbidden="vaccinator_longquan",
        foreign="station_yaqueling",
        records=(Event("hotline.ticket_opened", TICKET),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/hotline/tickets",
        allowed="station_longquan",
        forbidden="vaccinator_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/hotline/tickets/{ticket_id}",
        setup=_ticket,
        allowed="station_longquan",
        forbidden="vaccinator_longquan",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/hotline/tickets/{ticket_id}/respond",
        setup=lambda p: _ticket(p, {"text": "已电话回复"}),
        allowed="station_longquan",
        forbidden="vaccinator_longquan",
        foreign="station_yaqueling",
        records=(Event("hotline.responded", TICKET, Param("ticket_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/hotline/tickets/{ticket_id}/update",
        setup=lambda p: _ticket(p, {"text": "兽医下午上门"}, answered=True),
        allowed="station_longquan",
        forbidden="vaccinator_longquan",
        foreign="station_yaqueling",
        records=(Event("hotline.updated", TICKET, Param("ticket_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/hotline/tickets/{ticket_id}/order",
        setup=_ticket_with_farm,
        allowed="station_longquan",
        forbidden="county_supervisor",
        foreign="station_yaqueling",
        records=(
            Event("service_order.placed", ORDER, New()),
            Event("hotline.ordered", TICKET, Param("ticket_id")),
        ),
    ),
    EndpointCase(
        "post",
        "/api/v1/hotline/tickets/{ticket_id}/close",
        setup=lambda p: _ticket(p, {"resolution": "电话指导后恢复", "satisfaction": 5}),
        allowed="station_longquan",
        forbidden="vaccinator_longquan",
        foreign="station_yaqueling",
        records=(Event("hotline.closed", TICKET, Param("ticket_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/services/daily-reports",
        setup=lambda p: Call(body={"day": timezone.localdate().isoformat(), "zero": True}),
        allowed="vaccinator_longquan",
        forbidden="station_longquan",
        foreign=Because("a vaccinator reports its own day: the report names no object or region"),
        records=(Event("vetservice.daily_report_sent", "vetservice.dailyreport"),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/daily-reports/missing",
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
]
