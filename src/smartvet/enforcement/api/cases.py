"""API of the violation cases (CONTRACT.md Enforcement); a closed case refuses every change
(INVALID_TRANSITION)."""

from __future__ import annotations

from ninja import File, Form, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.enforcement.commands.cases import DecideCase, LinkRecord, OpenCase, OpenCaseFromCheck
from smartvet.enforcement.queries import cases as case_queries
from smartvet.enforcement.schemas import IdOut
from smartvet.enforcement.schemas.cases import CaseCreatedOut, CaseDetailOut, CaseOut
from smartvet.enforcement.services import cases

router = Router()
Id = Path(..., ge=1, le=MAX_ID)


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
