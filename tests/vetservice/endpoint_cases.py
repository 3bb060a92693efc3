"""Access cases of the services API for the generic suite (tests/core/test_api_access.py)."""

from __future__ import annotations

from smartvet.core.commands import parse
from smartvet.registry import services as registry_services
from smartvet.vetservice.commands import ConfirmOrder, PrepareStatement
from smartvet.vetservice.services import orders, statements
from tests.immunization.factories import make_lot
from tests.support.endpoints import Because, Call, EndpointCase, Event, Param, Subject
from tests.support.factories import make_farm
from tests.vetservice import factories as f

OWN_LIST = Because("a list of what lies within the caller's reach: it names no object or region")
OWN_COUNTY = Because("the caller's own county's catalogue: no other county can be named")
AGREEMENT, ORDER = "vetservice.agreement", "vetservice.serviceorder"
STATEMENT, FARM = "vetservice.statement", "registry.farm"


def _providers(p):
    f.open_catalogue(p.bureau)
    f.register_provider(p.county_supervisor, "provider_xingmu", villages=[f.LONGQUAN_VILLAGE])
    f.enrol(p.county_supervisor, "vaccinator_longquan")
    f.register_provider(
        p.county_supervisor,
        "provider_yaqueling",
        township=f.YAQUELING,
        villages=[f.YAQUELING_VILLAGE],
    )
    f.enrol(p.county_supervisor, "vaccinator_yaqueling", villages=[f.YAQUELING_VILLAGE])


def _farm(p, owner=None):
    """A farm of farmer_longquan (or, given the station, of someone else) under an agreement
    with 兴牧公司 for immunization and diagnosis."""
    _providers(p)
    farm = make_farm(owner or p.farmer_longquan)
    agreement = f.make_agreement(p.provider_xingmu, farm, services=("immunization", "diagnosis"))
    if owner is None:
        f.agreements.confirm_agreement(actor=p.farmer_longquan, agreement_id=agreement.pk)
    else:
        registry_services.assign_server(
            actor=p.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
        )
    return farm


def _order(p, *, service="immunization", owner=None, stage="assigned"):
    farm = _farm(p, owner)
    order = f.place(owner or p.farmer_longquan, farm, service=service, animals=5)
    if stage in ("accepted", "done", "confirmed"):
        orders.accept_order(actor=p.vaccinator_longquan, order_id=order.pk)
    if stage in ("done", "confirmed"):
        f.complete_with_immunization(p.vaccinator_longquan, order, make_lot(p.station_longquan))
    if stage == "confirmed":
        orders.confirm_order(
            actor=owner or p.farmer_longquan,
            order_id=order.pk,
            command=ConfirmOrder(rating=5, comment=""),
        )
    order.refresh_from_db()
    return order


def _order_call(p, body=None, **kwargs) -> Call:
    order = _order(p, **kwargs)
    return Call(params={"order_id": order.pk}, body=body or {}, subject=order)


