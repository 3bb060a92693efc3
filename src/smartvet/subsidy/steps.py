"""Writes other apps take inside their own transaction, on objects they have authorised."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.errors import DomainError
from smartvet.core.models import User
from smartvet.subsidy.models import Disqualification, SubsidyPolicy


def disqualify(*, actor: User, farm: Any, policy: SubsidyPolicy, reason: str) -> Disqualification:
    """取消补助资格 under one policy (seed 003 五(五)); refused when already disqualified."""
    try:
        with transaction.atomic():
            decision = Disqualification.objects.create(
                farm=farm, policy=policy, reason=reason, decided_by=actor
            )
    except IntegrityError:
        raise DomainError(
            "ALREADY_SUBMITTED",
            _("该养殖场已被取消本年度补助资格"),
            [{"code": "ALREADY_SUBMITTED", "message": _("该养殖场已被取消本年度补助资格")}],
            status=409,
        ) from None
    ledger.record(
        actor=actor,
        action="subsidy.farm_disqualified",
        obj=decision,
        region=farm.region_id,
        summary={"farm": farm.code, "policy": policy.code, "reason": reason},
    )
    return decision


def disqualify_for_violation(*, actor: User, farm: Any, reason: str) -> list[Disqualification]:
    """Seed 003 五(五): fraud or an illegal vaccine, once an enforcement case decides it, takes
    the farm's subsidy away under every policy in force where it is (the shipped templates at
    the national root do not count). A step of enforcement's decision: runs inside that
    transaction, on the case's farm the decision authorised."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a step runs inside its caller's transaction")
    done = set(Disqualification.objects.filter(farm=farm).values_list("policy_id", flat=True))
    return [
        disqualify(actor=actor, farm=farm, policy=policy, reason=reason)
        for policy in SubsidyPolicy.objects.exclude(region_id=regions.NATION).order_by("id")
        if policy.pk not in done and regions.is_within(farm.region_id, policy.region_id)
    ]
