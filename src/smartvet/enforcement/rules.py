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
