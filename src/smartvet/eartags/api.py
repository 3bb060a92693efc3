"""API of the ear-tag inventory (CONTRACT.md, core flow 2). Literal routes come before
/eartags/{code}. Lists are ninja pages; outputs read the objects' attributes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.eartags import codes, queries, services, workbooks
from smartvet.registry import queries as registry_queries

router = Router(tags=["eartags"])


class ImportOut(Schema):
    ranges: int
    tags: int


class RangeIn(Schema):
    start: str = Field(max_length=40)
    end: str = Field(max_length=40)
    quantity: int = Field(ge=1, le=10**8)
    box: str = Field("", max_length=40)
    pack: str = Field("", max_length=40)


class DistributionIn(Schema):
    start: str = Field(max_length=40)
    end: str = Field(max_length=40)
    to_region: str | None = Field(None, max_length=12)
    to_farm: int | None = Field(None, ge=1, le=MAX_ID)
    to_vaccinator: str | None = Field(None, max_length=150)


class MoveOut(Schema):
    id: int
    kind: str
    first: str
    last: str
    tags: int = Field(alias="quantity")
    from_holder: str = Field(alias="from_label")
    to_holder: str = Field(alias="to_label")
    at: datetime

    @staticmethod
    def resolve_first(move) -> str:
        return codes.code_of(move.first)

    @staticmethod
    def resolve_last(move) -> str:
        return codes.code_of(move.last)


class ReturnIn(Schema):
    start: str = Field(max_length=40)
    end: str = Field(max_length=40)


class FittingIn(Schema):
    farm: int = Field(ge=1, le=MAX_ID)
    codes: list[str] = Field(min_length=1, max_length=5000)
    date: date
    ref: str = Field("", max_length=60)


class ReplacementIn(Schema):
    farm: int = Field(ge=1, le=MAX_ID)
    old: str = Field(max_length=40)
    new: str = Field(max_length=40)
    date: date
    reason: Literal["loss", "damage"] = "loss"


class CancellationIn(Schema):
    codes: list[str] = Field(min_length=1, max_length=5000)
    reason: Literal["slaughter", "death", "loss", "damage"]
    ref: str = Field("", max_length=60)


class CountOut(Schema):
    tags: int


class HolderOut(Schema):
    kind: str = Field(alias="holder_kind")
    key: str = Field(alias="holder_key")
    name: str = Field(alias="holder_name")
    region: str = Field(alias="region_id")
    farm: int | None = Field(alias="farm_id")
    vaccinator: str | None

    @staticmethod
    def resolve_vaccinator(piece) -> str | None:
        return piece.holder_user.username if piece.holder_user_id else None


class RangeOut(Schema):
    first: str
    last: str
    quantity: int
    box: str
    pack: str
    holder: HolderOut

    @staticmethod
    def resolve_first(piece) -> str:
        return codes.code_of(piece.first)

    @staticmethod
    def resolve_last(piece) -> str:
        return codes.code_of(piece.last)

    @staticmethod
    def resolve_holder(piece):
        return piece


class StockLine(Schema):
    holder_kind: str
    holder: str
    holder_name: str
    region: str
    species: str
    ranges: int
    tags: int


class StockOut(Schema):
    totals: dict[str, int]
    lines: list[StockLine]


class TagOut(Schema):
    code: str
    formatted: str
    species: str
    county: str
    status: str
    holder: dict[str, Any] | None
    range: dict[str, Any] | None
    farm: dict[str, Any] | None
    fitted_on: date | None
    cancel_reason: str | None
    replaced_by: str | None
    replaces: str | None
    history: list[dict[str, Any]]


@router.get("/eartags/template", summary="下载《库存耳标登记表》模板（xlsx）", response={200: None})
def template(request):
    return workbooks.stock_template()


@router.post(
    "/eartags/imports",
    response={201: ImportOut},
    summary="导入《库存耳标登记表》（本县库存；一行有错则整份不导入）",
)
def import_stock(request, file: UploadedFile = File(...)):
    batch = services.import_stock(
        actor=request.auth, data=file.read(), filename=(file.name or "")[:200]
    )
    return Status(201, batch)


@router.post("/eartags/ranges", response={201: ImportOut}, summary="手工登记一个号段（入库）")
def register_range(request, payload: RangeIn):
    return Status(201, services.register_range(actor=request.auth, **payload.dict()))


@router.get("/eartags/ranges", response=list[RangeOut], summary="号段查询（库存号段，分页）")
@paginate(Page)
def list_ranges(
    request,
    q: str = Query("", max_length=40),
    holder: str = Query("", max_length=40),
    species: str = Query("", max_length=1),
    start: str = Query("", max_length=40),
    end: str = Query("", max_length=40),
):
    if start and end:
        return queries.ranges_overlapping(request.auth, start, end)
    return queries.ranges_visible_to(request.auth, q=q, holder=holder, species=species)


@router.post(
    "/eartags/distributions",
    response={201: MoveOut},
    summary="发放耳标：一次发放（县→乡镇）或二次发放（乡镇→养殖场户/防疫员）",
)
def distribute(request, payload: DistributionIn):
    return Status(201, services.distribute_range(actor=request.auth, **payload.dict()))


@router.post("/eartags/returns", response={201: MoveOut}, summary="退回耳标（向上一级）")
def return_range(request, payload: ReturnIn):
    return Status(201, services.return_range(actor=request.auth, **payload.dict()))


@router.post(
    "/eartags/transfers",
    response={201: MoveOut},
    summary="调剂耳标（县在乡镇之间、乡镇站在养殖场户和防疫员之间）",
)
def transfer(request, payload: DistributionIn):
    return Status(201, services.transfer_range(actor=request.auth, **payload.dict()))


@router.get("/eartags/moves", response=list[MoveOut], summary="耳标发放与退回记录")
@paginate(Page)
def list_moves(request, kind: str = Query("", max_length=16), q: str = Query("", max_length=60)):
    return queries.moves_visible_to(request.auth, kind=kind, q=q)


@router.get("/eartags/stock", response=StockOut, summary="耳标库存汇总（按持有方和畜种）")
def stock(request):
    return {"totals": queries.totals(request.auth), "lines": queries.stock_summary(request.auth)}


@router.post("/eartags/fittings", response={201: CountOut}, summary="登记佩戴耳标")
def fit(request, payload: FittingIn):
    farm = registry_queries.farm(request.auth, payload.farm)
    services.fit_tags(
        actor=request.auth, farm=farm, codes=payload.codes, on=payload.date, ref=payload.ref
    )
    return Status(201, {"tags": len(payload.codes)})


@router.post(
    "/eartags/replacements", response={201: CountOut}, summary="补标（原耳标注销并关联新耳标）"
)
def replace(request, payload: ReplacementIn):
    farm = registry_queries.farm(request.auth, payload.farm)
    services.replace_tag(
        actor=request.auth,
        farm=farm,
        old=payload.old,
        new=payload.new,
        on=payload.date,
        reason=payload.reason,
    )
    return Status(201, {"tags": 1})


@router.post(
    "/eartags/cancellations", response={201: CountOut}, summary="注销耳标（屠宰、死亡、丢失、损坏）"
)
def cancel(request, payload: CancellationIn):
    services.cancel_tags(
        actor=request.auth, codes=payload.codes, reason=payload.reason, ref=payload.ref
    )
    return Status(201, {"tags": len(payload.codes)})


@router.get("/eartags/{code}", response=TagOut, summary="查询耳标状态和全部历史")
def get_tag(request, code: str):
    return queries.lookup_tag(request.auth, code[:40])
