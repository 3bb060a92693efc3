"""What the API answers of reports, lab results, alerts, rules and outbreak events
(CONTRACT.md "Surveillance" field names)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema

from smartvet.surveillance.queries.outbreaks import clocks


class CreatedOut(Schema):
    id: int


class ReportOut(Schema):
    id: int
    kind: str
    farm: int | None
    region: str
    category: str
    at_risk: int
    sick: int
    dead: int
    onset_date: date
    disease: str
    signs: str
    notes: str
    disposal_method: str
    disposal_place: str
    disposal_by: str
    period: date | None
    photos: int
    reported_at: datetime

    @staticmethod
    def resolve_farm(obj: Any) -> int | None:
        return obj.farm_id

    @staticmethod
    def resolve_region(obj: Any) -> str:
        return obj.region_id

    @staticmethod
    def resolve_photos(obj: Any) -> int:
        return obj.photos.count()


class LabResultOut(Schema):
    id: int
    farm: int
    disease: str
    kind: str
    sampled_on: date
    samples: int
    positive: int | None
    lab: str
    accreditation: str

    @staticmethod
    def resolve_farm(obj: Any) -> int:
        return obj.farm_id


class AlertOut(Schema):
    id: int
    rule: str
    region: str
    severity: str
    status: str
    opened_at: datetime
    summary: str

    @staticmethod
    def resolve_rule(obj: Any) -> str:
        return obj.rule.code

    @staticmethod
    def resolve_region(obj: Any) -> str:
        return obj.region_id


class AlertEntryOut(Schema):
    kind: str
    at: datetime
    actor: str
    text: str

    @staticmethod
    def resolve_actor(obj: Any) -> str:
        return obj.actor.username if obj.actor_id else "system"


class AlertDetailOut(AlertOut):
    observed: float
    expected: float | None
    farm: int | None
    updates: int
    outcome: str
    notes: str
    closed_at: datetime | None
    timeline: list[AlertEntryOut]

    @staticmethod
    def resolve_farm(obj: Any) -> int | None:
        return obj.farm_id

    @staticmethod
    def resolve_timeline(obj: Any) -> list[Any]:
        return list(obj.entries.select_related("actor"))


class RuleOut(Schema):
    id: int
    code: str
    name: str
    region: str
    indicator: str
    region_level: str
    window_days: int
    method: str
    parameters: dict[str, Any]
    min_count: int
    severity: str
    routing_level: str
    cooldown_hours: int
    source: str
    active: bool
    alarms: int
    ppv: float | None

    @staticmethod
    def resolve_region(obj: Any) -> str:
        return obj.region_id

    @staticmethod
    def resolve_alarms(obj: Any) -> int:
        return obj.record["alarms"]

    @staticmethod
    def resolve_ppv(obj: Any) -> float | None:
        return obj.record["ppv"]


class ClockOut(Schema):
    due: datetime
    done: datetime | None
    overdue: bool


class EventOut(Schema):
    id: int
    number: str
    disease: str
    region: str
    status: str
    started_on: date
    suspected_at: datetime
    province: ClockOut
    ministry: ClockOut | None

    @staticmethod
    def resolve_region(obj: Any) -> str:
        return obj.region_id

    @staticmethod
    def resolve_province(obj: Any) -> dict[str, Any]:
        return clocks(obj)["province"]

    @staticmethod
    def resolve_ministry(obj: Any) -> dict[str, Any] | None:
        return clocks(obj)["ministry"]


class ZeroRowOut(Schema):
    village: str
    name: str
    state: str
    vaccinators: list[str]


class ZeroBoardOut(Schema):
    schedule: str
    start: date
    end: date
    counts: dict[str, int]
    villages: list[ZeroRowOut]
