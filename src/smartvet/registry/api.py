"""API of the farm registry (CONTRACT.md, core flow 1)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from smartvet.core.pagination import Page
from smartvet.core.qr import absolute_url
from smartvet.core.queries import region_label
from smartvet.registry import queries, services
from smartvet.registry.commands import RecordStockEvent, RegisterFarm, UpdateFarm

router = Router(tags=["farms"])


class FarmOut(Schema):
    """A farm as the API shows it; ID and phone numbers masked for roles that do not work with
    the owner in person (registry.queries.contact)."""

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

    @staticmethod
    def resolve_owner_id_number(farm, context) -> str:
        return queries.contact(context["request"].auth, farm).owner_id_number

    @staticmethod
    def resolve_phone(farm, context) -> str:
        return queries.contact(context["request"].auth, farm).phone

    @staticmethod
    def resolve_region(farm) -> str:
        return farm.region_id

    @staticmethod
    def resolve_region_name(farm) -> str:
        return region_label(farm.region_id)

    @staticmethod
    def resolve_unit(farm) -> int | None:
        return farm.unit_id

    @staticmethod
    def resolve_stock(farm) -> dict[str, int]:
        return queries.current_stock(farm)

    @staticmethod
    def resolve_missing(farm) -> list[str]:
        return queries.missing_fields(farm)

    @staticmethod
    def resolve_qr_url(farm, context) -> str:
        """The QR's content: the farm's declaration link (CONTRACT.md), with the owner's
        activation code while one is pending, as the printed card carries it."""
        request = context["request"]
        return absolute_url(queries.declaration_link(request.auth, farm), request)


class StockEventOut(Schema):
    id: int
    category: str
    kind: str
    quantity: int
    balance: int
    date: date
    source_farm: int | None

    @staticmethod
    def resolve_source_farm(event) -> int | None:
        return event.source_farm_id


class ImportOut(Schema):
    farms: int


@router.post("/farms", response={201: FarmOut}, summary="登记养殖场户")
def create_farm(request, payload: RegisterFarm):
    return Status(201, services.register_farm(actor=request.auth, command=payload))


@router.get("/farms", response=list[FarmOut], summary="养殖场户列表（分页、检索）")
@paginate(Page)
def list_farms(
    request, region: str = "", q: str = "", kind: str = "", complete: bool | None = None
):
    return queries.farms_visible_to(request.auth, region=region, q=q, kind=kind, complete=complete)


@router.post("/farms/imports", response={201: ImportOut}, summary="从xlsx批量登记养殖场户")
def import_farms(request, file: UploadedFile = File(...)):
    farms = services.import_farms(actor=request.auth, data=file.read(), filename=file.name or "")
    return Status(201, {"farms": len(farms)})


@router.get("/farms/{farm_id}", response=FarmOut, summary="养殖场户详情")
def get_farm(request, farm_id: int):
    return queries.farm(request.auth, farm_id)


@router.patch("/farms/{farm_id}", response=FarmOut, summary="修改养殖场户基础信息")
def patch_farm(request, farm_id: int, payload: UpdateFarm):
    return services.update_farm(actor=request.auth, farm_id=farm_id, command=payload)


@router.post("/farms/{farm_id}/stock-events", response={201: StockEventOut}, summary="登记存栏变动")
def create_stock_event(request, farm_id: int, payload: RecordStockEvent):
    event = services.record_stock_event(actor=request.auth, farm_id=farm_id, command=payload)
    return Status(201, event)
