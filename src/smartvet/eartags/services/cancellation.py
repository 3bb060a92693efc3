"""注销 (《畜禽标识和养殖档案管理办法》第十五条): a tag is cancelled at slaughter (the
slaughterhouse collects the tags), at death, or when lost or damaged; a cancelled code is
never used again."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, NotFound, Problem, ValidationFailed
from smartvet.core.models import User
from smartvet.eartags import queries, rules
from smartvet.eartags.codes import code_of, format_code, malformed, try_parse
from smartvet.eartags.models import INSERT_BATCH, ClaimStatus, Tag, TagClaim, TagEvent
from smartvet.eartags.permissions import CANCEL

# Kept untranslated in the tag's history; translated when the history is shown.
REASON_LABELS = {
    "slaughter": gettext_noop("屠宰"),
    "death": gettext_noop("死亡"),
    "loss": gettext_noop("丢失"),
    "damage": gettext_noop("损坏"),
}


def _parsed(texts: list[str]) -> tuple[list[int], list[Problem]]:
    """The codes listed once each, and a problem for every malformed or repeated one."""
    problems: list[Problem] = []
    numbers: list[int] = []
    seen: set[int] = set()
    for text in texts:
        code = try_parse(text)
        if code is None:
            problems.append(malformed(text))
        elif int(code) in seen:
            problems.append(
                Problem(
                    "EARTAG_DUPLICATE",
                    _("耳标号%(tag)s重复填写") % {"tag": format_code(code)},
                    {"tag": str(text)},
                )
            )
        else:
            numbers.append(int(code))
            seen.add(int(code))
    return numbers, problems


def cancel(*, actor: User, codes: list[str], reason: str, ref: str) -> None:
    """Cancel the tags in the caller's transaction; any live claim of them ends. Every
    malformed, repeated or already cancelled tag is a problem, raised as one DomainError,
    and then nothing changes."""
    if reason not in rules.CANCEL_REASONS:
        raise ValidationFailed(_("注销原因应为屠宰、死亡、丢失或损坏"))
    numbers, problems = _parsed(codes)
    facts = queries.tag_facts(numbers, lock=True)
    for number in numbers:
        if rules.cancellation_problem(facts[number].state):
            problems.append(
                Problem(
                    "EARTAG_CANCELLED",
                    _("耳标号%(tag)s已注销") % {"tag": format_code(code_of(number))},
                    {"tag": code_of(number)},
                )
            )
    if problems:
        raise DomainError.from_problems(problems)
    now = timezone.now()
    recorded = [n for n in numbers if facts[n].record is not None]
    Tag.objects.filter(code__in=recorded).update(
        status=rules.CANCELLED, cancel_reason=reason, cancelled_at=now
    )
    Tag.objects.bulk_create(
        [
            Tag(code=n, status=rules.CANCELLED, cancel_reason=reason, cancelled_at=now)
            for n in numbers
            if facts[n].record is None
        ],
        batch_size=INSERT_BATCH,
    )
    TagClaim.objects.filter(code__in=numbers).end(ClaimStatus.RELEASED, now)
    TagEvent.objects.record(
        numbers, kind="cancelled", actor=actor, at=now, ref=ref, detail=REASON_LABELS[reason]
    )
    ledger.record(
        actor=actor,
        action="eartags.cancelled",
        object_type="eartags.tag",
        object_id=ref[:60],
        summary={"reason": reason, "ref": ref, "tags": len(numbers)},
    )


def _refuse_outside(actor: User, codes: list[str]) -> None:
    """Except at slaughter, where tags arrive from anywhere, the tags must lie in the actor's
    region: the farm wearing them, or else the holder of their range (404 otherwise)."""
    numbers = [int(code) for code in (try_parse(text) for text in codes) if code]
    facts = queries.tag_facts(numbers)
    outside = [n for n in numbers if not regions.is_within(facts[n].region, actor.region_id)]
    if outside:
        raise NotFound(
            _("耳标不在您的管辖范围内：%(tags)s")
            % {"tags": _("、").join(code_of(n) for n in outside[:20])}
        )


@transaction.atomic(durable=True)
def cancel_tags(*, actor: User, codes: list[str], reason: str, ref: str = "") -> None:
    """注销 as its own action (pages and API), by an account of the tags' region."""
    require(actor, CANCEL)
    if reason != "slaughter" and actor.region_id != regions.NATION:
        _refuse_outside(actor, codes)
    cancel(actor=actor, codes=codes, reason=reason, ref=ref)
