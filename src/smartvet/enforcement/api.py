"""API of enforcement (CONTRACT.md Enforcement): registered vehicles, dealers and their trades,
violation cases. Payloads are the services' commands; a closed case refuses every change
(INVALID_TRANSITION)."""

from __future__ import annotations

from ninja import File, Form, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from smartvet.core.access import require
from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.enforcement.case_schemas import (
    CaseCreatedOut,
    CaseDetailOut,
    CaseOut,
    DealerOut,
    IdOut,
    RegisteredOut,
    VehicleOut,
)
from smartvet.enforcement.commands import (
    DecideCase,
    LinkRecord,
    OpenCase,
    OpenCaseFromCheck,
    RecordTrade,
    RegisterDealer,
)
from smartvet.enforcement.queries import carriers as carrier_queries
from smartvet.enforcement.queries import cases as case_queries
from smartvet.enforcement.services import carriers, cases
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordDisinfection, RegisterVehicle
from smartvet.registry.permissions import VIEW_VEHICLES

router = Router(tags=["enforcement"])
Id = Path(..., ge=1, le=MAX_ID)


# --- vehicles ---------------------------------------------------------------------------------


@router.post("/vehicles", response={201: RegisteredOut}, summary="车辆备案")
def register_vehicle(request, payload: RegisterVehicle):
    vehicle = registry_services.register_vehicle(actor=request.auth, command=payload)
    return Status(201, {"id": vehicle.pk, "plate": vehicle.plate})


@router.get("/vehicles", response=list[VehicleOut], summary="备案车辆（按车牌号或车主查询）")
@paginate(Page)
def list_vehicles(
    request, plate: str = Query("", max_length=20), q: str = Query("", max_length=50)
):
    require(request.auth, VIEW_VEHICLES)
    return registry_queries.vehicles_visible_to(request.auth, q=plate or q)


@router.post("/vehicles/{vehicle_id}/disinfections", response={201: IdOut}, summary="登记车辆洗消")
def disinfect(request, payload: RecordDisinfection, vehicle_id: int = Id):
    record = registry_services.record_disinfection(
        actor=request.auth, vehicle_id=vehicle_id, command=payload
    )
    return Status(201, {"id": record.pk})


# --- dealers ----------------------------------------------------------------------------------


@router.post("/dealers", response={201: DealerOut}, summary="贩运经纪人备案")
def register_dealer(request, payload: RegisterDealer):
    dealer = carriers.register_dealer(actor=request.auth, command=payload)
    return Status(201, dealer)


@router.get("/dealers", response=list[DealerOut], summary="贩运经纪人")
@paginate(Page)
def list_dealers(request, q: str = Query("", max_length=50)):
    return carrier_queries.dealers_visible_to(request.auth, q=q)


@router.post("/dealers/{dealer_id}/trades", response={201: IdOut}, summary="登记购销记录")
def record_trade(request, payload: RecordTrade, dealer_id: int = Id):
    record = carriers.record_trade(actor=request.auth, dealer_id=dealer_id, command=payload)
    return Status(201, {"id": record.pk})


# --- cases ------------------------------------------------------------------------------------


def _created(case) -> Status:
    return Status(201, {"id": case.pk, "number": case.number, "status": case.status})


@router.post("/cases", response={201: CaseCreatedOut}, summary="立案")
def open_case(request, payload: OpenCase):
    return _created(cases.open_case(actor=request.auth, command=payload))


@router.post("/cases/from-check", response={201: CaseCreatedOut}, summary="据指定通道查验立案")
def open_from_check(request, payload: OpenCaseFromCheck):
    return _created(cases.open_case_from_check(actor=request.auth, command=payload))


@router.get("/cases", response=list[CaseOut], summary="执法案件（逾期在前）")
@paginate(Page)
def list_cases(
    request,
    status: str = Query("", max_length=20),
    kind: str = Query("", max_length=30),
    q: str = Query("", max_length=50),
    overdue: bool = False,
):
    return case_queries.cases_visible_to(
        request.auth, status=status, kind=kind, q=q, overdue=overdue
    )


@router.get("/cases/{case_id}", response=CaseDetailOut, summary="案件详情")
def get_case(request, case_id: int = Id):
    return case_queries.case(request.auth, case_id)


@router.post("/cases/{case_id}/investigate", response=CaseDetailOut, summary="开始调查取证")
def investigate(request, case_id: int = Id):
    return cases.investigate(actor=request.auth, case_id=case_id)


@router.post("/cases/{case_id}/evidence", response={201: IdOut}, summary="关联证据记录")
def link_record(request, payload: LinkRecord, case_id: int = Id):
    evidence = cases.link_record(actor=request.auth, case_id=case_id, command=payload)
    return Status(201, {"id": evidence.pk})


@router.post("/cases/{case_id}/photos", response=CaseDetailOut, summary="上传证据照片")
def add_photos(
    request,
    case_id: int = Id,
    note: Form[str] = "",
    photos: File[list[UploadedFile]] = None,
):
    uploads = [upload.read() for upload in (photos or [])[:50]]
    case = cases.add_photos(actor=request.auth, case_id=case_id, uploads=uploads, note=note)
    return case


@router.post("/cases/{case_id}/decide", response=CaseDetailOut, summary="作出处理决定")
def decide(request, payload: DecideCase, case_id: int = Id):
    return cases.decide(actor=request.auth, case_id=case_id, command=payload)


@router.post("/cases/{case_id}/close", response=CaseDetailOut, summary="结案")
def close(request, case_id: int = Id):
    return cases.close(actor=request.auth, case_id=case_id)


# Disposals, insurance claims, purification farms, sourcing and the cold chain (issue 17 3–5).
from smartvet.enforcement.chain_api import router as chain_router  # noqa: E402

router.add_router("", chain_router)
