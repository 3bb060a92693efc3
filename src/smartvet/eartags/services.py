"""Every write of the ear-tag inventory (DOMAIN.md §3; seed 002 §二(二);
《畜禽标识和养殖档案管理办法》第七、八、十三至十五条).

Stock is ranges with a holder (county, township, farm, vaccinator). Moves split and merge
ranges and cost in the number of ranges touched, never in the number of tags. The
services called by other apps (claim/release/dispatch/arrive/cancel/fit, and the read-only
check) run inside the caller's transaction and write their own ledger event."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartvet.core import ledger, regions
from smartvet.core.access import require
from smartvet.core.errors import DomainError, NotFound, PermissionDenied, Problem, ValidationFailed
from smartvet.core.models import Region, RegionAlias, Role, User
from smartvet.core.species import CATEGORY_SPECIES, TAG_DIGIT_BY_SPECIES
from smartvet.core.spreadsheets import data_rows, read_rows
from smartvet.core.workflow import next_number
from smartvet.eartags import codes, rules
from smartvet.eartags.models import (
    ClaimStatus,
    HolderKind,
    ImportBatch,
    MoveKind,
    Tag,
    TagClaim,
    TagEvent,
    TagMove,
    TagRange,
    TagStatus,
)
from smartvet.eartags.permissions import CANCEL, DISTRIBUTE, FIT, REGISTER_STOCK
from smartvet.eartags.ranges import Span, gaps, split
from smartvet.registry import queries as registry_queries

INSERT_BATCH = 2000


# --- holders ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    kind: str
    key: str
    region: str
    label: str
    farm_id: int | None = None
    user_id: int | None = None


def _region_name(code: str) -> str:
    return Region.objects.filter(code=code).values_list("name", flat=True).first() or code


def county_holder(code: str) -> Holder:
    return Holder(
        HolderKind.COUNTY,
        f"county:{code}",
        code,
        _("%(name)s县级库存") % {"name": _region_name(code)},
    )


def township_holder(code: str) -> Holder:
    return Holder(
        HolderKind.TOWNSHIP,
        f"township:{code}",
        code,
        _("%(name)s乡镇库存") % {"name": _region_name(code)},
    )


def farm_holder(farm: Any) -> Holder:
    return Holder(HolderKind.FARM, f"farm:{farm.pk}", farm.region_id, farm.name, farm_id=farm.pk)


def vaccinator_holder(user: User) -> Holder:
    return Holder(
        HolderKind.VACCINATOR,
        f"user:{user.pk}",
        user.region_id,
        _("防疫员%(name)s") % {"name": str(user)},
        user_id=user.pk,
    )


def holder_of_actor(actor: User) -> Holder:
    """The stock an account manages: a supervisor its county's, a station its township's."""
    level = regions.level_of(actor.region_id)
    if actor.role == Role.SUPERVISOR and level == "county":
        return county_holder(actor.region_id)
    if actor.role == Role.STATION and level == "township":
        return township_holder(actor.region_id)
    raise PermissionDenied(_("只有县级动物卫生监督机构和乡镇畜牧兽医站管理耳标库存"))


def valid_counties(county: str) -> set[str]:
    """The county's code and its historical codes still printed on tags in circulation."""
    return {county, *RegionAlias.objects.filter(region_id=county).values_list("code", flat=True)}


def _range_fields(holder: Holder) -> dict[str, Any]:
    return {
        "holder_kind": holder.kind,
        "holder_key": holder.key,
        "region_id": holder.region,
        "farm_id": holder.farm_id,
        "holder_user_id": holder.user_id,
    }


# --- registration of county stock (库存耳标登记) ---------------------------------------------


def _overlapping(first: int, last: int):
    """Ranges that share a code with first..last: the one containing `first` and those that
    start inside; one index probe plus the pieces themselves."""
    before = (
        TagRange.objects.filter(first__lte=first).order_by("-first").values_list("id", "last")[:1]
    )
    ids = [pk for pk, end in before if end >= first]
    ids += list(
        TagRange.objects.filter(first__gt=first, first__lte=last).values_list("id", flat=True)
    )
    return TagRange.objects.filter(id__in=ids).order_by("first")


