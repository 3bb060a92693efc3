"""Reads of the ear-tag inventory. What an account browses or looks up is scoped to it
(`visible_to`, or the tag's county and holder within its reach); the reads by `ref` answer
the app that owns the declaration or certificate behind the ref (quarantine), which has
already authorised its actor for it.

A tag's state comes from one rule, `rules.tag_state`, over `tag_facts`: the lookup here and
every check in the services read it the same way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core import regions
from smartvet.core.access import can, is_active_account, require, sees_own_farms_only, within
from smartvet.core.errors import DomainError, NotFound, ValidationFailed
from smartvet.core.models import RegionAlias, User
from smartvet.core.queries import accounts_who_may
from smartvet.core.species import SPECIES_BY_TAG_DIGIT, SPECIES_LABELS
from smartvet.eartags import codes, rules
from smartvet.eartags.models import (
    Held,
    HolderKind,
    ImportBatch,
    ImportJob,
    MoveKind,
    Tag,
    TagClaim,
    TagEvent,
    TagMove,
    TagRange,
)
from smartvet.eartags.permissions import KEEP_OWN_STOCK, VIEW_STOCK
from smartvet.eartags.ranges import Span
from smartvet.registry import queries as registry_queries

SPECIES_DIVISOR = 10**14  # the species digit of a 15-digit code


def valid_counties(county: str) -> set[str]:
    """The county's code and its historical codes still printed on tags in circulation."""
    return {county, *RegionAlias.objects.filter(region_id=county).values_list("code", flat=True)}


def span_of(start: str, end: str) -> Span:
    """first..last of one species and one county; EARTAG_MALFORMED, EARTAG_RANGE_MIXED or
    VALIDATION_ERROR otherwise."""
    first, last = codes.number(start), codes.number(end)
    if codes.block_of(first) != codes.block_of(last):
        raise DomainError("EARTAG_RANGE_MIXED", _("起始号与终止号的畜种或县代码不同"))
    if last < first:
        raise ValidationFailed(_("终止号小于起始号"))
    return Span(first, last)


# --- what is recorded about tags, and their state -------------------------------------------------


@dataclass(frozen=True)
class TagFacts:
    """Everything recorded about one tag: the range holding it, its own record (fitted or
    cancelled, on which farm) and its live claim."""

    number: int
    piece: Held | None
    record: str | None = None
    farm_id: int | None = None
    farm_region: str | None = None
    claim: str | None = None

    @property
    def state(self) -> str | None:
        return rules.tag_state(
            record=self.record,
            claim=self.claim,
            holder_kind=self.piece.holder_kind if self.piece else None,
        )

    @property
    def region(self) -> str:
        """Where the tag is: the farm wearing it, else the holder of its range."""
        return self.farm_region or (self.piece.region_id if self.piece else "")


def tag_facts(numbers: Iterable[int], *, lock: bool = False) -> dict[int, TagFacts]:
    """The facts of each tag in three round trips whatever the number of tags. Unscoped: for
    this app's own checks, which scope first. `lock` (inside a service's transaction) locks
    the tags' own records, so two fittings or cancellations of one tag take turns."""
    numbers = sorted(set(numbers))
    if not numbers:
        return {}
    held = TagRange.objects.holding_each(numbers)
    records = Tag.objects.filter(code__in=numbers).order_by()
    if lock:
        records = records.select_for_update(of=("self",))
    recorded = {
        code: values
        for code, *values in records.values_list("code", "status", "farm_id", "farm__region_id")
    }
    claims = dict(
        TagClaim.objects.live().filter(code__in=numbers).order_by().values_list("code", "status")
    )
    return {
        n: TagFacts(
            n,
            held.get(n),
            *(recorded.get(n) or (None, None, None)),
            claim=claims.get(n),
        )
        for n in numbers
    }


def _reaches(actor: User, code: str) -> bool:
    return bool(code) and (
        regions.is_within(code, actor.region_id) or regions.is_within(actor.region_id, code)
    )


