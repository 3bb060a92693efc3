"""Steps of immunization that other apps' services take inside their own transaction, on a
lot they have already authorised: enforcement's cold chain has the receiver sign for a lot
with its temperature at receipt (held when received outside 2–8 °C) and releases a held lot
when the county says so. A step checks no permission, opens no durable transaction and
writes its own ledger event."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from smartvet.core import ledger
from smartvet.core.models import User
from smartvet.immunization.models import Receipt, VaccineLot


def _update(*, actor: User, lot: VaccineLot, action: str, summary: dict, **fields: Any) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("immunization steps run inside the caller's transaction")
    VaccineLot.objects.filter(pk=lot.pk).update(**fields)
    for name, value in fields.items():
        setattr(lot, name, value)
    ledger.record(actor=actor, action=action, obj=lot, region=lot.region_id, summary=summary)


def sign_for_lot(*, actor: User, lot: VaccineLot, held: bool = False, reason: str = "") -> None:
    """The receiver has the transferred vaccine in hand: usable from now on, unless it came
    outside 2–8 °C (`held`: neither used nor moved, VACCINE_LOT_HELD, until released)."""
    _update(
        actor=actor,
        lot=lot,
        action="vaccine_lot.held" if held else "vaccine_lot.signed_for",
        summary={"reason": reason} if held else {"doses": lot.doses},
        receipt=Receipt.SIGNED,
        held=held,
    )


def release_lot(*, actor: User, lot: VaccineLot, reason: str) -> None:
    """The county judged the lot fit: it is used and moved as before."""
    _update(
        actor=actor,
        lot=lot,
        action="vaccine_lot.released",
        summary={"reason": reason},
        held=False,
    )
