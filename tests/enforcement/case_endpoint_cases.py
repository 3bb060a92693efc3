"""Access cases of the vehicle, dealer and case endpoints (tests/core/test_api_access.py)."""

from __future__ import annotations

from django.utils import timezone

from tests.enforcement.case_factories import failed_check, open_by_hand
from tests.enforcement.vehicle_factories import register
from tests.quarantine import factories
from tests.support.endpoints import Because, Call, EndpointCase, Event, Param

OWN_LIST = Because("a list of what lies within the caller's reach: it names no object or region")
CASE, VEHICLE, DEALER = "enforcement.case", "registry.vehicle", "enforcement.dealer"


def _vehicle(personas, body=None) -> Call:
    vehicle = register(personas.county_supervisor)
    return Call(params={"vehicle_id": vehicle.pk}, body=body)


def _dealer(personas) -> Call:
    from smartvet.core.commands import parse
    from smartvet.enforcement.commands.carriers import RegisterDealer
    from smartvet.enforcement.services import carriers

    dealer = carriers.register_dealer(
        actor=personas.county_supervisor,
        command=parse(
            RegisterDealer,
            {"name": "王运输", "id_number": "420506198501011235", "phone": "13907179999"},
        ),
    )
    body = {
        "direction": "bought",
        "date": timezone.localdate().isoformat(),
        "counterparty": "龙泉镇张建国",
        "category": "fattening_pig",
        "quantity": 20,
    }
    return Call(params={"dealer_id": dealer.pk}, body=body)


def _check(personas) -> Call:
    factories.stock_tags(personas)
    farm = factories.ready_farm(personas)
    certificate = factories.certify(
        personas, factories.declare(personas.farmer_longquan, farm, factories.tags(1, 5))
    )
    return Call(body={"check": failed_check(personas, certificate).pk})


def _case(personas, body=None, stage="open") -> Call:
    from smartvet.enforcement.services import cases

    case = open_by_hand(personas.bureau, region="420506")
    if stage in {"investigating", "decided"}:
        cases.investigate(actor=personas.bureau, case_id=case.pk)
    if stage == "decided":
        from tests.enforcement.case_factories import decide

        decide(personas.bureau, case, "warning", None)
    return Call(params={"case_id": case.pk}, body=body if body is not None else {})


def _evidence(personas) -> Call:
    from tests.support.factories import make_farm

    farm = make_farm(personas.station_longquan)
    return _case(personas, {"record_kind": "farm", "record_ref": str(farm.pk), "note": "涉案场"})


def _photo(personas) -> Call:
    from tests.enforcement.case_factories import png

    call = _case(personas, body={})
    call.files = {"photos": ("truck.png", png())}
    call.body = None
    return call


CASES = [
    EndpointCase(
        "post",
        "/api/v1/vehicles",
        setup=lambda p: Call(
            body={
                "plate": "鄂E·A1234",
                "owner_name": "王运输",
                "owner_phone": "13907179999",
                "capacity": 60,
                "region": "420506",
            }
        ),
        allowed="county_supervisor",
        forbidden="station_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("vehicle.registered", VEHICLE),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/vehicles",
        allowed="checkpoint",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/vehicles/{vehicle_id}/disinfections",
        setup=lambda p: _vehicle(
            p, {"date": timezone.localdate().isoformat(), "place": "夷陵区洗消中心"}
        ),
        allowed="checkpoint",
        forbidden="farmer_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("vehicle.disinfected", VEHICLE, Param("vehicle_id")),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/dealers",
        setup=lambda p: Call(
            body={
                "name": "王运输",
                "id_number": "420506198501011235",
                "phone": "13907179999",
                "region": "420506",
            }
        ),
        allowed="county_supervisor",
        forbidden="checkpoint",
        foreign="jiyuan_supervisor",
        records=(Event("dealer.registered", DEALER),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/dealers",
        allowed="checkpoint",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/dealers/{dealer_id}/trades",
        setup=_dealer,
        allowed="checkpoint",
        forbidden="vet_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("dealer.trade_recorded", DEALER, Param("dealer_id")),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/cases",
        setup=lambda p: Call(
            body={
                "kind": "no_certificate",
                "region": "420506107",
                "farm": None,
                "certificate": "",
                "summary": "巡查发现一车生猪无检疫证明",
            }
        ),
        allowed="checkpoint",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("case.opened", CASE),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/cases/from-check",
        setup=_check,
        allowed="checkpoint",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("case.opened", CASE),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/cases",
        allowed="county_supervisor",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/cases/{case_id}",
        setup=_case,
        allowed="province_supervisor",
        forbidden="station_longquan",
        foreign="jiyuan_supervisor",
    ),
    EndpointCase(
        "post",
        "/api/v1/cases/{case_id}/investigate",
        setup=_case,
        allowed="bureau",
        forbidden="checkpoint",
        foreign="jiyuan_bureau",
        records=(Event("case.investigating", CASE, Param("case_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/cases/{case_id}/evidence",
        setup=_evidence,
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("case.evidence_added", CASE, Param("case_id")),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/cases/{case_id}/photos",
        setup=_photo,
        allowed="checkpoint",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("case.evidence_added", CASE, Param("case_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/cases/{case_id}/decide",
        setup=lambda p: _case(
            p,
            {"decision": "fine", "amount": "2000.00", "reasons": "未备案车辆运输"},
            "investigating",
        ),
        allowed="bureau",
        forbidden="checkpoint",
        foreign="jiyuan_bureau",
        records=(Event("case.decided", CASE, Param("case_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/cases/{case_id}/close",
        setup=lambda p: _case(p, {}, "decided"),
        allowed="bureau",
        forbidden="checkpoint",
        foreign="jiyuan_bureau",
        records=(Event("case.closed", CASE, Param("case_id")),),
    ),
]
