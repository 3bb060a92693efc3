"""Reads of the vaccine cold chain, scoped to the actor: shipments (sender's and receiver's
area), the held lots waiting for the county, the lots an actor may dispatch."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from smartvet.core.access import require
from smartvet.core.errors import NotFound
from smartvet.core.models import User
from smartvet.enforcement.models import Shipment, ShipmentStatus
from smartvet.enforcement.permissions import VIEW_COLD_CHAIN


def shipments_visible_to(actor: User, *, status: str = "", q: str = "") -> QuerySet[Shipment]:
    require(actor, VIEW_COLD_CHAIN)
    holders = [pk for pk in (actor.pk, actor.provider_id) if pk]
    rows = Shipment.objects.filter(
        Q(pk__in=Shipment.objects.visible_to(actor).values("pk")) | Q(lot__holder_id__in=holders)
    ).select_related("lot__holder", "lot__parent__holder", "dispatched_by", "received_by")
    if status:
        rows = rows.filter(status=status)
    if q:
        rows = rows.filter(
            Q(lot__product__icontains=q)
            | Q(lot__batch__icontains=q)
            | Q(lot__holder__display_name__icontains=q)
        )
    return rows


def held_shipments(actor: User) -> QuerySet[Shipment]:
    return shipments_visible_to(actor, status=ShipmentStatus.HELD)


def shipment(actor: User, shipment_id: int) -> Shipment:
    found = shipments_visible_to(actor).filter(pk=shipment_id).first()
    if found is None:
        raise NotFound()
    return found
