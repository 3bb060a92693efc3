"""The hotline's writes (客服专线, seed 000 dream 10): a call becomes a ticket routed to whoever
answers its topic in its township, its three clocks run in working hours, an overdue ticket is
escalated to the county, a ticket may become a service order in one step, and the caller's
satisfaction is taken at closing.

Escalation never depends on one background task surviving: each due time enqueues a check
(django-tasks, `run_after` the due instant) and `smartvet hotline_sweep` escalates whatever is
overdue, so a lost task only delays an escalation to the next sweep.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from smartvet.core import ledger, regions, workdays
from smartvet.core.access import can, require
from smartvet.core.errors import DomainError
from smartvet.core.models import Region, User
from smartvet.core.workflow import move, next_number
from smartvet.registry import queries as registry
from smartvet.vetservice import hotline_rules
from smartvet.vetservice.commands import PlaceOrder
from smartvet.vetservice.hotline_commands import (
    AnswerTicket,
    CloseTicket,
    OpenTicket,
    TicketToOrder,
)
from smartvet.vetservice.hotline_permissions import (
    HOTLINE_DESK,
    HOTLINE_FILE,
    HOTLINE_POLICY,
    TICKET_WORKFLOW,
)
from smartvet.vetservice.hotline_rules import ClockPolicy
from smartvet.vetservice.models import (
    Channel,
    EntryKind,
    HotlinePolicy,
    HotlineTicket,
    TicketEntry,
    TicketStatus,
)
from smartvet.vetservice.queries import hotline as queries
from smartvet.vetservice.services.orders import place_order_step


def _local(instant: datetime) -> datetime:
    """An aware instant as the naive Asia/Shanghai time the clock counts in."""
    return timezone.localtime(instant).replace(tzinfo=None)


def _aware(local: datetime) -> datetime:
    return timezone.make_aware(local)


def due_after(region_code: str, start: datetime, clock: str) -> datetime:
    """When `clock` ("first_response", "next_update", "resolution") started at `start` in
    this region's county is due, in working hours."""
    policy = queries.clock_policy(region_code)
    limit = getattr(policy, clock)
    return _aware(policy.due(_local(start), limit, workdays.overrides()))


@task()
def check_clocks(ticket_id: int) -> None:
    """Run at a clock's due time: escalate the ticket if that clock (or another) ran out."""
    escalate_if_overdue(ticket_id)


def _schedule(ticket_id: int, due: datetime) -> None:
    """Enqueue the check at `due` once the transaction commits; a backend that cannot defer
    (the tests' immediate one) leaves it to the sweep."""
    if default_task_backend.supports_defer:
        transaction.on_commit(
            lambda: check_clocks.using(run_after=due).enqueue(ticket_id), robust=True
        )


def _entry(ticket: HotlineTicket, kind: str, text: str, actor: User | None, at: datetime):
    TicketEntry.objects.create(ticket=ticket, kind=kind, text=text, actor=actor, at=at)


def _ticket_for_update(actor: User, ticket_id: int) -> HotlineTicket:
    ticket = queries.ticket(actor, ticket_id)
    # Only the ticket's row is locked: PostgreSQL cannot lock the outer join of a ticket
    # without a farm.
    locked = HotlineTicket.objects.select_for_update(of=("self",))
    return locked.select_related("region", "farm").get(pk=ticket.pk)


def _place(actor: User, command: OpenTicket):
    """The farm (in the actor's reach) and the region the call comes from: the farm's, else
    the region the desk names, else the actor's own."""
    farm = registry.farm(actor, command.farm) if command.farm else None
    if farm is not None:
        return farm, farm.region_id
    region = command.region or actor.region_id
    require(actor, HOTLINE_FILE, region=region)
    if not Region.objects.filter(code=region).exists():
        message = _("所在地区划代码不存在")
        raise DomainError(
            "VALIDATION_ERROR",
            message,
            [{"field": "region", "code": "VALIDATION_ERROR", "message": str(message)}],
        )
    return None, region


