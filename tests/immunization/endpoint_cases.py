"""Access cases of the immunization API for the generic suite (tests/core/test_api_access.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.immunization import services
from smartvet.registry import services as registry_services
from tests.immunization.factories import make_lot, png_bytes
from tests.support.endpoints import Call, EndpointCase
from tests.support.factories import make_farm


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
    test = services.record_antibody_test(
        actor=personas.cdc,
        farm_id=farm.pk,
        disease="FMD",
        sampled_on=timezone.localdate(),
        samples=20,
        qualified=15,
        lab="疾控实验室",
    )
    return Call(
        params={"test_id": test.pk}, files={"file": ("report.pdf", b"%PDF-1.4\n% report\n")}
    )


def _status(personas) -> Call:
    return Call(params={"farm_id": _farm(personas).pk})


def _density(personas) -> Call:
    today = timezone.localdate()
    return Call(
        body={"disease": "FMD", "start": str(today - timedelta(days=365)), "end": str(today)}
    )


CASES = [
    EndpointCase(
        "post",
        "/api/v1/vaccine-lots",
        setup=_lot_body,
        allowed="station_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        writes=True,
        success=201,
    ),
    EndpointCase("get", "/api/v1/vaccine-lots", allowed="station_longquan"),
    EndpointCase(
        "get",
        "/api/v1/vaccine-lots/{lot_id}",
        setup=_lot,
        allowed="station_longquan",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/vaccine-lots/{lot_id}/photo",
        setup=_photo,
        allowed="station_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        writes=True,
    ),
    EndpointCase(
        "post",
        "/api/v1/vaccine-lots/{lot_id}/transfers",
        setup=_transfer,
        allowed="station_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        writes=True,
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/immunizations",
        setup=_immunization,
        allowed="vaccinator_longquan",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        writes=True,
        success=201,
    ),
    EndpointCase("get", "/api/v1/immunizations", allowed="county_supervisor"),
    EndpointCase(
        "post",
        "/api/v1/antibody-tests",
        setup=_antibody,
        allowed="cdc",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        writes=True,
        success=201,
    ),
    EndpointCase("get", "/api/v1/antibody-tests", allowed="cdc"),
    EndpointCase(
        "post",
        "/api/v1/antibody-tests/{test_id}/report",
        setup=_report,
        allowed="cdc",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
        writes=True,
    ),
    EndpointCase(
        "get",
        "/api/v1/farms/{farm_id}/immunization-status",
        setup=_status,
        allowed="vet_longquan",
        foreign="vet_yaqueling",
    ),
    EndpointCase("get", "/api/v1/immunization/plan", allowed="farmer_longquan"),
    EndpointCase("get", "/api/v1/immunization/density", setup=_density, allowed="bureau"),
    EndpointCase(
        "get",
        "/api/v1/immunization/sampling",
        setup=lambda p: Call(body={"year": timezone.localdate().year}),
        allowed="cdc",
    ),
]