def _tag_in_reach(actor: User, code: str) -> tuple[str, TagRange | None]:
    """The tag's 15 digits and the range holding it, when its county or its holder lies in
    the actor's region or above it (everybody in the region looks up); NotFound otherwise."""
    code = codes.parse_code(code)
    piece = TagRange.objects.select_related("region", "farm", "holder_user").holding(int(code))
    places = [code[1:7], piece.region_id if piece else ""]
    if not is_active_account(actor) or not any(_reaches(actor, place) for place in places):
        raise NotFound()
    return code, piece


def _holder(piece: TagRange | None) -> dict[str, Any] | None:
    if piece is None:
        return None
    return {
        "kind": piece.holder_kind,
        "key": piece.holder_key,
        "name": piece.holder_name,
        "region": piece.region_id,
        "farm": piece.farm_id,
        "vaccinator": piece.holder_user.username if piece.holder_user_id else None,
    }


def tag_status(actor: User, code: str) -> dict[str, Any]:
    """{"code","species","county","status": in_stock|issued|fitted|in_transit|cancelled,
    "holder": {...}, ...} of a tag within the actor's reach; NotFound for a code never
    registered or recorded, or outside the reach."""
    return _status(*_tag_in_reach(actor, code))


def _status(code: str, piece: TagRange | None) -> dict[str, Any]:
    number = int(code)
    tag = Tag.objects.select_related("farm", "replaced_by").filter(code=number).first()
    claim = TagClaim.objects.live().filter(code=number).first()
    state = rules.tag_state(
        record=tag.status if tag else None,
        claim=claim.status if claim else None,
        holder_kind=piece.holder_kind if piece else None,
    )
    if state is None:
        raise NotFound(_("耳标号%(tag)s未登记入库") % {"tag": codes.format_code(code)})
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
        "status": state,
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


# --- history --------------------------------------------------------------------------------------


def event_detail(message: str, params: dict[str, Any]) -> str:
    """A history event's text in the reader's language; values that are messages themselves
    (a cancellation reason) translate too, names and numbers pass through."""
    if not message:
        return ""
    values = {key: _(value) if isinstance(value, str) else value for key, value in params.items()}
    return _(message) % values if values else _(message)


MOVE_EVENT = {
    MoveKind.FIRST_ISSUE: "issued",
    MoveKind.SECOND_ISSUE: "issued",
    MoveKind.RETURN: "returned",
    MoveKind.TRANSFER: "transferred",
}


def _history(number: int, piece: TagRange | None) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
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
    for move in TagMove.objects.containing(number).select_related("actor"):
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


def tag_events(actor: User, code: str) -> list[dict[str, Any]]:
    """Time-ordered history of one tag within the actor's reach (the trace): registered,
    issued, returned, fitted, claimed, in_transit, arrived, replaced, cancelled."""
    code, piece = _tag_in_reach(actor, code)
    return _history(int(code), piece)


