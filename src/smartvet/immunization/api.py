"""API of compulsory immunization (CONTRACT.md, core flow 3): vaccine lots, immunizations,
antibody tests, and the reads around them.

No `from __future__ import annotations` here: ninja reads the annotations of a paginated
endpoint through its wrapper, where postponed names such as `date` would not resolve."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from smartvet.core.bounds import FIRST_YEAR, LAST_YEAR, MAX_ID
from smartvet.core.pagination import Page
from smartvet.immunization import files, queries, services
from smartvet.immunization.commands import (
    DiseaseCode,
    ReceiveLot,
    RecordAntibodyTest,
    RecordImmunization,
    TransferLot,
)
from smartvet.registry import queries as registry_queries

router = Router(tags=["immunization"])


class LotOut(Schema):
    id: int
    product: str
    manufacturer: str
    approval_number: str
    batch: str
    expiry: date
    diseases: list[str]
    species: list[str]
    bottles: int
    doses: int
    doses_left: int
    source: str
    farm: int | None
    holder: str | None
    region: str
    received_on: date
    protection_days: int | None
    has_photo: bool
    bottle_codes: int
    held: bool
    receipt: str

    @staticmethod
    def resolve_farm(lot) -> int | None:
        return lot.farm_id

    @staticmethod
    def resolve_holder(lot) -> str | None:
        return lot.holder.username if lot.holder_id else None

    @staticmethod
    def resolve_region(lot) -> str:
        return lot.region_id

    @staticmethod
    def resolve_has_photo(lot) -> bool:
        return bool(lot.photo)

    @staticmethod
    def resolve_bottle_codes(lot) -> int:
        return lot.bottle_codes.count()


class ImmunizationOut(Schema):
    id: int
    farm: int
    farm_name: str
    date: date
    category: str
    disease: str
    lot: int
    animals: int
    doses: int
    performed_by: str
    performer_role: str
    ear_tags: list[str]
    next_due: date
    protected_until: date
    created_at: datetime

    @staticmethod
    def resolve_farm(record) -> int:
        return record.farm_id

    @staticmethod
    def resolve_farm_name(record) -> str:
        return record.farm.name

    @staticmethod
    def resolve_lot(record) -> int:
        return record.lot_id

    @staticmethod
    def resolve_performed_by(record) -> str:
        return str(record.performed_by)


class AntibodyOut(Schema):
    id: int
    farm: int
    farm_name: str
    disease: str
    round: str
    sampled_on: date
    samples: int
    qualified: int
    pass_rate: Decimal
    passed: bool
    lab: str
    accreditation: str
    late: bool
    due_by: date
    has_report: bool

    @staticmethod
    def resolve_farm(test) -> int:
        return test.farm_id

    @staticmethod
    def resolve_farm_name(test) -> str:
        return test.farm.name

    @staticmethod
    def resolve_has_report(test) -> bool:
        return bool(test.report)


class StatusOut(Schema):
    category: str
    stock: int
    disease: str
    required: bool
    protected: bool
    since: date | None
    until: date | None


class FarmStatusOut(Schema):
    farm: int
    date: date
    diseases: list[StatusOut]
    problems: list[dict]


class PlanOut(Schema):
    disease: str
    category: str
    protection_days: int
    interval_days: int
    required: bool
    schedule: str


class DensityRow(Schema):
    key: str
    name: str
    region: str
    farms: int
    required: int
    immunized: int
    density: Decimal | None
    meets_target: bool


class DensityOut(Schema):
    disease: str
    start: date
    end: date
    level: str
    total: Decimal | None
    rows: list[DensityRow]


class SamplingFarm(Schema):
    id: int
    name: str
    region: str

    @staticmethod
    def resolve_region(farm) -> str:
        return farm.region_id


class LargeFarmRow(Schema):
    farm: SamplingFarm
    species: list[str]
    min_samples: int
    tests: int
    ok: bool


class SamplingOut(Schema):
    year: int
    large: list[LargeFarmRow]
    scale_farms: int
    target: int
    sampled: int
    still_needed: int
    to_sample: list[SamplingFarm]


@router.post("/vaccine-lots", response={201: LotOut}, summary="疫苗入库")
def create_lot(request, payload: ReceiveLot):
    return Status(201, services.receive_lot(actor=request.auth, command=payload))


@router.get("/vaccine-lots", response=list[LotOut], summary="疫苗批次列表（分页、检索）")
@paginate(Page)
def list_lots(
    request,
    q: str = Query("", max_length=100),
    source: str = Query("", max_length=10),
    disease: str = Query("", max_length=20),
    usable: bool | None = None,
):
    return queries.lots_visible_to(
        request.auth, q=q, source=source, disease=disease, usable=usable, today=timezone.localdate()
    )


@router.get("/vaccine-lots/{lot_id}", response=LotOut, summary="疫苗批次详情")
def get_lot(request, lot_id: int):
    return queries.lot(request.auth, lot_id)


def _upload(file: UploadedFile) -> bytes:
    """The file's bytes; none of an oversized one, which the service refuses by its size."""
    return b"" if file.size and file.size > files.MAX_PHOTO_BYTES else file.read()


