"""Order pages: the farmer orders and rates on a phone, the vaccinator's day list, the
provider's dispatch board, the station's and the county's order lists (with xlsx)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smartvet.core.access import available_actions, require
from smartvet.core.errors import DomainError
from smartvet.core.forms import posted
from smartvet.core.species import CATEGORY_LABELS
from smartvet.core.spreadsheets import xlsx_response
from smartvet.immunization.models import Disease
from smartvet.registry import queries as registry_queries
from smartvet.vetservice.commands import (
    CompleteOrder,
    ConfirmOrder,
    DispatchOrder,
    DisputeOrder,
    PlaceOrder,
    RecordCase,
)
from smartvet.vetservice.models import OrderStatus, ServiceKind
from smartvet.vetservice.permissions import VIEW_SERVICES
from smartvet.vetservice.queries import catalogue as catalogue_queries
from smartvet.vetservice.queries import orders as queries
from smartvet.vetservice.queries import roster as roster_queries
from smartvet.vetservice.services import orders as services
from smartvet.vetservice.views.common import command_from, page_of, text_param


def _filters(request) -> dict:
    return {
        "status": text_param(request, "status", 20),
        "region": text_param(request, "region", 12),
        "q": text_param(request, "q"),
        "kind": text_param(request, "kind", 20),
        "mine": request.GET.get("mine") == "1",
    }


@login_required
def order_list(request):
    """Every role's list of the orders in reach (the farmer's own), with filters."""
    require(request.user, VIEW_SERVICES)
    orders = queries.orders_visible_to(request.user, **_filters(request))
    return render(
        request,
        "vetservice/order_list.html",
        {
            "page": page_of(request, orders),
            "params": request.GET,
            "statuses": OrderStatus.choices,
            "kinds": ServiceKind.choices,
        },
    )


@login_required
def order_export(request):
    require(request.user, VIEW_SERVICES)
    orders = queries.orders_visible_to(request.user, **_filters(request))[:10000]
    headers = [
        _("订单号"),
        _("养殖场户"),
        _("服务项目"),
        _("数量（头只）"),
        _("期望日期"),
        _("状态"),
        _("承接人"),
        _("派单说明"),
        _("服务日期"),
        _("金额（元）"),
        _("付费方"),
        _("评分"),
    ]
    rows = [
        [
            o.number,
            o.farm.name,
            o.service.name,
            o.animals,
            o.preferred_date.isoformat(),
            o.get_status_display(),
            str(o.assignee or ""),
            o.basis_note,
            o.served_on.isoformat() if o.served_on else "",
            f"{o.amount:.2f}" if o.amount is not None else "",
            o.get_payer_display(),
            o.rating or "",
        ]
        for o in orders
    ]
    return xlsx_response(
        _("服务订单") + ".xlsx", headers, rows, title=_("服务订单"), text_columns=(0,)
    )


@login_required
def day_list(request):
    """The vaccinator's day: what is assigned to it and what it did today."""
    require(request.user, VIEW_SERVICES)
    today = timezone.localdate()
    return render(
        request,
        "vetservice/day_list.html",
        {
            "orders": queries.day_list(request.user, today),
            "today": today,
            "on_duty": roster_queries.on_duty(request.user, today),
        },
    )


@login_required
def board(request):
    """The provider's (or station's) dispatch board: orders waiting for a vaccinator, and the
    vaccinators who may take them."""
    require(request.user, VIEW_SERVICES)
    waiting = queries.orders_visible_to(request.user, status=OrderStatus.QUEUED)
    own = roster_queries.provider_of_account(request.user)
    if own is not None:
        waiting = waiting.filter(provider=own)
    roster = roster_queries.roster_visible_to(request.user, expired=False)
    if own is not None:
        roster = roster.filter(provider=own)
    return render(
        request,
        "vetservice/board.html",
        {
            "page": page_of(request, waiting.order_by("preferred_date", "id")),
            "open": queries.orders_visible_to(request.user, status=OrderStatus.ASSIGNED).filter(
                **({"provider": own} if own else {})
            )[:50],
            "roster": roster[:100],
        },
    )


def _order_form_context(request, error=None, data=None):
    farms = registry_queries.farms_visible_to(request.user)[:50]
    return {
        "farms": farms,
        "catalogue": catalogue_queries.catalogue(request.user),
        "categories": CATEGORY_LABELS,
        "error": error,
        "data": data or {"preferred_date": timezone.localdate().isoformat()},
    }


@login_required
def order_create(request):
    """A farmer orders on a phone: service, animals, preferred date, notes."""
    error = None
    if request.method == "POST":
        try:
            order = services.place_order(
                actor=request.user, command=command_from(PlaceOrder, posted(request))
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已下单：%(n)s") % {"n": order.number})
            return redirect("vetservice:order", order.pk)
    return render(
        request,
        "vetservice/order_form.html",
        _order_form_context(request, error, request.POST if error else None),
    )


@login_required
def order_detail(request, order_id: int, error=None):
    require(request.user, VIEW_SERVICES)
    order = queries.order(request.user, order_id)
    actions = available_actions(request.user, order)
    context = {
        "order": order,
        "actions": actions,
        "error": error,
        "case": getattr(order, "case_record", None),
        "diseases": Disease.choices,
        "today": timezone.localdate(),
        "ratings": [5, 4, 3, 2, 1],
    }
    if "dispatch" in actions:
        context["roster"] = roster_queries.roster_visible_to(request.user, expired=False)[:100]
    return render(request, "vetservice/order_detail.html", context, status=422 if error else 200)


def _complete_command(data):
    if data.get("lot"):
        immunization = {
            key: data[key]
            for key in ("date", "disease", "lot", "animals", "doses")
            if data.get(key)
        }
        tags = [code for code in data.get("ear_tags", "").split() if code]
        return command_from(CompleteOrder, {}, immunization={**immunization, "ear_tags": tags})
    return command_from(
        CompleteOrder, {k: data[k] for k in ("served_on", "quantity") if data.get(k)}
    )


ACTIONS = {
    "dispatch": lambda actor, pk, data: services.dispatch_order(
        actor=actor, order_id=pk, command=command_from(DispatchOrder, data)
    ),
    "accept": lambda actor, pk, data: services.accept_order(actor=actor, order_id=pk),
    "complete": lambda actor, pk, data: services.complete_order(
        actor=actor, order_id=pk, command=_complete_command(data)
    ),
    "confirm": lambda actor, pk, data: services.confirm_order(
        actor=actor, order_id=pk, command=command_from(ConfirmOrder, data)
    ),
    "dispute": lambda actor, pk, data: services.dispute_order(
        actor=actor, order_id=pk, command=command_from(DisputeOrder, data)
    ),
    "record_case": lambda actor, pk, data: services.record_case(
        actor=actor, order_id=pk, command=command_from(RecordCase, data)
    ),
}
DONE_WORDS = {
    "dispatch": gettext_lazy("已派单"),
    "accept": gettext_lazy("已接单"),
    "complete": gettext_lazy("已完成，待养殖户确认"),
    "confirm": gettext_lazy("已确认，谢谢评价"),
    "dispute": gettext_lazy("已提出异议"),
    "record_case": gettext_lazy("诊疗记录已保存"),
}


@login_required
@require_POST
def order_action(request, order_id: int, action: str):
    if action not in ACTIONS:
        return order_detail(request, order_id)
    data = posted(request)
    try:
        ACTIONS[action](request.user, order_id, data)
    except DomainError as exc:
        return order_detail(request, order_id, error=exc)
    messages.success(request, DONE_WORDS[action])
    return redirect("vetservice:order", order_id)
