"""疫苗冷链 (issue 17 point 5): a holder dispatches tender vaccine (immunization's transfer)
with the temperature at dispatch; the receiver signs with the temperature at receipt. Vaccine
out of 2–8 °C is never dispatched (COLD_CHAIN_OUT_OF_RANGE); a lot received out of range is
held (immunization refuses it with VACCINE_LOT_HELD) until the county releases it."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, workflow
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import User
from smartvet.enforcement import rules
from smartvet.enforcement.commands.coldchain import DispatchVaccine, ReceiveVaccine, ReleaseVaccine
from smartvet.enforcement.models import Shipment, ShipmentStatus
from smartvet.enforcement.permissions import DISPATCH_VACCINE, SHIPMENT
from smartvet.enforcement.queries import coldchain as queries
from smartvet.immunization import services as immunization_services
from smartvet.immunization import steps as immunization_steps
from smartvet.immunization.commands import TransferLot


def _range_text(temperature: Decimal) -> str:
    return _("%(t)s℃，冷链要求%(low)s–%(high)s℃") % {
        "t": temperature,
        "low": rules.COLD_CHAIN_LOW,
        "high": rules.COLD_CHAIN_HIGH,
    }


def _region(shipment: Shipment) -> str:
    return shipment.lot.region_id


@transaction.atomic(durable=True)
def dispatch_vaccine(*, actor: User, command: DispatchVaccine) -> Shipment:
    """The transfer and its temperature, both or neither. Refused as immunization's transfer
    refuses (a held, expired or self-purchased lot, too few doses, an unknown receiver) and
    when the vaccine is out of range at dispatch."""
    require(actor, DISPATCH_VACCINE)
    if not rules.in_cold_chain_range(command.temperature):
        message = _("出库温度%(range)s：不得调出") % {"range": _range_text(command.temperature)}
        raise DomainError.from_problems(
            [Problem("COLD_CHAIN_OUT_OF_RANGE", message, {"field": "temperature"})]
        )
    lot = immunization_services.transfer_lot_step(
        actor=actor,
        lot_id=command.lot,
        command=TransferLot(to=command.to, doses=command.doses),
        cold_chain=True,
    )
    shipment = Shipment.objects.create(
        lot=lot, dispatch_temperature=command.temperature, dispatched_by=actor
    )
    ledger.record(
        actor=actor,
        action="shipment.dispatched",
        obj=shipment,
        region=_region(shipment),
        summary={
            "lot": lot.pk,
            "from_lot": command.lot,
            "to": command.to,
            "doses": command.doses,
            "temperature": command.temperature,
        },
    )
    return shipment


@transaction.atomic(durable=True)
def receive_vaccine(*, actor: User, shipment_id: int, command: ReceiveVaccine) -> Shipment:
    """The receiver signs with the temperature at receipt. In range: the lot is usable from
    now on. Out of range: received and held until the county releases it."""
    shipment = queries.shipment(actor, shipment_id)
    SHIPMENT.require(actor, shipment, "receive")
    in_range = rules.in_cold_chain_range(command.temperature)
    workflow.move(
        shipment,
        to=ShipmentStatus.RECEIVED if in_range else ShipmentStatus.HELD,
        transitions=rules.SHIPMENT_TRANSITIONS,
        receipt_temperature=command.temperature,
        received_by=actor,
        received_at=timezone.now(),
    )
    reason = (
        "" if in_range else _("到货温度%(range)s") % {"range": _range_text(command.temperature)}
    )
    immunization_steps.sign_for_lot(actor=actor, lot=shipment.lot, held=not in_range, reason=reason)
    ledger.record(
        actor=actor,
        action="shipment.received" if in_range else "shipment.held",
        obj=shipment,
        region=_region(shipment),
        summary={"lot": shipment.lot_id, "temperature": command.temperature},
    )
    return shipment


@transaction.atomic(durable=True)
def release_vaccine(*, actor: User, shipment_id: int, command: ReleaseVaccine) -> Shipment:
    """The county judged the held vaccine fit (its note says on what grounds)."""
    shipment = queries.shipment(actor, shipment_id)
    SHIPMENT.require(actor, shipment, "release")
    workflow.move(
        shipment,
        to=ShipmentStatus.RELEASED,
        transitions=rules.SHIPMENT_TRANSITIONS,
        released_by=actor,
        release_note=command.note,
    )
    immunization_steps.release_lot(actor=actor, lot=shipment.lot, reason=command.note)
    ledger.record(
        actor=actor,
        action="shipment.released",
        obj=shipment,
        region=_region(shipment),
        summary={"lot": shipment.lot_id, "note": command.note},
    )
    return shipment
