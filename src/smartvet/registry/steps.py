"""Steps of the registry that other apps' services take inside their own transaction, on a
farm they have already authorised (a certificate takes the animals off the origin farm and
puts them on the destination farm). A step checks no permission, opens no durable
transaction and writes its own ledger event."""

from __future__ import annotations

from datetime import date

from smartvet.core import ledger
from smartvet.core.errors import DomainError
from smartvet.core.models import User
from smartvet.registry import rules
from smartvet.registry.models import Farm, FarmStock, StockEvent


def refresh_completeness(farm: Farm) -> None:
    """A farm is complete when seed 002 §二(一)'s basic fields are filled and it keeps stock."""
    stock = dict(farm.stock_lines.values_list("category", "quantity"))
    missing = rules.missing_fields(
        name=farm.name, phone=farm.phone, address=farm.address, stock=stock
    )
    complete = not missing
    if farm.is_complete != complete:
        farm.is_complete = complete
        Farm.objects.filter(pk=farm.pk).update(is_complete=complete)


def apply_stock_change(
    *,
    actor: User,
    farm: Farm,
    category: str,
    kind: str,
    quantity: int,
    on: date,
    certificate_no: str = "",
    disposal: str = "",
    note: str = "",
) -> StockEvent:
    """One stock event on a farm the caller has authorised, inside the caller's transaction (the
    row lock needs one). Stock never goes negative (STOCK_INSUFFICIENT)."""
    line, _created = FarmStock.objects.select_for_update().get_or_create(
        farm=farm, category=category, defaults={"quantity": 0}
    )
    problem = rules.stock_event_problem(line.quantity, kind, quantity)
    if problem:
        raise DomainError(problem.code, problem.message, [problem.as_dict()])
    line.quantity = rules.stock_after(line.quantity, kind, quantity)
    line.save(update_fields=["quantity"])
    event = StockEvent.objects.create(
        farm=farm,
        category=category,
        kind=kind,
        quantity=quantity,
        balance=line.quantity,
        date=on,
        certificate_no=certificate_no,
        disposal=disposal,
        note=note,
        actor=actor,
    )
    refresh_completeness(farm)
    ledger.record(
        actor=actor,
        action="farm.stock_changed",
        obj=farm,
        region=farm.region_id,
        summary={
            "category": category,
            "kind": kind,
            "quantity": quantity,
            "balance": event.balance,
            "date": on,
            "certificate_no": certificate_no,
        },
    )
    return event
