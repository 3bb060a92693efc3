"""What the services API returns (CONTRACT.md "Services (vetservice)"): money as strings with
two decimals, accounts by username."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema


def money_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def username(account) -> str | None:
    return account.username if account is not None else None


class CatalogueOut(Schema):
    code: str
    name: str
    kind: str
    unit: str
    guide_price: str | None

    @staticmethod
    def resolve_code(line) -> str:
        return line.service.code

    @staticmethod
    def resolve_name(line) -> str:
        return line.service.name

    @staticmethod
    def resolve_kind(line) -> str:
        return line.service.kind

    @staticmethod
    def resolve_unit(line) -> str:
        return line.service.unit

    @staticmethod
    def resolve_guide_price(line) -> str | None:
        return money_text(line.guide_price)


class GuidePriceOut(Schema):
    service: str
    price: str
    effective_from: date

    @staticmethod
    def resolve_service(price) -> str:
        return price.service.code

    @staticmethod
    def resolve_price(price) -> str:
        return money_text(price.price)


class ProviderOut(Schema):
    id: int
    account: str
    name: str
    kind: str
    township: str
    legal_representative: str
    lead_from: date | None
    lead_until: date | None
    villages: list[str]

    @staticmethod
    def resolve_account(provider) -> str:
        return provider.account.username

    @staticmethod
    def resolve_township(provider) -> str:
        return provider.township_id

    @staticmethod
    def resolve_villages(provider) -> list[str]:
        return [village.code for village in provider.villages.all()]


class VaccinatorOut(Schema):
    id: int
    account: str
    name: str
    provider: str | None
    kind: str
    qualification_no: str
    qualification_expires: date
    villages: list[str]
    duty_days: str
    birth_year: int | None
    on_roster: bool

    @staticmethod
    def resolve_account(entry) -> str:
        return entry.account.username

    @staticmethod
    def resolve_name(entry) -> str:
        return str(entry.account)

    @staticmethod
    def resolve_provider(entry) -> str | None:
        return entry.provider.account.username if entry.provider else None

    @staticmethod
    def resolve_villages(entry) -> list[str]:
        return [village.code for village in entry.villages.all()]


class AgreementOut(Schema):
    id: int
    number: str
    status: str
    provider: str
    farm: int
    services: list[str]
    vaccinators: list[str]
    starts_on: date
    ends_on: date
    density_target: str
    antibody_target: str
    prices: dict[str, str]

    @staticmethod
    def resolve_provider(agreement) -> str:
        return agreement.provider.account.username

    @staticmethod
    def resolve_farm(agreement) -> int:
        return agreement.farm_id

    @staticmethod
    def resolve_services(agreement) -> list[str]:
        return [service.code for service in agreement.services.all()]

    @staticmethod
    def resolve_vaccinators(agreement) -> list[str]:
        return [account.username for account in agreement.vaccinators.all()]

    @staticmethod
    def resolve_density_target(agreement) -> str:
        return money_text(agreement.density_target)

    @staticmethod
    def resolve_antibody_target(agreement) -> str:
        return money_text(agreement.antibody_target)

    @staticmethod
    def resolve_prices(agreement) -> dict[str, str]:
        return {price.service.code: money_text(price.price) for price in agreement.prices.all()}


class CaseOut(Schema):
    complaint: str
    findings: str
    diagnosis: str
    treatment: str
    drugs: str
    withdrawal_days: int
    recorded_at: datetime


class OrderOut(Schema):
    id: int
    number: str
    status: str
    farm: int
    service: str
    category: str
    animals: int
    preferred_date: date
    notes: str
    assignee: str | None
    provider: str | None
    basis: str
    basis_note: str
    payer: str
    quantity: int | None
    price: str | None
    amount: str | None
    immunization: int | None
    served_on: date | None
    rating: int | None
    comment: str
    created_at: datetime

    @staticmethod
    def resolve_farm(order) -> int:
        return order.farm_id

    @staticmethod
    def resolve_service(order) -> str:
        return order.service.code

    @staticmethod
    def resolve_assignee(order) -> str | None:
        return username(order.assignee)

    @staticmethod
    def resolve_provider(order) -> str | None:
        return order.provider.account.username if order.provider else None

    @staticmethod
    def resolve_price(order) -> str | None:
        return money_text(order.unit_price)

    @staticmethod
    def resolve_amount(order) -> str | None:
        return money_text(order.amount)

    @staticmethod
    def resolve_immunization(order) -> int | None:
        return order.immunization_id


class StatementLineOut(Schema):
    order: int
    service: str
    farm: str
    served_on: date | None
    quantity: int
    price: str
    amount: str


class StatementOut(Schema):
    id: int | None
    provider: str
    month: str
    version: int | None
    status: str
    lines: list[StatementLineOut]
    apart: list[dict]
    total: str
    signed_by: str | None
    signed_at: datetime | None
