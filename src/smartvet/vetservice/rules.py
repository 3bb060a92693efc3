"""Pure rules of veterinary socialized services (DOMAIN.md §7): money to the cent, prices by
effective date, duty days and qualifications, the choice of a vaccinator, the workflows'
transition tables and the standard catalogue. Plain values only (mypy-strict, hypothesis)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

ORDER_TRANSITIONS: dict[str, set[str]] = {
    "queued": {"assigned"},
    # A dispatcher may hand an assigned order on to another vaccinator before it is accepted.
    "assigned": {"assigned", "accepted"},
    "accepted": {"done"},
    "done": {"confirmed", "disputed"},
    # A dispute settled with the provider is confirmed after all.
    "disputed": {"confirmed"},
}
AGREEMENT_TRANSITIONS: dict[str, set[str]] = {"proposed": {"active"}, "active": {"ended"}}
STATEMENT_TRANSITIONS: dict[str, set[str]] = {"draft": {"signed"}, "signed": {"superseded"}}


def money(value: Decimal | int | str) -> Decimal:
    """Yuan to the cent, rounded half-up (DESIGN.md: money)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def amount(price: Decimal, quantity: int) -> Decimal:
    return money(price * quantity)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """A statement's total: the exact sum of its lines' amounts (each already to the cent)."""
    return money(sum(amounts, Decimal("0")))


def price_on(prices: Iterable[tuple[date, Decimal]], on: date) -> Decimal | None:
    """The price in force on a day: the one with the latest effective date not after it."""
    in_force = [(since, price) for since, price in prices if since <= on]
    return max(in_force)[1] if in_force else None


def on_duty(duty_days: str, on: date) -> bool:
    """`duty_days` lists ISO weekdays ("12345": Monday to Friday)."""
    return str(on.isoweekday()) in duty_days


def qualified(expires: date, on: date) -> bool:
    return on <= expires


def duty_days_valid(duty_days: str) -> bool:
    return (
        bool(duty_days)
        and set(duty_days) <= set("1234567")
        and len(set(duty_days)) == len(duty_days)
    )


def month_start(value: date) -> date:
    return value.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def parse_month(text: str) -> date | None:
    """ "2025-03" -> 2025-03-01; None when it is not a month."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def age(birth_year: int | None, on: date) -> int | None:
    return None if birth_year is None else on.year - birth_year


@dataclass(frozen=True)
class Candidate:
    """A vaccinator who could take an order: its account id, how many orders it has open and
    whether the farm's agreement names it."""

    account_id: int
    open_orders: int
    named: bool


def pick_vaccinator(candidates: Sequence[Candidate]) -> Candidate | None:
    """The one the agreement names before the others, then the least loaded, then the oldest
    account (a stable answer, so the same state always gives the same vaccinator)."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (not c.named, c.open_orders, c.account_id))


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    kind: str
    unit: str
    guide_price: Decimal


# Seed 000 (2025): 公益性服务 bought by the government and 经营性服务 paid by the farmer. The
# prices are a starting point the county replaces with its own guide prices.
STANDARD_CATALOGUE: tuple[CatalogueEntry, ...] = (
    CatalogueEntry("immunization", "散养户强制免疫", "public", "头（只）次", Decimal("1.50")),
    CatalogueEntry("sampling", "免疫抗体监测采样", "public", "份", Decimal("3.00")),
    CatalogueEntry("zero_reporting", "疫情零报告", "public", "村月", Decimal("50.00")),
    CatalogueEntry("disposal_supervision", "无害化处理监管", "public", "头（只）", Decimal("5.00")),
    CatalogueEntry("diagnosis", "诊断治疗", "commercial", "头（只）次", Decimal("30.00")),
    CatalogueEntry("castration", "阉割", "commercial", "头", Decimal("15.00")),
    CatalogueEntry("vaccination", "非强制免疫", "commercial", "头（只）次", Decimal("3.00")),
    CatalogueEntry("testing", "检测", "commercial", "份", Decimal("20.00")),
    CatalogueEntry("hospital", "动物医院诊疗", "commercial", "头（只）次", Decimal("80.00")),
)
CATALOGUE_CODES = tuple(entry.code for entry in STANDARD_CATALOGUE)
# The order that is completed by recording an immunization through the immunization app.
IMMUNIZATION = "immunization"


def catalogue_entry(code: str) -> CatalogueEntry | None:
    return next((entry for entry in STANDARD_CATALOGUE if entry.code == code), None)
