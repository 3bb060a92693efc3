"""保险理赔 (issue 17 point 3): one claim per disposal of an insured farm, filed by the
township; the county checks it against the supervised disposal (accepted or refused, a
refusal says why) and records the insurer's payment. Insurers pay only for animals disposed
of under supervision, so a claim never exceeds its disposal."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger, workflow
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import User
from smartvet.enforcement import rules
from smartvet.enforcement.commands.disposal import DecideClaim, FileClaim
from smartvet.enforcement.models import InsuranceClaim
from smartvet.enforcement.permissions import CLAIM, FILE_CLAIM
from smartvet.enforcement.queries import disposal as queries


def _region(claim: InsuranceClaim) -> str:
    return claim.disposal.farm.region_id


@transaction.atomic(durable=True)
def file_claim(*, actor: User, disposal_id: int, command: FileClaim) -> InsuranceClaim:
    """Refused: a disposal that already has its claim (CLAIM_EXISTS), more animals than were
    disposed of (CLAIM_EXCEEDS_DISPOSAL)."""
    disposal = queries.disposal(actor, disposal_id)
    require(actor, FILE_CLAIM, disposal)
    if InsuranceClaim.objects.filter(disposal=disposal).exists():
        raise DomainError("CLAIM_EXISTS", _("该无害化处理记录已申报理赔"))
    problems = rules.claim_problems(command.animals, disposal.animals)
    if problems:
        raise DomainError.from_problems(problems)
    claim = InsuranceClaim.objects.create(
        disposal=disposal,
        insurer=command.insurer,
        policy_number=command.policy_number,
        animals=command.animals,
        amount=command.amount,
        filed_by=actor,
    )
    ledger.record(
        actor=actor,
        action="claim.filed",
        obj=claim,
        region=disposal.farm.region_id,
        summary={
            "disposal": disposal.pk,
            "insurer": command.insurer,
            "policy_number": command.policy_number,
            "animals": command.animals,
            "amount": command.amount,
        },
    )
    return claim


@transaction.atomic(durable=True)
def decide_claim(
    *, actor: User, claim_id: int, action: str, command: DecideClaim
) -> InsuranceClaim:
    """accept | refuse (with the reason) | pay (on a day, today by default). Refused with
    INVALID_TRANSITION when the claim's status does not allow the action."""
    claim = queries.claim(actor, claim_id)
    target = CLAIM.require(actor, claim, action).to
    if action == "refuse" and not command.note:
        raise DomainError.from_problems(
            [Problem("VALIDATION_ERROR", _("不予理赔须写明原因"), {"field": "note"})]
        )
    also: dict[str, object] = {"decided_by": actor}
    if command.note:
        also["note"] = command.note
    if action == "pay":
        also["paid_on"] = command.paid_on or timezone.localdate()
    workflow.move(claim, to=str(target), transitions=rules.CLAIM_TRANSITIONS, **also)
    ledger.record(
        actor=actor,
        action=f"claim.{target}",
        obj=claim,
        region=_region(claim),
        summary={"note": claim.note, "paid_on": claim.paid_on},
    )
    return claim
