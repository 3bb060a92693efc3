"""API of the farm registry (CONTRACT.md, core flow 1)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.urls import reverse
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from smartvet.core.bounds import MAX_OFFSET
from smartvet.core.qr import absolute_url
from smartvet.registry import queries, services

router = Router(tags=["farms"])

Kind = Literal["scale", "household", "village_unit"]


class FarmIn(Schema):
    name: str = Field(max_length=100)
    kind: Kind
    owner_name: str = Field("", max_length=50)
    owner_id_number: str = Field("", max_length=18)
    phone: str = Field("", max_length=20)
    address: str = Field("", max_length=200)
    region: str = Field(max_length=12)
    epidemic_certificate_no: str = Field("", max_length=50)
    stock: dict[str, int] = Field(default_factory=dict, max_length=20)
    unit: int | None = None


class FarmPatch(Schema):
    name: str | None = Field(None, max_length=100)
    kind: Kind | None = None
    owner_name: str | None = Field(None, max_length=50)
    owner_id_number: str | None = Field(None, max_length=18)
    phone: str | None = Field(None, max_length=20)
    address: str | None = Field(None, max_length=200)
    region: str | None = Field(None, max_length=12)
    epidemic_certificate_no: str | None = Field(None, max_length=50)
    categories: list[str] | None = Field(None, max_length=20)


class FarmOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    owner_name: str
    owner_id_number: str
    phone: str
    address: str
    region: str
    region_name: str
    epidemic_certificate_no: str
    unit: int | None
    stock: dict[str, int]
    is_complete: bool
    missing: list[str]
    qr_url: str
    created_at: datetime


class FarmPage(Schema):
    items: list[FarmOut]
    count: int


class StockEventIn(Schema):
    category: str = Field(max_length=20)
    kind: Literal["opening", "birth", "purchase", "death", "sale", "slaughter"]
    quantity: int = Field(gt=0, le=10_000_000)
    date: date
    certificate_no: str = Field("", max_length=40)
    disposal: str = Field("", max_length=100)
    note: str = Field("", max_length=200)


class StockEventOut(Schema):
    id: int
    category: str
    kind: str
    quantity: int
    balance: int
    date: date


class ImportOut(Schema):
    farms: int


def _out(request, farm) -> dict:
    url = absolute_url(reverse("registry:declare-link", args=[farm.code]), request)
    return queries.farm_card(request.auth, farm, qr_url=url)


@router.post("/farms", response={201: FarmOut}, summary="登记养殖场户")
def create_farm(request, payload: FarmIn):
    data = payload.dict()
    farm = services.register_farm(actor=request.auth, unit_id=data.pop("unit"), **data)
    return Status(201, _out(request, farm))


@router.get("/farms", response=FarmPage, summary="养殖场户列表（分页、检索）")
def list_farms(
    request,
    region: str = "",
    q: str = "",
    kind: str = "",
    complete: bool | None = None,
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    farms = queries.farms_visible_to(request.auth, region=region, q=q, kind=kind, complete=complete)
    page = farms[offset : offset + limit]
    return {"items": [_out(request, farm) for farm in page], "count": farms.count()}


@router.post("/farms/imports", response={201: ImportOut}, summary="从xlsx批量登记养殖场户")
def import_farms(request, file: UploadedFile = File(...)):
    farms = services.import_farms(actor=request.auth, data=file.read(), filename=file.name or "")
    return Status(201, {"farms": len(farms)})


@router.get("/farms/{farm_id}", response=FarmOut, summary="养殖场户详情")
def get_farm(request, farm_id: int):
    return _out(request, queries.farm(request.auth, farm_id))


@router.patch("/farms/{farm_id}", response=FarmOut, summary="修改养殖场户基础信息")
def patch_farm(request, farm_id: int, payload: FarmPatch):
    data = payload.dict(exclude_unset=True)
    farm = services.update_farm(
        actor=request.auth,
        farm_id=farm_id,
        changes=data,
        region=data.get("region"),
        categories=data.get("categories"),
    )
    return _out(request, farm)


@router.post("/farms/{farm_id}/stock-events", response={201: StockEventOut}, summary="登记存栏变动")
def create_stock_event(request, farm_id: int, payload: StockEventIn):
    data = payload.dict()
    event = services.record_stock_event(
        actor=request.auth, farm_id=farm_id, on=data.pop("date"), **data
    )
    return Status(201, event)
