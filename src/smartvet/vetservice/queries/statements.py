"""Reads of monthly statements and the rows they are built from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum

from smartvet.core.models import User
from smartvet.vetservice import rules
from smartvet.vetservice.models import (
    OrderStatus,
    Payer,
    Provider,
    ServiceOrder,
    Statement,
)

BILLED = (OrderStatus.DONE, OrderStatus.CONFIRMED, OrderStatus.DISPUTED)


@dataclass(frozen=True)
class Row:
    """One public-welfare order of the month as the statement lists it."""

    order_id: int
    order_number: str
    service_name: str
    unit: str
    farm_name: str
    served_on: date
    quantity: int
    price: Decimal
    amount: Decimal
    status: str

    @property
    def included(self) -> bool:
        return self.status == OrderStatus.CONFIRMED


def month_orders(provider: Provider, month: date) -> QuerySet[ServiceOrder]:
    """The provider's public-welfare orders served in the month and not left open."""
    return ServiceOrder.objects.filter(
        provider=provider,
        payer=Payer.COUNTY,
        served_on__gte=month,
        served_on__lt=rules.next_month(month),
        status__in=BILLED,
    )


def statement_rows(provider: Provider, month: date) -> list[Row]:
    """The rows of the provider's month (for a caller that authorised the provider): one query,
    ordered by day and order."""
    return [
        Row(*values)
        for values in month_orders(provider, month)
        .order_by("served_on", "id")
        .values_list(
            "id",
            "number",
            "service__name",
            "service__unit",
            "farm__name",
            "served_on",
            "quantity",
            "unit_price",
            "amount",
            "status",
        )
    ]


def confirmed_total(provider: Provider, month: date) -> Decimal:
    """The bare aggregate the statement must equal (bench, tests)."""
    value = (
        month_orders(provider, month)
        .filter(status=OrderStatus.CONFIRMED)
        .aggregate(total=Sum("amount"))["total"]
    )
    return rules.money(value or 0)


def statements_visible_to(
    actor: User, *, month: date | None = None, provider: str = "", status: str = ""
) -> QuerySet[Statement]:
    statements = Statement.objects.visible_to(actor).select_related(
        "provider__account", "signed_by"
    )
    if month:
        statements = statements.filter(month=month)
    if provider:
        statements = statements.filter(provider__account__username=provider)
    if status:
        statements = statements.filter(status=status)
    return statements


def latest_statement(provider: Provider, month: date) -> Statement | None:
    return Statement.objects.filter(provider=provider, month=month).order_by("-version").first()


def statement(actor: User, statement_id: int) -> Statement:
    return Statement.objects.select_related("provider__account", "signed_by").get_visible(
        actor, id=statement_id
    )


def provider_by_username(actor: User, username: str) -> Provider:
    return Provider.objects.select_related("account", "township").get_visible(
        actor, account__username=username
    )
