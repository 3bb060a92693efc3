"""What each consult service takes (core.commands: validation once). The API takes these as
its payloads (CONTRACT.md "Experts and information"); the pages build them with `parse`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext_lazy as _
from pydantic import Field, StringConstraints

from smartvet.consult import rules
from smartvet.consult.models import (
    Answer,
    Attendance,
    Consultation,
    Expert,
    MarketPost,
    Material,
    Pairing,
    PairingKind,
    PostKind,
    PriceReport,
    Species,
    Topic,
    TrainingEvent,
    TrainingKind,
    Visit,
)
from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, max_length, text
from smartvet.core.models import Region
from smartvet.core.species import CATEGORIES
from smartvet.surveillance.models import Disease

RegionCode = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=max_length(Region, "code"))
]
SpeciesCode = Literal[tuple(Species.values)]
TopicCode = Literal[tuple(Topic.values)]
CommodityCode = Literal[tuple(rules.COMMODITIES)]
Day = date  # PriceIn has a field named `date`
Username = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150)]


class AskIn(Command):
    species: SpeciesCode = Field(title=label(Consultation, "species"))
    topic: TopicCode = Field(title=label(Consultation, "topic"))
    question: text(Consultation, "question")
    farm: int | None = Field(None, ge=1, le=MAX_ID, title=label(Consultation, "farm"))


class AnswerIn(Command):
    body: text(Answer, "body")


class HelpfulIn(Command):
    answer: int = Field(ge=1, le=MAX_ID, title=_("解答"))


class CloseIn(Command):
    rating: int = Field(ge=1, le=rules.MAX_RATING, title=label(Consultation, "rating"))
    helpful: int | None = Field(None, ge=1, le=MAX_ID, title=_("最有帮助的解答"))


class SuspectIn(Command):
    """A consultation that reveals a suspected notifiable disease, as a surveillance report."""

    disease: Literal[tuple(Disease.values)] = Field(title=_("疑似病种"))
    category: Literal[tuple(CATEGORIES)] = Field(title=_("品种类别"))
    at_risk: int = Field(0, ge=0, le=10_000_000, title=_("存栏（易感）数"))
    sick: int = Field(0, ge=0, le=10_000_000, title=_("发病数"))
    dead: int = Field(0, ge=0, le=10_000_000, title=_("死亡数"))
    onset_date: date = Field(title=_("发病日期"))


class ExpertIn(Command):
    username: Username = Field(title=_("账号"))
    title: text(Expert, "title", required=False)
    employer: text(Expert, "employer")
    species: list[SpeciesCode] = Field(min_length=1, max_length=5, title=label(Expert, "species"))
    topics: list[TopicCode] = Field(min_length=1, max_length=6, title=label(Expert, "topics"))
    regions: list[RegionCode] = Field(min_length=1, max_length=50, title=label(Expert, "regions"))
    available: bool = Field(True, title=label(Expert, "available"))
    availability: text(Expert, "availability", required=False)
    introduction: text(Expert, "introduction", required=False)


class PairingIn(Command):
    expert: Username = Field(title=label(Pairing, "expert"))
    kind: Literal[tuple(PairingKind.values)] = Field(title=label(Pairing, "kind"))
    region: RegionCode = Field(title=label(Pairing, "region"))
    farm: int | None = Field(None, ge=1, le=MAX_ID, title=label(Pairing, "farm"))
    company: text(Pairing, "company", required=False)
    plan: text(Pairing, "plan")
    starts_on: date = Field(title=label(Pairing, "starts_on"))
    ends_on: date = Field(title=label(Pairing, "ends_on"))


class VisitIn(Command):
    visited_on: date = Field(title=label(Visit, "visited_on"))
    farmers: int = Field(0, ge=0, le=10_000, title=label(Visit, "farmers"))
    notes: text(Visit, "notes")


class TrainingIn(Command):
    kind: Literal[tuple(TrainingKind.values)] = Field(title=label(TrainingEvent, "kind"))
    title: text(TrainingEvent, "title")
    region: RegionCode = Field(title=label(TrainingEvent, "region"))
    place: text(TrainingEvent, "place")
    starts_at: datetime = Field(title=label(TrainingEvent, "starts_at"))
    ends_at: datetime = Field(title=label(TrainingEvent, "ends_at"))
    teacher: text(TrainingEvent, "teacher")
    summary: text(TrainingEvent, "summary", required=False)


class AttendeeIn(Command):
    """An attendee without a phone, entered by the organiser."""

    name: text(Attendance, "name")
    village: RegionCode = Field(title=label(Attendance, "village"))


class MaterialIn(Command):
    title: text(Material, "title")


class PriceIn(Command):
    commodity: CommodityCode = Field(title=label(PriceReport, "commodity"))
    region: RegionCode = Field(title=label(PriceReport, "region"))
    market: text(PriceReport, "market")
    unit: Literal[tuple(rules.UNITS)] = Field(title=label(PriceReport, "unit"))
    price: Decimal = Field(gt=0, max_digits=10, decimal_places=2, title=label(PriceReport, "price"))
    date: Day = Field(title=label(PriceReport, "date"))
    # The reporter checked a price the outlier rule held back and stands by it.
    confirm: bool = Field(False, title=_("确认价格无误"))


class PostIn(Command):
    kind: Literal[tuple(PostKind.values)] = Field(title=label(MarketPost, "kind"))
    commodity: CommodityCode = Field(title=label(MarketPost, "commodity"))
    quantity: text(MarketPost, "quantity")
    price: text(MarketPost, "price", required=False)
    region: RegionCode = Field(title=label(MarketPost, "region"))
    contact: text(MarketPost, "contact")
    details: text(MarketPost, "details", required=False)
    days: int = Field(14, ge=1, le=rules.MAX_POST_DAYS, title=_("有效天数"))
