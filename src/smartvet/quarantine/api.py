"""API of quarantine and traceability (CONTRACT.md, core flow 4 and 5). Payloads are the
services' commands (quarantine.commands); answers are the schemas of quarantine.schemas."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpResponse
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from smartvet.core.bounds import MAX_ID
from smartvet.core.pagination import Page
from smartvet.quarantine import pdf, queries, services, throttle
from smartvet.quarantine.commands import (
    ArrivalIn,
    CheckIn,
    DeclarationIn,
    InspectIn,
    RejectIn,
    RevokeIn,
    SlaughterIn,
)
from smartvet.quarantine.schemas import (
    CertificateOut,
    CheckOut,
    DeclarationOut,
    InspectOut,
    PublicCertificateOut,
    SlaughterOut,
)

router = Router(tags=["quarantine"])
Id = Path(..., ge=1, le=MAX_ID)


class QueueOut(Schema):
    submitted: int
    accepted: int
    overdue: int


class TagOut(Schema):
    code: str
    status: str


class TraceOut(Schema):
    code: str
    events: list[dict[str, Any]]


class FarmTraceOut(Schema):
    farm: dict[str, Any]
    direction: str
    days: int
    movements: list[dict[str, Any]]
    visit: list[dict[str, Any]]


# --- declarations -----------------------------------------------------------------------------


@router.post("/declarations", response={201: DeclarationOut}, summary="检疫申报")
def create_declaration(request, payload: DeclarationIn):
    return Status(201, services.submit_declaration(actor=request.auth, command=payload))


@router.get("/declarations", response=list[DeclarationOut], summary="检疫申报列表（分页、检索）")
@paginate(Page)
def list_declarations(
    request,
    status: str = Query("", max_length=20),
    q: str = Query("", max_length=100),
    farm: int | None = Query(None, ge=1, le=MAX_ID),
):
    declarations = queries.declarations_visible_to(request.auth, status=status, q=q, farm_id=farm)
    return declarations.select_related("certificate")


@router.get("/declarations/{declaration_id}", response=DeclarationOut, summary="检疫申报详情")
def get_declaration(request, declaration_id: int = Id):
    return queries.declaration(request.auth, declaration_id)


@router.post("/declarations/{declaration_id}/accept", response=DeclarationOut, summary="受理申报")
def accept_declaration(request, declaration_id: int = Id):
    return services.accept_declaration(actor=request.auth, declaration_id=declaration_id)


@router.post(
    "/declarations/{declaration_id}/reject",
    response=DeclarationOut,
    summary="不予受理（须填写理由）",
)
def reject_declaration(request, payload: RejectIn, declaration_id: int = Id):
    return services.reject_declaration(
        actor=request.auth, declaration_id=declaration_id, command=payload
    )


@router.post(
    "/declarations/{declaration_id}/inspect",
    response=InspectOut,
    summary="检疫结果：合格出证，不合格登记处理",
)
def inspect_declaration(request, payload: InspectIn, declaration_id: int = Id):
    return services.inspect_declaration(
        actor=request.auth, declaration_id=declaration_id, command=payload
    )


@router.get("/quarantine/queue", response=QueueOut, summary="官方兽医待办数量")
def work_queue(request):
    return queries.work_queue(request.auth)


# --- certificates -----------------------------------------------------------------------------


@router.get("/certificates", response=list[CertificateOut], summary="检疫证明列表（分页、检索）")
@paginate(Page)
def list_certificates(
    request,
    status: str = Query("", max_length=20),
    q: str = Query("", max_length=100),
    farm: int | None = Query(None, ge=1, le=MAX_ID),
):
    return queries.certificates_visible_to(request.auth, status=status, q=q, farm_id=farm)


@router.get(
    "/quarantine/overdue",
    response=list[CertificateOut],
    summary="逾期未报告落地的检疫证明（待跟踪）",
)
@paginate(Page)
def overdue(request):
    return queries.overdue_arrivals(request.auth)


@router.get("/certificates/{number}.pdf", summary="检疫证明PDF（A4，含验证二维码）")
def certificate_pdf(request, number: str):
    cert = queries.printable_certificate(request.auth, number)
    response = HttpResponse(pdf.certificate_pdf(cert, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    return response


@router.get("/certificates/{number}", response=CertificateOut, summary="检疫证明详情")
def get_certificate(request, number: str):
    return queries.certificate(request.auth, number)


@router.get("/certificates/{number}/tags", response=list[TagOut], summary="检疫证明所列耳标及状态")
def certificate_tags(request, number: str):
    return queries.certificate_tags(request.auth, number)


@router.post("/certificates/{number}/revoke", response=CertificateOut, summary="撤销检疫证明")
def revoke_certificate(request, number: str, payload: RevokeIn):
    return services.revoke_certificate(actor=request.auth, number=number, command=payload)


@router.post("/certificates/{number}/arrival", response=CertificateOut, summary="落地报告")
def report_arrival(request, number: str, payload: ArrivalIn):
    return services.report_arrival(actor=request.auth, number=number, command=payload)


@router.post("/certificates/{number}/checks", response={201: CheckOut}, summary="指定通道检查记录")
def record_check(request, number: str, payload: CheckIn):
    check = services.record_checkpoint_check(actor=request.auth, number=number, command=payload)
    return Status(201, check)


@router.get("/checkpoint-checks", response=list[CheckOut], summary="指定通道检查记录列表")
@paginate(Page)
def list_checks(request):
    return queries.checks_visible_to(request.auth)


@router.get(
    "/public/certificates/{number}",
    response=PublicCertificateOut,
    auth=None,
    summary="公众查验检疫证明（无需登录，限流）",
)
def public_certificate(request, number: str):
    throttle.check(request)
    return queries.certificate_by_number(number)


# --- slaughter --------------------------------------------------------------------------------


@router.post(
    "/slaughter/entries", response={201: SlaughterOut}, summary="屠宰场入场查验与屠宰（耳标注销）"
)
def slaughter_entry(request, payload: SlaughterIn):
    return Status(201, services.record_slaughter_entry(actor=request.auth, command=payload))


@router.get("/slaughter/entries", response=list[SlaughterOut], summary="入场屠宰记录")
@paginate(Page)
def list_slaughter_entries(request):
    return queries.slaughter_entries_visible_to(request.auth)


# --- trace ------------------------------------------------------------------------------------


@router.get("/trace/eartags/{code}", response=TraceOut, summary="耳标追溯：全部事件按时间排序")
def trace_eartag(request, code: str):
    return queries.tag_trace(request.auth, code)


@router.get(
    "/trace/farms/{farm_id}",
    response=FarmTraceOut,
    summary="养殖场户追溯：N天内的去向（forward）或来源（backward）",
)
def trace_farm(
    request,
    farm_id: int = Id,
    direction: Literal["forward", "backward"] = "forward",
    days: int = Query(30, ge=1, le=365),
):
    return queries.farm_movements(request.auth, farm_id, direction=direction, days=days)
