"""Steps of immunization that other apps' services take inside their own transaction, on a
lot they have already authorised: enforcement's cold chain holds a lot received outside
2–8 °C and releases it when the county says so. A step checks no permission, opens no
durable transaction and writes its own ledger event."""

from __future__ import annotations

from django.db import transaction

from smartvet.core import ledger
from smartvet.core.models import User
from smartvet.immunization.models import VaccineLot


def _set_held(*, actor: User, lot: VaccineLot, held: bool, action: str, reason: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("immunization steps run inside the caller's transaction")
    VaccineLot.objects.filter(pk=lot.pk).update(held=held)
    lot.held = held
    ledger.record(
        actor=actor, action=action, obj=lot, region=lot.region_id, summary={"reason": reason}
    )


def hold_lot(*, actor: User, lot: VaccineLot, reason: str) -> None:
    """The lot may no longer be used or moved (VACCINE_LOT_HELD) until released."""
    _set_held(actor=actor, lot=lot, held=True, action="vaccine_lot.held", reason=reason)


def release_lot(*, actor: User, lot: VaccineLot, reason: str) -> None:
    """The county judged the lot fit: it is used and moved as before."""
    _set_held(actor=actor, lot=lot, held=False, action="vaccine_lot.released", reason=reason)
