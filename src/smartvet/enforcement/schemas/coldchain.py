"""Answers of the cold-chain endpoints."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema

from smartvet.enforcement.schemas import actions


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
        return actions(shipment, context)
