"""Moves of stock between holders (seed 002 §二(二)): 一次发放 county → township, 二次发放
township → farm or vaccinator, 退回 back up, 调剂 between two holders below an office. A move
splits and merges ranges and costs in the number of ranges touched, never in the number of
tags."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from smartvet.core.models import Region, User
from smartvet.eartags import codes, queries
from smartvet.eartags.models import HolderKind, MoveKind, TagMove, TagRange
from smartvet.eartags.permissions import DISTRIBUTE
from smartvet.eartags.ranges import Span, gaps, split
from smartvet.eartags.services.holders import (
    Holder,
    farm_holder,
    holder_of_actor,
    holder_of_piece,
    township_holder,
    vaccinator_holder,
    vaccinator_in,
)
from smartvet.eartags.services.stock import lock_blocks
from smartvet.registry import queries as registry_queries

BELOW = {
    HolderKind.COUNTY: {HolderKind.TOWNSHIP},
    HolderKind.TOWNSHIP: {HolderKind.FARM, HolderKind.VACCINATOR},
}


def _not_held(span: Span, holder: Holder, details: list[dict[str, Any]]) -> DomainError:
    return DomainError(
        "EARTAG_NOT_HELD",
        _("号段%(a)s–%(b)s不全在%(holder)s中，不能发放或退回")
        % {
            "a": codes.format_code(codes.code_of(span.first)),
            "b": codes.format_code(codes.code_of(span.last)),
            "holder": holder.label,
        },
        details,
    )


def locked_pieces(span: Span) -> list[TagRange]:
    """The ranges sharing a code with the span, locked, with what names their holders (the
    joined rows are read, not locked)."""
    pieces = TagRange.objects.overlapping(span.first, span.last)
    return list(
        pieces.select_related("region", "farm", "holder_user").select_for_update(of=("self",))
    )


def _coalesce_around(span: Span) -> None:
    """Join neighbours with the same holder, box, pack and batch, so stock does not
    fragment as it goes back and forth."""
    pieces = list(TagRange.objects.overlapping(span.first - 1, span.last + 1).select_for_update())
    keep = None
    for piece in pieces:
        if (
            keep is not None
            and piece.first == keep.last + 1
            and (piece.holder_key, piece.box, piece.pack, piece.batch_id)
            == (keep.holder_key, keep.box, keep.pack, keep.batch_id)
        ):
            last = piece.last
            piece.delete()
            keep.last = last
            keep.save(update_fields=["last", "updated_at"])
        else:
            keep = piece


def _refuse_unless_held(span: Span, pieces: list[TagRange], source: Holder) -> None:
    """Every code of the span lies in a range the source holds (EARTAG_NOT_HELD, naming the
    parts not registered and the parts another holder has)."""
    missing = gaps([Span(p.first, p.last) for p in pieces], span)
    foreign = [p for p in pieces if p.holder_key != source.key]
    if not (missing or foreign or not pieces):
        return
    details = [
        {
            "code": "EARTAG_NOT_HELD",
            "first": codes.code_of(g.first),
            "last": codes.code_of(g.last),
            "message": _("未登记"),
        }
        for g in missing
    ]
    details += [
        {
            "code": "EARTAG_NOT_HELD",
            "first": codes.code_of(max(p.first, span.first)),
            "last": codes.code_of(min(p.last, span.last)),
            "message": _("由其他单位持有"),
        }
        for p in foreign
    ]
    raise _not_held(span, source, details)


def _piece_fields(piece: TagRange) -> dict[str, Any]:
    return {
        "holder_kind": piece.holder_kind,
        "holder_key": piece.holder_key,
        "region_id": piece.region_id,
        "farm_id": piece.farm_id,
        "holder_user_id": piece.holder_user_id,
    }


def move_span(span: Span, source: Holder, target: Holder) -> None:
    """Give first..last, all held by `source`, to `target`; pieces are split where the span
    cuts them and joined again with equal neighbours."""
    pieces = locked_pieces(span)
    _refuse_unless_held(span, pieces, source)
    fields = target.range_fields()
    for piece in pieces:
        before, inside, after = split(Span(piece.first, piece.last), span)
        if before is None and after is None:
            for name, value in fields.items():
                setattr(piece, name, value)
            piece.save()
            continue
        keep = before or after
        kept_fields = _piece_fields(piece)
        piece.first, piece.last = keep.first, keep.last
        piece.save(update_fields=["first", "last", "updated_at"])
        extra = [
            TagRange(
                first=part.first,
                last=part.last,
                box=piece.box,
                pack=piece.pack,
                batch_id=piece.batch_id,
                **part_fields,
            )
            for part, part_fields in ((inside, fields), (after if before else None, kept_fields))
            if part is not None
        ]
        TagRange.objects.bulk_create(extra)
    _coalesce_around(span)


def give(
    *, actor: User, kind: str, span: Span, source: Holder, target: Holder, region: str
) -> TagMove:
    """Move the span from `source` to `target` and record the move (its row, its ledger
    event): every issue, return and transfer goes through here."""
    move_span(span, source, target)
    move = TagMove.objects.create(
        kind=kind,
        first=span.first,
        last=span.last,
        quantity=span.size,
        from_key=source.key,
        from_label=source.label[:120],
        to_key=target.key,
        to_label=target.label[:120],
        region_id=region,
        actor=actor,
    )
    ledger.record(
        actor=actor,
        action=f"eartags.{kind}",
        obj=move,
        region=region,
        summary={
            "first": codes.code_of(span.first),
            "last": codes.code_of(span.last),
            "quantity": span.size,
            "from": source.key,
            "to": target.key,
        },
    )
    return move


def _one_target(to_region: Any, to_farm: Any, to_vaccinator: Any) -> None:
    if (
        sum(target is not None and target != "" for target in (to_region, to_farm, to_vaccinator))
        != 1
    ):
        raise ValidationFailed(_("请指定一个接收方：乡镇、养殖场户或防疫员"))


def _target_below(
    actor: User,
    office: Holder,
    *,
    to_region: str | None,
    to_farm: int | None,
    to_vaccinator: str | None,
) -> Holder:
    """A holder one level below the office: a township of the county; a farm or vaccinator
    of the township."""
    if to_region:
        if office.kind != HolderKind.COUNTY:
            raise PermissionDenied(_("一次发放（县→乡镇）由县级动物卫生监督机构办理"))
        to_region = to_region.strip()
        if regions.level_of(to_region) != "township":
            raise ValidationFailed(_("接收方应为乡镇（9位区划代码）"))
        require(actor, DISTRIBUTE, region=to_region)
        if not Region.objects.filter(code=to_region).exists():
            raise NotFound()
        return township_holder(to_region)
    if office.kind != HolderKind.TOWNSHIP:
        raise PermissionDenied(_("二次发放（乡镇→养殖场户或防疫员）由乡镇畜牧兽医站办理"))
    if to_farm is not None:
        return farm_holder(registry_queries.farm(actor, to_farm))
    return vaccinator_holder(vaccinator_in(office.region, str(to_vaccinator)))


def _holder_below(office: Holder, span: Span) -> Holder:
    """The one holder below the office that holds the whole span (for returns and
    transfers); 404 for another region's stock, EARTAG_NOT_HELD otherwise."""
    pieces = locked_pieces(span)
    keys = {piece.holder_key for piece in pieces}
    if pieces and not any(regions.is_within(p.region_id, office.region) for p in pieces):
        raise NotFound()  # another region's stock: as if it did not exist
    first = pieces[0] if pieces else None
    if (
        first is None
        or len(keys) != 1
        or first.holder_kind not in BELOW[office.kind]
        or not regions.is_within(first.region_id, office.region)
    ):
        raise _not_held(
            span,
            office,
            [{"code": "EARTAG_NOT_HELD", "message": _("号段须由下级的同一持有方持有")}],
        )
    return holder_of_piece(first)


