"""What the consult API answers (CONTRACT.md "Experts and information")."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from ninja import Schema


class ExpertOut(Schema):
    username: str
    name: str
    specialities: list[str]
    species: list[str]
    topics: list[str]
    regions: list[str]
    employer: str
    title: str
    available: bool

    @staticmethod
    def from_entry(entry) -> dict:  # type: ignore[no-untyped-def]
        return {
            "username": entry.account.username,
            "name": str(entry.account),
            "specialities": [*entry.species, *entry.topics],
            "species": entry.species,
            "topics": entry.topics,
            "regions": sorted(r.code for r in entry.regions.all()),
            "employer": entry.employer,
            "title": entry.title,
            "available": entry.available,
        }


class AskedOut(Schema):
    id: int
    routed_to: list[str]


class PhotoOut(Schema):
    url: str
    thumbnail: str


class AnswerOut(Schema):
    id: int
    expert: str
    name: str
    body: str
    answered_at: datetime
    helpful: bool


class ConsultationOut(Schema):
    id: int
    status: str
    species: str
    topic: str
    question: str
    farm: int | None
    region: str
    asked_at: datetime
    first_answer_due: datetime
    first_answered_at: datetime | None
    escalated: bool
    rating: int | None
    routed_to: list[str]
    photos: list[PhotoOut]
    answers: list[AnswerOut]
    report: int | None

    @staticmethod
    def from_consultation(c, routed: list[str], answers) -> dict:  # type: ignore[no-untyped-def]
        return {
            "id": c.pk,
            "status": c.status,
            "species": c.species,
            "topic": c.topic,
            "question": c.question,
            "farm": c.farm_id,
            "region": c.region_id,
            "asked_at": c.asked_at,
            "first_answer_due": c.first_answer_due,
            "first_answered_at": c.first_answered_at,
            "escalated": c.escalated_at is not None,
            "rating": c.rating,
            "routed_to": routed,
            "photos": [
                {
                    "url": reverse("consult:photo", args=[p.pk, "full"]),
                    "thumbnail": reverse("consult:photo", args=[p.pk, "thumb"]),
                }
                for p in c.photos.all()
            ],
            "answers": [
                {
                    "id": a.pk,
                    "expert": a.expert.username,
                    "name": str(a.expert),
                    "body": a.body,
                    "answered_at": a.answered_at,
                    "helpful": a.helpful,
                }
                for a in answers
            ],
            "report": c.report_id,
        }


class CreatedOut(Schema):
    id: int


class ClosedOut(Schema):
    id: int
    status: str
    rating: int | None


class PriceOut(Schema):
    id: int
    commodity: str
    region: str
    market: str
    unit: str
    price: str
    date: date
    confirmed_outlier: bool


class BulletinRowOut(Schema):
    commodity: str
    name: str
    unit: str
    mean: float | None
    wow: float | None
    yoy: float | None
    n: int


class BulletinOut(Schema):
    region: str
    week: str
    items: list[BulletinRowOut]
