"""Answers of the disposal, claim, purification and cold-chain endpoints."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from smartvet.core.access import available_actions


def _actions(obj, context) -> list[str]:
    return available_actions(context["request"].auth, obj).names


class CreatedOut(Schema):
    id: int


class PhotosOut(Schema):
    photos: int


class DisposalOut(Schema):
    id: int
    farm: int = Field(alias="farm_id")
    farm_name: str = Field(alias="farm.name")
    category: str
    animals: int
    method: str
    place: str
    date: date
    collector: str
    report: int | None = Field(alias="report_id")
    stock_event: int | None = Field(alias="stock_event_id")
    recorded_by: str = Field(alias="recorded_by.username")
    photos: int

    @staticmethod
    def resolve_photos(disposal) -> int:
        return disposal.photos.count()


class ClaimOut(Schema):
    id: int
    disposal: int = Field(alias="disposal_id")
    farm_name: str = Field(alias="disposal.farm.name")
    insurer: str
    policy_number: str
    animals: int
    amount: Decimal
    status: str
    note: str
    paid_on: date | None
    filed_at: datetime
    actions: list[str]

    @staticmethod
    def resolve_actions(claim, context) -> list[str]:
        return _actions(claim, context)


class PurificationFarmOut(Schema):
    id: int
    farm: int = Field(alias="farm_id")
    farm_name: str = Field(alias="farm.name")
    farm_code: str = Field(alias="farm.code")
    level: str
    certificate_no: str
    diseases: str
    valid_from: date
    valid_until: date


class SourcingRowOut(Schema):
    region: str = Field(alias="code")
    name: str
    buyers: int
    from_purification: int
    share: Decimal | None


class SourcingOut(Schema):
    items: list[SourcingRowOut]


class ShipmentOut(Schema):
    id: int
    lot: int = Field(alias="lot_id")
    from_lot: int | None = Field(alias="lot.parent_id")
    product: str = Field(alias="lot.product")
    batch: str = Field(alias="lot.batch")
    doses: int = Field(alias="lot.doses")
    to: str = Field(alias="lot.holder.username")
    status: str
    dispatch_temperature: Decimal
    receipt_temperature: Decimal | None
    lot_held: bool = Field(alias="lot.held")
    actions: list[str]

    @staticmethod
    def resolve_actions(shipment, context) -> list[str]:
        return _actions(shipment, context)
