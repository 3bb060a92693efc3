"""Access cases of the immunization API for the generic suite (tests/core/test_api_access.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.registry import services as registry_services
from tests.immunization.factories import antibody_test, make_lot, png_bytes, transfer
from tests.support.endpoints import Because, Call, EndpointCase, Event, Param
from tests.support.factories import LONGQUAN, make_farm


def _farm(personas):
    farm = make_farm(personas.farmer_longquan, stock={"sow": 50, "fattening_pig": 100})
    registry_services.assign_server(
        actor=personas.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return farm


def _lot_body(personas) -> Call:
    farm = _farm(personas)
    return Call(
        body={
            "product": "口蹄疫疫苗",
            "manufacturer": "中牧",
            "approval_number": "兽药生字1",
            "batch": "E2E-1",
            "expiry": str(timezone.localdate() + timedelta(days=90)),
            "diseases": ["FMD"],
            "doses": 500,
            "source": "self",
            "farm": farm.pk,
            "bottle_codes": ["B-1", "B-2"],
        }
    )


def _lot(personas) -> Call:
    lot = make_lot(personas.station_longquan)
    return Call(params={"lot_id": lot.pk})


def _photo(personas) -> Call:
    call = _lot(personas)
    call.files = {"file": ("box.png", png_bytes())}
    return call


def _transfer(personas) -> Call:
    call = _lot(personas)
    call.body = {"to": "provider_xingmu", "doses": 10}
    return call


def _sent(personas) -> Call:
    """Doses 龙泉镇's station sent to 兴牧公司, not signed for yet."""
    lot = transfer(
        personas.station_longquan, make_lot(personas.station_longquan), "provider_xingmu", 10
    )
    return Call(params={"lot_id": lot.pk})


def _immunization(personas) -> Call:
    farm = _farm(personas)
    lot = make_lot(personas.station_longquan)
    return Call(
        body={
            "farm": farm.pk,
            "date": str(timezone.localdate()),
            "category": "sow",
            "disease": "FMD",
            "lot": lot.pk,
            "animals": 10,
            "doses": 10,
        }
    )


def _antibody(personas) -> Call:
    farm = _farm(personas)
    return Call(
        body={
            "farm": farm.pk,
            "disease": "FMD",
            "sampled_on": str(timezone.localdate()),
            "samples": 20,
            "qualified": 15,
            "lab": "疾控实验室",
        }
    )


def _report(personas) -> Call:
    farm = _farm(personas)
    test = antibody_test(personas.cdc, farm, qualified=15, lab="疾控实验室")
    return Call(
        params={"test_id": test.pk}, files={"file": ("report.pdf", b"%PDF-1.4\n% report\n")}
    )


def _status(personas) -> Call:
    return Call(params={"farm_id": _farm(personas).pk})


def _density(personas, region: str) -> Call:
    today = timezone.localdate()
    start = str(today - timedelta(days=365))
    return Call(body={"disease": "FMD", "start": start, "end": str(today), "region": region})


OWN_LIST = Because("a list of what lies within the caller's reach: it names no object or region")
LOT, TEST = "immunization.vaccinelot", "immunization.antibodytest"


def _in(region: str, **params):
    return lambda p: Call(body={"region": region, **params})


CASES = [
    EndpointCase(
        "post",
        "/api/v1/vaccine-lots",
        setup=_lot_body,
        allowed="station_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(Event("vaccine_lot.received", LOT),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/vaccine-lots",
        allowed="station_longquan",
        forbidden="expert",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/vaccine-lots/{lot_id}",
        setup=_lot,
        allowed="station_longquan",
        forbidden="expert",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/vaccine-lots/{lot_id}/photo",
        setup=_photo,
        allowed="station_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(Event("vaccine_lot.photo_attached", LOT, Param("lot_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/vaccine-lots/{lot_id}/transfers",
        setup=_transfer,
        allowed="station_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(Event("vaccine_lot.transferred", LOT),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/vaccine-lots/{lot_id}/receipt",
        setup=_sent,
        allowed="provider_xingmu",
        forbidden="vaccinator_longquan",
        foreign="station_yaqueling",
        records=(Event("vaccine_lot.signed_for", LOT, Param("lot_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/immunizations",
        setup=_immunization,
        allowed="vaccinator_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(Event("immunization.recorded", "immunization.immunization"),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/immunizations",
        setup=_in(LONGQUAN),
        allowed="county_supervisor",
        forbidden="expert",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/antibody-tests",
        setup=_antibody,
        allowed="cdc",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(Event("antibody_test.recorded", TEST),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/antibody-tests",
        setup=_in(LONGQUAN),
        allowed="cdc",
        forbidden="expert",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/antibody-tests/{test_id}/report",
        setup=_report,
        allowed="cdc",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        records=(Event("antibody_test.report_attached", TEST, Param("test_id")),),
    ),
    EndpointCase(
        "get",
        "/api/v1/farms/{farm_id}/immunization-status",
        setup=_status,
        allowed="vet_longquan",
        forbidden="expert",
        foreign="vet_yaqueling",
    ),
    EndpointCase(
        "get",
        "/api/v1/immunization/plan",
        allowed="farmer_longquan",
        forbidden=Because("the compulsory plan is read by everyone it binds or who checks it"),
        foreign=Because("it names no object or region: the plan of the caller's own region"),
    ),
    EndpointCase(
        "get",
        "/api/v1/immunization/density",
        setup=lambda p: _density(p, LONGQUAN),
        allowed="bureau",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "get",
        "/api/v1/immunization/sampling",
        setup=_in(LONGQUAN, year=timezone.localdate().year),
        allowed="cdc",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
    ),
]
