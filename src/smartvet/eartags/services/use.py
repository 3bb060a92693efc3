"""Use of tags on a farm (《畜禽标识和养殖档案管理办法》第十三、十四条): 佩戴, tags worn by the
farm's animals within 30 days of birth or before they leave the farm, and 补标, a lost or
damaged tag replaced and linked to the new one."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem, ValidationFailed
from smartvet.core.models import User
from smartvet.eartags import queries, rules
from smartvet.eartags.codes import code_of, format_code
from smartvet.eartags.models import INSERT_BATCH, ClaimStatus, Tag, TagClaim, TagEvent
from smartvet.eartags.permissions import FIT
from smartvet.eartags.services.cancellation import REASON_LABELS
from smartvet.eartags.services.checks import fitting_problems, numbers, usable_keys

if TYPE_CHECKING:
    from smartvet.registry.models import Farm


def _check_date(on: date) -> None:
    if on > timezone.localdate() or on.year < 2000:
        raise ValidationFailed(_("佩戴日期不能晚于今天"))


def fit(*, actor: User, farm: Farm, codes: list[str], on: date, ref: str) -> None:
    """Record the tags as worn on the farm, in the caller's transaction: every problem of
    every tag refused together (fitting_problems)."""
    _check_date(on)
    fitted = numbers(codes)
    problems = fitting_problems(farm, fitted, codes)
    if len(set(fitted)) != len(fitted):
        problems.append(Problem("EARTAG_DUPLICATE", _("耳标号重复填写")))
    if problems:
        raise DomainError.from_problems(problems)
    record_fitting(actor=actor, farm=farm, numbers=fitted, on=on, ref=ref)


def record_fitting(
    *,
    actor: User,
    farm: Farm,
    numbers: list[int],
    on: date,
    ref: str,
    detail: str = gettext_noop("佩戴于%(farm)s"),
) -> None:
    """The tags' records, history and ledger event of a fitting already checked."""
    Tag.objects.bulk_create(
        [Tag(code=n, status=rules.FITTED, farm=farm, fitted_on=on) for n in numbers],
        batch_size=INSERT_BATCH,
    )
    TagEvent.objects.record(
        numbers,
        kind="fitted",
        actor=actor,
        at=timezone.now(),
        ref=ref,
        farm=farm,
        detail=detail,
        params={"farm": farm.name},
    )
    ledger.record(
        actor=actor,
        action="eartags.fitted",
        obj=farm,
        region=farm.region_id,
        summary={
            "tags": len(numbers),
            "on": on,
            "ref": ref,
            "first": code_of(min(numbers)) if numbers else "",
        },
    )


@transaction.atomic(durable=True)
def fit_tags(*, actor: User, farm: Farm, codes: list[str], on: date, ref: str = "") -> None:
    """佩戴 (pages and API): tags held by the farm, its township or a vaccinator serving it
    are recorded as worn by the farm's animals."""
    require(actor, FIT, farm)
    fit(actor=actor, farm=farm, codes=codes, on=on, ref=ref)


@transaction.atomic(durable=True)
def replace_tag(
    *, actor: User, farm: Farm, old: str, new: str, on: date, reason: str = "loss"
) -> Tag:
    """补标: a lost or damaged tag is replaced (in the right ear); the old code is cancelled
    and linked to the new one, never reused (《畜禽标识和养殖档案管理办法》第十四条)."""
    require(actor, FIT, farm)
    _check_date(on)
    if reason not in {"loss", "damage"}:
        raise ValidationFailed(_("补标原因应为丢失或损坏"))
    old_number, new_number = numbers([old, new])
    if old_number == new_number:
        raise ValidationFailed(_("新耳标号不能与原耳标号相同"))
    facts = queries.tag_facts([old_number], lock=True)[old_number]
    if rules.cancellation_problem(facts.state):
        raise DomainError("EARTAG_CANCELLED", _("原耳标已注销"))
    if facts.record is not None and facts.farm_id != farm.pk:
        raise DomainError("EARTAG_NOT_HELD", _("原耳标不是本场佩戴的耳标"))
    if facts.record is None and (
        facts.piece is None or facts.piece.holder_key not in usable_keys(farm)
    ):
        raise DomainError("EARTAG_NOT_HELD", _("原耳标不是本场的耳标"))
    problems = fitting_problems(farm, [new_number], [new])
    if problems:
        raise DomainError.from_problems(problems)
    new_tag = Tag.objects.create(code=new_number, status=rules.FITTED, farm=farm, fitted_on=on)
    now = timezone.now()
    replaced = Tag.objects.filter(code=old_number).first() or Tag(code=old_number, farm=farm)
    replaced.status, replaced.cancel_reason, replaced.cancelled_at = (rules.CANCELLED, reason, now)
    replaced.replaced_by = new_tag
    replaced.save()
    TagClaim.objects.filter(code=old_number).end(ClaimStatus.RELEASED, now)
    new_label, old_label = format_code(new), format_code(old)
    TagEvent.objects.record(
        [old_number],
        kind="replaced",
        actor=actor,
        at=now,
        farm=farm,
        detail=gettext_noop("%(reason)s，补标为%(tag)s"),
        params={"reason": REASON_LABELS[reason], "tag": new_label},
    )
    TagEvent.objects.record(
        [new_number],
        kind="fitted",
        actor=actor,
        at=now,
        farm=farm,
        detail=gettext_noop("补标，替换%(tag)s"),
        params={"tag": old_label},
    )
    ledger.record(
        actor=actor,
        action="eartags.replaced",
        obj=farm,
        region=farm.region_id,
        summary={
            "old": code_of(old_number),
            "new": code_of(new_number),
            "reason": reason,
        },
    )
    return new_tag