@transaction.atomic(durable=True)
def open_ticket(*, actor: User, command: OpenTicket) -> HotlineTicket:
    """受理: the call (or the farmer's own message) becomes a ticket, routed and clocked."""
    require(actor, HOTLINE_FILE)
    farm, region = _place(actor, command)
    route = queries.route(region, command.topic)
    if route is None:
        raise DomainError("NO_HOTLINE_DESK", _("该县尚未设置客服专线受理单位"))
    desk = can(actor, HOTLINE_DESK)
    now = timezone.now()
    ticket = HotlineTicket.objects.create(
        number=f"KF{timezone.localdate():%Y}{next_number('hotline'):06d}",
        stage=command.stage,
        channel=command.channel or (Channel.PHONE if desk else Channel.APP),
        topic=command.topic,
        subject=command.subject,
        body=command.body,
        phone=command.phone,
        caller_name=command.caller_name,
        caller=(farm.owner if farm is not None else None) if desk else actor,
        farm=farm,
        region_id=region,
        routed_to=route.account,
        route_reason=route.reason,
        opened_by=actor,
        opened_at=now,
        first_response_due=due_after(region, now, "first_response"),
        resolution_due=due_after(region, now, "resolution"),
    )
    ledger.record(
        actor=actor,
        action="hotline.ticket_opened",
        obj=ticket,
        region=region,
        summary={
            "number": ticket.number,
            "stage": ticket.stage,
            "channel": ticket.channel,
            "topic": ticket.topic,
            "routed_to": route.account.username,
            "first_response_due": ticket.first_response_due,
        },
    )
    _schedule(ticket.pk, ticket.first_response_due)
    return ticket


def _answer(ticket: HotlineTicket, now: datetime, **also) -> None:
    """Every answer restarts the next-update clock."""
    next_due = due_after(ticket.region_id, now, "next_update")
    HotlineTicket.objects.filter(pk=ticket.pk).update(
        next_update_due=next_due, last_update_at=now, **also
    )
    ticket.next_update_due, ticket.last_update_at = next_due, now
    for name, value in also.items():
        setattr(ticket, name, value)
    _schedule(ticket.pk, next_due)


@transaction.atomic(durable=True)
def respond(*, actor: User, ticket_id: int, command: AnswerTicket) -> HotlineTicket:
    """首次响应: the first answer to the caller stops the first-response clock."""
    ticket = _ticket_for_update(actor, ticket_id)
    TICKET_WORKFLOW.require(actor, ticket, "respond")
    now = timezone.now()
    move(ticket, to=TicketStatus.IN_PROGRESS, transitions=hotline_rules.TICKET_TRANSITIONS)
    _answer(ticket, now, first_responded_at=now)
    _entry(ticket, EntryKind.RESPONSE, command.text, actor, now)
    ledger.record(
        actor=actor,
        action="hotline.responded",
        obj=ticket,
        region=ticket.region_id,
        summary={"number": ticket.number, "late": now > ticket.first_response_due},
    )
    return ticket


@transaction.atomic(durable=True)
def update(*, actor: User, ticket_id: int, command: AnswerTicket) -> HotlineTicket:
    """进展回复: what has been done since, told to the caller; the next-update clock restarts."""
    ticket = _ticket_for_update(actor, ticket_id)
    TICKET_WORKFLOW.require(actor, ticket, "update")
    now = timezone.now()
    late = ticket.next_update_due is not None and now > ticket.next_update_due
    _answer(ticket, now)
    _entry(ticket, EntryKind.UPDATE, command.text, actor, now)
    ledger.record(
        actor=actor,
        action="hotline.updated",
        obj=ticket,
        region=ticket.region_id,
        summary={"number": ticket.number, "late": late},
    )
    return ticket


@transaction.atomic(durable=True)
def to_order(*, actor: User, ticket_id: int, command: TicketToOrder) -> HotlineTicket:
    """转服务订单: the service the caller asked for is ordered for the ticket's farm in the same
    step (assigned at once, as every order is); the ticket is answered by it."""
    ticket = _ticket_for_update(actor, ticket_id)
    TICKET_WORKFLOW.require(actor, ticket, "order")
    order = place_order_step(
        actor=actor,
        command=PlaceOrder(**{**command.model_dump(), "farm": ticket.farm_id}),
        source=ticket.number,
    )
    now = timezone.now()
    if ticket.status == TicketStatus.OPEN:
        move(ticket, to=TicketStatus.IN_PROGRESS, transitions=hotline_rules.TICKET_TRANSITIONS)
        _answer(ticket, now, order=order, first_responded_at=now)
    else:
        _answer(ticket, now, order=order)
    assignee = order.assignee.display_name if order.assignee else _("乡镇站待派单")
    _entry(
        ticket,
        EntryKind.ORDER,
        _("已转服务订单%(number)s：%(service)s，派给%(assignee)s")
        % {"number": order.number, "service": order.service.name, "assignee": assignee},
        actor,
        now,
    )
    ledger.record(
        actor=actor,
        action="hotline.ordered",
        obj=ticket,
        region=ticket.region_id,
        summary={"number": ticket.number, "order": order.number},
    )
    return ticket


