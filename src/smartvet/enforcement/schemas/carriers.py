"""Answers of the vehicle and dealer endpoints. Phone numbers and identity numbers are masked
for roles that do not need them (core.personal)."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema

from smartvet.core.access import can
from smartvet.core.permissions import SEE_PERSONAL_DATA
from smartvet.core.personal import mask_identity, mask_phone


def _sees_personal(context) -> bool:
    return can(context["request"].auth, SEE_PERSONAL_DATA)


class RegisteredOut(Schema):
    id: int
    plate: str
    registered: bool = True


class VehicleOut(Schema):
    id: int
    plate: str
    owner_name: str
    owner_phone: str
    capacity: int
    county: str = Field(alias="county_id")
    registered: bool = True
    last_disinfected_on: date | None

    @staticmethod
    def resolve_owner_phone(vehicle, context) -> str:
        return vehicle.owner_phone if _sees_personal(context) else mask_phone(vehicle.owner_phone)


class DealerOut(Schema):
    id: int
    name: str
    id_number: str
    phone: str
    county: str = Field(alias="county_id")
    licence_no: str
    vehicles: list[str]

    @staticmethod
    def resolve_id_number(dealer, context) -> str:
        return dealer.id_number if _sees_personal(context) else mask_identity(dealer.id_number)

    @staticmethod
    def resolve_phone(dealer, context) -> str:
        return dealer.phone if _sees_personal(context) else mask_phone(dealer.phone)

    @staticmethod
    def resolve_vehicles(dealer) -> list[str]:
        return [vehicle.plate for vehicle in dealer.vehicles.all()]
