"""The inputs of the registry's services (core.commands): the API takes them as payloads, pages
build them from forms with `parse`. Limits and labels come from the model fields; what a
field's type cannot say (identity check digits, phone formats, known categories, a death's
disposal) stays a rule of `rules.py`, checked by the service."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from smartvet.core.commands import Command, label, max_length, text
from smartvet.registry.models import Farm, StockEvent, Vehicle, VehicleDisinfection, VehicleRule

Kind = Literal["scale", "household", "village_unit"]
StockEventKind = Literal["opening", "birth", "purchase", "death", "sale", "slaughter"]
# A farm sits in a township (9 digits) or a village (12); which of them is the service's rule.
RegionCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=12)]
Stock = Annotated[dict[str, int], Field(max_length=20)]
Categories = Annotated[list[str], Field(max_length=20)]


def changed(field: str, *, required: bool = False) -> Any:
    """A text field of Farm that a change may leave out (None: unchanged); given, it keeps the
    model's limit, and a required one may not be emptied."""
    constraints = StringConstraints(
        strip_whitespace=True, min_length=1 if required else 0, max_length=max_length(Farm, field)
    )
    return Annotated[Annotated[str, constraints] | None, Field(None, title=label(Farm, field))]


class RegisterFarm(Command):
    name: text(Farm, "name")
    kind: Kind = Field(title=label(Farm, "kind"))
    owner_name: text(Farm, "owner_name", required=False)
    owner_id_number: text(Farm, "owner_id_number", required=False)
    phone: text(Farm, "phone", required=False)
    address: text(Farm, "address", required=False)
    region: RegionCode = Field(title=label(Farm, "region"))
    epidemic_certificate_no: text(Farm, "epidemic_certificate_no", required=False)
    stock: Stock = Field(default_factory=dict)
    unit: int | None = Field(None, title=label(Farm, "unit"))


class UpdateFarm(Command):
    """Only the fields given change; `categories` adds kinds of animals at zero stock."""

    name: changed("name", required=True)
    kind: Kind | None = Field(None, title=label(Farm, "kind"))
    owner_name: changed("owner_name")
    owner_id_number: changed("owner_id_number")
    phone: changed("phone")
    address: changed("address")
    region: RegionCode | None = Field(None, title=label(Farm, "region"))
    epidemic_certificate_no: changed("epidemic_certificate_no")
    categories: Categories | None = None


class RecordStockEvent(Command):
    category: str = Field(max_length=20, title=label(StockEvent, "category"))
    kind: StockEventKind = Field(title=label(StockEvent, "kind"))
    quantity: int = Field(gt=0, le=10_000_000, title=label(StockEvent, "quantity"))
    date: datetime.date = Field(title=label(StockEvent, "date"))
    certificate_no: text(StockEvent, "certificate_no", required=False)
    disposal: text(StockEvent, "disposal", required=False)
    note: text(StockEvent, "note", required=False)
    # A purchase-in names its source farm by id (an API client) or by its card's code (a page).
    source_farm: int | None = Field(
        None, ge=1, le=2**63 - 1, title=label(StockEvent, "source_farm")
    )
    source_farm_code: Annotated[
        str,
        StringConstraints(strip_whitespace=True, max_length=max_length(Farm, "code")),
        Field("", title=label(StockEvent, "source_farm")),
    ]


# --- vehicles ---------------------------------------------------------------------------------


class RegisterVehicle(Command):
    """CONTRACT.md Enforcement: POST /api/v1/vehicles. `region`: the county (default: the
    caller's)."""

    plate: text(Vehicle, "plate")
    owner_name: text(Vehicle, "owner_name")
    owner_phone: text(Vehicle, "owner_phone")
    capacity: int = Field(ge=1, le=100_000, title=label(Vehicle, "capacity"))
    region: RegionCode = Field("", title=label(Vehicle, "county"))


class RecordDisinfection(Command):
    date: datetime.date = Field(title=label(VehicleDisinfection, "date"))
    place: text(VehicleDisinfection, "place")
    disinfectant: text(VehicleDisinfection, "disinfectant", required=False)


class SetVehicleRule(Command):
    county: RegionCode = Field(title=label(VehicleRule, "county"))
    registration_required: bool = Field(title=label(VehicleRule, "registration_required"))
    disinfection_days: int = Field(1, ge=0, le=30, title=label(VehicleRule, "disinfection_days"))
