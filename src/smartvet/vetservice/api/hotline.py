"""The hotline's API (CONTRACT.md: `POST /api/v1/hotline/tickets`), and what the desk does
with a ticket: answer, update, turn it into a service order, close it with the caller's
satisfaction."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.core.working_hours import clock_state
from smartvet.vetservice.hotline_commands import (
    AnswerTicket,
    CloseTicket,
    OpenTicket,
    TicketToOrder,
)
from smartvet.vetservice.queries import hotline as queries
from smartvet.vetservice.services import hotline as services

router = Router(tags=["hotline"])
Id = Path(..., ge=1, le=MAX_ID)


class TicketCreatedOut(Schema):
    id: int
    status: str
    first_response_due: datetime


class ClockOut(Schema):
    due: datetime | None
    state: str


class TicketOut(Schema):
    id: int
    number: str
    status: str
    stage: str
    channel: str
    topic: str
    subject: str
    body: str
    phone: str
    farm: int | None
    region: str
    routed_to: str
    route_reason: str
    opened_at: datetime
    clocks: dict[str, ClockOut]
    escalated_at: datetime | None
    escalated_clock: str
    order: str | None
    satisfaction: int | None
    resolution: str

    @staticmethod
    def resolve_phone(ticket, context) -> str:
        return queries.caller_phone(context["request"].auth, ticket)

    @staticmethod
    def resolve_farm(ticket) -> int | None:
        return ticket.farm_id

    @staticmethod
    def resolve_region(ticket) -> str:
        return ticket.region_id

    @staticmethod
    def resolve_routed_to(ticket) -> str:
        return ticket.routed_to.username

    @staticmethod
    def resolve_order(ticket) -> str | None:
        return ticket.order.number if ticket.order_id else None

    @staticmethod
    def resolve_clocks(ticket) -> dict:
        now = timezone.now()
        met = {
            "first_response": ticket.first_responded_at,
            "next_update": None,
            "resolution": ticket.closed_at,
        }
        return {
            clock: {"due": due, "state": clock_state(due, met[clock], now)}
            for clock, due in (
                ("first_response", ticket.first_response_due),
                ("next_update", ticket.next_update_due),
                ("resolution", ticket.resolution_due),
            )
        }


@router.post("/hotline/tickets", response={201: TicketCreatedOut}, summary="客服专线受理工单")
def open_ticket(request, payload: OpenTicket):
    return Status(201, services.open_ticket(actor=request.auth, command=payload))


@router.get("/hotline/tickets", response=list[TicketOut], summary="客服工单列表（分页、筛选）")
@paginate(Page)
def list_tickets(
    request,
    status: str = Query("", max_length=20),
    stage: str = Query("", max_length=20),
    channel: str = Query("", max_length=20),
    topic: str = Query("", max_length=20),
    q: str = Query("", max_length=100),
    mine: bool = False,
    overdue: bool = False,
):
    tickets = queries.tickets_visible_to(
        request.auth,
        status=status,
        stage=stage,
        channel=channel,
        topic=topic,
        q=q,
        mine=mine,
        overdue_at=timezone.now() if overdue else None,
    )
    return tickets


@router.get("/hotline/tickets/{ticket_id}", response=TicketOut, summary="客服工单详情")
def get_ticket(request, ticket_id: int = Id):
    return queries.ticket(request.auth, ticket_id)


@router.post("/hotline/tickets/{ticket_id}/respond", response=TicketOut, summary="首次响应")
def respond(request, payload: AnswerTicket, ticket_id: int = Id):
    ticket = services.respond(actor=request.auth, ticket_id=ticket_id, command=payload)
    return queries.ticket(request.auth, ticket.pk)


@router.post("/hotline/tickets/{ticket_id}/update", response=TicketOut, summary="进展回复")
def update(request, payload: AnswerTicket, ticket_id: int = Id):
    ticket = services.update(actor=request.auth, ticket_id=ticket_id, command=payload)
    return queries.ticket(request.auth, ticket.pk)


@router.post("/hotline/tickets/{ticket_id}/order", response=TicketOut, summary="转服务订单")
def to_order(request, payload: TicketToOrder, ticket_id: int = Id):
    ticket = services.to_order(actor=request.auth, ticket_id=ticket_id, command=payload)
    return queries.ticket(request.auth, ticket.pk)


@router.post("/hotline/tickets/{ticket_id}/close", response=TicketOut, summary="办结（含满意度）")
def close(request, payload: CloseTicket, ticket_id: int = Id):
    ticket = services.close(actor=request.auth, ticket_id=ticket_id, command=payload)
    return queries.ticket(request.auth, ticket.pk)
