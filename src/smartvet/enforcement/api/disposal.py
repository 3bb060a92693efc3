"""API of disposals and their insurance claims (CONTRACT.md Enforcement: POST
/api/v1/disposals)."""

from typing import Literal

from ninja import File, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.enforcement.commands.disposal import DecideClaim, FileClaim, RecordDisposal
from smartvet.enforcement.queries import disposal as disposal_queries
from smartvet.enforcement.schemas import IdOut
from smartvet.enforcement.schemas.disposal import ClaimOut, DisposalOut, PhotosOut
from smartvet.enforcement.services import claims, disposal

router = Router()
Id = Path(..., ge=1, le=MAX_ID)
Search = Query("", max_length=50)
RegionQuery = Query("", max_length=12)


@router.post("/disposals", response={201: IdOut}, summary="登记无害化处理")
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
