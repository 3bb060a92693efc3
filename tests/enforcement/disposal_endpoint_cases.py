"""Access cases of the disposal, claim, purification, sourcing and cold-chain API for the
generic suite (tests/core/test_api_access.py); joined in endpoint_cases.py."""

from __future__ import annotations

from django.utils import timezone

from tests.enforcement.disposal_factories import certify_purification, claim, dispatch, dispose
from tests.enforcement.disposal_factories import receive as receive_shipment
from tests.immunization.factories import make_lot, png_bytes
from tests.support.endpoints import Because, Call, EndpointCase, Event, Param, Sent, Subject
from tests.support.factories import make_farm

OWN_LIST = Because("a list of what lies within the caller's reach: it names no object or region")
DISPOSAL, CLAIM = "enforcement.disposal", "enforcement.insuranceclaim"
SHIPMENT, LOT = "enforcement.shipment", "immunization.vaccinelot"


def _farm(p):
    return make_farm(p.station_longquan, stock={"fattening_pig": 50})


def _new_disposal(p) -> Call:
    return Call(
        body={
            "farm": _farm(p).pk,
            "category": "fattening_pig",
            "animals": 2,
            "method": "centre",
            "place": "夷陵区病死畜禽无害化处理中心",
            "date": timezone.localdate().isoformat(),
            "report": None,
        }
    )


def _disposal(p):
    return dispose(p.station_longquan, _farm(p))


def _disposal_id(p, body=None) -> Call:
    return Call(params={"disposal_id": _disposal(p).pk}, body=body)


def _photos(p) -> Call:
    return Call(params={"disposal_id": _disposal(p).pk}, files={"photos": ("pit.png", png_bytes())})


def _claim_body(p) -> Call:
    body = {"insurer": "中国人寿财产保险", "policy_number": "P-9", "animals": 2, "amount": "800"}
    return _disposal_id(p, body)


def _claim_action(p) -> Call:
    item = claim(p.station_longquan, _disposal(p))
    return Call(params={"claim_id": item.pk, "action": "accept"}, body={"note": "相符"})


def _new_purification(p) -> Call:
    today = timezone.localdate()
    return Call(
        body={
            "farm": _farm(p).pk,
            "level": "district",
            "certificate_no": "YL-JH-EP-1",
            "diseases": "猪伪狂犬病",
            "valid_from": today.isoformat(),
            "valid_until": today.replace(year=today.year + 2).isoformat(),
        }
    )


def _purification_list(p) -> Call:
    certify_purification(p.bureau, _farm(p))
    return Call()


def _sourcing(p) -> Call:
    return Call(body={"region": "420506107"})


def _lot(p):
    return make_lot(p.county_supervisor, doses=500)


def _new_shipment(p) -> Call:
    body = {"lot": _lot(p).pk, "to": "station_longquan", "doses": 100, "temperature": "5.0"}
    return Call(body=body)


def _shipment(p, body=None) -> Call:
    shipment = dispatch(p.county_supervisor, _lot(p), to="station_longquan")
    return Call(params={"shipment_id": shipment.pk}, body=body, subject=shipment)


def _held(p) -> Call:
    call = _shipment(p, {"note": "复检效价合格"})
    receive_shipment(p.station_longquan, call.subject, "12.0")
    return call


CASES = [
    EndpointCase(
        "post",
        "/api/v1/disposals",
        setup=_new_disposal,
        allowed="station_longquan",
        forbidden="county_supervisor",
        foreign="station_yaqueling",
        records=(
            Event("farm.stock_changed", "registry.farm", Sent("farm")),
            Event("disposal.recorded", DISPOSAL),
        ),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/disposals/{disposal_id}/photos",
        setup=_photos,
        allowed="station_longquan",
        forbidden="county_supervisor",
        foreign="station_yaqueling",
        records=(Event("disposal.photos_attached", DISPOSAL, Param("disposal_id")),),
        success=201,
    ),
    EndpointCase(
        "get", "/api/v1/disposals", allowed="station_longquan", forbidden="expert", foreign=OWN_LIST
    ),
    EndpointCase(
        "get",
        "/api/v1/disposals/{disposal_id}",
        setup=_disposal_id,
        allowed="station_longquan",
        forbidden="expert",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/disposals/{disposal_id}/claim",
        setup=_claim_body,
        allowed="station_longquan",
        forbidden="county_supervisor",
        foreign="station_yaqueling",
        records=(Event("claim.filed", CLAIM),),
        success=201,
    ),
    EndpointCase(
        "get", "/api/v1/claims", allowed="county_supervisor", forbidden="expert", foreign=OWN_LIST
    ),
    EndpointCase(
        "post",
        "/api/v1/claims/{claim_id}/{action}",
        setup=_claim_action,
        allowed="county_supervisor",
        forbidden="station_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("claim.accepted", CLAIM, Param("claim_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/purification-farms",
        setup=_new_purification,
        allowed="bureau",
        forbidden="station_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("purification_farm.registered", "enforcement.purificationfarm"),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/purification-farms",
        setup=_purification_list,
        allowed="station_longquan",
        forbidden="expert",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/sourcing",
        setup=_sourcing,
        allowed="bureau",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/shipments",
        setup=_new_shipment,
        allowed="county_supervisor",
        forbidden="vet_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("vaccine_lot.transferred", LOT), Event("shipment.dispatched", SHIPMENT)),
        success=201,
    ),
    EndpointCase(
        "get", "/api/v1/shipments", allowed="station_longquan", forbidden="expert", foreign=OWN_LIST
    ),
    EndpointCase(
        "post",
        "/api/v1/shipments/{shipment_id}/receive",
        setup=lambda p: _shipment(p, {"temperature": "5.0"}),
        allowed="station_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(
            Event("vaccine_lot.signed_for", LOT, Subject("lot_id")),
            Event("shipment.received", SHIPMENT, Param("shipment_id")),
        ),
    ),
    EndpointCase(
        "post",
        "/api/v1/shipments/{shipment_id}/release",
        setup=_held,
        allowed="county_supervisor",
        forbidden="station_longquan",
        foreign="jiyuan_supervisor",
        records=(
            Event("vaccine_lot.released", LOT, Subject("lot_id")),
            Event("shipment.released", SHIPMENT, Param("shipment_id")),
        ),
    ),
]
