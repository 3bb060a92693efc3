"""Access cases of the quarantine API for the generic suite (tests/core/test_api_access.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.demo import village_code
from smartvet.core.models import Role
from smartvet.core.services import create_account
from smartvet.eartags import services as eartags
from tests.eartags.factories import code, register
from tests.immunization.factories import immunize, make_lot
from tests.quarantine import factories
from tests.support.endpoints import Because, Call, EndpointCase, Event, New, Param, Ref, Subject
from tests.support.factories import make_farm
from tests.support.personas import PASSWORD


def _farm(personas):
    factories.stock_tags(personas)
    return factories.ready_farm(personas)


def _declaration(personas):
    farm = _farm(personas)
    return factories.declare(personas.farmer_longquan, farm, factories.tags(1, 3))


def _accepted(personas):
    declaration = _declaration(personas)
    from smartvet.quarantine import services

    services.accept_declaration(actor=personas.vet_longquan, declaration_id=declaration.pk)
    return declaration


def _certificate(personas):
    return factories.certify(personas, _declaration(personas))


def _new_declaration(personas) -> Call:
    farm = _farm(personas)
    return Call(
        body={
            "farm": farm.pk,
            "category": "fattening_pig",
            "quantity": 2,
            "purpose": "slaughter",
            "destination": {"region": "420506", "place": "夷陵区定点屠宰场"},
            "departure_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "vehicle": "鄂E·A1234",
            "ear_tags": factories.tags(11, 2),
        }
    )


def _declaration_id(personas, body=None) -> Call:
    return Call(params={"declaration_id": _declaration(personas).pk}, body=body or {})


def _accepted_id(personas, body=None) -> Call:
    declaration = _accepted(personas)
    return Call(params={"declaration_id": declaration.pk}, body=body or {}, subject=declaration)


def _number(personas, body=None) -> Call:
    certificate = _certificate(personas)
    return Call(params={"number": certificate.number}, body=body, subject=certificate)


def _farm_id(personas) -> Call:
    cert = _certificate(personas)
    return Call(params={"farm_id": cert.farm_id})


def _tag(personas) -> Call:
    _certificate(personas)
    return Call(params={"code": factories.tag(1)})


def _slaughter(personas) -> Call:
    cert = _certificate(personas)
    return Call(body={"certificate": cert.number, "ear_tags": cert.ear_tags}, subject=cert)


JIYUAN, KEJING = "419001", "419001100"


def _jiyuan_certificate(p):
    """A certificate from a farm of 济源市 to 济源市: wholly outside 夷陵区, whose slaughterhouse
    may not see it. 济源市 has no station or vet among the personas; the admin makes them."""
    station, vet = (
        create_account(
            actor=p.admin, username=f"{role}_kejing", password=PASSWORD, role=role, region=KEJING
        )
        for role in (Role.STATION, Role.OFFICIAL_VET)
    )
    farm = make_farm(station, region=village_code(KEJING, 0))
    register(p.jiyuan_supervisor, 1, 3, county=JIYUAN)
    first, last = code(1, county=JIYUAN), code(3, county=JIYUAN)
    eartags.distribute_range(actor=p.jiyuan_supervisor, start=first, end=last, to_region=KEJING)
    immunize(station, farm, make_lot(station), category="fattening_pig")
    codes = [code(serial, county=JIYUAN) for serial in (1, 2, 3)]
    declaration = factories.declare(
        station, farm, codes, destination_region=JIYUAN, destination_place="济源市定点屠宰场"
    )
    return factories.certify(p, declaration, vet=vet), codes


def _foreign_slaughter(personas) -> Call:
    certificate, codes = _jiyuan_certificate(personas)
    return Call(body={"certificate": certificate.number, "ear_tags": codes})


OWN_LIST = Because("a list of what lies within the caller's reach: it names no object or region")
CLAIM = "eartags.claim"  # a declaration's claim on its tags, named `declaration:<id>`
DECLARATION, CERTIFICATE = "quarantine.declaration", "quarantine.certificate"
SLAUGHTER_ENTRY = "quarantine.slaughterentry"

CASES = [
    EndpointCase(
        "post",
        "/api/v1/declarations",
        setup=_new_declaration,
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign="station_yaqueling",
        records=(
            Event("eartags.claimed", CLAIM, Ref("declaration", New(DECLARATION))),
            Event("declaration.submitted", DECLARATION),
        ),
        success=201,
    ),
    EndpointCase(
        "get", "/api/v1/declarations", allowed="vet_longquan", forbidden="expert", foreign=OWN_LIST
    ),
    EndpointCase(
        "get",
        "/api/v1/declarations/{declaration_id}",
        setup=_declaration_id,
        allowed="vet_longquan",
        forbidden="expert",
        foreign="vet_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/declarations/{declaration_id}/accept",
        setup=_declaration_id,
        allowed="vet_longquan",
        forbidden="station_longquan",
        foreign="vet_yaqueling",
        records=(Event("declaration.accepted", DECLARATION, Param("declaration_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/declarations/{declaration_id}/reject",
        setup=lambda p: _declaration_id(p, {"reason": "启运日期与实际不符"}),
        allowed="vet_longquan",
        forbidden="farmer_longquan",
        foreign="vet_yaqueling",
        records=(
            Event("eartags.released", CLAIM, Ref("declaration", Param("declaration_id"))),
            Event("declaration.rejected", DECLARATION, Param("declaration_id")),
        ),
    ),
    EndpointCase(
        "post",
        "/api/v1/declarations/{declaration_id}/inspect",
        setup=lambda p: _accepted_id(p, {"result": "pass", "notes": "临床检查未见异常"}),
        allowed="vet_longquan",
        forbidden="county_supervisor",
        foreign="vet_yaqueling",
        records=(
            # The animals leave the farm's stock; their tags, declared from the township's
            # stock, are recorded as issued to the farm and fitted there, then in transit;
            # the paper is out.
            Event("farm.stock_changed", "registry.farm", Subject("farm_id")),
            Event("eartags.second_issue", "eartags.tagmove"),
            Event("eartags.fitted", "registry.farm", Subject("farm_id")),
            Event("eartags.in_transit", CLAIM, Ref("declaration", Param("declaration_id"))),
            Event("certificate.issued", CERTIFICATE),
        ),
    ),
    EndpointCase(
        "get",
        "/api/v1/quarantine/queue",
        allowed="vet_longquan",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get", "/api/v1/certificates", allowed="vet_longquan", forbidden="expert", foreign=OWN_LIST
    ),
    EndpointCase(
        "get",
        "/api/v1/quarantine/overdue",
        allowed="vet_longquan",
        forbidden="expert",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/certificates/{number}.pdf",
        setup=_number,
        allowed="vet_longquan",
        forbidden="expert",
        foreign="vet_yaqueling",
    ),
    EndpointCase(
        "get",
        "/api/v1/certificates/{number}",
        setup=_number,
        allowed="farmer_longquan",
        forbidden="expert",
        foreign="vet_yaqueling",
    ),
    EndpointCase(
        "get",
        "/api/v1/certificates/{number}/tags",
        setup=_number,
        allowed="vet_longquan",
        forbidden="farmer_longquan",
        foreign="vet_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/certificates/{number}/revoke",
        setup=lambda p: _number(p, {"reason": "货主申请取消调运"}),
        allowed="vet_longquan",
        forbidden="station_longquan",
        foreign="vet_yaqueling",
        records=(
            Event("eartags.released", CLAIM, Ref("declaration", Subject("declaration_id"))),
            Event("certificate.revoked", CERTIFICATE, Subject()),
        ),
    ),
    EndpointCase(
        "post",
        "/api/v1/certificates/{number}/arrival",
        setup=lambda p: _number(p, {"received_quantity": 3}),
        allowed="slaughterhouse",
        forbidden="cdc",
        foreign="station_yaqueling",
        records=(
            Event("eartags.arrived", CLAIM, Ref("declaration", Subject("declaration_id"))),
            Event("certificate.arrived", CERTIFICATE, Subject()),
        ),
    ),
    EndpointCase(
        "post",
        "/api/v1/certificates/{number}/checks",
        setup=lambda p: _number(p, {"vehicle": "鄂E·A1234", "count_seen": 3}),
        allowed="checkpoint",
        forbidden="vet_longquan",
        foreign=Because(
            "a checkpoint checks the vehicles of any county: it finds any certificate by its "
            "number (quarantine.permissions.CHECK)"
        ),
        records=(Event("certificate.checked", "quarantine.checkpointcheck"),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/checkpoint-checks",
        allowed="checkpoint",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/public/certificates/{number}",
        setup=_number,
        allowed="farmer_longquan",
        public=True,
    ),
    EndpointCase(
        "post",
        "/api/v1/slaughter/entries",
        setup=_slaughter,
        allowed="slaughterhouse",
        forbidden="checkpoint",
        foreign="slaughterhouse",
        foreign_setup=_foreign_slaughter,
        records=(
            Event("eartags.arrived", CLAIM, Ref("declaration", Subject("declaration_id"))),
            Event("eartags.cancelled", "eartags.tag", Ref("slaughter", New(SLAUGHTER_ENTRY))),
            Event("slaughter.recorded", SLAUGHTER_ENTRY),
        ),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/slaughter/entries",
        allowed="slaughterhouse",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "get",
        "/api/v1/trace/eartags/{code}",
        setup=_tag,
        allowed="vet_longquan",
        forbidden="farmer_longquan",
        foreign="jiyuan_supervisor",
    ),
    EndpointCase(
        "get",
        "/api/v1/trace/farms/{farm_id}",
        setup=_farm_id,
        allowed="vet_longquan",
        forbidden="farmer_longquan",
        foreign="vet_yaqueling",
    ),
]
