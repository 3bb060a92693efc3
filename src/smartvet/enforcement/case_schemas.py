"""Answers of the case, vehicle and dealer endpoints (CONTRACT.md Enforcement). Phone numbers
and identity numbers are masked for roles that do not need them (core.personal)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from smartvet.core.access import available_actions, can
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


class IdOut(Schema):
    id: int


class CaseCreatedOut(Schema):
    id: int
    number: str
    status: str


class EvidenceOut(Schema):
    kind: str
    record_kind: str
    record_ref: str
    note: str
    photo: bool

    added_at: datetime

    @staticmethod
    def resolve_photo(item) -> bool:
        return bool(item.image)


class CaseOut(Schema):
    id: int
    number: str
    kind: str
    source: str
    status: str
    region: str = Field(alias="region_id")
    farm: int | None = Field(alias="farm_id")
    certificate: str = Field(alias="certificate_number")
    vehicle: str
    summary: str
    due_on: date | None
    decision: str
    amount: str | None
    reasons: str
    opened_at: datetime
    actions: list[str]

    @staticmethod
    def resolve_amount(case) -> str | None:
        return None if case.amount is None else f"{case.amount:.2f}"

    @staticmethod
    def resolve_actions(case, context) -> list[str]:
        return available_actions(context["request"].auth, case).names


class CaseDetailOut(CaseOut):
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(case) -> list:
        return list(case.evidence.all())


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