def _stock_clashes(stock_rows: list[rules.StockRow]) -> list[dict]:
    """Rows that overlap ranges already registered: per block, one ordered sweep."""
    problems = []
    by_block: dict[int, list[rules.StockRow]] = {}
    for item in stock_rows:
        by_block.setdefault(codes.block_of(item.span.first), []).append(item)
    for block_rows in by_block.values():
        block_rows.sort(key=lambda item: item.span.first)
        low, high = block_rows[0].span.first, max(item.span.last for item in block_rows)
        previous = list(
            TagRange.objects.filter(first__lt=low)
            .order_by("-first")
            .values_list("first", "last")[:1]
        )
        existing = iter(
            previous
            + list(
                TagRange.objects.filter(first__gte=low, first__lte=high)
                .order_by("first")
                .values_list("first", "last")
            )
        )
        current = next(existing, None)
        for item in block_rows:
            while current is not None and current[1] < item.span.first:
                current = next(existing, None)
            if current is not None and current[0] <= item.span.last:
                problems.append(
                    {
                        "row": item.row,
                        "code": "EARTAG_RANGE_OVERLAP",
                        "message": _("号段与已登记的库存%(a)s–%(b)s重叠")
                        % {
                            "a": codes.format_code(codes.code_of(current[0])),
                            "b": codes.format_code(codes.code_of(current[1])),
                        },
                    }
                )
    return problems


def _import_error(problems: list[dict]) -> DomainError:
    return DomainError(
        "IMPORT_INVALID", _("文件中有%(n)d处错误，未导入任何数据") % {"n": len(problems)}, problems
    )


