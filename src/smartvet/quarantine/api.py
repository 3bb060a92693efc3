"""API of quarantine and traceability (CONTRACT.md, core flow 4 and 5)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpResponse
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from smartvet.core.bounds import MAX_ID, MAX_OFFSET
from smartvet.quarantine import pdf, queries, services, throttle

router = Router(tags=["quarantine"])
Id = Path(..., ge=1, le=MAX_ID)

Purpose = Literal["slaughter", "rearing", "breeding", "dairy", "show", "other"]
Category = Literal[
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


class DestinationIn(Schema):
    region: str = Field(max_length=12)
    place: str = Field(max_length=200)
    kind: Literal["slaughterhouse", "farm", "market", "other"] = "other"
    farm: int | None = Field(None, ge=1, le=MAX_ID)


class DeclarationIn(Schema):
    farm: int = Field(ge=1, le=MAX_ID)
    category: Category
    quantity: int = Field(gt=0, le=1_000_000)
    purpose: Purpose
    destination: DestinationIn
    departure_date: date
    vehicle: str = Field(max_length=20)
    ear_tags: list[str] = Field(default_factory=list, max_length=5000)
    carrier_name: str = Field("", max_length=50)
    carrier_phone: str = Field("", max_length=20)
    transport_mode: Literal["road", "rail", "water", "air"] = "road"
    remarks: str = Field("", max_length=200)


class DestinationOut(Schema):
    region: str
    place: str
    kind: str
    farm: int | None


class DeclarationOut(Schema):
    id: int
    status: str
    farm: int
    farm_name: str
    category: str
    species: str
    quantity: int
    purpose: str
    destination: DestinationOut
    departure_date: date
    vehicle: str
    carrier_name: str
    transport_mode: str
    ear_tags: list[str]
    declared_at: datetime
    rejection_reason: str
    inspection_notes: str
    handling: str
    certificate: str | None


class DeclarationPage(Schema):
    items: list[DeclarationOut]
    count: int


class RejectIn(Schema):
    reason: str = Field(max_length=200)


class InspectIn(Schema):
    result: Literal["pass", "fail"]
    notes: str = Field("", max_length=500)
    handling: str = Field("", max_length=500)
    disinfection: str = Field("", max_length=100)
    remarks: str = Field("", max_length=200)


class PlaceOut(Schema):
    region: str
    place: str


class CertificateOut(Schema):
    number: str
    kind: str
    kind_label: str
    status: str
    valid: bool
    declaration: int
    farm: int
    owner_name: str
    owner_phone: str
    species: str
    species_label: str
    category: str
    quantity: int
    unit: str
    origin: PlaceOut
    destination: dict[str, Any]
    purpose: str
    carrier_name: str
    carrier_phone: str
    transport_mode: str
    vehicle: str
    disinfection: str
    valid_days: int
    ear_tags: list[str]
    vet_name: str
    issued_at: datetime
    valid_until: datetime
    remarks: str
    revocation_reason: str
    revoked_at: datetime | None
    arrived_at: datetime | None
    received_quantity: int | None
    arrival_flags: list[str]


class InspectOut(Schema):
    id: int
    status: str
    certificate: CertificateOut | None


class CertificatePage(Schema):
    items: list[CertificateOut]
    count: int


class PublicCertificateOut(Schema):
    number: str
    status: str
    valid: bool
    status_label: str
    kind: str
    kind_label: str
    species: str
    species_label: str
    category: str
    category_label: str
    quantity: int
    unit: str
    origin: str
    destination: str
    purpose: str
    purpose_label: str
    issued_at: datetime
    valid_until: datetime
    ear_tags_count: int
    vet_name: str
    vehicle: str


class RevokeIn(Schema):
    reason: str = Field(max_length=200)


class ArrivalIn(Schema):
    received_quantity: int = Field(ge=0, le=10_000_000)
    notes: str = Field("", max_length=200)


class CheckIn(Schema):
    vehicle: str = Field(max_length=20)
    count_seen: int = Field(ge=0, le=10_000_000)
    result: Literal["pass", "fail", ""] = ""
    notes: str = Field("", max_length=200)


class CheckOut(Schema):
    id: int
    certificate: str
    checkpoint_name: str
    at: datetime
    vehicle: str
    count_seen: int
    result: str
    flags: list[str]
    notes: str


class SlaughterIn(Schema):
    certificate: str = Field(max_length=40)
    ear_tags: list[str] = Field(default_factory=list, max_length=5000)
    slaughtered: int | None = Field(None, ge=0, le=10_000_000)
    notes: str = Field("", max_length=200)


class SlaughterOut(Schema):
    id: int
    certificate: str
    at: datetime
    matched: int
    missing_tags: list[str]
    extra_tags: list[str]
    slaughtered: int
    certified_quantity: int
    received_quantity: int | None
    reconciled: bool


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


def _declaration_out(declaration) -> dict[str, Any]:
    cert = getattr(declaration, "certificate", None) if declaration.status == "certified" else None
    return {
        "id": declaration.pk,
        "status": declaration.status,
        "farm": declaration.farm_id,
        "farm_name": declaration.farm.name,
        "category": declaration.category,
        "species": declaration.species,
        "quantity": declaration.quantity,
        "purpose": declaration.purpose,
        "destination": {
            "region": declaration.destination_region_id,
            "place": declaration.destination_place,
            "kind": declaration.destination_kind,
            "farm": declaration.destination_farm_id,
        },
        "departure_date": declaration.departure_date,
        "vehicle": declaration.vehicle,
        "carrier_name": declaration.carrier_name,
        "transport_mode": declaration.transport_mode,
        "ear_tags": declaration.ear_tags,
        "declared_at": declaration.declared_at,
        "rejection_reason": declaration.rejection_reason,
        "inspection_notes": declaration.inspection_notes,
        "handling": declaration.handling,
        "certificate": cert.number if cert else None,
    }


def _slaughter_out(entry) -> dict[str, Any]:
    cert = entry.certificate
    return {
        "id": entry.pk,
        "certificate": cert.number,
        "at": entry.at,
        "matched": entry.matched,
        "missing_tags": entry.missing_tags,
        "extra_tags": entry.extra_tags,
        "slaughtered": entry.slaughtered,
        "certified_quantity": cert.quantity,
        "received_quantity": cert.received_quantity,
        "reconciled": entry.reconciled,
    }


def _check_out(check) -> dict[str, Any]:
    return {
        "id": check.pk,
        "certificate": check.certificate.number,
        "checkpoint_name": check.checkpoint_name,
        "at": check.at,
        "vehicle": check.vehicle,
        "count_seen": check.count_seen,
        "result": check.result,
        "flags": check.flags,
        "notes": check.notes,
    }


# --- declarations -----------------------------------------------------------------------------


@router.post("/declarations", response={201: DeclarationOut}, summary="检疫申报")
def create_declaration(request, payload: DeclarationIn):
    data = payload.dict()
    destination = data.pop("destination")
    declaration = services.submit_declaration(
        actor=request.auth,
        farm_id=data.pop("farm"),
        destination_region=destination["region"],
        destination_place=destination["place"],
        destination_kind=destination["kind"],
        destination_farm_id=destination["farm"],
        **data,
    )
    return Status(201, _declaration_out(declaration))


@router.get("/declarations", response=DeclarationPage, summary="检疫申报列表（分页、检索）")
def list_declarations(
    request,
    status: str = Query("", max_length=20),
    q: str = Query("", max_length=100),
    farm: int | None = Query(None, ge=1, le=MAX_ID),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    declarations = queries.declarations_visible_to(request.auth, status=status, q=q, farm_id=farm)
    page = declarations.select_related("certificate")[offset : offset + limit]
    return {"items": [_declaration_out(d) for d in page], "count": declarations.count()}


@router.get("/declarations/{declaration_id}", response=DeclarationOut, summary="检疫申报详情")
def get_declaration(request, declaration_id: int = Id):
    return _declaration_out(queries.declaration(request.auth, declaration_id))


@router.post("/declarations/{declaration_id}/accept", response=DeclarationOut, summary="受理申报")
def accept_declaration(request, declaration_id: int = Id):
    return _declaration_out(
        services.accept_declaration(actor=request.auth, declaration_id=declaration_id)
    )


@router.post(
    "/declarations/{declaration_id}/reject",
    response=DeclarationOut,
    summary="不予受理（须填写理由）",
)
def reject_declaration(request, payload: RejectIn, declaration_id: int = Id):
    return _declaration_out(
        services.reject_declaration(
            actor=request.auth, declaration_id=declaration_id, reason=payload.reason
        )
    )


@router.post(
    "/declarations/{declaration_id}/inspect",
    response=InspectOut,
    summary="检疫结果：合格出证，不合格登记处理",
)
def inspect_declaration(request, payload: InspectIn, declaration_id: int = Id):
    declaration = services.inspect_declaration(
        actor=request.auth, declaration_id=declaration_id, **payload.dict()
    )
    cert = declaration.certificate if declaration.status == "certified" else None
    return {
        "id": declaration.pk,
        "status": declaration.status,
        "certificate": queries.certificate_card(cert) if cert else None,
    }


@router.get("/quarantine/queue", response=QueueOut, summary="官方兽医待办数量")
def work_queue(request):
    return queries.work_queue_counts(request.auth)


# --- certificates -----------------------------------------------------------------------------


@router.get("/certificates", response=CertificatePage, summary="检疫证明列表（分页、检索）")
def list_certificates(
    request,
    status: str = Query("", max_length=20),
    q: str = Query("", max_length=100),
    farm: int | None = Query(None, ge=1, le=MAX_ID),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    certificates = queries.certificates_visible_to(request.auth, status=status, q=q, farm_id=farm)
    page = certificates[offset : offset + limit]
    return {"items": [queries.certificate_card(c) for c in page], "count": certificates.count()}


@router.get(
    "/quarantine/overdue", response=CertificatePage, summary="逾期未报告落地的检疫证明（待跟踪）"
)
def overdue(
    request, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)
):
    certificates = queries.overdue_arrivals(request.auth)
    page = certificates[offset : offset + limit]
    return {"items": [queries.certificate_card(c) for c in page], "count": certificates.count()}


@router.get("/certificates/{number}.pdf", summary="检疫证明PDF（A4，含验证二维码）")
def certificate_pdf(request, number: str):
    cert = queries.certificate(request.auth, number)
    response = HttpResponse(pdf.certificate_pdf(cert, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    return response


@router.get("/certificates/{number}", response=CertificateOut, summary="检疫证明详情")
def get_certificate(request, number: str):
    return queries.certificate_card(queries.certificate(request.auth, number))


@router.get("/certificates/{number}/tags", response=list[TagOut], summary="检疫证明所列耳标及状态")
def certificate_tags(request, number: str):
    return queries.certificate_tags(request.auth, number)


@router.post("/certificates/{number}/revoke", response=CertificateOut, summary="撤销检疫证明")
def revoke_certificate(request, number: str, payload: RevokeIn):
    cert = services.revoke_certificate(actor=request.auth, number=number, reason=payload.reason)
    return queries.certificate_card(cert)


@router.post("/certificates/{number}/arrival", response=CertificateOut, summary="落地报告")
def report_arrival(request, number: str, payload: ArrivalIn):
    cert = services.report_arrival(
        actor=request.auth,
        number=number,
        received_quantity=payload.received_quantity,
        notes=payload.notes,
    )
    return queries.certificate_card(cert)


@router.post("/certificates/{number}/checks", response={201: CheckOut}, summary="指定通道检查记录")
def record_check(request, number: str, payload: CheckIn):
    check = services.record_checkpoint_check(actor=request.auth, number=number, **payload.dict())
    return Status(201, _check_out(check))


@router.get("/checkpoint-checks", response=list[CheckOut], summary="指定通道检查记录列表")
def list_checks(
    request, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)
):
    return [_check_out(c) for c in queries.checks_visible_to(request.auth)[offset : offset + limit]]


@router.get(
    "/public/certificates/{number}",
    response=PublicCertificateOut,
    auth=None,
    summary="公众查验检疫证明（无需登录，限流）",
)
def public_certificate(request, number: str):
    throttle.check(request)
    return queries.public_certificate(number)


# --- slaughter --------------------------------------------------------------------------------


@router.post(
    "/slaughter/entries", response={201: SlaughterOut}, summary="屠宰场入场查验与屠宰（耳标注销）"
)
def slaughter_entry(request, payload: SlaughterIn):
    entry = services.record_slaughter_entry(
        actor=request.auth,
        number=payload.certificate,
        ear_tags=payload.ear_tags,
        slaughtered=payload.slaughtered,
        notes=payload.notes,
    )
    return Status(201, _slaughter_out(entry))


@router.get("/slaughter/entries", response=list[SlaughterOut], summary="入场屠宰记录")
def list_slaughter_entries(
    request, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=MAX_OFFSET)
):
    entries = queries.slaughter_entries_visible_to(request.auth)[offset : offset + limit]
    return [_slaughter_out(e) for e in entries]


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
