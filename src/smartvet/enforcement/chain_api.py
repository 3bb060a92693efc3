"""API of disposals, insurance claims, purification farms, whole-village sourcing and the
vaccine cold chain (CONTRACT.md Enforcement: POST /api/v1/disposals). Payloads are the
services' commands; joined to enforcement's router in api.py."""

from datetime import date
from typing import Literal

from ninja import File, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.enforcement.chain_commands import (
    DecideClaim,
    DispatchVaccine,
    FileClaim,
    ReceiveVaccine,
    RecordDisposal,
    RegisterPurificationFarm,
    ReleaseVaccine,
)
from smartvet.enforcement.chain_schemas import (
    ClaimOut,
    CreatedOut,
    DisposalOut,
    PhotosOut,
    PurificationFarmOut,
    ShipmentOut,
    SourcingOut,
)
from smartvet.enforcement.queries import coldchain as coldchain_queries
from smartvet.enforcement.queries import disposal as disposal_queries
from smartvet.enforcement.queries import purification as purification_queries
from smartvet.enforcement.services import claims, coldchain, disposal, purification

router = Router(tags=["enforcement"])
Id = Path(..., ge=1, le=MAX_ID)
Search = Query("", max_length=50)
RegionQuery = Query("", max_length=12)


# --- disposals and claims ---------------------------------------------------------------------


@router.post("/disposals", response={201: CreatedOut}, summary="登记无害化处理")
def record_disposal(request, payload: RecordDisposal):
    done = disposal.record_disposal(actor=request.auth, command=payload)
    return Status(201, {"id": done.pk})


@router.post(
    "/disposals/{disposal_id}/photos", response={201: PhotosOut}, summary="上传无害化处理照片"
)
def attach_photos(request, disposal_id: int = Id, photos: File[list[UploadedFile]] = None):
    count = disposal.attach_photos(
        actor=request.auth, disposal_id=disposal_id, photo_files=[f.read() for f in photos or []]
    )
    return Status(201, {"photos": count})


@router.get("/disposals", response=list[DisposalOut], summary="无害化处理记录")
@paginate(Page)
def list_disposals(request, q: str = Search, region: str = RegionQuery, method: str = Search):
    return disposal_queries.disposals_visible_to(request.auth, q=q, region=region, method=method)


@router.get("/disposals/{disposal_id}", response=DisposalOut, summary="无害化处理记录详情")
def get_disposal(request, disposal_id: int = Id):
    return disposal_queries.disposal(request.auth, disposal_id)


@router.post("/disposals/{disposal_id}/claim", response={201: ClaimOut}, summary="申报保险理赔")
def file_claim(request, payload: FileClaim, disposal_id: int = Id):
    claim = claims.file_claim(actor=request.auth, disposal_id=disposal_id, command=payload)
    return Status(201, claim)


@router.get("/claims", response=list[ClaimOut], summary="保险理赔")
@paginate(Page)
def list_claims(request, q: str = Search, status: str = Search, region: str = RegionQuery):
    return disposal_queries.claims_visible_to(request.auth, q=q, status=status, region=region)


@router.post("/claims/{claim_id}/{action}", response=ClaimOut, summary="核实、不予理赔或登记赔付")
def decide_claim(
    request,
    payload: DecideClaim,
    action: Literal["accept", "refuse", "pay"],
    claim_id: int = Id,
):
    return claims.decide_claim(
        actor=request.auth, claim_id=claim_id, action=action, command=payload
    )


# --- purification farms and sourcing ---------------------------------------------------------


@router.post("/purification-farms", response={201: CreatedOut}, summary="登记净化场")
def register_purification_farm(request, payload: RegisterPurificationFarm):
    certificate = purification.register_purification_farm(actor=request.auth, command=payload)
    return Status(201, {"id": certificate.pk})


@router.get("/purification-farms", response=list[PurificationFarmOut], summary="净化场名录")
@paginate(Page)
def list_purification_farms(
    request, q: str = Search, level: str = Search, valid_on: date | None = None
):
    return purification_queries.purification_farms_visible_to(
        request.auth, q=q, level=level, valid_on=valid_on
    )


@router.get("/sourcing", response=SourcingOut, summary="整村推进：各村从净化场购入的户数占比")
def sourcing(
    request, region: str = RegionQuery, start: date | None = None, end: date | None = None
):
    rows = purification_queries.village_sourcing(request.auth, region=region, start=start, end=end)
    return {"items": rows}


# --- cold chain -------------------------------------------------------------------------------


@router.post("/shipments", response={201: ShipmentOut}, summary="疫苗冷链调出（出库温度）")
def dispatch_vaccine(request, payload: DispatchVaccine):
    return Status(201, coldchain.dispatch_vaccine(actor=request.auth, command=payload))


@router.get("/shipments", response=list[ShipmentOut], summary="疫苗冷链运输")
@paginate(Page)
def list_shipments(request, status: str = Search, q: str = Search):
    return coldchain_queries.shipments_visible_to(request.auth, status=status, q=q)


@router.post(
    "/shipments/{shipment_id}/receive", response=ShipmentOut, summary="疫苗签收（到货温度）"
)
def receive_vaccine(request, payload: ReceiveVaccine, shipment_id: int = Id):
    return coldchain.receive_vaccine(actor=request.auth, shipment_id=shipment_id, command=payload)


@router.post("/shipments/{shipment_id}/release", response=ShipmentOut, summary="放行暂停使用的疫苗")
def release_vaccine(request, payload: ReleaseVaccine, shipment_id: int = Id):
    return coldchain.release_vaccine(actor=request.auth, shipment_id=shipment_id, command=payload)
