"""The hotline desk (客服专线): whoever answers the line takes the call, sees its three clocks,
answers, updates, turns it into a service order and closes it with the caller's
satisfaction; the county sees what was escalated."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smartvet.core.access import require
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.queries import regions_within
from smartvet.core.species import category_choices
from smartvet.core.spreadsheets import xlsx_response
from smartvet.core.working_hours import clock_state
from smartvet.registry import queries as registry
from smartvet.vetservice.hotline_commands import (
    AnswerTicket,
    CloseTicket,
    OpenTicket,
    TicketToOrder,
)
from smartvet.vetservice.hotline_permissions import HOTLINE_DESK
from smartvet.vetservice.models import Channel, Clock, Stage, TicketStatus, Topic
from smartvet.vetservice.queries import catalogue as catalogue_queries
from smartvet.vetservice.queries import hotline as queries
from smartvet.vetservice.services import hotline as services

FILTERS = ("status", "stage", "channel", "topic", "q")


def _filters(request) -> dict:
    get = request.GET
    values = {name: get.get(name, "")[:100] for name in FILTERS}
    return {
        **values,
        "mine": get.get("mine") == "1",
        "escalated": get.get("escalated") == "1",
        "overdue_at": timezone.now() if get.get("overdue") == "1" else None,
    }


def _choices() -> dict:
    return {
        "statuses": TicketStatus.choices,
        "stages": Stage.choices,
        "channels": Channel.choices,
        "topics": Topic.choices,
    }


@login_required
def desk(request):
    tickets = queries.tickets_visible_to(request.user, **_filters(request))
    page = Paginator(tickets, 20).get_page(request.GET.get("page"))
    now = timezone.now()
    for ticket in page:
        ticket.late = _late(ticket, now)
    return render(
        request,
        "vetservice/hotline_desk.html",
        {"page": page, "params": request.GET, **_choices()},
    )


def _late(ticket, now) -> bool:
    states = [state for _clock, _due, state in _clocks(ticket, now)]
    return "overdue" in states


def _clocks(ticket, now) -> list[tuple[str, object, str]]:
    """(label, due, state) of the three clocks, for the page."""
    return [
        (
            Clock.FIRST_RESPONSE.label,
            ticket.first_response_due,
            clock_state(ticket.first_response_due, ticket.first_responded_at, now),
        ),
        (
            Clock.NEXT_UPDATE.label,
            ticket.next_update_due,
            clock_state(ticket.next_update_due, None, now),
        ),
        (
            Clock.RESOLUTION.label,
            ticket.resolution_due,
            clock_state(ticket.resolution_due, ticket.closed_at, now),
        ),
    ]


@login_required
def export(request):
    tickets = queries.tickets_visible_to(request.user, **_filters(request))
    headers = [
        _("工单号"),
        _("受理时间"),
        _("环节"),
        _("来源"),
        _("问题类别"),
        _("主题"),
        _("所在地"),
        _("承办单位"),
        _("状态"),
        _("首次响应时限"),
        _("首次响应时间"),
        _("办结时限"),
        _("办结时间"),
        _("超时升级"),
        _("满意度"),
    ]

    def when(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    rows = (
        [
            t.number,
            when(t.opened_at),
            t.get_stage_display(),
            t.get_channel_display(),
            t.get_topic_display(),
            t.subject,
            t.region.name,
            str(t.routed_to),
            t.get_status_display(),
            when(t.first_response_due),
            when(t.first_responded_at),
            when(t.resolution_due),
            when(t.closed_at),
            t.get_escalated_clock_display() if t.escalated_at else "",
            t.satisfaction or "",
        ]
        for t in tickets.iterator(chunk_size=2000)
    )
    return xlsx_response(
        _("客服工单") + ".xlsx", headers, rows, title=_("客服工单"), text_columns=(0,)
    )


def _open_command(request) -> OpenTicket:
    data = {name: request.POST.get(name, "") for name in ("stage", "subject", "body", "phone")}
    data.update(
        {name: request.POST.get(name) or None for name in ("channel",)},
        topic=request.POST.get("topic") or "other",
        caller_name=request.POST.get("caller_name", ""),
        region=request.POST.get("region", ""),
        farm=None,
    )
    code = request.POST.get("farm_code", "").strip()
    if code:
        data["farm"] = registry.farm_by_code(request.user, code[:40]).pk
    return parse(OpenTicket, data)


@login_required
def new_ticket(request):
    require(request.user, HOTLINE_DESK)
    error = None
    if request.method == "POST":
        try:
            ticket = services.open_ticket(actor=request.user, command=_open_command(request))
        except DomainError as exc:
            error = exc
        else:
            done = _("已受理工单%(number)s，转%(desk)s办理")
            messages.success(request, done % {"number": ticket.number, "desk": ticket.routed_to})
            return redirect("vetservice:hotline-ticket", ticket.pk)
    regions = regions_within(actor=request.user).exclude(level__in=("province", "city"))[:500]
    return render(
        request,
        "vetservice/hotline_new.html",
        {"error": error, "post": request.POST, "regions": regions, **_choices()},
        status=422 if error else 200,
    )


@login_required
def ticket_detail(request, ticket_id: int, error=None, status=200):
    ticket = queries.ticket(request.user, ticket_id)
    county = catalogue_queries.actor_county(request.user) or ticket.region_id[:6]
    return render(
        request,
        "vetservice/hotline_ticket.html",
        {
            "ticket": ticket,
            "phone": queries.caller_phone(request.user, ticket),
            "clocks": _clocks(ticket, timezone.now()),
            "entries": queries.entries(ticket),
            "services": catalogue_queries.county_services(county).order_by("kind", "id"),
            "categories": category_choices(),
            "today": timezone.localdate(),
            "error": error,
            "post": request.POST if error else {},
        },
        status=status,
    )


def _order_command(request) -> TicketToOrder:
    fields = ("service", "category", "animals", "preferred_date", "notes")
    return parse(TicketToOrder, {name: request.POST.get(name, "") for name in fields})


def _answer_command(request) -> AnswerTicket:
    return parse(AnswerTicket, {"text": request.POST.get("text", "")})


def _close_command(request) -> CloseTicket:
    fields = ("resolution", "satisfaction", "comment")
    return parse(CloseTicket, {name: request.POST.get(name, "") for name in fields})


# action -> (service, the command from the form, what the page says once done)
ACTIONS = {
    "respond": (services.respond, _answer_command, gettext_lazy("已回复来电人")),
    "update": (services.update, _answer_command, gettext_lazy("已记录进展回复")),
    "order": (services.to_order, _order_command, gettext_lazy("已转为服务订单")),
    "close": (services.close, _close_command, gettext_lazy("工单已办结")),
}


@login_required
@require_POST
def ticket_action(request, ticket_id: int, action: str):
    if action not in ACTIONS:
        return ticket_detail(request, ticket_id)
    service, command, done = ACTIONS[action]
    try:
        service(actor=request.user, ticket_id=ticket_id, command=command(request))
    except DomainError as exc:
        return ticket_detail(request, ticket_id, error=exc, status=422)
    messages.success(request, done)
    return redirect("vetservice:hotline-ticket", ticket_id)
