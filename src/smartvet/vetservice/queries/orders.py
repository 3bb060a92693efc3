"""Reads of service orders and agreements, always scoped to the actor (or, where they say so,
for a caller that has authorised the account)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from smartvet.core.access import require_reach, within
from smartvet.core.models import User
from smartvet.vetservice.models import Agreement, OrderStatus, ServiceOrder

_ORDER_RELATED = ("farm", "service", "assignee", "provider__account", "township")


def orders_visible_to(
    actor: User,
    *,
    status: str = "",
    region: str = "",
    q: str = "",
    mine: bool = False,
    kind: str = "",
) -> QuerySet[ServiceOrder]:
    """Orders in reach: a farmer's own farms', the rest by region; `mine`: those assigned to
    the actor or its provider; `q` searches the order number and the farm's name."""
    orders = ServiceOrder.objects.visible_to(actor).select_related(*_ORDER_RELATED)
    if status:
        orders = orders.filter(status=status)
    if region:
        require_reach(actor, region)
        orders = orders.filter(within("farm__region_id", region))
    if kind:
        orders = orders.filter(service__kind=kind)
    if q:
        q = q.strip()
        orders = orders.filter(Q(number=q) | Q(farm__name__contains=q))
    if mine:
        orders = orders.filter(Q(assignee=actor) | Q(provider__account=actor))
    return orders


def order(actor: User, order_id: int) -> ServiceOrder:
    return ServiceOrder.objects.select_related(*_ORDER_RELATED).get_visible(actor, id=order_id)


def day_list(actor: User, day: date | None = None) -> QuerySet[ServiceOrder]:
    """The vaccinator's day: what it must do (assigned and accepted, by preferred date up to
    the day) and what it did that day."""
    day = day or timezone.localdate()
    return (
        orders_visible_to(actor)
        .filter(assignee=actor)
        .filter(
            Q(status__in=[OrderStatus.ASSIGNED, OrderStatus.ACCEPTED])
            | Q(served_on=day, status__in=[OrderStatus.DONE, OrderStatus.CONFIRMED])
        )
        .order_by("preferred_date", "id")
    )


def orders_done_by(account: User, day: date) -> QuerySet[ServiceOrder]:
    """The orders an account completed on a day (the daily report's lines), for a caller that
    has authorised the account (the report's own author)."""
    return (
        ServiceOrder.objects.filter(assignee=account, served_on=day)
        .exclude(status__in=[OrderStatus.QUEUED, OrderStatus.ASSIGNED, OrderStatus.ACCEPTED])
        .select_related("farm", "service")
        .order_by("id")
    )


def agreements_visible_to(
    actor: User, *, status: str = "", farm: int | None = None, q: str = ""
) -> QuerySet[Agreement]:
    agreements = Agreement.objects.visible_to(actor).select_related("farm", "provider__account")
    if status:
        agreements = agreements.filter(status=status)
    if farm is not None:
        agreements = agreements.filter(farm_id=farm)
    if q:
        agreements = agreements.filter(Q(number=q.strip()) | Q(farm__name__contains=q.strip()))
    return agreements


def agreement(actor: User, agreement_id: int) -> Agreement:
    return (
        Agreement.objects.select_related("farm", "provider__account")
        .prefetch_related("services", "vaccinators", "prices__service")
        .get_visible(actor, id=agreement_id)
    )
