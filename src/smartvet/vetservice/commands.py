"""Typed inputs of the vetservice services (core.commands): the API takes them as payloads,
pages build them with `parse`. Limits and labels come from the models; domain rules
(agreements, qualifications, signed statements) stay in the services."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from smartvet.core.commands import Command, label, text
from smartvet.core.models import User
from smartvet.immunization.commands import CategoryCode, DiseaseCode
from smartvet.vetservice.models import (
    Agreement,
    Assessment,
    CaseRecord,
    GuidePrice,
    Provider,
    Service,
    ServiceOrder,
    Statement,
    Training,
    Vaccinator,
)

Price = Decimal


class RegisterProvider(Command):
    account: text(User, "username")
    name: text(Provider, "name")
    kind: Literal["lead", "organisation"] = Field(title=label(Provider, "kind"))
    township: str = Field(min_length=9, max_length=9, title=label(Provider, "township"))
    legal_representative: text(Provider, "legal_representative", required=False)
    credit_code: text(Provider, "credit_code", required=False)
    address: text(Provider, "address", required=False)
    phone: text(Provider, "phone", required=False)
    lead_from: datetime.date | None = Field(None, title=label(Provider, "lead_from"))
    lead_until: datetime.date | None = Field(None, title=label(Provider, "lead_until"))
    villages: list[str] = Field(
        default_factory=list, max_length=500, title=label(Provider, "villages")
    )


class EnrolVaccinator(Command):
    account: text(User, "username")
    kind: Literal["epidemic_worker", "village_vet", "licensed_vet"] = Field(
        title=label(Vaccinator, "kind")
    )
    qualification_no: text(Vaccinator, "qualification_no")
    qualification_expires: datetime.date = Field(title=label(Vaccinator, "qualification_expires"))
    villages: list[str] = Field(min_length=1, max_length=200, title=label(Vaccinator, "villages"))
    duty_days: str = Field(
        "1234567", min_length=1, max_length=7, title=label(Vaccinator, "duty_days")
    )
    birth_year: int | None = Field(None, ge=1930, le=2010, title=label(Vaccinator, "birth_year"))


class RecordTraining(Command):
    name: text(Training, "name")
    taken_on: datetime.date = Field(title=label(Training, "taken_on"))
    hours: int = Field(0, ge=0, le=1000, title=label(Training, "hours"))


class RecordAssessment(Command):
    period: text(Assessment, "period")
    score: Decimal = Field(ge=0, le=100, decimal_places=1, title=label(Assessment, "score"))
    notes: text(Assessment, "notes", required=False)


class SetGuidePrice(Command):
    service: text(Service, "code")
    price: Price = Field(ge=0, le=1_000_000, decimal_places=2, title=label(GuidePrice, "price"))
    effective_from: datetime.date = Field(title=label(GuidePrice, "effective_from"))


class ProposeAgreement(Command):
    provider: text(User, "username")
    farm: int = Field(title=label(Agreement, "farm"))
    services: list[str] = Field(min_length=1, max_length=20, title=label(Agreement, "services"))
    starts_on: datetime.date = Field(title=label(Agreement, "starts_on"))
    ends_on: datetime.date = Field(title=label(Agreement, "ends_on"))
    vaccinators: list[str] = Field(
        default_factory=list, max_length=50, title=label(Agreement, "vaccinators")
    )
    categories: list[CategoryCode] = Field(
        default_factory=list, max_length=11, title=label(Agreement, "categories")
    )
    provider_duties: text(Agreement, "provider_duties", required=False)
    farm_duties: text(Agreement, "farm_duties", required=False)
    quality_requirements: text(Agreement, "quality_requirements", required=False)
    density_target: Decimal = Field(
        Decimal("100"), ge=0, le=100, title=label(Agreement, "density_target")
    )
    antibody_target: Decimal = Field(
        Decimal("70"), ge=0, le=100, title=label(Agreement, "antibody_target")
    )
    # Agreed prices of commercial services, by catalogue code ("castration": "12.00").
    prices: dict[str, Price] = Field(default_factory=dict, title=label(Agreement, "services"))


class PlaceOrder(Command):
    farm: int = Field(title=label(ServiceOrder, "farm"))
    service: text(Service, "code")
    category: CategoryCode | Literal[""] = Field("", title=label(ServiceOrder, "category"))
    animals: int = Field(gt=0, le=1_000_000, title=label(ServiceOrder, "animals"))
    preferred_date: datetime.date = Field(title=label(ServiceOrder, "preferred_date"))
    notes: text(ServiceOrder, "notes", required=False)


class DispatchOrder(Command):
    to: text(User, "username")


class OrderImmunization(Command):
    """The immunization that completes an immunization order: the farm, the category and the
    animals ordered come from the order unless given."""

    date: datetime.date = Field(title=label(ServiceOrder, "served_on"))
    disease: DiseaseCode = Field(title=label(ServiceOrder, "service"))
    lot: int = Field(title=label(ServiceOrder, "immunization"))
    animals: int | None = Field(None, gt=0, le=10_000_000, title=label(ServiceOrder, "animals"))
    doses: int = Field(gt=0, le=100_000_000, title=label(ServiceOrder, "quantity"))
    category: CategoryCode | None = Field(None, title=label(ServiceOrder, "category"))
    ear_tags: list[str] = Field(default_factory=list, max_length=5000)


class CompleteOrder(Command):
    immunization: OrderImmunization | None = None
    served_on: datetime.date | None = Field(None, title=label(ServiceOrder, "served_on"))
    quantity: int | None = Field(None, gt=0, le=1_000_000, title=label(ServiceOrder, "quantity"))


class ConfirmOrder(Command):
    rating: int = Field(ge=1, le=5, title=label(ServiceOrder, "rating"))
    comment: text(ServiceOrder, "comment", required=False)


class DisputeOrder(Command):
    reason: text(ServiceOrder, "dispute")


class RecordCase(Command):
    complaint: text(CaseRecord, "complaint")
    findings: text(CaseRecord, "findings", required=False)
    diagnosis: text(CaseRecord, "diagnosis")
    treatment: text(CaseRecord, "treatment", required=False)
    drugs: text(CaseRecord, "drugs", required=False)
    withdrawal_days: int = Field(0, ge=0, le=365, title=label(CaseRecord, "withdrawal_days"))


class PrepareStatement(Command):
    provider: text(User, "username")
    month: str = Field(pattern=r"^\d{4}-\d{2}$", title=label(Statement, "month"))


class CorrectStatement(Command):
    reason: text(Statement, "correction_reason")
