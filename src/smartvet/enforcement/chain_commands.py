"""Typed inputs of enforcement's disposal, claim, purification and cold-chain services
(core.commands): the API's payloads; pages build them with `parse`. Limits and labels come
from the models."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from smartvet.core.commands import Command, label, text
from smartvet.core.models import User
from smartvet.core.species import CATEGORIES
from smartvet.enforcement.models import (
    Disposal,
    InsuranceClaim,
    PurificationFarm,
    PurificationLevel,
    Shipment,
)
from smartvet.surveillance.models import DisposalMethod

MAX_ID = 2**63 - 1
MAX_ANIMALS = 1_000_000


class RecordDisposal(Command):
    """CONTRACT.md Enforcement: POST /api/v1/disposals (`collector` is optional)."""

    farm: int = Field(ge=1, le=MAX_ID, title=label(Disposal, "farm"))
    category: Literal[tuple(CATEGORIES)] = Field(title=label(Disposal, "category"))
    animals: int = Field(ge=1, le=MAX_ANIMALS, title=label(Disposal, "animals"))
    method: Literal[tuple(DisposalMethod.values)] = Field(title=label(Disposal, "method"))
    place: text(Disposal, "place")
    date: datetime.date = Field(title=label(Disposal, "date"))
    report: int | None = Field(None, ge=1, le=MAX_ID, title=label(Disposal, "report"))
    collector: text(Disposal, "collector", required=False)


class FileClaim(Command):
    insurer: text(InsuranceClaim, "insurer")
    policy_number: text(InsuranceClaim, "policy_number")
    animals: int = Field(ge=1, le=MAX_ANIMALS, title=label(InsuranceClaim, "animals"))
    amount: Decimal = Field(
        ge=0, max_digits=12, decimal_places=2, title=label(InsuranceClaim, "amount")
    )


class DecideClaim(Command):
    """Accept or refuse (a refusal says why) or record the payment (its date)."""

    note: text(InsuranceClaim, "note", required=False)
    paid_on: datetime.date | None = Field(None, title=label(InsuranceClaim, "paid_on"))


class RegisterPurificationFarm(Command):
    farm: int = Field(ge=1, le=MAX_ID, title=label(PurificationFarm, "farm"))
    level: Literal[tuple(PurificationLevel.values)] = Field(title=label(PurificationFarm, "level"))
    certificate_no: text(PurificationFarm, "certificate_no")
    diseases: text(PurificationFarm, "diseases")
    valid_from: datetime.date = Field(title=label(PurificationFarm, "valid_from"))
    valid_until: datetime.date = Field(title=label(PurificationFarm, "valid_until"))


def _temperature(field: str) -> Any:
    return Field(ge=-40, le=60, max_digits=4, decimal_places=1, title=label(Shipment, field))


class DispatchVaccine(Command):
    lot: int = Field(ge=1, le=MAX_ID, title=label(Shipment, "lot"))
    to: text(User, "username")
    doses: int = Field(gt=0, le=100_000_000, title=str(_("调出头份")))
    temperature: Decimal = _temperature("dispatch_temperature")


class ReceiveVaccine(Command):
    temperature: Decimal = _temperature("receipt_temperature")


class ReleaseVaccine(Command):
    note: text(Shipment, "release_note")
