"""Cold-chain pages: the dispatch form (the lot, the receiver, the temperature), the shipments
with the receipt form where the receiver signs, and the held lots with the county's release."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core.access import can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.forms import posted
from smartvet.enforcement.commands.coldchain import DispatchVaccine, ReceiveVaccine, ReleaseVaccine
from smartvet.enforcement.models import ShipmentStatus
from smartvet.enforcement.permissions import DISPATCH_VACCINE
from smartvet.enforcement.queries import coldchain as queries
from smartvet.enforcement.services import coldchain as services
from smartvet.immunization import queries as immunization_queries


def _dispatchable(user) -> list:
    """The unexpired, unheld tender lots with doses left that the account holds."""
    if not can(user, DISPATCH_VACCINE):
        return []
    lots = immunization_queries.lots_visible_to(
        user, source="tender", usable=True, today=timezone.localdate()
    )
    return list(lots.filter(holder=user))


@login_required
def cold_chain(request):
    error = None
    if request.method == "POST":
        try:
            shipment = services.dispatch_vaccine(
                actor=request.user, command=parse(DispatchVaccine, posted(request))
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已调出，待%(to)s签收") % {"to": shipment.lot.holder})
            return redirect("enforcement:cold-chain")
    status = request.GET.get("status", "")[:20]
    rows = queries.shipments_visible_to(
        request.user, status=status, q=request.GET.get("q", "")[:50]
    )
    return render(
        request,
        "enforcement/cold_chain.html",
        {
            "page": Paginator(rows, 20).get_page(request.GET.get("page")),
            "held": queries.held_shipments(request.user)[:50],
            "lots": _dispatchable(request.user),
            "statuses": ShipmentStatus.choices,
            "params": request.GET,
            "values": request.POST,
            "error": error,
        },
        status=error.status if error else 200,
    )


ACTIONS = {
    "receive": (ReceiveVaccine, services.receive_vaccine),
    "release": (ReleaseVaccine, services.release_vaccine),
}


@login_required
@require_POST
def shipment_action(request, shipment_id: int, name: str):
    if name not in ACTIONS:
        raise Http404()
    command_class, service = ACTIONS[name]
    try:
        shipment = service(
            actor=request.user,
            shipment_id=shipment_id,
            command=parse(command_class, posted(request)),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if shipment.status == ShipmentStatus.HELD:
            messages.error(request, _("到货温度超出2–8℃：该批疫苗已暂停使用，待县级放行"))
        else:
            messages.success(request, _("已记录"))
    return redirect("enforcement:cold-chain")