@transaction.atomic(durable=True)
def distribute_range(
    *,
    actor: User,
    start: str,
    end: str,
    to_region: str | None = None,
    to_farm: int | None = None,
    to_vaccinator: str | None = None,
) -> TagMove:
    """一次发放 (county → township) and 二次发放 (township → farm or vaccinator), by box,
    pack or any sub-range; a holder issues only what it holds (EARTAG_NOT_HELD)."""
    require(actor, DISTRIBUTE)
    _one_target(to_region, to_farm, to_vaccinator)
    span = queries.span_of(start, end)
    lock_blocks([span.first])
    source = holder_of_actor(actor)
    target = _target_below(
        actor, source, to_region=to_region, to_farm=to_farm, to_vaccinator=to_vaccinator
    )
    kind = MoveKind.FIRST_ISSUE if source.kind == HolderKind.COUNTY else MoveKind.SECOND_ISSUE
    return give(
        actor=actor, kind=kind, span=span, source=source, target=target, region=source.region
    )


@transaction.atomic(durable=True)
def return_range(*, actor: User, start: str, end: str) -> TagMove:
    """退回: a township's range back to the county, a farm's or vaccinator's back to the
    township. The receiving office records it; the range must sit with one holder below it."""
    require(actor, DISTRIBUTE)
    span = queries.span_of(start, end)
    lock_blocks([span.first])
    target = holder_of_actor(actor)
    source = _holder_below(target, span)
    return give(
        actor=actor,
        kind=MoveKind.RETURN,
        span=span,
        source=source,
        target=target,
        region=target.region,
    )


@transaction.atomic(durable=True)
def transfer_range(
    *,
    actor: User,
    start: str,
    end: str,
    to_region: str | None = None,
    to_farm: int | None = None,
    to_vaccinator: str | None = None,
) -> TagMove:
    """调剂: the office moves a range between two holders below it (township to township by
    the county; farm or vaccinator to another by the township station), as a return and a
    re-issue in one step."""
    require(actor, DISTRIBUTE)
    _one_target(to_region, to_farm, to_vaccinator)
    span = queries.span_of(start, end)
    lock_blocks([span.first])
    office = holder_of_actor(actor)
    source = _holder_below(office, span)
    target = _target_below(
        actor, office, to_region=to_region, to_farm=to_farm, to_vaccinator=to_vaccinator
    )
    if target.key == source.key:
        raise ValidationFailed(_("接收方与现持有方相同"))
    return give(
        actor=actor,
        kind=MoveKind.TRANSFER,
        span=span,
        source=source,
        target=target,
        region=office.region,
    )
