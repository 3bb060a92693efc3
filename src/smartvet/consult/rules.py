"""Pure rules of the consult app: the commodities of the price reports and their units, the
outlier rule that holds a price back until its reporter confirms it, the weekly bulletin's
figures (环比/同比), which experts fit a question, and the scrubbing of personal data from a
question before it joins the knowledge base."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

MAX_RATING = 5
MAX_PHOTOS = 9
MAX_PHOTO_BYTES = 10 << 20

# The first-answer clock, in working hours (core.workdays; the desk's hours of a working day):
# the experts are reminded after REMIND_HOURS, and a question nobody answered within the
# working day goes to the county.
WORKING_HOURS = "08:30-12:00,14:00-17:30"
REMIND_HOURS = 2
ANSWER_HOURS = 7

# Seed 004 §7 and the list: commodity -> (label, unit).
COMMODITIES: dict[str, tuple[Any, str]] = {
    "live_hog": (_("生猪"), "kg"),
    "piglet": (_("仔猪"), "head"),
    "pork": (_("猪肉"), "kg"),
    "beef": (_("牛肉"), "kg"),
    "mutton": (_("羊肉"), "kg"),
    "live_cattle": (_("活牛"), "kg"),
    "live_sheep": (_("活羊"), "kg"),
    "egg": (_("鸡蛋"), "kg"),
    "chicken": (_("鸡肉"), "kg"),
    "chick": (_("鸡苗"), "bird"),
    "raw_milk": (_("生鲜乳"), "kg"),
    "maize": (_("玉米"), "kg"),
    "soybean_meal": (_("豆粕"), "kg"),
    "feed": (_("配合饲料"), "kg"),
}
UNITS: dict[str, Any] = {"kg": _("元/公斤"), "head": _("元/头"), "bird": _("元/羽")}


def commodity_choices() -> list[tuple[str, Any]]:
    return [(code, label) for code, (label, _unit) in COMMODITIES.items()]


def unit_choices() -> list[tuple[str, Any]]:
    return list(UNITS.items())


def unit_of(commodity: str) -> str:
    return COMMODITIES[commodity][1]


# --- the outlier rule ----------------------------------------------------------------------

# Modified z-score (Iglewicz and Hoaglin): 0.6745·(x − median)/MAD beyond 3.5 is an outlier.
# With fewer than MIN_HISTORY recent prices, or when they are all equal (MAD 0), a ratio band
# around the median decides instead: below half or above twice the median.
Z_LIMIT = Decimal("3.5")
Z_FACTOR = Decimal("0.6745")
MIN_HISTORY = 5
BAND_LOW, BAND_HIGH = Decimal("0.5"), Decimal("2")


@dataclass(frozen=True)
class Verdict:
    outlier: bool
    median: Decimal | None  # of the recent prices (None without any)
    score: Decimal | None  # the modified z-score, when it decided


def price_verdict(price: Decimal, recent: Sequence[Decimal]) -> Verdict:
    """Is `price` far from the region's recent prices of the same commodity?"""
    if not recent:
        return Verdict(False, None, None)
    median = Decimal(statistics.median(recent))
    mad = Decimal(statistics.median(abs(p - median) for p in recent))
    if len(recent) >= MIN_HISTORY and mad > 0:
        score = Z_FACTOR * (price - median) / mad
        return Verdict(abs(score) > Z_LIMIT, median, score.quantize(Decimal("0.01")))
    return Verdict(not (median * BAND_LOW <= price <= median * BAND_HIGH), median, None)


# --- the weekly bulletin -------------------------------------------------------------------


def parse_week(text: str) -> date:
    """ "2026-W05" -> the Monday of that ISO week; ValueError on anything else."""
    match = re.fullmatch(r"(\d{4})-W(\d{2})", text.strip())
    if not match:
        raise ValueError(text)
    return date.fromisocalendar(int(match[1]), int(match[2]), 1)


def week_label(monday: date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def same_week_last_year(monday: date) -> date:
    """The Monday of the same ISO week a year earlier (week 53 falls back to week 52)."""
    year, week, _day = monday.isocalendar()
    try:
        return date.fromisocalendar(year - 1, week, 1)
    except ValueError:
        return date.fromisocalendar(year - 1, 52, 1)


def mean(prices: Sequence[Decimal]) -> Decimal | None:
    if not prices:
        return None
    return (sum(prices, Decimal(0)) / len(prices)).quantize(Decimal("0.01"))


def change(now: Decimal | None, before: Decimal | None) -> float | None:
    """A change as a fraction (0.05 for +5%), None without both figures."""
    if now is None or before is None or before == 0:
        return None
    return round(float(now / before - 1), 4)


@dataclass(frozen=True)
class BulletinRow:
    commodity: str
    mean: Decimal | None
    wow: float | None
    yoy: float | None
    n: int


def bulletin_rows(
    week: dict[str, list[Decimal]],
    previous: dict[str, list[Decimal]],
    last_year: dict[str, list[Decimal]],
) -> list[BulletinRow]:
    """One row per commodity reported this week, in the commodities' order: the mean price and
    its change on the previous week (环比) and on the same week last year (同比)."""
    rows = []
    for code in COMMODITIES:
        prices = week.get(code, [])
        if not prices:
            continue
        now = mean(prices)
        rows.append(
            BulletinRow(
                commodity=code,
                mean=now,
                wow=change(now, mean(previous.get(code, []))),
                yoy=change(now, mean(last_year.get(code, []))),
                n=len(prices),
            )
        )
    return rows


def weeks_back(monday: date, count: int) -> list[date]:
    """The Mondays of the `count` weeks ending with `monday`, oldest first."""
    return [monday - timedelta(weeks=count - 1 - i) for i in range(count)]


# --- routing -------------------------------------------------------------------------------


def fits(
    *,
    species: str,
    topic: str,
    expert_species: Iterable[str],
    expert_topics: Iterable[str],
    served: Iterable[str],
    region: str,
) -> bool:
    """An expert fits a question when it knows the species and the topic and serves the
    question's place (a region it serves contains the place)."""
    return (
        species in set(expert_species)
        and topic in set(expert_topics)
        and any(region.startswith(code) for code in served)
    )


# --- personal data out of the knowledge base -------------------------------------------------

_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
_EAR_TAG = re.compile(r"(?<!\d)\d{15}(?!\d)")
MASK = "＊＊"


def scrub(text: str, names: Iterable[str] = ()) -> str:
    """The text without identity numbers, phone numbers, ear tags and the given names (the
    farmer's, the farm's, the asker's): what may be read by every account."""
    for pattern in (_ID_NUMBER, _MOBILE, _LANDLINE, _EAR_TAG):
        text = pattern.sub(MASK, text)
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, MASK)
    return text


# --- the consultation's workflow -----------------------------------------------------------

# open → answered (the first answer) → closed (the farmer rates); more answers may come while
# the question is answered, none once it is closed.
TRANSITIONS: dict[str, set[str]] = {"open": {"answered"}, "answered": {"closed"}}

# A supply or demand post stays on the board this many days at most.
MAX_POST_DAYS = 60


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
