"""Answers of the purification-farm and sourcing endpoints."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema


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
