"""Pure rules of quarantine (DOMAIN.md §6; 《动物检疫管理办法》): lead times, workflows,
certificate kind, numbers and validity, arrival and slaughter reconciliation. No ORM.

Policy numbers are data: the defaults below, overridden by settings.SMARTVET["QUARANTINE"]."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core.errors import Problem

DEFAULT_POLICY: dict[str, Any] = {
    # 《动物检疫管理办法》第十三条: 3 days ahead for slaughter and rearing, 15 for breeding,
    # dairy and animals for shows, performances and competitions.
    "LEAD_DAYS": {
        "slaughter": 3,
        "rearing": 3,
        "breeding": 15,
        "dairy": 15,
        "show": 15,
        "other": 3,
    },
    # "本批动物经检疫合格，应于 N 日内到达有效": 动物A (leaving the province) 5 days, 动物B the day
    # of issue. N counts calendar days including the first.
    "VALID_DAYS": {"A": 5, "B": 1},
    # 落地报告 within 24 hours of arrival; unreported this long after validity: follow-up.
    "ARRIVAL_HOURS": 24,
    # Public verification requests per client address per minute.
    "VERIFY_RATE_PER_MINUTE": 60,
    "TRACE_MAX_DAYS": 365,
}


def policy(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    merged = {**DEFAULT_POLICY}
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


# Declaration workflow: submitted -> accepted | rejected; accepted -> certified | failed.
DECLARATION_TRANSITIONS: dict[str, set[str]] = {
    "submitted": {"accepted", "rejected"},
    "accepted": {"certified", "failed"},
}
OPEN_DECLARATION = {"submitted", "accepted"}

# Certificate workflow, by stage (Certificate.stage): a valid certificate arrives or is
# revoked. Expiry is the clock's, without a write: past its validity a certificate may still
# be reported arrived (flagged late) or revoked. Slaughter ends the stages of an arrival.
CERTIFICATE_TRANSITIONS: dict[str, set[str]] = {
    "valid": {"arrived", "revoked"},
    "expired": {"arrived", "revoked"},
    # A batch refused at the slaughterhouse goes back on its paper: the origin revokes it.
    "refused": {"revoked"},
}
CERTIFICATE_STAGES = frozenset(
    {"valid", "expired", "arrived", "revoked", "slaughtered", "held", "refused"}
)
# The slaughterhouse takes in animals on a certificate still valid, or already reported
# arrived (by itself, a day earlier), once.
SLAUGHTER_STAGES = frozenset({"valid", "arrived"})

# Slaughter entry workflow: tags that do not match the certificate hold the batch until the
# resident official vet (驻场官方兽医) admits the matching animals, refuses the batch, or holds
# it for investigation first. A matching entry is slaughtered at once.
ENTRY_TRANSITIONS: dict[str, set[str]] = {
    "held": {"admitted", "refused", "investigating"},
    "investigating": {"admitted", "refused"},
}
# The certificate's stage once its batch is at the slaughterhouse, by the entry's status.
ENTRY_STAGES = {
    "slaughtered": "slaughtered",
    "admitted": "slaughtered",
    "held": "held",
    "investigating": "held",
    "refused": "refused",
}

# A departure date before today or more than a year ahead is a typing error, not a plan.
MAX_DAYS_AHEAD = 366


def departure_problem(today: date, departure: date) -> Problem | None:
    if departure < today:
        message = _("启运日期不能早于今天")
    elif (departure - today).days > MAX_DAYS_AHEAD:
        message = _("启运日期不合理")
    else:
        return None
    return Problem("VALIDATION_ERROR", message, {"field": "departure_date"})


def lead_time_problem(
    purpose: str, today: date, departure: date, lead_days: dict[str, int], *, label: str
) -> Problem | None:
    """《动物检疫管理办法》: declare 3 days ahead, 15 for breeding, dairy and shows. The
    message names the purpose by its `label` (种用, 乳用, ...)."""
    needed = lead_days.get(purpose, lead_days.get("other", 3))
    if (departure - today).days < needed:
        return Problem(
            "DECLARATION_TOO_LATE",
            _("用途为“%(purpose)s”的动物须至少提前%(days)d天申报（启运日期%(departure)s）")
            % {"purpose": label, "days": needed, "departure": departure.isoformat()},
            {"field": "departure_date", "lead_days": needed},
        )
    return None


def stock_problem(available: int, quantity: int) -> Problem | None:
    if quantity > available:
        return Problem(
            "STOCK_INSUFFICIENT",
            _("申报数量%(quantity)d超过存栏%(available)d")
            % {"quantity": quantity, "available": available},
            {"field": "quantity", "available": available, "requested": quantity},
        )
    return None


def tag_count_problem(tagged_species: bool, quantity: int, tag_count: int) -> Problem | None:
    """Pigs, cattle and sheep: one tag per animal (DOMAIN.md §3: no tag, no certificate)."""
    if tagged_species and tag_count != quantity:
        return Problem(
            "EARTAG_COUNT_MISMATCH",
            _("耳标数%(tags)d与申报数量%(quantity)d不一致")
            % {"tags": tag_count, "quantity": quantity},
            {"field": "ear_tags", "tags": tag_count, "quantity": quantity},
        )
    return None


def duplicates(codes: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for code in codes:
        if code in seen and code not in repeated:
            repeated.append(code)
        seen.add(code)
    return repeated


def certificate_kind(origin_region: str, destination_region: str) -> str:
    """动物A when the animals leave the province of origin, 动物B within it."""
    return "B" if origin_region[:2] == destination_region[:2] else "A"


def valid_until(kind: str, start: date, valid_days: dict[str, int]) -> tuple[int, date]:
    """(N, the last day the certificate is valid): N calendar days counting the first."""
    days = max(1, int(valid_days[kind]))
    return days, start + timedelta(days=days - 1)


def end_of_day(day: date, tz: Any) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=tz)


# Certificate numbers: the county and a random part of 60 bits in an alphabet without
# easily confused characters, so a number cannot be guessed from another one.
NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RANDOM_LENGTH = 12


def new_certificate_number(
    kind: str, county: str, randbelow: Callable[[int], int] = secrets.randbelow
) -> str:
    tail = "".join(NUMBER_ALPHABET[randbelow(len(NUMBER_ALPHABET))] for _i in range(RANDOM_LENGTH))
    return f"{kind}{county}{tail}"


def normalize_number(text: str) -> str:
    return (text or "").strip().upper().replace("-", "").replace(" ", "")


def arrival_flags(
    *,
    quantity: int,
    received: int,
    valid_until_at: datetime,
    reported_at: datetime,
    arrival_hours: int,
) -> list[str]:
    """What an arrival report shows that needs attention: a count that differs from the
    certificate and a report later than 24 hours after the validity ended."""
    flags = []
    if received < quantity:
        flags.append("short")
    elif received > quantity:
        flags.append("excess")
    if reported_at > valid_until_at + timedelta(hours=arrival_hours):
        flags.append("late")
    return flags


# A check's findings in words (the checkpoint's page, a case opened from the check).
FLAG_LABELS = {
    "certificate_expired": gettext_lazy("证明已过期"),
    "certificate_revoked": gettext_lazy("证明已撤销"),
    "certificate_arrived": gettext_lazy("证明已报告落地"),
    "vehicle_mismatch": gettext_lazy("车牌不符"),
    "count_mismatch": gettext_lazy("数量不符"),
    "tag_mismatch": gettext_lazy("耳标与证明不符"),
    "vehicle_unregistered": gettext_lazy("车辆未备案"),
    "vehicle_not_disinfected": gettext_lazy("车辆未按要求消毒"),
    "short": gettext_lazy("实到少于证明数量"),
    "excess": gettext_lazy("实到多于证明数量"),
    "late": gettext_lazy("落地报告逾期"),
}


def flag_words(flags: list[str] | None) -> list[str]:
    """A check's or an arrival's flags as the words a user reads."""
    return [str(FLAG_LABELS.get(flag, flag)) for flag in flags or []]


def checkpoint_flags(
    *,
    certificate_status: str,
    vehicle_on_paper: str,
    vehicle_seen: str,
    quantity: int,
    count_seen: int,
    tags_differ: bool = False,
    vehicle_registered: bool = False,
    registration_required: bool = False,
    vehicle_disinfected: bool = False,
) -> list[str]:
    """What a checkpoint sees that does not match the paper; a vehicle not registered where
    the checkpoint's county requires it, and a registered one not disinfected within the
    county's rule (seed 002: 备案车辆; an unregistered one has no records to judge)."""
    flags = []
    if certificate_status != "valid":
        flags.append(f"certificate_{certificate_status}")
    if normalize_plate(vehicle_on_paper) != normalize_plate(vehicle_seen):
        flags.append("vehicle_mismatch")
    if count_seen != quantity:
        flags.append("count_mismatch")
    if tags_differ:
        flags.append("tag_mismatch")
    if registration_required and not vehicle_registered:
        flags.append("vehicle_unregistered")
    if vehicle_registered and not vehicle_disinfected:
        flags.append("vehicle_not_disinfected")
    return flags


def normalize_plate(plate: str) -> str:
    return "".join(plate.split()).upper().replace("·", "").replace("-", "")


def reconcile(certified: Iterable[str], presented: Iterable[str]) -> dict[str, list[str]]:
    """Tags on the certificate against the tags found at slaughter entry."""
    on_paper = list(dict.fromkeys(certified))
    found = list(dict.fromkeys(presented))
    paper_set, found_set = set(on_paper), set(found)
    return {
        "matched": [c for c in on_paper if c in found_set],
        "missing": [c for c in on_paper if c not in found_set],
        "extra": [c for c in found if c not in paper_set],
    }


def tags_differ(match: dict[str, list[str]]) -> bool:
    """A certificate tag not presented, or a tag presented that is not on the certificate:
    the batch waits for the resident vet (DOMAIN.md §6: tags must match at entry)."""
    return bool(match["missing"] or match["extra"])


def overlaps(region_a: str, region_b: str) -> bool:
    """True when one region code lies within the other (or they are equal)."""
    return region_a.startswith(region_b) or region_b.startswith(region_a)
