"""Pure rules of compulsory immunization (DOMAIN.md §4; seed 003): no ORM, plain values."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

PASS_RATE = Decimal("70")
RESULT_DEADLINE_WORKDAYS = 10
CDC_SAMPLING_SHARE = Decimal("0.25")
DENSITY_TARGET = Decimal("100")

# Large farms self-test at least once a year (seed 003 §三(三)): stock lines by species
# and the minimum samples of one test.
LARGE_FARM_STOCK = {"pig": 5000, "cattle": 1000, "sheep": 2000, "poultry": 50000}
MIN_SAMPLES = {"pig": 20, "cattle": 20, "sheep": 20, "poultry": 30}


@dataclass(frozen=True)
class PlanLine:
    disease: str
    category: str
    protection_days: int
    interval_days: int
    nationwide: bool = True


def applies(line: PlanLine, switches: dict[str, bool]) -> bool:
    """Whether a plan line is compulsory in a region, given the switches on the region and
    its ancestors as {region code: enabled}: the longest (most specific) code wins."""
    if not switches:
        return line.nationwide
    return switches[max(switches, key=len)]


def serves_species(lot_species: list[str], species: str) -> bool:
    """A lot is made for the species it names (猪口蹄疫…疫苗: pigs); one that names none
    serves every species its diseases are vaccinated in."""
    return not lot_species or species in lot_species


def next_due(on: date, interval_days: int) -> date:
    return on + timedelta(days=interval_days)


def protected_until(on: date, protection_days: int) -> date:
    return on + timedelta(days=protection_days)


def protection(
    vaccinations: list[tuple[date, date]], on_date: date
) -> tuple[bool, date | None, date | None]:
    """(protected, since, until) from (vaccinated on, protected until) pairs: protected when
    one vaccination on or before `on_date` still covers it; since is the latest such
    vaccination, until the furthest end of protection among vaccinations so far. When not
    protected, since/until describe the last lapsed vaccination (None when there was none)."""
    past = [pair for pair in vaccinations if pair[0] <= on_date]
    if not past:
        return False, None, None
    covering = [pair for pair in past if pair[1] >= on_date]
    if covering:
        return True, max(d for d, _ in covering), max(u for _, u in covering)
    last = max(past, key=lambda pair: (pair[1], pair[0]))
    return False, last[0], last[1]


def pass_rate(samples: int, qualified: int) -> Decimal:
    """Percent qualified, one decimal, half-up."""
    if samples <= 0:
        return Decimal("0.0")
    return (Decimal(qualified) * 100 / Decimal(samples)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def passed(rate: Decimal) -> bool:
    return rate >= PASS_RATE


def species_totals(stock: dict[str, int], species_of: dict[str, str]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for category, quantity in stock.items():
        species = species_of.get(category)
        if species:
            totals[species] = totals.get(species, 0) + quantity
    return totals


def large_species(stock: dict[str, int], species_of: dict[str, str]) -> list[str]:
    """The species for which a farm is a large farm (pigs ≥5000, cattle ≥1000, sheep ≥2000,
    poultry ≥50000)."""
    totals = species_totals(stock, species_of)
    return [s for s, line in LARGE_FARM_STOCK.items() if totals.get(s, 0) >= line]


def min_samples(species: str) -> int:
    return MIN_SAMPLES.get(species, 20)


def cdc_target(scale_farms: int) -> int:
    """Farms the CDC samples in a year: at least 25% of the other scale farms, rounded up."""
    return math.ceil(Decimal(scale_farms) * CDC_SAMPLING_SHARE)


def density(immunized: int, required: int) -> Decimal | None:
    """Immunized / stock that must be immunized, percent with one decimal; None when
    nothing had to be immunized."""
    if required <= 0:
        return None
    return (Decimal(immunized) * 100 / Decimal(required)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def counted_immunized(animals: int, stock: int) -> int:
    """Animals counted for density on one farm and category: boosters inside the range
    must not push it over the stock, so the count is capped at the stock."""
    return max(0, min(animals, stock))


def not_in_hand(receipt: str, held: bool) -> str | None:
    """Why a lot is neither used nor moved, or None when its holder has it in hand: a
    transferred lot until its receiver signs for it ("signed"), a lot the cold chain held
    (received outside 2–8 °C) until the county releases it."""
    if receipt != "signed":
        return "VACCINE_LOT_NOT_RECEIVED"
    if held:
        return "VACCINE_LOT_HELD"
    return None
