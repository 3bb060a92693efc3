"""Pure rules of enforcement (no ORM): the case workflow's table, its deadlines, what a decision
needs, what a checkpoint's findings make of a case."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from smartvet.core.errors import Problem

# 执法办案: 立案 -> 调查取证 -> 作出处理决定 -> 结案 (《农业行政处罚程序规定》).
TRANSITIONS: dict[str, set[str]] = {
    "open": {"investigating"},
    "investigating": {"decided"},
    "decided": {"closed"},
}

# Working days each stage may take before the case is overdue (policy data; defaults after
# 《农业行政处罚程序规定》: investigation begun within 7 days of opening, a decision within 90
# days (about 60 working days), the decision carried out and the file closed within 20).
STAGE_WORKDAYS: dict[str, int] = {"open": 7, "investigating": 60, "decided": 20}

FINE = "fine"
# Seed 003 五(五): fraud and illegal vaccine cost the farm its subsidy.
DISQUALIFYING_KINDS = frozenset({"subsidy_fraud", "vaccine_resale"})
NO_VIOLATION = "no_violation"

# A failed check's findings, most telling first, and the kind of case each makes.
FLAG_KINDS = (
    ("tag_mismatch", "tag_mismatch"),
    ("vehicle_unregistered", "unregistered_vehicle"),
    ("certificate_revoked", "no_certificate"),
    ("certificate_expired", "no_certificate"),
)


def decision_problems(decision: str, amount: Decimal | None) -> list[Problem]:
    """A fine names its amount (more than zero yuan, in fen at most); no other decision has one."""
    if decision == FINE:
        if amount is None or amount <= 0:
            return [Problem("VALIDATION_ERROR", _("罚款须填写金额（元）"), {"field": "amount"})]
        if amount != amount.quantize(Decimal("0.01")):
            return [Problem("VALIDATION_ERROR", _("金额最多保留两位小数"), {"field": "amount"})]
        return []
    if amount is not None:
        return [Problem("VALIDATION_ERROR", _("只有罚款填写金额"), {"field": "amount"})]
    return []


def disqualifies(kind: str, decision: str) -> bool:
    """A violation of these kinds, once decided, takes the farm's subsidy away."""
    return kind in DISQUALIFYING_KINDS and decision != NO_VIOLATION


def kind_from_flags(flags: Iterable[str]) -> str:
    found = set(flags)
    return next((kind for flag, kind in FLAG_KINDS if flag in found), "other")


# --- Disposal, insurance claims, purification, cold chain (issue 17 points 3–5) -------------

# 保险理赔: the county checks the claim against the supervised disposal, then the insurer pays.
CLAIM_TRANSITIONS: dict[str, set[str]] = {
    "claimed": {"accepted", "refused"},
    "accepted": {"paid"},
}

# 疫苗冷链: vaccine is kept between 2 and 8 °C from the county's store to the vaccinator.
COLD_CHAIN_LOW, COLD_CHAIN_HIGH = Decimal("2"), Decimal("8")

# A shipment is received in range or held; a held lot waits for the county's release.
SHIPMENT_TRANSITIONS: dict[str, set[str]] = {
    "in_transit": {"received", "held"},
    "held": {"released"},
}


def in_cold_chain_range(temperature: Decimal) -> bool:
    return COLD_CHAIN_LOW <= temperature <= COLD_CHAIN_HIGH


def claim_problems(claimed: int, disposed: int) -> list[Problem]:
    """An insurer pays only for animals disposed of under supervision: never more."""
    if claimed > disposed:
        message = _("理赔数量%(c)d超过无害化处理数量%(d)d") % {"c": claimed, "d": disposed}
        return [Problem("CLAIM_EXCEEDS_DISPOSAL", message, {"field": "animals"})]
    return []


def share(part: int, whole: int) -> Decimal | None:
    """A fraction to four places; none when nothing was counted (no purchase is not 0 %)."""
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))
