"""Commands of the disposals and their insurance claims."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.core.species import CATEGORIES
from smartvet.enforcement.models import Disposal, InsuranceClaim
from smartvet.surveillance.models import DisposalMethod

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
