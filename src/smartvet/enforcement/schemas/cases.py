"""Answers of the case endpoints."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from smartvet.enforcement.schemas import actions


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
        return actions(case, context)


class CaseDetailOut(CaseOut):
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(case) -> list:
        return list(case.evidence.all())