@transaction.atomic(durable=True)
def close(*, actor: User, ticket_id: int, command: CloseTicket) -> HotlineTicket:
    """办结: the result told to the caller and the caller's satisfaction (1–5); every clock
    stops (closing a ticket straight from open also answers it)."""
    ticket = _ticket_for_update(actor, ticket_id)
    TICKET_WORKFLOW.require(actor, ticket, "close")
    now = timezone.now()
    move(
        ticket,
        to=TicketStatus.CLOSED,
        transitions=hotline_rules.TICKET_TRANSITIONS,
        closed_at=now,
        next_update_due=None,
        first_responded_at=ticket.first_responded_at or now,
        resolution=command.resolution,
        satisfaction=command.satisfaction,
        satisfaction_comment=command.comment,
    )
    _entry(ticket, EntryKind.CLOSING, command.resolution, actor, now)
    ledger.record(
        actor=actor,
        action="hotline.closed",
        obj=ticket,
        region=ticket.region_id,
        summary={
            "number": ticket.number,
            "satisfaction": command.satisfaction,
            "late": now > ticket.resolution_due,
        },
    )
    return ticket


@transaction.atomic(durable=True)
def escalate_if_overdue(ticket_id: int, *, now: datetime | None = None) -> bool:
    """升级: a ticket whose clock has run out goes to the county desk (once); the system acts,
    so the ledger names no person. False when nothing was overdue or it was escalated already."""
    now = now or timezone.now()
    ticket = HotlineTicket.objects.select_for_update().filter(pk=ticket_id).first()
    if ticket is None or ticket.escalated_at is not None:
        return False
    clock = hotline_rules.overdue_clock(
        now=now,
        status=ticket.status,
        first_response_due=ticket.first_response_due,
        first_responded_at=ticket.first_responded_at,
        next_update_due=ticket.next_update_due,
        resolution_due=ticket.resolution_due,
    )
    if not clock:
        return False
    HotlineTicket.objects.filter(pk=ticket.pk).update(escalated_at=now, escalated_clock=clock)
    ticket.escalated_at, ticket.escalated_clock = now, clock
    county = queries.county_desk(ticket.region_id)
    _entry(
        ticket,
        EntryKind.ESCALATION,
        _("%(clock)s超时，已升级至县级：%(county)s")
        % {
            "clock": ticket.get_escalated_clock_display(),
            "county": county.display_name if county else _("县级"),
        },
        None,
        now,
    )
    ledger.record(
        actor=None,
        action="hotline.escalated",
        obj=ticket,
        region=ticket.region_id,
        summary={"number": ticket.number, "clock": clock},
    )
    return True


def set_policy(*, actor: User, policy: HotlinePolicy) -> HotlinePolicy:
    """A county's desk hours and clock limits, saved from the admin's form inside the admin's
    own transaction (hence not durable); hours that do not parse are refused."""
    require(actor, HOTLINE_POLICY, region=policy.region_id)
    if regions.level_of(policy.region_id) != "county":
        raise DomainError("VALIDATION_ERROR", _("客服专线时限按县（区）设置"))
    try:
        ClockPolicy.from_dict(policy.as_dict())
    except ValueError:
        raise DomainError(
            "VALIDATION_ERROR", _("工作时段格式应为 08:30-12:00,14:00-17:30")
        ) from None
    policy.save()
    ledger.record(
        actor=actor,
        action="hotline.policy_set",
        obj=policy,
        region=policy.region_id,
        summary=policy.as_dict(),
    )
    return policy


def sweep_overdue(*, now: datetime | None = None) -> int:
    """Escalate every overdue ticket not yet escalated (each in its own transaction);
    returns how many were escalated."""
    now = now or timezone.now()
    ids = list(queries.overdue_unescalated(now).values_list("id", flat=True))
    return sum(escalate_if_overdue(ticket_id, now=now) for ticket_id in ids)
