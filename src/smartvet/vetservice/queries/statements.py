"""Reads of monthly statements and the rows they are built from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from smartvet.core.errors import ValidationFailed
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


def counted_total(statement: Statement) -> Decimal:
    """The statement's total: the exact sum of its counted lines, summed by the database."""
    value = statement.lines.filter(included=True).aggregate(total=Sum("amount"))["total"]
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


@dataclass
class StatementView:
    """A statement as pages, the API and the papers show it: a stored version, or the month
    as it would be built now (before the county prepares it). `region_path` lets
    core.access check it like the stored statement."""

    region_path = "provider__township"

    provider: Provider
    month: date
    lines: list[Row]
    apart: list[Row]
    total: Decimal
    statement: Statement | None = None

    @property
    def status(self) -> str:
        return self.statement.status if self.statement else "preview"

    def as_dict(self) -> dict:
        stored = self.statement
        return {
            "id": stored.pk if stored else None,
            "provider": self.provider.account.username,
            "month": f"{self.month:%Y-%m}",
            "version": stored.version if stored else None,
            "status": self.status,
            "lines": [_line_dict(row) for row in self.lines],
            "apart": [{**_line_dict(row), "status": row.status} for row in self.apart],
            "total": f"{self.total:.2f}",
            "signed_by": stored.signed_by.username if stored and stored.signed_by else None,
            "signed_at": stored.signed_at if stored else None,
        }


def _line_dict(row: Row) -> dict:
    return {
        "order": row.order_id,
        "service": row.service_name,
        "farm": row.farm_name,
        "served_on": row.served_on,
        "quantity": row.quantity,
        "price": f"{row.price:.2f}",
        "amount": f"{row.amount:.2f}",
    }


def live_view(provider: Provider, month: date) -> StatementView:
    rows = statement_rows(provider, month)
    counted = [row for row in rows if row.included]
    return StatementView(
        provider=provider,
        month=month,
        lines=counted,
        apart=[row for row in rows if not row.included],
        total=rules.total(row.amount for row in counted),
    )


def stored_view(statement: Statement) -> StatementView:
    rows = [
        Row(
            line.order_id,
            line.order.number,
            line.service_name,
            line.unit,
            line.farm_name,
            line.served_on,
            line.quantity,
            line.price,
            line.amount,
            OrderStatus.CONFIRMED if line.included else line.note,
        )
        for line in statement.lines.select_related("order").order_by(
            "-included", "served_on", "order_id"
        )
    ]
    return StatementView(
        provider=statement.provider,
        month=statement.month,
        lines=[row for row in rows if row.included],
        apart=[row for row in rows if not row.included],
        total=statement.total,
        statement=statement,
    )


def month_view(actor: User, provider_username: str, month_text: str) -> StatementView:
    """The provider's month: its latest stored version, else the live preview."""
    month = rules.parse_month(month_text)
    if month is None:
        raise ValidationFailed(_("月份格式应为YYYY-MM"), [{"field": "month"}])
    provider = provider_by_username(actor, provider_username)
    stored = latest_statement(provider, month)
    return stored_view(stored) if stored else live_view(provider, month)
