"""Steps of the ear-tag app that another app's service takes inside its own transaction, on
objects it has already authorised (quarantine: a declaration's tags claimed, released, in
transit, arrived, collected at slaughter; immunization: tags fitted during a visit).

Called inside another app's authorised transaction; never from a view. A step checks no
permission, opens no durable transaction (it refuses to run outside one) and writes its own
ledger event. The tags a declaration or certificate lists are kept here, as claims under the
caller's `ref` ("declaration:12"); the caller reads them back with
`eartags.queries.listed_codes(ref)`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core import ledger
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import User
from smartvet.eartags import rules
from smartvet.eartags.codes import code_of
from smartvet.eartags.models import (
    INSERT_BATCH,
    ClaimStatus,
    MoveKind,
    Tag,
    TagClaim,
    TagEvent,
    TagRange,
)
from smartvet.eartags.ranges import Span, coalesce
from smartvet.eartags.services import cancellation, checks, holders, moves, use
from smartvet.eartags.services.stock import lock_blocks

if TYPE_CHECKING:
    from smartvet.registry.models import Farm


def _need_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("an ear-tag step runs inside the caller's transaction")


def check_tags_for_declaration(*, farm: Farm, species: str, codes: list[str]) -> list[Problem]:
    """Read-only. Every problem of the tags declared for animals of `species` (or of a
    category) leaving `farm`, tag by tag (services.checks.declaration_problems)."""
    return checks.declaration_problems(farm=farm, species=species, texts=codes)


def claim_tags(*, actor: User, farm: Farm, codes: list[str], ref: str) -> None:
    """Claim the tags for `ref`. No tag is live on two claims (a unique index in the
    database): of two concurrent claims of one tag exactly one wins, the other gets
    EARTAG_IN_USE and nothing of it is kept. The rows go in sorted, so two claims racing for
    the same tags wait on each other instead of deadlocking."""
    _need_transaction()
    numbers = checks.numbers(codes)
    if len(set(numbers)) != len(numbers):
        raise DomainError("EARTAG_DUPLICATE", _("耳标号重复填写"))
    numbers.sort()
    try:
        with transaction.atomic():
            TagClaim.objects.bulk_create(
                [TagClaim(code=n, ref=ref[:60], farm_id=farm.pk) for n in numbers],
                batch_size=INSERT_BATCH,
            )
    except IntegrityError:
        taken = TagClaim.objects.live().filter(code__in=numbers).values_list("code", flat=True)
        raise DomainError(
            "EARTAG_IN_USE",
            _("耳标已被其他申报或检疫证明占用"),
            [
                {"code": "EARTAG_IN_USE", "tag": code_of(n), "message": _("已被占用")}
                for n in sorted(taken)
            ],
        ) from None
    TagEvent.objects.record(
        numbers, kind="claimed", actor=actor, at=timezone.now(), ref=ref, farm=farm
    )
    ledger.record(
        actor=actor,
        action="eartags.claimed",
        object_type="eartags.claim",
        object_id=ref[:60],
        region=farm.region_id,
        summary={"ref": ref, "tags": len(numbers)},
    )


def _live(ref: str) -> list[int]:
    return list(TagClaim.objects.of(ref).live().order_by("code").values_list("code", flat=True))


def release_tags(*, actor: User, ref: str) -> None:
    """The claim of `ref` ends (declaration rejected, inspection failed, certificate
    revoked): the tags are free again; the claims stay as the record of the list."""
    _need_transaction()
    numbers = _live(ref)
    now = timezone.now()
    TagClaim.objects.of(ref).end(ClaimStatus.RELEASED, now)
    TagEvent.objects.record(numbers, kind="released", actor=actor, at=now, ref=ref)
    ledger.record(
        actor=actor,
        action="eartags.released",
        object_type="eartags.claim",
        object_id=ref[:60],
        summary={"ref": ref, "tags": len(numbers)},
    )


def _runs(numbers: list[int]) -> list[Span]:
    """Sorted tag numbers as runs of consecutive numbers."""
    return coalesce(Span(n, n) for n in numbers)


def _held_elsewhere(runs: list[Span], target: holders.Holder) -> bool:
    """Whether any tag of the runs lies in a range that `target` does not hold. Read without
    locks, so a certificate of tags the farm holds takes no block lock; were they moved away
    meanwhile, the worst is a deadlock PostgreSQL breaks by failing one of the two, which
    then changes nothing."""
    return any(
        key != target.key
        for run in runs
        for key in TagRange.objects.overlapping(run.first, run.last).values_list(
            "holder_key", flat=True
        )
    )


def _issue_and_fit_on_the_farm(actor: User, ref: str) -> list[int]:
    """Seed 002 §二(二) lets a farm declare tags still in its township's stock. When the
    certificate covers them, the animals left the farm wearing them: the same transaction
    records each tag as issued to the farm (二次发放, from whoever held it) and fitted there,
    so its history and holder tell the truth (issue 10 point 2). Returns the live claims'
    tags, sorted."""
    claims = list(TagClaim.objects.of(ref).live().select_related("farm"))
    if not claims:
        return []
    farm = claims[0].farm
    numbers = sorted(claim.code for claim in claims)
    target = holders.farm_holder(farm)
    runs = _runs(numbers)
    if _held_elsewhere(runs, target):
        # Moves within a block take the block first, as distribute_range does: two officials
        # certifying tags of neighbouring packs of one township otherwise lock each other's
        # pieces and the range trigger's block lock in opposite orders (a deadlock).
        lock_blocks(numbers)
    for run in runs:
        for piece in moves.locked_pieces(run):
            source = holders.holder_of_piece(piece)
            if source.key == target.key:
                continue
            part = Span(max(piece.first, run.first), min(piece.last, run.last))
            moves.give(
                actor=actor,
                kind=MoveKind.SECOND_ISSUE,
                span=part,
                source=source,
                target=target,
                region=farm.region_id,
            )
    fitted = set(
        Tag.objects.filter(code__in=numbers, status=rules.FITTED).values_list("code", flat=True)
    )
    unfitted = [n for n in numbers if n not in fitted]
    if unfitted:
        use.record_fitting(
            actor=actor,
            farm=farm,
            numbers=unfitted,
            on=timezone.localdate(),
            ref=ref,
            detail=gettext_noop("出证时补记：佩戴于%(farm)s"),
        )
    return numbers


def dispatch_tags(*, actor: User, ref: str, certificate_no: str) -> None:
    """Certificate issued: the claimed tags, recorded as issued and fitted on the farm where
    they were not yet, are in transit."""
    _need_transaction()
    numbers = _issue_and_fit_on_the_farm(actor, ref)
    TagClaim.objects.of(ref).live().update(
        status=ClaimStatus.IN_TRANSIT, certificate_no=certificate_no[:40]
    )
    TagEvent.objects.record(
        numbers,
        kind="in_transit",
        actor=actor,
        at=timezone.now(),
        ref=ref,
        detail=gettext_noop("检疫证明%(no)s"),
        params={"no": certificate_no},
    )
    ledger.record(
        actor=actor,
        action="eartags.in_transit",
        object_type="eartags.claim",
        object_id=ref[:60],
        summary={"ref": ref, "certificate_no": certificate_no, "tags": len(numbers)},
    )


def arrive_tags(*, actor: User, ref: str, farm: Farm | None = None) -> None:
    """Arrival reported: in transit -> fitted, the claim ends. With `farm` (animals arrived
    at a farm) the tags are recorded as worn at that farm from now on."""
    _need_transaction()
    claims = dict(TagClaim.objects.of(ref).live().values_list("code", "farm_id"))
    numbers = sorted(claims)
    existing = set(Tag.objects.filter(code__in=numbers).values_list("code", flat=True))
    now = timezone.now()
    Tag.objects.bulk_create(
        [
            Tag(
                code=n,
                status=rules.FITTED,
                farm_id=farm.pk if farm else claims[n],
                fitted_on=timezone.localdate(now),
            )
            for n in numbers
            if n not in existing
        ],
        batch_size=INSERT_BATCH,
    )
    if farm is not None:
        Tag.objects.filter(code__in=existing, status=rules.FITTED).update(farm_id=farm.pk)
    TagClaim.objects.of(ref).end(ClaimStatus.ARRIVED, now)
    TagEvent.objects.record(numbers, kind="arrived", actor=actor, at=now, ref=ref, farm=farm)
    ledger.record(
        actor=actor,
        action="eartags.arrived",
        object_type="eartags.claim",
        object_id=ref[:60],
        summary={"ref": ref, "tags": len(numbers), "farm": farm.pk if farm else None},
    )


def cancel_tags(*, actor: User, codes: list[str], reason: str, ref: str) -> None:
    """注销 inside the caller's transaction (quarantine: the tags collected at slaughter);
    refused as a whole, changing nothing, when a tag is malformed, repeated or cancelled."""
    _need_transaction()
    cancellation.cancel(actor=actor, codes=codes, reason=reason, ref=ref)


def fit_tags(*, actor: User, farm: Farm, codes: list[str], on: date, ref: str) -> None:
    """佩戴 inside the caller's transaction (immunization: tags fitted during the visit), with
    the same checks and refusals as the fitting page."""
    _need_transaction()
    use.fit(actor=actor, farm=farm, codes=codes, on=on, ref=ref)