STATUS_LABELS = {
    rules.IN_STOCK: gettext_lazy("在库"),
    rules.ISSUED: gettext_lazy("已发放"),
    rules.FITTED: gettext_lazy("已佩戴"),
    rules.IN_TRANSIT: gettext_lazy("运输途中"),
    rules.CANCELLED: gettext_lazy("已注销"),
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


def lookup_tag(actor: User, code: str) -> dict[str, Any]:
    """One tag for an account, with its labels and its whole history."""
    code, piece = _tag_in_reach(actor, code)
    status = _status(code, piece)
    history = [
        {**event, "label": str(EVENT_LABELS.get(event["kind"], event["kind"]))}
        for event in _history(int(code), piece)
    ]
    return {**status, "status_label": str(STATUS_LABELS[status["status"]]), "history": history}


# --- the tags a declaration or certificate lists (the claims under its ref) -----------------------


def listed_codes(ref: str) -> list[str]:
    """The tags listed under `ref` (a declaration, and the certificate issued for it), live or
    ended: the declaration's and the certificate's tags for as long as they are kept. For
    the app that owns the ref."""
    numbers = TagClaim.objects.of(ref).order_by("code").values_list("code", flat=True)
    return [codes.code_of(n) for n in numbers]


def listed_codes_of(refs: Iterable[str]) -> dict[str, list[str]]:
    """`listed_codes` of many refs in one query (a page of declarations or certificates)."""
    listed: dict[str, list[str]] = {}
    claims = TagClaim.objects.filter(ref__in=[ref[:60] for ref in refs]).order_by("ref", "code")
    for ref, number in claims.values_list("ref", "code"):
        listed.setdefault(ref, []).append(codes.code_of(number))
    return listed


def listed_tag_states(ref: str) -> list[dict[str, str]]:
    """Each tag listed under `ref` with its state now ("" for a tag never registered)."""
    numbers = list(TagClaim.objects.of(ref).order_by("code").values_list("code", flat=True))
    facts = tag_facts(numbers)
    return [{"code": codes.code_of(n), "status": facts[n].state or ""} for n in numbers]


def refs_listing(actor: User, code: str) -> list[str]:
    """The refs (declarations) that ever listed the tag, oldest first, for a tag within the
    actor's reach."""
    code, _piece = _tag_in_reach(actor, code)
    return list(
        TagClaim.objects.filter(code=int(code)).order_by("created_at").values_list("ref", flat=True)
    )


# --- stock ----------------------------------------------------------------------------------------


def _stock_visible_to(actor: User) -> QuerySet[TagRange]:
    """The ranges the actor may browse: the stock of its region (a farmer: of its own farms;
    a vaccinator: its own), for the roles that keep or oversee stock."""
    require(actor, VIEW_STOCK)
    queryset = TagRange.objects.visible_to(actor).select_related("region", "farm", "holder_user")
    return queryset.filter(holder_user=actor) if can(actor, KEEP_OWN_STOCK) else queryset


def ranges_visible_to(
    actor: User, *, q: str = "", holder: str = "", species: str = "", kind: str = ""
) -> QuerySet[TagRange]:
    queryset = _stock_visible_to(actor)
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
            piece = TagRange.objects.holding(int(number))
            queryset = queryset.filter(pk=piece.pk if piece else None)
        else:
            queryset = queryset.filter(Q(box=q[:40]) | Q(pack=q[:40]))
    return queryset.order_by("first")


def ranges_overlapping(actor: User, start: str, end: str) -> QuerySet[TagRange]:
    """号段查询: the pieces a range is made of now, with their holders, within reach."""
    span = span_of(start, end)
    return _stock_visible_to(actor).overlapping(span.first, span.last)


def stock_summary(actor: User) -> list[dict[str, Any]]:
    """Totals per holder and species (what is left where), within reach."""
    rows = (
        ranges_visible_to(actor)
        .annotate(digit=F("first") / SPECIES_DIVISOR)
        .values(
            "holder_kind",
            "holder_key",
            "region_id",
            "region__name",
            "farm__name",
            "holder_user__display_name",
            "holder_user__username",
            "digit",
        )
        .annotate(ranges=Count("id"), tags=Sum(F("last") - F("first") + 1))
        .order_by("holder_kind", "holder_key", "digit")
    )
    result = []
    for row in rows:
        name = {
            HolderKind.FARM: row["farm__name"],
            HolderKind.VACCINATOR: row["holder_user__display_name"] or row["holder_user__username"],
        }.get(row["holder_kind"], row["region__name"])
        species = SPECIES_BY_TAG_DIGIT.get(str(row["digit"]), "")
        result.append(
            {
                "holder_kind": row["holder_kind"],
                "holder": row["holder_key"],
                "holder_name": rules.holder_label(row["holder_kind"], name or row["holder_key"]),
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
    tags = Tag.objects.visible_to(actor)
    return {
        "in_stock": int(
            (by_kind.get(HolderKind.COUNTY) or 0) + (by_kind.get(HolderKind.TOWNSHIP) or 0)
        ),
        "issued": int(
            (by_kind.get(HolderKind.FARM) or 0) + (by_kind.get(HolderKind.VACCINATOR) or 0)
        ),
        "fitted": tags.filter(status=rules.FITTED).count(),
        "cancelled": tags.filter(status=rules.CANCELLED).count(),
    }


def moves_visible_to(actor: User, *, kind: str = "", q: str = "") -> QuerySet[TagMove]:
    """Issue and return records (what went to whom), for the roles that see stock."""
    require(actor, VIEW_STOCK)
    queryset = TagMove.objects.visible_to(actor).select_related("actor")
    keys: list[str] | None = None
    if can(actor, KEEP_OWN_STOCK):
        keys = [f"user:{actor.pk}"]
    elif sees_own_farms_only(actor):
        keys = [
            f"farm:{pk}"
            for pk in registry_queries.farms_visible_to(actor).values_list("pk", flat=True)
        ]
    if keys is not None:
        queryset = queryset.filter(Q(to_key__in=keys) | Q(from_key__in=keys))
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


def tag_keepers(actor: User) -> list[User]:
    """The accounts of the actor's region that may be given tags to fit (防疫员), for the
    station's issue page."""
    return list(accounts_who_may(KEEP_OWN_STOCK, region=actor.region_id).order_by("username"))


def import_job(actor: User, job_id: int) -> ImportJob:
    return ImportJob.objects.get_visible(actor, id=job_id)


def tags_not_yet_on_the_farm(ref: str) -> int:
    """How many of the claimed tags the farm has not been issued or seen fitted: the vet's
    inspection page says so before passing (issue 10 point 2)."""
    claims = list(TagClaim.objects.of(ref).live().values_list("code", "farm_id"))
    if not claims:
        return 0
    numbers = [code for code, _farm in claims]
    fitted = set(
        Tag.objects.filter(code__in=numbers, status=rules.FITTED, farm_id=claims[0][1]).values_list(
            "code", flat=True
        )
    )
    return len(set(numbers) - fitted)


def fittings_by(account: User, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Tags an account fitted between two instants, counted per farm (`farm_id`, `farm__name`,
    `tags`): a vaccinator's daily report (seed 000 dream 2), for a caller who reads that
    account's own day."""
    return list(
        TagEvent.objects.filter(kind=rules.FITTED, actor=account, at__gte=start, at__lt=end)
        .exclude(farm=None)
        .values("farm_id", "farm__name")
        .annotate(tags=Count("id"))
        .order_by("farm_id")
    )


def tags_used_outside_township(
    region: str, start: date, end: date
) -> list[tuple[int, str, str, str, int]]:
    """The tags fitted in [start, end] on, or claimed then by a declaration of, a farm under
    `region` whose range was first issued (county → township) to another township than the
    farm's: rows (farm id, farm name, farm region, township issued to, tag code), lowest code
    first. Two queries for the region, each tag's first issue found by an index probe; for
    supervision's "tags used outside their township", which already authorised the region.
    A tag that arrived on the farm with its animal (a certificate's arrival) is not counted."""
    issued = TagMove.objects.filter(
        kind=MoveKind.FIRST_ISSUE, first__lte=OuterRef("code"), last__gte=OuterRef("code")
    ).order_by("-at", "-id")
    own = Concat(Value("township:"), Substr("farm__region_id", 1, 9))
    # An animal bought in with a certificate brings its tag: that use is the journey's.
    bought = TagEvent.objects.filter(code=OuterRef("code"), kind="arrived", farm=OuterRef("farm"))
    found: set[tuple[int, str, str, str, int]] = set()
    fitted = Tag.objects.filter(status=rules.FITTED, fitted_on__gte=start, fitted_on__lte=end)
    claimed = TagClaim.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    for records in (fitted, claimed):
        rows = (
            records.filter(within("farm__region_id", region))
            .annotate(issued_to=Subquery(issued.values("to_key")[:1]), own=own)
            .filter(issued_to__isnull=False)
            .exclude(issued_to=F("own"))
            .exclude(Exists(bought))
            .values_list("farm_id", "farm__name", "farm__region_id", "issued_to", "code")
        )
        for farm_id, name, place, issued_to, code in rows:
            found.add((farm_id, name, place, issued_to.removeprefix("township:"), code))
    return sorted(found, key=lambda row: row[4])
