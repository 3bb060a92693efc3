"""Reads of the ear-tag inventory. `tag_status` and `tag_events` are unscoped (the
quarantine trace and public answers need them); everything an account browses goes
through `visible_to` or `lookup_tag`."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core import regions
from smartvet.core.access import is_active_account, within
from smartvet.core.errors import NotFound
from smartvet.core.models import Role, User
from smartvet.core.species import SPECIES_BY_TAG_DIGIT, SPECIES_LABELS
from smartvet.eartags import codes, services
from smartvet.eartags.models import (
    ClaimStatus,
    HolderKind,
    ImportBatch,
    ImportJob,
    MoveKind,
    Tag,
    TagClaim,
    TagEvent,
    TagMove,
    TagRange,
    TagStatus,
)
from smartvet.eartags.ranges import Span

SPECIES_DIVISOR = 10**14  # the species digit of a 15-digit code


def _holder(piece: TagRange | None) -> dict[str, Any] | None:
    if piece is None:
        return None
    return {
        "kind": piece.holder_kind,
        "key": piece.holder_key,
        "name": services._label_of_key(piece.holder_key),
        "region": piece.region_id,
        "farm": piece.farm_id,
        "vaccinator": piece.holder_user.username if piece.holder_user_id else None,
    }


def range_containing(number: int) -> TagRange | None:
    piece = (
        TagRange.objects.filter(first__lte=number)
        .order_by("-first")
        .select_related("holder_user")
        .first()
    )
    return piece if piece is not None and piece.last >= number else None


def event_detail(message: str, params: dict[str, Any]) -> str:
    """A history event's text in the reader's language; values that are messages themselves
    (a cancellation reason) translate too, names and numbers pass through."""
    if not message:
        return ""
    values = {key: _(value) if isinstance(value, str) else value for key, value in params.items()}
    return _(message) % values if values else _(message)


def tag_status(code: str) -> dict:
    """{"code","species","county","status": in_stock|issued|fitted|in_transit|cancelled,
    "holder": {...}, ...}; NotFound for a code never registered or recorded."""
    code = codes.parse_code(code)
    number = int(code)
    piece = range_containing(number)
    tag = Tag.objects.select_related("farm", "replaced_by").filter(code=number).first()
    claim = TagClaim.objects.filter(code=number).first()
    if piece is None and tag is None:
        raise NotFound(_("耳标号%(tag)s未登记入库") % {"tag": codes.format_code(code)})
    if tag is not None and tag.status == TagStatus.CANCELLED:
        status = "cancelled"
    elif claim is not None and claim.status == ClaimStatus.IN_TRANSIT:
        status = "in_transit"
    elif tag is not None:
        status = "fitted"
    elif piece.holder_kind in {HolderKind.COUNTY, HolderKind.TOWNSHIP}:
        status = "in_stock"
    else:
        status = "issued"
    replaces = (
        Tag.objects.filter(replaced_by_id=tag.pk).values_list("code", flat=True).first()
        if tag is not None
        else None
    )
    return {
        "code": code,
        "formatted": codes.format_code(code),
        "species": codes.species_of_code(code),
        "county": code[1:7],
        "status": status,
        "holder": _holder(piece),
        "range": {
            "first": codes.code_of(piece.first),
            "last": codes.code_of(piece.last),
            "box": piece.box,
            "pack": piece.pack,
        }
        if piece
        else None,
        "farm": {"id": tag.farm_id, "name": tag.farm.name} if tag and tag.farm_id else None,
        "fitted_on": tag.fitted_on if tag else None,
        "cancel_reason": tag.cancel_reason if tag and tag.cancel_reason else None,
        "claim": {"ref": claim.ref, "status": claim.status, "certificate_no": claim.certificate_no}
        if claim
        else None,
        "replaced_by": codes.code_of(tag.replaced_by.code) if tag and tag.replaced_by_id else None,
        "replaces": codes.code_of(replaces) if replaces else None,
    }


def _moves_containing(number: int) -> QuerySet[TagMove]:
    if connection.vendor == "postgresql":  # the GiST index of migration 0002
        return TagMove.objects.extra(
            where=["int8range(first, last, '[]') @> %s::bigint"], params=[number]
        )
    return TagMove.objects.filter(first__lte=number, last__gte=number)


MOVE_EVENT = {
    MoveKind.FIRST_ISSUE: "issued",
    MoveKind.SECOND_ISSUE: "issued",
    MoveKind.RETURN: "returned",
    MoveKind.TRANSFER: "transferred",
}


def tag_events(code: str) -> list[dict]:
    """Unscoped, time-ordered history of one tag for the trace: registered, issued,
    returned, fitted, claimed, in_transit, arrived, replaced, cancelled."""
    number = codes.number(code)
    events: list[dict] = []
    piece = range_containing(number)
    if piece is not None:
        batch = ImportBatch.objects.select_related("actor").get(pk=piece.batch_id)
        events.append(
            {
                "at": batch.created_at,
                "kind": "registered",
                "detail": _("入库：箱号%(box)s 包号%(pack)s")
                % {"box": piece.box or "-", "pack": piece.pack or "-"},
                "actor": str(batch.actor),
                "region": batch.region_id,
            }
        )
    for move in _moves_containing(number).select_related("actor"):
        events.append(
            {
                "at": move.at,
                "kind": MOVE_EVENT[move.kind],
                "detail": _("%(title)s：%(name)s")
                % {
                    "title": move.get_kind_display(),
                    "name": f"{move.from_label} → {move.to_label}",
                },
                "actor": str(move.actor),
                "region": move.region_id,
                "from": move.from_key,
                "to": move.to_key,
            }
        )
    for event in TagEvent.objects.filter(code=number).select_related("actor", "farm"):
        events.append(
            {
                "at": event.at,
                "kind": event.kind,
                "detail": event_detail(event.detail, event.params),
                "actor": str(event.actor) if event.actor_id else "",
                "ref": event.ref,
                "farm": event.farm_id,
                "region": event.farm.region_id if event.farm_id else "",
            }
        )
    events.sort(key=lambda item: item["at"])
    return events


STATUS_LABELS = {
    "in_stock": gettext_lazy("在库"),
    "issued": gettext_lazy("已发放"),
    "fitted": gettext_lazy("已佩戴"),
    "in_transit": gettext_lazy("运输途中"),
    "cancelled": gettext_lazy("已注销"),
}
EVENT_LABELS = {
    "registered": gettext_lazy("入库"),
    "issued": gettext_lazy("发放"),
    "returned": gettext_lazy("退回"),
    "transferred": gettext_lazy("调剂"),
    "fitted": gettext_lazy("佩戴"),
    "claimed": gettext_lazy("检疫申报占用"),
    "released": gettext_lazy("解除占用"),
    "in_transit": gettext_lazy("出具检疫证明，运输途中"),
    "arrived": gettext_lazy("到达"),
    "replaced": gettext_lazy("补标替换"),
    "cancelled": gettext_lazy("注销"),
}


def _reaches(actor: User, code: str) -> bool:
    return bool(code) and (
        regions.is_within(code, actor.region_id) or regions.is_within(actor.region_id, code)
    )


def lookup_tag(actor: User, code: str) -> dict:
    """One tag for an account: visible when its county or its holder lies in the account's
    region or above it (everybody in the region looks up); 404 otherwise."""
    if not is_active_account(actor):
        raise NotFound()
    status = tag_status(code)
    places = [status["county"], (status["holder"] or {}).get("region", "")]
    if not any(_reaches(actor, place) for place in places):
        raise NotFound()
    history = [
        {**event, "label": str(EVENT_LABELS.get(event["kind"], event["kind"]))}
        for event in tag_events(status["code"])
    ]
    return {**status, "status_label": str(STATUS_LABELS[status["status"]]), "history": history}


def ranges_visible_to(
    actor: User, *, q: str = "", holder: str = "", species: str = "", kind: str = ""
) -> QuerySet[TagRange]:
    queryset = TagRange.objects.visible_to(actor).select_related("region", "holder_user")
    if actor.role == Role.FARMER:
        queryset = queryset.filter(farm__owner=actor)
    if actor.role == Role.VACCINATOR:
        queryset = queryset.filter(holder_user=actor)
    if holder:
        queryset = queryset.filter(holder_key=holder[:40])
    if kind:
        queryset = queryset.filter(holder_kind=kind[:12])
    if species in {"1", "2", "3"}:
        low = int(species) * SPECIES_DIVISOR
        queryset = queryset.filter(first__gte=low, first__lt=low + SPECIES_DIVISOR)
    q = (q or "").strip()
    if q:
        number = codes.try_parse(q)
        if number:  # one index probe, not a scan of first <= n <= last
            piece = range_containing(int(number))
            queryset = queryset.filter(pk=piece.pk if piece else None)
        else:
            queryset = queryset.filter(Q(box=q[:40]) | Q(pack=q[:40]))
    return queryset.order_by("first")


def ranges_overlapping(actor: User, start: str, end: str) -> list[TagRange]:
    """号段查询: the pieces a range is made of now, with their holders, within reach."""
    span = services._span_of(start, end)
    pieces = services._overlapping(span.first, span.last)
    return list(
        TagRange.objects.visible_to(actor)
        .filter(id__in=pieces.values("id"))
        .select_related("holder_user")
        .order_by("first")
    )


def stock_summary(actor: User) -> list[dict]:
    """Totals per holder and species (what is left where), within reach."""
    rows = (
        ranges_visible_to(actor)
        .annotate(digit=F("first") / SPECIES_DIVISOR)
        .values("holder_kind", "holder_key", "region_id", "digit")
        .annotate(ranges=Count("id"), tags=Sum(F("last") - F("first") + 1))
        .order_by("holder_kind", "holder_key", "digit")
    )
    labels: dict[str, str] = {}
    result = []
    for row in rows:
        key = row["holder_key"]
        if key not in labels:
            labels[key] = services._label_of_key(key)
        species = SPECIES_BY_TAG_DIGIT.get(str(row["digit"]), "")
        result.append(
            {
                "holder_kind": row["holder_kind"],
                "holder": key,
                "holder_name": labels[key],
                "region": row["region_id"],
                "species": species,
                "species_name": str(SPECIES_LABELS.get(species, "")),
                "ranges": row["ranges"],
                "tags": int(row["tags"] or 0),
            }
        )
    return result


def totals(actor: User) -> dict[str, int]:
    """Tags in stock (county and townships), issued (farms, vaccinators), fitted, cancelled."""
    by_kind = {
        row["holder_kind"]: row["tags"]
        for row in ranges_visible_to(actor)
        .order_by()
        .values("holder_kind")
        .annotate(tags=Sum(F("last") - F("first") + 1))
    }
    fitted = Tag.objects.filter(status=TagStatus.FITTED)
    cancelled = Tag.objects.filter(status=TagStatus.CANCELLED)
    if actor.region_id != regions.NATION:
        fitted = fitted.filter(within("farm__region__code", actor.region_id))
        cancelled = cancelled.filter(within("farm__region__code", actor.region_id))
    return {
        "in_stock": int(
            (by_kind.get(HolderKind.COUNTY) or 0) + (by_kind.get(HolderKind.TOWNSHIP) or 0)
        ),
        "issued": int(
            (by_kind.get(HolderKind.FARM) or 0) + (by_kind.get(HolderKind.VACCINATOR) or 0)
        ),
        "fitted": fitted.count(),
        "cancelled": cancelled.count(),
    }


def moves_visible_to(actor: User, *, kind: str = "", q: str = "") -> QuerySet[TagMove]:
    """Issue and return records (what went to whom)."""
    queryset = TagMove.objects.visible_to(actor).select_related("actor")
    if actor.role == Role.FARMER:
        farm_keys = [f"farm:{pk}" for pk in actor.farms.values_list("pk", flat=True)]
        queryset = queryset.filter(Q(to_key__in=farm_keys) | Q(from_key__in=farm_keys))
    elif actor.role == Role.VACCINATOR:
        key = f"user:{actor.pk}"
        queryset = queryset.filter(Q(to_key=key) | Q(from_key=key))
    if kind:
        queryset = queryset.filter(kind=kind[:16])
    q = (q or "").strip()
    if q:
        number = codes.try_parse(q)
        if number:
            queryset = queryset.filter(first__lte=int(number), last__gte=int(number))
        else:
            queryset = queryset.filter(
                Q(to_label__contains=q[:60]) | Q(from_label__contains=q[:60])
            )
    return queryset.order_by("-at", "-id")


def import_job(actor: User, job_id: int) -> ImportJob:
    return ImportJob.objects.get_visible(actor, id=job_id)


def span_label(first: int, last: int) -> str:
    return f"{codes.format_code(codes.code_of(first))} – {codes.format_code(codes.code_of(last))}"


def span_size(first: int, last: int) -> int:
    return Span(first, last).size
