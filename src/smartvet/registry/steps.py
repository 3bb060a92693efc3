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
from smartvet.registry.models import Farm, FarmServer, FarmStock, ServingBasis, StockEvent


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
    source_farm: Farm | None = None,
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
        source_farm=source_farm,
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
            "source_farm": source_farm.pk if source_farm else None,
        },
    )
    return event


def serve_by_agreement(
    *,
    actor: User,
    farm: Farm,
    accounts: list[User],
    agreement: int,
    starts_on: date,
    ends_on: date,
) -> None:
    """A service agreement the caller (vetservice) made active makes these accounts serve the
    farm for its period (DOMAIN.md §7); calling it again for the same agreement replaces its
    accounts. Inside the caller's transaction, on a farm it has authorised."""
    FarmServer.objects.filter(farm=farm, basis=ServingBasis.AGREEMENT, reference=agreement).delete()
    FarmServer.objects.bulk_create(
        FarmServer(
            farm=farm,
            account=account,
            basis=ServingBasis.AGREEMENT,
            reference=agreement,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        for account in accounts
    )
    ledger.record(
        actor=actor,
        action="farm.served_by_agreement",
        obj=farm,
        region=farm.region_id,
        summary={
            "agreement": agreement,
            "accounts": [account.username for account in accounts],
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )


def end_agreement_service(*, actor: User, farm: Farm, agreement: int, on: date) -> None:
    """The agreement ended (terminated) on `on`: its accounts stop serving the farm after that
    day; the rows stay as history. Inside the caller's transaction."""
    FarmServer.objects.filter(
        farm=farm, basis=ServingBasis.AGREEMENT, reference=agreement, ends_on__gt=on
    ).update(ends_on=on)
    ledger.record(
        actor=actor,
        action="farm.agreement_service_ended",
        obj=farm,
        region=farm.region_id,
        summary={"agreement": agreement, "on": on},
    )
