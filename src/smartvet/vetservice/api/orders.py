"""Endpoints of agreements and orders (CONTRACT.md "Services (vetservice)")."""

from __future__ import annotations

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from smartvet.core.access import require
from smartvet.core.pagination import Page
from smartvet.vetservice.api.schemas import AgreementOut, CaseOut, OrderOut
from smartvet.vetservice.commands import (
    CompleteOrder,
    ConfirmOrder,
    DispatchOrder,
    DisputeOrder,
    PlaceOrder,
    ProposeAgreement,
    RecordCase,
)
from smartvet.vetservice.permissions import VIEW_SERVICES
from smartvet.vetservice.queries import orders as queries
from smartvet.vetservice.services import agreements, orders

router = Router(tags=["vetservice"])


class Created(Schema):
    id: int
    status: str


class PlacedOut(Created):
    assignee: str | None


class DoneOut(Schema):
    id: int
    status: str
    immunization: int | None
    amount: str | None


@router.get("/services/agreements", response=list[AgreementOut])
@paginate(Page)
def agreement_list(request, status: str = "", farm: int | None = None, q: str = ""):
    require(request.auth, VIEW_SERVICES)
    return queries.agreements_visible_to(
        request.auth, status=status, farm=farm, q=q
    ).prefetch_related("services", "vaccinators", "prices__service")


@router.post("/services/agreements", response={201: Created})
def propose_agreement(request, payload: ProposeAgreement):
    agreement = agreements.propose_agreement(actor=request.auth, command=payload)
    return Status(201, {"id": agreement.pk, "status": agreement.status})


@router.get("/services/agreements/{agreement_id}", response=AgreementOut)
def agreement_detail(request, agreement_id: int):
    require(request.auth, VIEW_SERVICES)
    return queries.agreement(request.auth, agreement_id)


@router.post("/services/agreements/{agreement_id}/confirm", response=Created)
def confirm_agreement(request, agreement_id: int):
    agreement = agreements.confirm_agreement(actor=request.auth, agreement_id=agreement_id)
    return {"id": agreement.pk, "status": agreement.status}


@router.post("/services/agreements/{agreement_id}/end", response=Created)
def end_agreement(request, agreement_id: int):
    agreement = agreements.end_agreement(actor=request.auth, agreement_id=agreement_id)
    return {"id": agreement.pk, "status": agreement.status}


@router.get("/services/orders", response=list[OrderOut])
@paginate(Page)
def order_list(
    request, status: str = "", region: str = "", q: str = "", mine: bool = False, kind: str = ""
):
    require(request.auth, VIEW_SERVICES)
    return queries.orders_visible_to(
        request.auth, status=status, region=region, q=q, mine=mine, kind=kind
    )


@router.post("/services/orders", response={201: PlacedOut})
def place_order(request, payload: PlaceOrder):
    order = orders.place_order(actor=request.auth, command=payload)
    return Status(
        201,
        {
            "id": order.pk,
            "status": order.status,
            "assignee": order.assignee and order.assignee.username,
        },
    )


@router.get("/services/orders/{order_id}", response=OrderOut)
def order_detail(request, order_id: int):
    require(request.auth, VIEW_SERVICES)
    return queries.order(request.auth, order_id)


@router.post("/services/orders/{order_id}/dispatch", response=PlacedOut)
def dispatch_order(request, order_id: int, payload: DispatchOrder):
    order = orders.dispatch_order(actor=request.auth, order_id=order_id, command=payload)
    return {"id": order.pk, "status": order.status, "assignee": order.assignee.username}


@router.post("/services/orders/{order_id}/accept", response=Created)
def accept_order(request, order_id: int):
    order = orders.accept_order(actor=request.auth, order_id=order_id)
    return {"id": order.pk, "status": order.status}


@router.post("/services/orders/{order_id}/complete", response=DoneOut)
def complete_order(request, order_id: int, payload: CompleteOrder):
    order = orders.complete_order(actor=request.auth, order_id=order_id, command=payload)
    return {
        "id": order.pk,
        "status": order.status,
        "immunization": order.immunization_id,
        "amount": f"{order.amount:.2f}",
    }


@router.post("/services/orders/{order_id}/confirm", response=Created)
def confirm_order(request, order_id: int, payload: ConfirmOrder):
    order = orders.confirm_order(actor=request.auth, order_id=order_id, command=payload)
    return {"id": order.pk, "status": order.status}


@router.post("/services/orders/{order_id}/dispute", response=Created)
def dispute_order(request, order_id: int, payload: DisputeOrder):
    order = orders.dispute_order(actor=request.auth, order_id=order_id, command=payload)
    return {"id": order.pk, "status": order.status}


@router.post("/services/orders/{order_id}/case-record", response={201: CaseOut})
def record_case(request, order_id: int, payload: RecordCase):
    return Status(201, orders.record_case(actor=request.auth, order_id=order_id, command=payload))
