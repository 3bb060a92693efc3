"""Reads of dealers and their trades, scoped to the actor."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from smartvet.core.access import require
from smartvet.core.models import User
from smartvet.enforcement.models import Dealer, DealerRecord
from smartvet.enforcement.permissions import VIEW_DEALERS
from smartvet.quarantine import queries as quarantine_queries
from smartvet.registry import rules as registry_rules


def dealers_visible_to(actor: User, *, q: str = "") -> QuerySet[Dealer]:
    """Dealers of the actor's reach, searched by name, phone, licence or a vehicle's plate."""
    require(actor, VIEW_DEALERS)
    queryset = Dealer.objects.visible_to(actor).select_related("county")
    q = q.strip()
    if q:
        queryset = queryset.filter(
            Q(name__contains=q)
            | Q(phone=q)
            | Q(licence_no__contains=q)
            | Q(vehicles__plate__contains=registry_rules.normalize_plate(q))
        ).distinct()
    counted = queryset.annotate(trades=Count("records", distinct=True)).order_by("name", "id")
    return counted.prefetch_related("vehicles")


def dealer(actor: User, dealer_id: int) -> Dealer:
    require(actor, VIEW_DEALERS)
    return Dealer.objects.select_related("county").get_visible(actor, id=dealer_id)


def trades(dealer: Dealer) -> QuerySet[DealerRecord]:
    """A dealer the caller has read: its purchases and sales, latest first."""
    return dealer.records.select_related("farm", "recorded_by")


def certificate_number(number: str) -> str:
    """The number of an existing certificate (NOT_FOUND otherwise); empty stays empty."""
    return quarantine_queries.certificate_by_number(number).number if number else ""
