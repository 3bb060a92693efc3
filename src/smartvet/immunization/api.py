"""API of compulsory immunization (CONTRACT.md, core flow 3): vaccine lots, immunizations,
antibody tests, and the reads around them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from smartvet.core.bounds import FIRST_YEAR, LAST_YEAR, MAX_ID, MAX_OFFSET
from smartvet.immunization import queries, services
from smartvet.registry import queries as registry_queries

router = Router(tags=["immunization"])

DiseaseCode = Literal["HPAI", "FMD", "PPR", "BRUCELLOSIS", "ECHINOCOCCOSIS"]
CategoryCode = Literal[
    "sow",
    "fattening_pig",
    "breeding_boar",
    "dairy_cattle",
    "beef_cattle",
    "sheep",
    "goat",
    "layer",
    "broiler",
    "duck",
    "goose",
]


class LotIn(Schema):
    product: str = Field(max_length=100)
    manufacturer: str = Field(max_length=100)
    approval_number: str = Field(max_length=60)
    batch: str = Field(max_length=60)
    expiry: date
    diseases: list[DiseaseCode] = Field(min_length=1, max_length=5)
    doses: int = Field(gt=0, le=100_000_000)
    source: Literal["self", "tender"]
    farm: int | None = None
    bottles: int | None = Field(None, ge=0, le=1_000_000)
    bottle_codes: list[str] = Field(default_factory=list, max_length=5000)
    protection_days: int | None = Field(None, ge=1, le=3650)
    received_on: date | None = None


class LotOut(Schema):
    id: int
    product: str
    manufacturer: str
    approval_number: str
    batch: str
    expiry: date
    diseases: list[str]
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


class LotPage(Schema):
    items: list[LotOut]
    count: int


class TransferIn(Schema):
    to: str = Field(max_length=150)
    doses: int = Field(gt=0, le=100_000_000)


class ImmunizationIn(Schema):
    farm: int
    date: date
    category: CategoryCode
    disease: DiseaseCode
    lot: int
    animals: int = Field(gt=0, le=10_000_000)
    doses: int = Field(gt=0, le=100_000_000)
    ear_tags: list[str] = Field(default_factory=list, max_length=5000)


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


class ImmunizationPage(Schema):
    items: list[ImmunizationOut]
    count: int


class AntibodyIn(Schema):
    farm: int
    disease: DiseaseCode
    sampled_on: date
    samples: int = Field(gt=0, le=1_000_000)
    qualified: int = Field(ge=0, le=1_000_000)
    lab: str = Field(max_length=100)
    accreditation: Literal["CMA", "CNAS", "ministry", "none"] = "none"
    round: Literal["initial", "retest"] = "initial"


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


class AntibodyPage(Schema):
    items: list[AntibodyOut]
    count: int


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


def lot_out(lot) -> dict:
    return {
        "id": lot.pk,
        "product": lot.product,
        "manufacturer": lot.manufacturer,
        "approval_number": lot.approval_number,
        "batch": lot.batch,
        "expiry": lot.expiry,
        "diseases": lot.diseases,
        "bottles": lot.bottles,
        "doses": lot.doses,
        "doses_left": lot.doses_left,
        "source": lot.source,
        "farm": lot.farm_id,
        "holder": lot.holder.username if lot.holder_id else None,
        "region": lot.region_id,
        "received_on": lot.received_on,
        "protection_days": lot.protection_days,
        "has_photo": bool(lot.photo),
        "bottle_codes": lot.bottle_codes.count(),
    }


def immunization_out(record) -> dict:
    return {
        "id": record.pk,
        "farm": record.farm_id,
        "farm_name": record.farm.name,
        "date": record.date,
        "category": record.category,
        "disease": record.disease,
        "lot": record.lot_id,
        "animals": record.animals,
        "doses": record.doses,
        "performed_by": str(record.performed_by),
        "performer_role": record.performer_role,
        "ear_tags": record.ear_tags,
        "next_due": record.next_due,
        "protected_until": record.protected_until,
        "created_at": record.created_at,
    }


def antibody_out(test) -> dict:
    return {
        "id": test.pk,
        "farm": test.farm_id,
        "farm_name": test.farm.name,
        "disease": test.disease,
        "round": test.round,
        "sampled_on": test.sampled_on,
        "samples": test.samples,
        "qualified": test.qualified,
        "pass_rate": test.pass_rate,
        "passed": test.passed,
        "lab": test.lab,
        "accreditation": test.accreditation,
        "late": test.late,
        "due_by": test.due_by,
        "has_report": bool(test.report),
    }


def _farm_ref(farm) -> dict:
    return {"id": farm.pk, "name": farm.name, "region": farm.region_id}


@router.post("/vaccine-lots", response={201: LotOut}, summary="疫苗入库")
def create_lot(request, payload: LotIn):
    data = payload.dict()
    lot = services.receive_lot(actor=request.auth, farm_id=data.pop("farm"), **data)
    return Status(201, lot_out(lot))


@router.get("/vaccine-lots", response=LotPage, summary="疫苗批次列表（分页、检索）")
def list_lots(
    request,
    q: str = Query("", max_length=100),
    source: str = Query("", max_length=10),
    disease: str = Query("", max_length=20),
    usable: bool | None = None,
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    lots = queries.lots_visible_to(
        request.auth, q=q, source=source, disease=disease, usable=usable, today=timezone.localdate()
    )
    return {"items": [lot_out(lot) for lot in lots[offset : offset + limit]], "count": lots.count()}


@router.get("/vaccine-lots/{lot_id}", response=LotOut, summary="疫苗批次详情")
def get_lot(request, lot_id: int):
    return lot_out(queries.lot(request.auth, lot_id))


@router.post("/vaccine-lots/{lot_id}/photo", response=LotOut, summary="上传疫苗包装照片")
def upload_lot_photo(request, lot_id: int, file: UploadedFile = File(...)):
    lot = services.attach_lot_photo(
        actor=request.auth,
        lot_id=lot_id,
        size=file.size,
        data=b"" if file.size and file.size > 10 * 1024 * 1024 else file.read(),
    )
    return lot_out(lot)


@router.post(
    "/vaccine-lots/{lot_id}/transfers",
    response={201: LotOut},
    summary="调拨招标疫苗（自购疫苗不得调出）",
)
def transfer_lot(request, lot_id: int, payload: TransferIn):
    lot = services.transfer_lot(
        actor=request.auth, lot_id=lot_id, to_username=payload.to, doses=payload.doses
    )
    return Status(201, lot_out(lot))


@router.post("/immunizations", response={201: ImmunizationOut}, summary="免疫录入")
def create_immunization(request, payload: ImmunizationIn):
    data = payload.dict()
    record = services.record_immunization(
        actor=request.auth,
        farm_id=data["farm"],
        on=data["date"],
        category=data["category"],
        disease=data["disease"],
        lot_id=data["lot"],
        animals=data["animals"],
        doses=data["doses"],
        ear_tags=data["ear_tags"],
    )
    return Status(201, immunization_out(record))


@router.get("/immunizations", response=ImmunizationPage, summary="免疫记录列表（分页、检索）")
def list_immunizations(
    request,
    farm: int | None = Query(None, ge=1, le=MAX_ID),
    region: str = Query("", max_length=12),
    disease: str = Query("", max_length=20),
    category: str = Query("", max_length=20),
    start: date | None = None,
    end: date | None = None,
    q: str = Query("", max_length=100),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    records = queries.immunizations_visible_to(
        request.auth,
        farm_id=farm,
        region=region,
        disease=disease,
        category=category,
        start=start,
        end=end,
        q=q,
    )
    return {
        "items": [immunization_out(r) for r in records[offset : offset + limit]],
        "count": records.count(),
    }


@router.post("/antibody-tests", response={201: AntibodyOut}, summary="抗体检测结果录入")
def create_antibody_test(request, payload: AntibodyIn):
    data = payload.dict()
    test = services.record_antibody_test(actor=request.auth, farm_id=data.pop("farm"), **data)
    return Status(201, antibody_out(test))


@router.get("/antibody-tests", response=AntibodyPage, summary="抗体检测列表（分页、检索）")
def list_antibody_tests(
    request,
    farm: int | None = Query(None, ge=1, le=MAX_ID),
    region: str = Query("", max_length=12),
    disease: str = Query("", max_length=20),
    year: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR),
    late: bool | None = None,
    passed: bool | None = None,
    q: str = Query("", max_length=100),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    tests = queries.antibody_tests_visible_to(
        request.auth,
        farm_id=farm,
        region=region,
        disease=disease,
        year=year,
        late=late,
        passed=passed,
        q=q,
    )
    return {
        "items": [antibody_out(t) for t in tests[offset : offset + limit]],
        "count": tests.count(),
    }


@router.post(
    "/antibody-tests/{test_id}/report",
    response=AntibodyOut,
    summary="上传抗体检测报告（PDF或图片）",
)
def upload_antibody_report(request, test_id: int, file: UploadedFile = File(...)):
    test = services.attach_antibody_report(
        actor=request.auth,
        test_id=test_id,
        size=file.size,
        data=b"" if file.size and file.size > 10 * 1024 * 1024 else file.read(),
    )
    return antibody_out(test)


@router.get(
    "/farms/{farm_id}/immunization-status",
    response=FarmStatusOut,
    summary="养殖场免疫状态（各病种是否在保护期内）",
)
def farm_status(request, farm_id: int, date: date | None = None):
    farm = registry_queries.farm(request.auth, farm_id)
    on = date or timezone.localdate()
    rows = queries.farm_status(farm, on)
    problems = [
        p.as_dict()
        for category in sorted({r["category"] for r in rows})
        for p in queries.protection_problems(farm, category, on)
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
    overview = queries.sampling_overview(request.auth, year, region=region)
    return {
        **overview,
        "large": [{**row, "farm": _farm_ref(row["farm"])} for row in overview["large"]],
        "to_sample": [_farm_ref(farm) for farm in overview["to_sample"]],
    }
