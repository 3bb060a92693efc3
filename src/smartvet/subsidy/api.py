"""API of the 先打后补 subsidy (DOMAIN.md §5): policy, qualification, application, reviews,
publicity, objections, payment, county summary; the running publicity is public."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Query, Router, Schema, Status
from pydantic import Field

from smartvet.core.bounds import MAX_OFFSET
from smartvet.subsidy import calc, queries, services

router = Router(tags=["subsidy"])


class PolicyOut(Schema):
    id: int
    code: str
    name: str
    region: str
    version: int
    rules: dict[str, Any]


class PolicyCopyIn(Schema):
    code: str = Field(max_length=40)
    name: str = Field(max_length=100)
    region: str = Field(max_length=12)
    shift_years: int = Field(0, ge=-5, le=5)


class QualificationIn(Schema):
    farm: int
    policy: str = Field(max_length=40)
    note: str = Field("", max_length=500)


class NoteIn(Schema):
    note: str = Field("", max_length=500)


class ReasonIn(Schema):
    reason: str = Field(max_length=500)


class QualificationOut(Schema):
    id: int
    farm: int
    farm_name: str
    farm_code: str
    policy: str
    status: str
    status_label: str
    note: str
    return_reason: str
    submitted_at: datetime


class QualificationPage(Schema):
    items: list[QualificationOut]
    count: int


class ApplicationIn(Schema):
    farm: int
    policy: str = Field(max_length=40)
    payee: Literal["farm", "provider"] = "farm"
    evidence: str = Field("", max_length=1000)


class EvidenceIn(Schema):
    evidence: str = Field("", max_length=1000)


class ApplicationOut(Schema):
    id: int
    number: str
    farm: int
    farm_name: str
    farm_code: str
    policy: str
    policy_version: int
    status: str
    status_label: str
    payee: str
    counts: dict[str, Any]
    flags: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    entitled: str
    allocated: str | None
    evidence: str
    review_note: str
    return_reason: str
    publicity: int | None
    submitted_at: datetime


class ApplicationPage(Schema):
    items: list[ApplicationOut]
    count: int


class DisqualificationIn(Schema):
    farm: int
    policy: str = Field(max_length=40)
    reason: str = Field(max_length=500)


class IdOut(Schema):
    id: int


class PublicityIn(Schema):
    policy: str = Field(max_length=40)
    starts_on: date | None = None
    title: str = Field("", max_length=200)


class PublicityOut(Schema):
    id: int
    title: str
    region: str
    region_name: str
    policy: str
    policy_version: int
    starts_on: date
    ends_on: date
    budget: str
    entitled_total: str
    allocated_total: str
    scale_factor: str
    items: list[dict[str, Any]]


class PublicityStatusOut(PublicityOut):
    status: str


class ObjectionIn(Schema):
    raised_by: str = Field(max_length=50)
    contact: str = Field("", max_length=50)
    text: str = Field(max_length=1000)


class ResolveIn(Schema):
    upheld: bool
    resolution: str = Field(max_length=500)


class ObjectionOut(Schema):
    id: int
    application: int
    status: str
    resolution: str


class PaymentIn(Schema):
    account_kind: Literal["yikatong", "bank"]
    account_no: str = Field(max_length=40)
    paid_on: date
    reference: str = Field("", max_length=60)


class PaymentOut(Schema):
    id: int
    application: int
    amount: str
    payee_kind: str
    payee_name: str
    account_kind: str
    paid_on: date
    late: bool


def _policy(item) -> dict:
    return {
        "id": item.pk,
        "code": item.code,
        "name": item.name,
        "region": item.region_id,
        "version": item.version,
        "rules": item.rules,
    }


def _app(item) -> dict:
    return queries.application_card(item)


def _publicity(item) -> dict:
    return {**queries.public_card(item), "status": item.status}


def _payment(item) -> dict:
    return {
        "id": item.pk,
        "application": item.application_id,
        "amount": calc.money(item.amount),
        "payee_kind": item.payee_kind,
        "payee_name": item.payee_name,
        "account_kind": item.account_kind,
        "paid_on": item.paid_on,
        "late": item.late,
    }


@router.get("/subsidy/policies", response=list[PolicyOut], summary="补助政策列表")
def list_policies(request):
    return [_policy(item) for item in queries.policies_visible_to(request.auth)]


@router.post(
    "/subsidy/policies/{policy_id}/copy",
    response={201: PolicyOut},
    summary="复制补助政策为本县政策",
)
def copy_policy(request, policy_id: int, payload: PolicyCopyIn):
    item = services.copy_policy(actor=request.auth, source_id=policy_id, **payload.dict())
    return Status(201, _policy(item))


@router.post(
    "/subsidy/qualifications", response={201: QualificationOut}, summary="提交先打后补资质申请"
)
def submit_qualification(request, payload: QualificationIn):
    data = payload.dict()
    item = services.submit_qualification(actor=request.auth, farm_id=data.pop("farm"), **data)
    return Status(201, queries.qualification_card(item))


@router.get("/subsidy/qualifications", response=QualificationPage, summary="资质申请列表")
def list_qualifications(
    request,
    status: str = Query("", max_length=30),
    policy: str = Query("", max_length=40),
    q: str = Query("", max_length=100),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    items = queries.qualifications_visible_to(request.auth, status=status, policy=policy, q=q)
    return {
        "items": [queries.qualification_card(i) for i in items[offset : offset + limit]],
        "count": items.count(),
    }


@router.get(
    "/subsidy/qualifications/{qualification_id}", response=QualificationOut, summary="资质申请详情"
)
def get_qualification(request, qualification_id: int):
    return queries.qualification_card(queries.qualification(request.auth, qualification_id))


@router.post(
    "/subsidy/qualifications/{qualification_id}/resubmit",
    response=QualificationOut,
    summary="重新提交退回的资质申请",
)
def resubmit_qualification(request, qualification_id: int, payload: NoteIn):
    item = services.resubmit_qualification(
        actor=request.auth, qualification_id=qualification_id, note=payload.note
    )
    return queries.qualification_card(item)


@router.post(
    "/subsidy/qualifications/{qualification_id}/preliminary-approve",
    response=QualificationOut,
    summary="资质申请初审通过（动物卫生监督机构）",
)
def preliminary_approve_qualification(request, qualification_id: int):
    item = services.preliminary_approve_qualification(
        actor=request.auth, qualification_id=qualification_id
    )
    return queries.qualification_card(item)


@router.post(
    "/subsidy/qualifications/{qualification_id}/approve",
    response=QualificationOut,
    summary="资质申请终审通过（农业农村局）",
)
def approve_qualification(request, qualification_id: int):
    item = services.final_approve_qualification(
        actor=request.auth, qualification_id=qualification_id
    )
    return queries.qualification_card(item)


@router.post(
    "/subsidy/qualifications/{qualification_id}/return",
    response=QualificationOut,
    summary="退回资质申请（须写明原因）",
)
def return_qualification(request, qualification_id: int, payload: ReasonIn):
    item = services.return_qualification(
        actor=request.auth, qualification_id=qualification_id, reason=payload.reason
    )
    return queries.qualification_card(item)


@router.post(
    "/subsidy/applications",
    response={201: ApplicationOut},
    summary="提交补贴申请（按平台记录自动计数测算）",
)
def submit_application(request, payload: ApplicationIn):
    data = payload.dict()
    item = services.submit_application(actor=request.auth, farm_id=data.pop("farm"), **data)
    return Status(201, _app(item))


@router.get("/subsidy/applications", response=ApplicationPage, summary="补贴申请列表")
def list_applications(
    request,
    status: str = Query("", max_length=30),
    policy: str = Query("", max_length=40),
    q: str = Query("", max_length=100),
    flagged: bool | None = None,
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    items = queries.applications_visible_to(
        request.auth, status=status, policy=policy, q=q, flagged=flagged
    )
    return {"items": [_app(i) for i in items[offset : offset + limit]], "count": items.count()}


@router.get(
    "/subsidy/applications/{application_id}",
    response=ApplicationOut,
    summary="补贴申请详情（每项金额及其计算依据）",
)
def get_application(request, application_id: int):
    return _app(queries.application(request.auth, application_id))


@router.post(
    "/subsidy/applications/{application_id}/resubmit",
    response=ApplicationOut,
    summary="重新提交退回的补贴申请（重新计数测算）",
)
def resubmit_application(request, application_id: int, payload: EvidenceIn):
    return _app(
        services.resubmit_application(
            actor=request.auth, application_id=application_id, evidence=payload.evidence
        )
    )


@router.post(
    "/subsidy/applications/{application_id}/preliminary-approve",
    response=ApplicationOut,
    summary="补贴申请初审通过（异常须有佐证说明）",
)
def preliminary_approve_application(request, application_id: int, payload: NoteIn):
    return _app(
        services.preliminary_approve_application(
            actor=request.auth, application_id=application_id, note=payload.note
        )
    )


@router.post(
    "/subsidy/applications/{application_id}/approve",
    response=ApplicationOut,
    summary="补贴申请终审通过",
)
def approve_application(request, application_id: int, payload: NoteIn):
    return _app(
        services.final_approve_application(
            actor=request.auth, application_id=application_id, note=payload.note
        )
    )


@router.post(
    "/subsidy/applications/{application_id}/return",
    response=ApplicationOut,
    summary="退回补贴申请（须写明原因）",
)
def return_application(request, application_id: int, payload: ReasonIn):
    return _app(
        services.return_application(
            actor=request.auth, application_id=application_id, reason=payload.reason
        )
    )


@router.post(
    "/subsidy/applications/{application_id}/reject",
    response=ApplicationOut,
    summary="补贴申请审核不通过",
)
def reject_application(request, application_id: int, payload: ReasonIn):
    return _app(
        services.reject_application(
            actor=request.auth, application_id=application_id, reason=payload.reason
        )
    )


@router.post(
    "/subsidy/applications/{application_id}/objections",
    response={201: ObjectionOut},
    summary="登记公示异议",
)
def record_objection(request, application_id: int, payload: ObjectionIn):
    item = services.record_objection(
        actor=request.auth, application_id=application_id, **payload.dict()
    )
    return Status(
        201,
        {
            "id": item.pk,
            "application": item.application_id,
            "status": item.status,
            "resolution": item.resolution,
        },
    )


@router.post(
    "/subsidy/objections/{objection_id}/resolve", response=ObjectionOut, summary="处理公示异议"
)
def resolve_objection(request, objection_id: int, payload: ResolveIn):
    item = services.resolve_objection(
        actor=request.auth, objection_id=objection_id, **payload.dict()
    )
    return {
        "id": item.pk,
        "application": item.application_id,
        "status": item.status,
        "resolution": item.resolution,
    }


@router.post(
    "/subsidy/applications/{application_id}/payment",
    response={201: PaymentOut},
    summary="登记补助资金拨付（个人通过一卡通）",
)
def record_payment(request, application_id: int, payload: PaymentIn):
    item = services.record_payment(
        actor=request.auth, application_id=application_id, **payload.dict()
    )
    return Status(201, _payment(item))


@router.post(
    "/subsidy/disqualifications", response={201: IdOut}, summary="取消养殖场本年度补助资格"
)
def disqualify(request, payload: DisqualificationIn):
    data = payload.dict()
    item = services.disqualify_farm(actor=request.auth, farm_id=data.pop("farm"), **data)
    return Status(201, {"id": item.pk})


@router.post(
    "/subsidy/publicities",
    response={201: PublicityStatusOut},
    summary="发布补助公示（5个工作日，按预算分配实补金额）",
)
def start_publicity(request, payload: PublicityIn):
    item = services.start_publicity(actor=request.auth, **payload.dict())
    return Status(201, _publicity(item))


@router.get(
    "/subsidy/publicities/{publicity_id}", response=PublicityStatusOut, summary="补助公示详情"
)
def get_publicity(request, publicity_id: int):
    return _publicity(queries.publicity(request.auth, publicity_id))


@router.post(
    "/subsidy/publicities/{publicity_id}/close",
    response=PublicityStatusOut,
    summary="公示期满无异议，结束公示",
)
def close_publicity(request, publicity_id: int):
    return _publicity(services.close_publicity(actor=request.auth, publicity_id=publicity_id))


@router.get("/subsidy/summary", summary="县级补助汇总（按畜种：应补、实补、已拨付）")
def summary(request, policy: str = Query("", max_length=40)):
    return queries.county_summary(request.auth, policy=policy)


@router.get(
    "/public/subsidy/publicities",
    response=list[PublicityOut],
    auth=None,
    summary="正在公示的补助名单（公开，无需登录）",
)
def public_publicities(request):
    return [queries.public_card(item) for item in queries.open_publicities()]