def _queued_call(p) -> Call:
    """An order in the station's queue, for a farm the station assigned 刘防疫员 to."""
    _providers(p)
    farm = make_farm(p.farmer_longquan)
    order = f.place(p.farmer_longquan, farm)
    registry_services.assign_server(
        actor=p.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return Call(params={"order_id": order.pk}, body={"to": "vaccinator_longquan"})


def _agreement_call(p, *, confirmed=False) -> Call:
    _providers(p)
    farm = make_farm(p.farmer_longquan)
    agreement = f.make_agreement(
        p.provider_xingmu, farm, confirm_by=p.farmer_longquan if confirmed else None
    )
    return Call(params={"agreement_id": agreement.pk}, subject=agreement)


def _foreign_agreement_call(p) -> Call:
    """An agreement of a farm farmer_longquan does not own."""
    _providers(p)
    farm = make_farm(p.station_longquan)
    agreement = f.make_agreement(p.provider_xingmu, farm)
    return Call(params={"agreement_id": agreement.pk})


def _confirm_immunization(p) -> Call:
    return _order_call(p, {"rating": 4, "comment": "及时"}, stage="done")


def _foreign_done(p, body) -> Call:
    order = _order(p, owner=p.station_longquan, stage="done")
    return Call(params={"order_id": order.pk}, body=body)


def _month() -> str:
    return f"{f.today():%Y-%m}"


def _statement(p, *, signed=False):
    _order(p, stage="confirmed")
    statement = statements.prepare_statement(
        actor=p.bureau,
        command=parse(PrepareStatement, {"provider": "provider_xingmu", "month": _month()}),
    )
    if signed:
        statements.sign_statement(actor=p.bureau, statement_id=statement.pk)
    return Call(params={"statement_id": statement.pk}, subject=statement)


def _new_agreement(p) -> Call:
    _providers(p)
    farm = make_farm(p.farmer_longquan)
    return Call(
        body={
            "provider": "provider_xingmu",
            "farm": farm.pk,
            "services": ["immunization"],
            "starts_on": f.today().isoformat(),
            "ends_on": f.today().replace(year=f.today().year + 1).isoformat(),
            "vaccinators": ["vaccinator_longquan"],
        }
    )


def _new_order(p) -> Call:
    farm = _farm(p)
    return Call(
        body={
            "farm": farm.pk,
            "service": "immunization",
            "category": "fattening_pig",
            "animals": 10,
            "preferred_date": f.today().isoformat(),
            "notes": "上午来",
        }
    )


def _complete_call(p) -> Call:
    order = _order(p, stage="accepted")
    lot = make_lot(p.station_longquan)
    body = {
        "immunization": {
            "date": f.today().isoformat(),
            "disease": "FMD",
            "lot": lot.pk,
            "animals": 5,
            "doses": 5,
        }
    }
    return Call(params={"order_id": order.pk}, body=body, subject=order)


CASE_RECORD = {
    "complaint": "咳嗽",
    "diagnosis": "上呼吸道感染",
    "drugs": "阿莫西林",
    "withdrawal_days": 7,
}

CASES = [
    EndpointCase(
        "get",
        "/api/v1/services/catalogue",
        setup=lambda p: (f.open_catalogue(p.bureau), Call())[1],
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign=OWN_COUNTY,
    ),
    EndpointCase(
        "post",
        "/api/v1/services/catalogue/prices",
        setup=lambda p: Call(
            body={
                "service": "castration",
                "price": "16.00",
                "effective_from": f.today().isoformat(),
            }
        ),
        allowed="bureau",
        forbidden="station_longquan",
        foreign=OWN_COUNTY,
        records=(Event("service.guide_price_set", "vetservice.service"),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/providers",
        setup=lambda p: (_providers(p), Call())[1],
        allowed="station_longquan",
        forbidden="slaughterhouse",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/services/providers",
        setup=lambda p: Call(
            body={
                "account": "provider_xingmu",
                "name": "兴牧公司",
                "kind": "lead",
                "township": f.LONGQUAN,
                "villages": [f.LONGQUAN_VILLAGE],
            }
        ),
        allowed="county_supervisor",
        forbidden="station_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("provider.registered", "vetservice.provider"),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/vaccinators",
        setup=lambda p: (_providers(p), Call())[1],
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/services/vaccinators",
        setup=lambda p: Call(
            body={
                "account": "vaccinator_longquan",
                "kind": "village_vet",
                "qualification_no": "鄂兽医字2024-107-01",
                "qualification_expires": f.today().replace(year=f.today().year + 2).isoformat(),
                "villages": [f.LONGQUAN_VILLAGE],
                "duty_days": "12345",
            }
        ),
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
        records=(Event("vaccinator.enrolled", "vetservice.vaccinator"),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/agreements",
        setup=lambda p: (_agreement_call(p), Call())[1],
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/services/agreements",
        setup=_new_agreement,
        allowed="provider_xingmu",
        forbidden="farmer_longquan",
        foreign="provider_yaqueling",
        records=(Event("agreement.proposed", AGREEMENT),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/agreements/{agreement_id}",
        setup=_agreement_call,
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/services/agreements/{agreement_id}/confirm",
        setup=_agreement_call,
        allowed="farmer_longquan",
        forbidden="provider_xingmu",
        foreign="farmer_longquan",
        foreign_setup=_foreign_agreement_call,
        records=(
            Event("farm.served_by_agreement", FARM, Subject("farm_id")),
            Event("agreement.confirmed", AGREEMENT, Param("agreement_id")),
        ),
    ),
    EndpointCase(
        "post",
        "/api/v1/services/agreements/{agreement_id}/end",
        setup=lambda p: _agreement_call(p, confirmed=True),
        allowed="farmer_longquan",
        forbidden="vaccinator_longquan",
        foreign="station_yaqueling",
        records=(
            Event("farm.agreement_service_ended", FARM, Subject("farm_id")),
            Event("agreement.ended", AGREEMENT, Param("agreement_id")),
        ),
    ),
    EndpointCase(
        "get",
        "/api/v1/services/orders",
        setup=lambda p: (_order(p), Call())[1],
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign=OWN_LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/services/orders",
        setup=_new_order,
        allowed="farmer_longquan",
        forbidden="vaccinator_longquan",
        foreign="station_yaqueling",
        records=(Event("service_order.placed", ORDER),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/orders/{order_id}",
        setup=_order_call,
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/services/orders/{order_id}/dispatch",
        setup=_queued_call,
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
        records=(Event("service_order.dispatched", ORDER, Param("order_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/services/orders/{order_id}/accept",
        setup=_order_call,
        allowed="vaccinator_longquan",
        forbidden="farmer_longquan",
        foreign="vaccinator_yaqueling",
        records=(Event("service_order.accepted", ORDER, Param("order_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/services/orders/{order_id}/complete",
        setup=_complete_call,
        allowed="vaccinator_longquan",
        forbidden="farmer_longquan",
        foreign="vaccinator_yaqueling",
        records=(
            Event("immunization.recorded", "immunization.immunization"),
            Event("service_order.completed", ORDER, Param("order_id")),
        ),
    ),
    EndpointCase(
        "post",
        "/api/v1/services/orders/{order_id}/confirm",
        setup=_confirm_immunization,
        allowed="farmer_longquan",
        forbidden="vaccinator_longquan",
        foreign="farmer_longquan",
        foreign_setup=lambda p: _foreign_done(p, {"rating": 1, "comment": ""}),
        records=(Event("service_order.confirmed", ORDER, Param("order_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/services/orders/{order_id}/dispute",
        setup=lambda p: _order_call(p, {"reason": "少打了10头"}, stage="done"),
        allowed="farmer_longquan",
        forbidden="vaccinator_longquan",
        foreign="farmer_longquan",
        foreign_setup=lambda p: _foreign_done(p, {"reason": "不是我的"}),
        records=(Event("service_order.disputed", ORDER, Param("order_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/services/orders/{order_id}/case-record",
        setup=lambda p: _order_call(p, CASE_RECORD, service="diagnosis", stage="accepted"),
        allowed="vaccinator_longquan",
        forbidden="farmer_longquan",
        foreign="vaccinator_yaqueling",
        records=(Event("service_order.case_recorded", ORDER, Param("order_id")),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/statements",
        setup=lambda p: (
            _order(p, stage="confirmed"),
            Call(body={"provider": "provider_xingmu", "month": _month()}),
        )[1],
        allowed="bureau",
        forbidden="farmer_longquan",
        foreign="jiyuan_bureau",
    ),
    EndpointCase(
        "post",
        "/api/v1/services/statements",
        setup=lambda p: (
            _order(p, stage="confirmed"),
            Call(body={"provider": "provider_xingmu", "month": _month()}),
        )[1],
        allowed="bureau",
        forbidden="provider_xingmu",
        foreign="jiyuan_bureau",
        records=(Event("statement.prepared", STATEMENT),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/statements/{statement_id}",
        setup=_statement,
        allowed="bureau",
        forbidden="farmer_longquan",
        foreign="jiyuan_bureau",
    ),
    EndpointCase(
        "post",
        "/api/v1/services/statements/{statement_id}/sign",
        setup=_statement,
        allowed="bureau",
        forbidden="provider_xingmu",
        foreign="jiyuan_bureau",
        records=(Event("statement.signed", STATEMENT, Param("statement_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/services/statements/{statement_id}/correct",
        setup=lambda p: Call(params=_statement(p, signed=True).params, body={"reason": "补录一户"}),
        allowed="bureau",
        forbidden="provider_xingmu",
        foreign="jiyuan_bureau",
        records=(Event("statement.corrected", STATEMENT),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/services/statements/{statement_id}/xlsx",
        setup=_statement,
        allowed="bureau",
        forbidden="farmer_longquan",
        foreign="jiyuan_bureau",
    ),
    EndpointCase(
        "get",
        "/api/v1/services/statements/{statement_id}/pdf",
        setup=_statement,
        allowed="bureau",
        forbidden="farmer_longquan",
        foreign="jiyuan_bureau",
    ),
]

# H2: the hotline, daily reports and meetings.
from tests.vetservice.hotline_cases import CASES as _H2  # noqa: E402

CASES += _H2