def read_stock_rows(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    """The data rows of a 库存耳标登记表 (header 箱号 | 包号 | 起始号 | 终止号 | 数量)."""
    return list(data_rows(read_rows(data, filename), rules.IMPORT_HEADER))


def check_stock_rows(
    *,
    actor: User,
    rows: list[tuple[int, list[str]]],
    progress: Callable[[int, int], None] | None = None,
) -> list[rules.StockRow]:
    """Every row checked (read-only); IMPORT_INVALID lists every bad row."""
    require(actor, REGISTER_STOCK)
    county = holder_of_actor(actor).region
    if not rows:
        raise DomainError(
            "IMPORT_INVALID",
            _("文件中没有数据行"),
            [{"row": 0, "code": "IMPORT_INVALID", "message": _("文件中没有数据行")}],
        )
    counties = valid_counties(county)
    accepted: list[rules.StockRow] = []
    problems: list[dict] = []
    chunk = 5000
    for start in range(0, len(rows), chunk):
        part, part_problems = rules.check_each(rows[start : start + chunk], counties)
        accepted.extend(part)
        problems.extend(part_problems)
        if progress:
            progress(min(start + chunk, len(rows)), len(rows))
    accepted, overlaps = rules.drop_overlaps(accepted)
    problems = sorted(problems + overlaps, key=lambda p: p["row"])
    if problems:
        raise _import_error(problems)
    return accepted


def _insert_ranges(stock_rows: list[rules.StockRow], holder: Holder, batch: ImportBatch) -> None:
    """Plain executemany in big batches: a 100,000-row workbook in seconds."""
    table = TagRange._meta.db_table
    sql = (
        f"INSERT INTO {table} (first, last, box, pack, holder_kind, holder_key, region_id, "
        f"farm_id, holder_user_id, batch_id, updated_at) "
        f"VALUES (%s, %s, %s, %s, %s, %s, %s, NULL, NULL, %s, %s)"
    )
    now = timezone.now()
    if connection.vendor == "postgresql":  # one statement per 50,000 rows: arrays, unnest
        with connection.cursor() as cursor:
            for start in range(0, len(stock_rows), 50_000):
                part = stock_rows[start : start + 50_000]
                cursor.execute(
                    f"INSERT INTO {table} (first, last, box, pack, holder_kind, holder_key, "
                    f"region_id, batch_id, updated_at) "
                    f"SELECT f, l, b, p, %s, %s, %s, %s, %s "
                    f"FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[]) "
                    f"AS t(f, l, b, p)",
                    [
                        str(holder.kind),
                        holder.key,
                        holder.region,
                        batch.pk,
                        now,
                        [item.span.first for item in part],
                        [item.span.last for item in part],
                        [item.box for item in part],
                        [item.pack for item in part],
                    ],
                )
        return
    with connection.cursor() as cursor:
        for start in range(0, len(stock_rows), 10_000):
            cursor.executemany(
                sql,
                [
                    (
                        item.span.first,
                        item.span.last,
                        item.box,
                        item.pack,
                        str(holder.kind),
                        holder.key,
                        holder.region,
                        batch.pk,
                        now,
                    )
                    for item in stock_rows[start : start + 10_000]
                ],
            )


@transaction.atomic
def register_stock(
    *, actor: User, stock_rows: list[rules.StockRow], filename: str = ""
) -> ImportBatch:
    """Register checked rows as county stock in one transaction: all or nothing."""
    require(actor, REGISTER_STOCK)
    county = holder_of_actor(actor)
    _lock_blocks(item.span.first for item in stock_rows)
    clashes = _stock_clashes(stock_rows)
    if clashes:
        raise _import_error(clashes)
    batch = ImportBatch.objects.create(
        region_id=county.region,
        actor=actor,
        filename=filename,
        ranges=len(stock_rows),
        tags=sum(item.span.size for item in stock_rows),
    )
    try:
        with transaction.atomic():
            _insert_ranges(stock_rows, county, batch)
    except IntegrityError:  # PostgreSQL's exclusion constraint: a concurrent import won
        raise DomainError("EARTAG_RANGE_OVERLAP", _("号段与已登记的库存重叠")) from None
    ledger.record(
        actor=actor,
        action="eartags.registered",
        obj=batch,
        region=county.region,
        summary={"filename": filename, "ranges": batch.ranges, "tags": batch.tags},
    )
    return batch


def import_stock(
    *, actor: User, data: bytes, filename: str, progress: Callable[[int, int], None] | None = None
) -> ImportBatch:
    """导入《库存耳标登记表》: one bad row rejects the file, every bad row is listed."""
    require(actor, REGISTER_STOCK)
    holder_of_actor(actor)
    rows = read_stock_rows(data, filename)
    stock_rows = check_stock_rows(actor=actor, rows=rows, progress=progress)
    return register_stock(actor=actor, stock_rows=stock_rows, filename=filename)


def register_range(
    *, actor: User, start: str, end: str, quantity: int, box: str = "", pack: str = ""
) -> ImportBatch:
    """Entry by hand of one box or pack: the same checks as a row of the workbook."""
    rows = [(1, [box.strip(), pack.strip(), start, end, str(quantity)])]
    try:
        stock_rows = check_stock_rows(actor=actor, rows=rows)
        return register_stock(actor=actor, stock_rows=stock_rows)
    except DomainError as exc:
        if exc.code != "IMPORT_INVALID" or not exc.details:
            raise
        first = exc.details[0]
        raise DomainError(first["code"], first["message"], exc.details) from None


# --- moves: issue and return ----------------------------------------------------------------


def _span_of(start: str, end: str) -> Span:
    first, last = codes.number(start), codes.number(end)
    if codes.block_of(first) != codes.block_of(last):
        raise DomainError("EARTAG_RANGE_MIXED", _("起始号与终止号的畜种或县代码不同"))
    if last < first:
        raise ValidationFailed(_("终止号小于起始号"))
    return Span(first, last)


def _not_held(span: Span, holder: Holder, details: list[dict]) -> DomainError:
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


def _lock_blocks(values: Iterable[int]) -> None:
    """Serialize moves and imports within one species and county (a block): one locked
    counter row per block, taken in order, so two concurrent moves never deadlock and the
    second sees what the first committed."""
    for block in sorted({codes.block_of(value) for value in values}):
        next_number(f"eartags:block:{block}")


def _locked_pieces(span: Span) -> list[TagRange]:
    return list(_overlapping(span.first, span.last).select_for_update())


def _coalesce_around(span: Span) -> None:
    """Join neighbours with the same holder, box, pack and batch, so stock does not
    fragment as it goes back and forth."""
    pieces = list(_overlapping(span.first - 1, span.last + 1).select_for_update())
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


def _move(
    span: Span, source: Holder | None, target: Holder, sources: Iterable[str] | None = None
) -> list[TagRange]:
    """Give first..last to `target`. Every code must be held by `source` (or by one of the
    keys in `sources`); the pieces are split where the span cuts them."""
    pieces = _locked_pieces(span)
    allowed = {source.key} if source else set(sources or [])
    missing = gaps([Span(p.first, p.last) for p in pieces], span)
    foreign = [p for p in pieces if p.holder_key not in allowed]
    if missing or foreign or not pieces:
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
        raise _not_held(span, source or target, details)
    fields = _range_fields(target)
    moved = []
    for piece in pieces:
        before, inside, after = split(Span(piece.first, piece.last), span)
        if before is None and after is None:
            for name, value in fields.items():
                setattr(piece, name, value)
            piece.save()
            moved.append(piece)
            continue
        keep = before or after
        piece.first, piece.last = keep.first, keep.last
        piece.save(update_fields=["first", "last", "updated_at"])
        extra = [
            TagRange(
                first=inside.first,
                last=inside.last,
                box=piece.box,
                pack=piece.pack,
                batch_id=piece.batch_id,
                **fields,
            )
        ]
        if before and after:
            extra.append(
                TagRange(
                    first=after.first,
                    last=after.last,
                    box=piece.box,
                    pack=piece.pack,
                    batch_id=piece.batch_id,
                    **_range_fields(_holder_of_piece(piece)),
                )
            )
        TagRange.objects.bulk_create(extra)
        moved.append(extra[0])
    _coalesce_around(span)
    return moved


def _holder_of_piece(piece: TagRange) -> Holder:
    return Holder(
        piece.holder_kind,
        piece.holder_key,
        piece.region_id,
        "",
        piece.farm_id,
        piece.holder_user_id,
    )


def _record_move(
    *, actor: User, kind: str, span: Span, source: Holder, target: Holder, region: str
) -> TagMove:
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


def _vaccinator_in(township: str, username: str) -> User:
    user = User.objects.filter(username=username, role=Role.VACCINATOR, is_active=True).first()
    if user is None or not (
        regions.is_within(user.region_id, township) or regions.is_within(township, user.region_id)
    ):
        raise NotFound(_("防疫员账号不存在或不在本乡镇"))
    return user


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
    return vaccinator_holder(_vaccinator_in(office.region, str(to_vaccinator)))


def _holder_below(office: Holder, span: Span) -> Holder:
    """The one holder below the office that holds the whole span (for returns and
    transfers); 404 for another region's stock, EARTAG_NOT_HELD otherwise."""
    pieces = _locked_pieces(span)
    below = {
        HolderKind.COUNTY: {HolderKind.TOWNSHIP},
        HolderKind.TOWNSHIP: {HolderKind.FARM, HolderKind.VACCINATOR},
    }[office.kind]
    keys = {piece.holder_key for piece in pieces}
    if pieces and not any(regions.is_within(p.region_id, office.region) for p in pieces):
        raise NotFound()  # another region's stock: as if it did not exist
    first = pieces[0] if pieces else None
    if (
        first is None
        or len(keys) != 1
        or first.holder_kind not in below
        or not regions.is_within(first.region_id, office.region)
    ):
        raise _not_held(
            span,
            office,
            [{"code": "EARTAG_NOT_HELD", "message": _("号段须由下级的同一持有方持有")}],
        )
    piece = _holder_of_piece(first)
    return Holder(
        piece.kind, piece.key, piece.region, _label_of_key(piece.key), piece.farm_id, piece.user_id
    )


@transaction.atomic
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
    span = _span_of(start, end)
    _lock_blocks([span.first])
    source = holder_of_actor(actor)
    target = _target_below(
        actor, source, to_region=to_region, to_farm=to_farm, to_vaccinator=to_vaccinator
    )
    kind = MoveKind.FIRST_ISSUE if source.kind == HolderKind.COUNTY else MoveKind.SECOND_ISSUE
    _move(span, source, target)
    return _record_move(
        actor=actor, kind=kind, span=span, source=source, target=target, region=source.region
    )


@transaction.atomic
def return_range(*, actor: User, start: str, end: str) -> TagMove:
    """退回: a township's range back to the county, a farm's or vaccinator's back to the
    township. The receiving office records it; the range must sit with one holder below it."""
    require(actor, DISTRIBUTE)
    span = _span_of(start, end)
    _lock_blocks([span.first])
    target = holder_of_actor(actor)
    source = _holder_below(target, span)
    _move(span, source, target)
    return _record_move(
        actor=actor,
        kind=MoveKind.RETURN,
        span=span,
        source=source,
        target=target,
        region=target.region,
    )


@transaction.atomic
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
    span = _span_of(start, end)
    _lock_blocks([span.first])
    office = holder_of_actor(actor)
    source = _holder_below(office, span)
    target = _target_below(
        actor, office, to_region=to_region, to_farm=to_farm, to_vaccinator=to_vaccinator
    )
    if target.key == source.key:
        raise ValidationFailed(_("接收方与现持有方相同"))
    _move(span, source, target)
    return _record_move(
        actor=actor,
        kind=MoveKind.TRANSFER,
        span=span,
        source=source,
        target=target,
        region=office.region,
    )


def _label_of_key(key: str) -> str:
    kind, _sep, value = key.partition(":")
    if kind == "county":
        return county_holder(value).label
    if kind == "township":
        return township_holder(value).label
    if kind == "farm":
        from smartvet.registry.models import Farm

        return Farm.objects.filter(pk=value).values_list("name", flat=True).first() or key
    user = User.objects.filter(pk=value).first()
    return vaccinator_holder(user).label if user else key


# --- checks and claims used by quarantine ------------------------------------------------------


class Held(NamedTuple):
    """The range holding a code, as the checks need it."""

    id: int
    first: int
    last: int
    holder_key: str
    region_id: str


def ranges_containing(numbers: list[int]) -> dict[int, Held]:
    """The range holding each number, in one round trip: one index probe per number."""
    if not numbers:
        return {}
    unique = sorted(set(numbers))
    values = ", ".join(["(CAST(%s AS BIGINT))"] * len(unique))
    table = TagRange._meta.db_table
    sql = (
        f"WITH q(n) AS (VALUES {values}) "
        f"SELECT q.n, r.id, r.first, r.last, r.holder_key, r.region_id FROM q "
        f"JOIN {table} r ON r.id = "
        f"(SELECT r2.id FROM {table} r2 WHERE r2.first <= q.n ORDER BY r2.first DESC LIMIT 1) "
        f"WHERE r.last >= q.n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, unique)
        return {row[0]: Held(*row[1:]) for row in cursor.fetchall()}


def _species_name(species: str) -> str:
    return CATEGORY_SPECIES.get(species, species)


def usable_keys(farm: Any) -> set[str]:
    """Holders whose tags a farm may use: its township, the farm, the vaccinators serving it
    (seed 002: 自动检测耳标号段是否属于该乡镇的耳标库存)."""
    keys = {f"township:{farm.region_id[:9]}", f"farm:{farm.pk}"}
    servers = farm.servers.through.objects.filter(farm_id=farm.pk).values_list("user_id", flat=True)
    keys |= {f"user:{pk}" for pk in servers}
    return keys


def check_tags_for_declaration(*, farm: Any, species: str, codes: list[str]) -> list[Problem]:
    """Read-only. Every problem, tag by tag (details {"tag": <input>}): malformed, wrong
    species, county not the farm's (current or historical), not in a range held by the
    farm's township, the farm or a vaccinator serving it, cancelled, already claimed or in
    transit, or listed twice (DOMAIN.md §3)."""
    return _check_tags(farm=farm, species=species, texts=codes)


def _check_tags(*, farm: Any, species: str, texts: list[str]) -> list[Problem]:
    from smartvet.eartags import codes as tagcodes  # the parameter shadows the module

    problems: list[Problem] = []
    digit = TAG_DIGIT_BY_SPECIES.get(_species_name(species))
    counties = valid_counties(farm.region_id[:6])
    parsed: list[tuple[str, int]] = []
    seen: set[int] = set()
    for text in texts:
        code = tagcodes.try_parse(text)
        if code is None:
            problems.append(tagcodes.malformed(text))
            continue
        shown = {"tag": str(text)[:40]}
        number = int(code)
        if number in seen:
            problems.append(
                Problem(
                    "EARTAG_DUPLICATE",
                    _("耳标号%(tag)s重复填写") % {"tag": tagcodes.format_code(code)},
                    shown,
                )
            )
            continue
        seen.add(number)
        if digit is None or code[0] != digit:
            problems.append(
                Problem(
                    "EARTAG_SPECIES_MISMATCH",
                    _("耳标号%(tag)s的畜种与申报畜种不符") % {"tag": tagcodes.format_code(code)},
                    shown,
                )
            )
            continue
        if code[1:7] not in counties:
            problems.append(
                Problem(
                    "EARTAG_COUNTY_MISMATCH",
                    _("耳标号%(tag)s的县代码不是养殖场所在县的代码")
                    % {"tag": tagcodes.format_code(code)},
                    shown,
                )
            )
            continue
        parsed.append((text, number))
    numbers = [number for _text, number in parsed]
    held = ranges_containing(numbers)
    tags = {
        code: (status, farm_id)
        for code, status, farm_id in Tag.objects.filter(code__in=numbers)
        .order_by()
        .values_list("code", "status", "farm_id")
    }
    claims = (
        set(TagClaim.objects.filter(code__in=numbers).order_by().values_list("code", flat=True))
        if numbers
        else set()
    )
    keys = usable_keys(farm)
    for text, number in parsed:
        tag = tags.get(number)
        piece = held.get(number)
        own = tag is not None and tag[1] == farm.pk
        cancelled = tag is not None and tag[0] == TagStatus.CANCELLED
        if (
            not cancelled
            and (own or (piece is not None and piece.holder_key in keys))
            and number not in claims
        ):
            continue  # the common case: nothing to say
        shown = {"tag": str(text)[:40]}
        label = tagcodes.format_code(tagcodes.code_of(number))
        if cancelled:
            problems.append(
                Problem("EARTAG_CANCELLED", _("耳标号%(tag)s已注销") % {"tag": label}, shown)
            )
            continue
        if not own and (piece is None or piece.holder_key not in keys):
            problems.append(
                Problem(
                    "EARTAG_NOT_IN_TOWNSHIP",
                    _("耳标号%(tag)s不属于本乡镇、本场或服务本场的防疫员的耳标库存")
                    % {"tag": label},
                    shown,
                )
            )
            continue
        if number in claims:
            problems.append(
                Problem(
                    "EARTAG_IN_USE",
                    _("耳标号%(tag)s已被其他申报或检疫证明占用") % {"tag": label},
                    shown,
                )
            )
    return problems


def _numbers(texts: list[str]) -> list[int]:
    """Every text parsed; EARTAG_MALFORMED lists every bad one."""
    problems = [codes.malformed(text) for text in texts if codes.try_parse(text) is None]
    if problems:
        raise DomainError.from_problems(problems)
    return [int(codes.parse_code(text)) for text in texts]


def _events(
    numbers: Iterable[int],
    *,
    kind: str,
    actor: Any,
    ref: str = "",
    farm: Any = None,
    detail: str = "",
    params: dict[str, Any] | None = None,
) -> None:
    """One history event per tag. `detail` is an untranslated message (gettext_noop) and
    `params` its values: the history reads in the language of whoever looks at it."""
    now = timezone.now()
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    farm_id = farm.pk if farm is not None else None
    TagEvent.objects.bulk_create(
        [
            TagEvent(
                code=n,
                kind=kind,
                at=now,
                actor_id=actor_id,
                farm_id=farm_id,
                ref=ref[:60],
                detail=detail[:200],
                params=params or {},
            )
            for n in numbers
        ],
        batch_size=INSERT_BATCH,
    )


def _need_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("call this inside the caller's transaction")


def claim_tags(*, actor: Any, farm: Any, codes: list[str], ref: str) -> None:
    """Reserve the tags for `ref` (e.g. "declaration:12"). A unique code per claim in the
    database: of two concurrent claims of one tag exactly one wins; the other gets
    EARTAG_IN_USE and nothing of it is kept."""
    _need_transaction()
    numbers = _numbers(codes)
    if len(set(numbers)) != len(numbers):
        raise DomainError("EARTAG_DUPLICATE", _("耳标号重复填写"))
    try:
        with transaction.atomic():
            TagClaim.objects.bulk_create(
                [
                    TagClaim(code=n, ref=ref[:60], farm_id=farm.pk if farm else None)
                    for n in numbers
                ],
                batch_size=INSERT_BATCH,
            )
    except IntegrityError:
        taken = TagClaim.objects.filter(code__in=numbers).values_list("code", flat=True)
        raise DomainError(
            "EARTAG_IN_USE",
            _("耳标已被其他申报或检疫证明占用"),
            [
                {"code": "EARTAG_IN_USE", "tag": codes_mod.code_of(n), "message": _("已被占用")}
                for n in taken
            ],
        ) from None
    _events(numbers, kind="claimed", actor=actor, ref=ref, farm=farm)
    ledger.record(
        actor=actor,
        action="eartags.claimed",
        object_type="eartags.claim",
        object_id=ref[:60],
        region=farm.region_id if farm else "",
        summary={"ref": ref, "tags": len(numbers)},
    )


codes_mod = codes


def _claimed(ref: str) -> list[int]:
    return list(TagClaim.objects.filter(ref=ref).values_list("code", flat=True))


def release_tags(*, actor: Any, ref: str) -> None:
    """The claim of `ref` ends (declaration rejected, inspection failed)."""
    _need_transaction()
    numbers = _claimed(ref)
    TagClaim.objects.filter(ref=ref).delete()
    _events(numbers, kind="released", actor=actor, ref=ref)
    ledger.record(
        actor=actor,
        action="eartags.released",
        object_type="eartags.claim",
        object_id=ref[:60],
        summary={"ref": ref, "tags": len(numbers)},
    )


def dispatch_tags(*, actor: Any, ref: str, certificate_no: str) -> None:
    """Certificate issued: the claimed tags are in transit."""
    _need_transaction()
    numbers = _claimed(ref)
    TagClaim.objects.filter(ref=ref).update(
        status=ClaimStatus.IN_TRANSIT, certificate_no=certificate_no[:40]
    )
    _events(
        numbers,
        kind="in_transit",
        actor=actor,
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


def arrive_tags(*, actor: Any, ref: str, farm: Any = None) -> None:
    """Arrival reported: in transit -> fitted, the claim ends. With `farm` (animals arrived
    at a farm) the tags are recorded as worn at that farm from now on."""
    _need_transaction()
    claims = list(TagClaim.objects.filter(ref=ref).values_list("code", "farm_id"))
    numbers = [n for n, _farm in claims]
    existing = set(Tag.objects.filter(code__in=numbers).values_list("code", flat=True))
    origin = {n: farm_id for n, farm_id in claims}
    today = timezone.localdate()
    Tag.objects.bulk_create(
        [
            Tag(
                code=n,
                status=TagStatus.FITTED,
                farm_id=farm.pk if farm else origin[n],
                fitted_on=today,
            )
            for n in numbers
            if n not in existing
        ],
        batch_size=INSERT_BATCH,
    )
    if farm is not None:
        Tag.objects.filter(code__in=existing, status=TagStatus.FITTED).update(farm_id=farm.pk)
    TagClaim.objects.filter(ref=ref).delete()
    _events(numbers, kind="arrived", actor=actor, ref=ref, farm=farm)
    ledger.record(
        actor=actor,
        action="eartags.arrived",
        object_type="eartags.claim",
        object_id=ref[:60],
        summary={"ref": ref, "tags": len(numbers), "farm": farm.pk if farm else None},
    )


# Kept untranslated in the tag's history; translated when the history is shown.
REASON_LABELS = {
    "slaughter": gettext_noop("屠宰"),
    "death": gettext_noop("死亡"),
    "loss": gettext_noop("丢失"),
    "damage": gettext_noop("损坏"),
}


def cancel_tags(
    *, actor: Any, codes: list[str], reason: str, ref: str = "", strict: bool = True
) -> list[Problem] | None:
    """注销: at slaughter (the slaughterhouse collects the tags), death, loss or damage.
    Cancelled codes are never reused; any claim ends. Every malformed or already cancelled
    tag is a problem: with strict (default) they are raised as one DomainError and nothing
    changes; with strict=False the others are cancelled and the problems returned."""
    _need_transaction()
    require(actor, CANCEL)
    if reason not in rules.CANCEL_REASONS:
        raise ValidationFailed(_("注销原因应为屠宰、死亡、丢失或损坏"))
    problems: list[Problem] = []
    numbers: list[int] = []
    seen: set[int] = set()
    for text in codes:
        code = codes_mod.try_parse(text)
        if code is None:
            problems.append(codes_mod.malformed(text))
        elif int(code) in seen:
            problems.append(
                Problem(
                    "EARTAG_DUPLICATE",
                    _("耳标号%(tag)s重复填写") % {"tag": codes_mod.format_code(code)},
                    {"tag": str(text)},
                )
            )
        else:
            numbers.append(int(code))
            seen.add(int(code))
    tags = {t.code: t for t in Tag.objects.select_for_update().filter(code__in=numbers)}
    cancelled = set()
    for number in numbers:
        tag = tags.get(number)
        if tag is not None and tag.status == TagStatus.CANCELLED:
            problems.append(
                Problem(
                    "EARTAG_CANCELLED",
                    _("耳标号%(tag)s已注销")
                    % {"tag": codes_mod.format_code(codes_mod.code_of(number))},
                    {"tag": codes_mod.code_of(number)},
                )
            )
            cancelled.add(number)
    numbers = [number for number in numbers if number not in cancelled]
    if problems and strict:
        raise DomainError.from_problems(problems)
    now = timezone.now()
    Tag.objects.filter(code__in=[n for n in numbers if n in tags]).update(
        status=TagStatus.CANCELLED, cancel_reason=reason, cancelled_at=now
    )
    Tag.objects.bulk_create(
        [
            Tag(code=n, status=TagStatus.CANCELLED, cancel_reason=reason, cancelled_at=now)
            for n in numbers
            if n not in tags
        ],
        batch_size=INSERT_BATCH,
    )
    TagClaim.objects.filter(code__in=numbers).delete()
    _events(numbers, kind="cancelled", actor=actor, ref=ref, detail=REASON_LABELS[reason])
    ledger.record(
        actor=actor,
        action="eartags.cancelled",
        object_type="eartags.tag",
        object_id=ref[:60],
        summary={"reason": reason, "ref": ref, "tags": len(numbers)},
    )
    return problems or None


def _fit_problems(farm: Any, numbers: list[int], texts: list[str]) -> list[Problem]:
    problems = []
    held = ranges_containing(numbers)
    tags = {t.code: t for t in Tag.objects.select_for_update().filter(code__in=numbers)}
    keys = usable_keys(farm)
    for text, number in zip(texts, numbers, strict=True):
        label = codes_mod.format_code(codes_mod.code_of(number))
        shown = {"tag": str(text)[:40]}
        tag = tags.get(number)
        if tag is not None and tag.status == TagStatus.CANCELLED:
            problems.append(
                Problem("EARTAG_CANCELLED", _("耳标号%(tag)s已注销") % {"tag": label}, shown)
            )
        elif tag is not None:
            problems.append(
                Problem("EARTAG_IN_USE", _("耳标号%(tag)s已佩戴") % {"tag": label}, shown)
            )
        elif number not in held or held[number].holder_key not in keys:
            problems.append(
                Problem(
                    "EARTAG_NOT_HELD",
                    _("耳标号%(tag)s不在本场、本乡镇或服务本场的防疫员的库存中") % {"tag": label},
                    shown,
                )
            )
    return problems


def _fitting_farm(actor: User, farm: Any) -> Any:
    require(actor, FIT, region=farm.region_id)
    return registry_queries.farm(actor, farm.pk)


def _check_date(on: date) -> None:
    if on > timezone.localdate() or on.year < 2000:
        raise ValidationFailed(_("佩戴日期不能晚于今天"))


def fit_tags(*, actor: User, farm: Any, codes: list[str], on: date, ref: str = "") -> None:
    """佩戴: tags held by the farm, its township or a vaccinator serving it are recorded as
    worn by the farm's animals (within 30 days of birth or before leaving the farm).
    Runs in the caller's transaction when there is one (immunization records)."""
    with transaction.atomic():
        farm = _fitting_farm(actor, farm)
        _check_date(on)
        numbers = _numbers(codes)
        problems = _fit_problems(farm, numbers, codes)
        if len(set(numbers)) != len(numbers):
            problems.append(Problem("EARTAG_DUPLICATE", _("耳标号重复填写")))
        if problems:
            raise DomainError.from_problems(problems)
        Tag.objects.bulk_create(
            [Tag(code=n, status=TagStatus.FITTED, farm=farm, fitted_on=on) for n in numbers],
            batch_size=INSERT_BATCH,
        )
        _events(
            numbers,
            kind="fitted",
            actor=actor,
            ref=ref,
            farm=farm,
            detail=gettext_noop("佩戴于%(farm)s"),
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
                "first": codes_mod.code_of(min(numbers)) if numbers else "",
            },
        )


@transaction.atomic
def replace_tag(
    *, actor: User, farm: Any, old: str, new: str, on: date, reason: str = "loss"
) -> Tag:
    """补标: a lost or damaged tag is replaced (in the right ear); the old code is cancelled
    and linked to the new one, never reused (《畜禽标识和养殖档案管理办法》第十四条)."""
    farm = _fitting_farm(actor, farm)
    _check_date(on)
    if reason not in {"loss", "damage"}:
        raise ValidationFailed(_("补标原因应为丢失或损坏"))
    old_number, new_number = _numbers([old, new])
    if old_number == new_number:
        raise ValidationFailed(_("新耳标号不能与原耳标号相同"))
    old_tag = Tag.objects.select_for_update().filter(code=old_number).first()
    if old_tag is not None and old_tag.status == TagStatus.CANCELLED:
        raise DomainError("EARTAG_CANCELLED", _("原耳标已注销"))
    if old_tag is not None and old_tag.farm_id != farm.pk:
        raise DomainError("EARTAG_NOT_HELD", _("原耳标不是本场佩戴的耳标"))
    if old_tag is None:
        piece = ranges_containing([old_number]).get(old_number)
        if piece is None or piece.holder_key not in usable_keys(farm):
            raise DomainError("EARTAG_NOT_HELD", _("原耳标不是本场的耳标"))
    problems = _fit_problems(farm, [new_number], [new])
    if problems:
        raise DomainError.from_problems(problems)
    new_tag = Tag.objects.create(code=new_number, status=TagStatus.FITTED, farm=farm, fitted_on=on)
    now = timezone.now()
    if old_tag is None:
        old_tag = Tag(code=old_number, farm=farm)
    old_tag.status, old_tag.cancel_reason, old_tag.cancelled_at = (TagStatus.CANCELLED, reason, now)
    old_tag.replaced_by = new_tag
    old_tag.save()
    TagClaim.objects.filter(code=old_number).delete()
    new_label, old_label = codes_mod.format_code(new), codes_mod.format_code(old)
    _events(
        [old_number],
        kind="replaced",
        actor=actor,
        farm=farm,
        detail=gettext_noop("%(reason)s，补标为%(tag)s"),
        params={"reason": REASON_LABELS[reason], "tag": new_label},
    )
    _events(
        [new_number],
        kind="fitted",
        actor=actor,
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
            "old": codes_mod.code_of(old_number),
            "new": codes_mod.code_of(new_number),
            "reason": reason,
        },
    )
    return new_tag


@transaction.atomic
def cancel_tags_now(*, actor: User, codes: list[str], reason: str, ref: str = "") -> None:
    """注销 as its own action (API and pages). Except at slaughter, where tags arrive from
    anywhere, the tags must lie in the actor's region (their holder or their farm)."""
    require(actor, CANCEL)
    if reason != "slaughter" and actor.region_id != regions.NATION:
        numbers = [int(c) for c in (codes_mod.try_parse(t) for t in codes) if c]
        held = ranges_containing(numbers)
        farms = dict(
            Tag.objects.filter(code__in=numbers, farm__isnull=False).values_list(
                "code", "farm__region_id"
            )
        )
        outside = [
            n
            for n in numbers
            if not regions.is_within(
                farms.get(n) or (held[n].region_id if n in held else ""), actor.region_id
            )
        ]
        if outside:
            raise NotFound(
                _("耳标不在您的管辖范围内：%(tags)s")
                % {"tags": _("、").join(codes_mod.code_of(n) for n in outside[:20])}
            )
    cancel_tags(actor=actor, codes=codes, reason=reason, ref=ref)


BACKGROUND_BYTES = 64 * 1024  # larger workbooks are imported in the background


@transaction.atomic
def start_import_job(*, actor: User, data: bytes, filename: str) -> Any:
    """Queue a large workbook for the background import; the page follows its progress."""
    from smartvet.eartags.models import ImportJob
    from smartvet.eartags.tasks import run_import_job

    require(actor, REGISTER_STOCK)
    county = holder_of_actor(actor)
    if not data:
        read_rows(data, filename)  # an empty file is refused at once
    job = ImportJob.objects.create(
        region_id=county.region, actor=actor, filename=filename[:200], data=data
    )
    ledger.record(
        actor=actor,
        action="eartags.import_queued",
        obj=job,
        region=county.region,
        summary={"filename": filename, "bytes": len(data)},
    )
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job
