"""Answers of the disposal and claim endpoints."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from smartvet.enforcement.schemas import actions


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
        return actions(claim, context)
