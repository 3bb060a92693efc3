"""Commands of the dealers and their trades (the vehicles' are the registry's)."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.core.species import CATEGORIES
from smartvet.enforcement.commands import RegionCode
from smartvet.enforcement.models import Dealer, DealerRecord, TradeDirection


class RegisterDealer(Command):
    name: text(Dealer, "name")
    id_number: text(Dealer, "id_number")
    phone: text(Dealer, "phone")
    licence_no: text(Dealer, "licence_no", required=False)
    region: RegionCode = Field("", title=label(Dealer, "county"))
    vehicles: list[str] = Field(
        default_factory=list, max_length=20, title=label(Dealer, "vehicles")
    )


class RecordTrade(Command):
    direction: Literal[tuple(TradeDirection.values)] = Field(title=label(DealerRecord, "direction"))
    date: datetime.date = Field(title=label(DealerRecord, "date"))
    counterparty: text(DealerRecord, "counterparty")
    farm: int | None = Field(None, ge=1, le=MAX_ID, title=label(DealerRecord, "farm"))
    category: Literal[tuple(CATEGORIES)] = Field(title=label(DealerRecord, "category"))
    quantity: int = Field(ge=1, le=1_000_000, title=label(DealerRecord, "quantity"))
    certificate_number: text(DealerRecord, "certificate_number", required=False)