@router.post("/vaccine-lots/{lot_id}/photo", response=LotOut, summary="上传疫苗包装照片")
def upload_lot_photo(request, lot_id: int, file: UploadedFile = File(...)):
    return services.attach_lot_photo(
        actor=request.auth, lot_id=lot_id, size=file.size, data=_upload(file)
    )


@router.post(
    "/vaccine-lots/{lot_id}/transfers",
    response={201: LotOut},
    summary="调拨招标疫苗（自购疫苗不得调出）",
)
def transfer_lot(request, lot_id: int, payload: TransferLot):
    return Status(201, services.transfer_lot(actor=request.auth, lot_id=lot_id, command=payload))


@router.post(
    "/vaccine-lots/{lot_id}/receipt",
    response=LotOut,
    summary="签收调入的疫苗（签收前不能使用或调出）",
)
def sign_for_lot(request, lot_id: int):
    return services.sign_for_lot(actor=request.auth, lot_id=lot_id)


@router.post("/immunizations", response={201: ImmunizationOut}, summary="免疫录入")
def create_immunization(request, payload: RecordImmunization):
    return Status(201, services.record_immunization(actor=request.auth, command=payload))


@router.get("/immunizations", response=list[ImmunizationOut], summary="免疫记录列表（分页、检索）")
@paginate(Page)
def list_immunizations(
    request,
    farm: int | None = Query(None, ge=1, le=MAX_ID),
    region: str = Query("", max_length=12),
    disease: str = Query("", max_length=20),
    category: str = Query("", max_length=20),
    start: date | None = None,
    end: date | None = None,
    q: str = Query("", max_length=100),
):
    return queries.immunizations_visible_to(
        request.auth,
        farm_id=farm,
        region=region,
        disease=disease,
        category=category,
        start=start,
        end=end,
        q=q,
    )


@router.post("/antibody-tests", response={201: AntibodyOut}, summary="抗体检测结果录入")
def create_antibody_test(request, payload: RecordAntibodyTest):
    return Status(201, services.record_antibody_test(actor=request.auth, command=payload))


@router.get("/antibody-tests", response=list[AntibodyOut], summary="抗体检测列表（分页、检索）")
@paginate(Page)
def list_antibody_tests(
    request,
    farm: int | None = Query(None, ge=1, le=MAX_ID),
    region: str = Query("", max_length=12),
    disease: str = Query("", max_length=20),
    year: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR),
    late: bool | None = None,
    passed: bool | None = None,
    q: str = Query("", max_length=100),
):
    return queries.antibody_tests_visible_to(
        request.auth,
        farm_id=farm,
        region=region,
        disease=disease,
        year=year,
        late=late,
        passed=passed,
        q=q,
    )


@router.post(
    "/antibody-tests/{test_id}/report",
    response=AntibodyOut,
    summary="上传抗体检测报告（PDF或图片）",
)
def upload_antibody_report(request, test_id: int, file: UploadedFile = File(...)):
    return services.attach_antibody_report(
        actor=request.auth, test_id=test_id, size=file.size, data=_upload(file)
    )


@router.get(
    "/farms/{farm_id}/immunization-status",
    response=FarmStatusOut,
    summary="养殖场免疫状态（各病种是否在保护期内）",
)
def farm_status(request, farm_id: int, date: date | None = None):
    farm = registry_queries.farm(request.auth, farm_id)
    on = date or timezone.localdate()
    rows = queries.farm_status(request.auth, farm, on)
    problems = [
        p.as_dict()
        for category in sorted({r["category"] for r in rows})
        for p in queries.protection_problems(
            actor=request.auth, farm=farm, category=category, on_date=on
        )
    ]
    return {"farm": farm.pk, "date": on, "diseases": rows, "problems": problems}


@router.get("/immunization/plan", response=list[PlanOut], summary="强制免疫计划（本区域）")
def plan(request):
    return [
        {
            "disease": e.disease,
            "category": e.category,
            "protection_days": e.protection_days,
            "interval_days": e.interval_days,
            "required": on,
            "schedule": e.schedule,
        }
        for e, on in queries.compulsory_entries(
            request.auth.region_id if request.auth.region_id != "CN" else ""
        )
    ]


@router.get("/immunization/density", response=DensityOut, summary="免疫密度")
def density(
    request,
    disease: DiseaseCode,
    start: date,
    end: date,
    level: Literal["farm", "village", "township", "county"] = "township",
    region: str = Query("", max_length=12),
):
    rows = queries.density(
        request.auth, disease=disease, start=start, end=end, level=level, region=region
    )
    return {
        "disease": disease,
        "start": start,
        "end": end,
        "level": level,
        "total": queries.density_total(rows),
        "rows": rows,
    }


@router.get(
    "/immunization/sampling",
    response=SamplingOut,
    summary="规模场抗体检测：大型场自检与疾控25%抽检待采样名单",
)
def sampling(
    request,
    year: int = Query(..., ge=FIRST_YEAR, le=LAST_YEAR),
    region: str = Query("", max_length=12),
):
    return queries.sampling_overview(request.auth, year, region=region)
