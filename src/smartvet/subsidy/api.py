"""API of the 先打后补 subsidy (DOMAIN.md §5): policy, qualification, application, reviews,
publicity, objections, payment, county summary; the running publicity is public. Payloads
are the services' commands (subsidy.commands); outputs read the objects' attributes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from smartvet.core.pagination import Page
from smartvet.subsidy import calc, commands, queries, services

router = Router(tags=["subsidy"])


class PolicyOut(Schema):
    id: int
    code: str
    name: str
    region: str = Field(alias="region_id")
    version: int
    rules: dict[str, Any]


class QualificationOut(Schema):
    id: int
    farm: int = Field(alias="farm_id")
    farm_name: str = Field(alias="farm.name")
    farm_code: str = Field(alias="farm.code")
    policy: str = Field(alias="policy.code")
    status: str
    status_label: str = Field(alias="get_status_display")
    note: str
    return_reason: str
    submitted_at: datetime


class ApplicationOut(Schema):
    id: int
    number: str
    farm: int = Field(alias="farm_id")
    farm_name: str = Field(alias="farm.name")
    farm_code: str = Field(alias="farm.code")
    policy: str = Field(alias="policy.code")
    policy_version: int
    status: str
    status_label: str = Field(alias="get_status_display")
    payee: str = Field(alias="payee_kind")
    counts: dict[str, Any]
    flags: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    entitled: str
    allocated: str | None
    evidence: str
    review_note: str
    return_reason: str
    publicity: int | None = Field(alias="publicity_id")
    submitted_at: datetime

    @staticmethod
    def resolve_entitled(app) -> str:
        return calc.money(app.entitled)

    @staticmethod
    def resolve_allocated(app) -> str | None:
        return None if app.allocated is None else calc.money(app.allocated)


class IdOut(Schema):
    id: int


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


class ObjectionOut(Schema):
    id: int
    application: int = Field(alias="application_id")
    status: str
    resolution: str


class PaymentOut(Schema):
    id: int
    application: int = Field(alias="application_id")
    amount: str
    payee_kind: str
    payee_name: str
    account_kind: str
    paid_on: date
    late: bool

    @staticmethod
    def resolve_amount(payment) -> str:
        return calc.money(payment.amount)


class Amounts(Schema):
    entitled: Decimal
    allocated: Decimal
    paid: Decimal


class CategorySummary(Amounts):
    category: str
    label: str
    count: int


class SpeciesSummary(Amounts):
    species: str
    label: str
    categories: list[CategorySummary]


class SummaryOut(Schema):
    region: str
    policy: str
    farms: int
    species: list[SpeciesSummary]
    totals: Amounts


def _publicity(item) -> dict:
    """The publicity as its public page lists it (queries.public_card), with its status."""
    return {**queries.public_card(item), "status": item.status}


@router.get("/subsidy/policies", response=list[PolicyOut], summary="补助政策列表")
def list_policies(request):
    return queries.policies_visible_to(request.auth)


@router.post(
    "/subsidy/policies/{policy_id}/copy",
    response={201: PolicyOut},
    summary="复制补助政策为本县政策",
)
def copy_policy(request, policy_id: int, payload: commands.CopyPolicy):
    item = services.copy_policy(actor=request.auth, source_id=policy_id, command=payload)
    return Status(201, item)


@router.post(
    "/subsidy/qualifications", response={201: QualificationOut}, summary="提交先打后补资质申请"
)
def submit_qualification(request, payload: commands.SubmitQualification):
    return Status(201, services.submit_qualification(actor=request.auth, command=payload))


@router.get("/subsidy/qualifications", response=list[QualificationOut], summary="资质申请列表")
@paginate(Page)
def list_qualifications(
    request,
    status: str = Query("", max_length=30),
    policy: str = Query("", max_length=40),
    q: str = Query("", max_length=100),
):
    return queries.qualifications_visible_to(request.auth, status=status, policy=policy, q=q)


@router.get(
    "/subsidy/qualifications/{qualification_id}", response=QualificationOut, summary="资质申请详情"
)
def get_qualification(request, qualification_id: int):
    return queries.qualification(request.auth, qualification_id)


@router.post(
    "/subsidy/qualifications/{qualification_id}/resubmit",
    response=QualificationOut,
    summary="重新提交退回的资质申请",
)
def resubmit_qualification(request, qualification_id: int, payload: commands.ResubmitQualification):
    return services.resubmit_qualification(
        actor=request.auth, qualification_id=qualification_id, command=payload
    )


@router.post(
    "/subsidy/qualifications/{qualification_id}/preliminary-approve",
    response=QualificationOut,
    summary="资质申请初审通过（动物卫生监督机构）",
)
def preliminary_approve_qualification(request, qualification_id: int):
    return services.preliminary_approve_qualification(
        actor=request.auth, qualification_id=qualification_id
    )


@router.post(
    "/subsidy/qualifications/{qualification_id}/approve",
    response=QualificationOut,
    summary="资质申请终审通过（农业农村局）",
)
def approve_qualification(request, qualification_id: int):
    return services.final_approve_qualification(
        actor=request.auth, qualification_id=qualification_id
    )


@router.post(
    "/subsidy/qualifications/{qualification_id}/return",
    response=QualificationOut,
    summary="退回资质申请（须写明原因）",
)
def return_qualification(request, qualification_id: int, payload: commands.ReturnQualification):
    return services.return_qualification(
        actor=request.auth, qualification_id=qualification_id, command=payload
    )


@router.post(
    "/subsidy/applications",
    response={201: ApplicationOut},
    summary="提交补贴申请（按平台记录自动计数测算）",
)
def submit_application(request, payload: commands.SubmitApplication):
    return Status(201, services.submit_application(actor=request.auth, command=payload))


@router.get("/subsidy/applications", response=list[ApplicationOut], summary="补贴申请列表")
@paginate(Page)
def list_applications(
    request,
    status: str = Query("", max_length=30),
    policy: str = Query("", max_length=40),
    q: str = Query("", max_length=100),
    flagged: bool | None = None,
):
    return queries.applications_visible_to(
        request.auth, status=status, policy=policy, q=q, flagged=flagged
    )


@router.get(
    "/subsidy/applications/{application_id}",
    response=ApplicationOut,
    summary="补贴申请详情（每项金额及其计算依据）",
)
def get_application(request, application_id: int):
    return queries.application(request.auth, application_id)


@router.post(
    "/subsidy/applications/{application_id}/resubmit",
    response=ApplicationOut,
    summary="重新提交退回的补贴申请（重新计数测算）",
)
def resubmit_application(request, application_id: int, payload: commands.ResubmitApplication):
    return services.resubmit_application(
        actor=request.auth, application_id=application_id, command=payload
    )


@router.post(
    "/subsidy/applications/{application_id}/preliminary-approve",
    response=ApplicationOut,
    summary="补贴申请初审通过（异常须有佐证说明）",
)
def preliminary_approve_application(request, application_id: int, payload: commands.Review):
    return services.preliminary_approve_application(
        actor=request.auth, application_id=application_id, command=payload
    )


@router.post(
    "/subsidy/applications/{application_id}/approve",
    response=ApplicationOut,
    summary="补贴申请终审通过",
)
def approve_application(request, application_id: int, payload: commands.Review):
    return services.final_approve_application(
        actor=request.auth, application_id=application_id, command=payload
    )


@router.post(
    "/subsidy/applications/{application_id}/return",
    response=ApplicationOut,
    summary="退回补贴申请（须写明原因）",
)
def return_application(request, application_id: int, payload: commands.SendBack):
    return services.return_application(
        actor=request.auth, application_id=application_id, command=payload
    )


@router.post(
    "/subsidy/applications/{application_id}/reject",
    response=ApplicationOut,
    summary="补贴申请审核不通过",
)
def reject_application(request, application_id: int, payload: commands.SendBack):
    return services.reject_application(
        actor=request.auth, application_id=application_id, command=payload
    )


@router.post(
    "/subsidy/applications/{application_id}/objections",
    response={201: ObjectionOut},
    summary="登记公示异议",
)
def record_objection(request, application_id: int, payload: commands.RecordObjection):
    item = services.record_objection(
        actor=request.auth, application_id=application_id, command=payload
    )
    return Status(201, item)


@router.post(
    "/subsidy/objections/{objection_id}/resolve", response=ObjectionOut, summary="处理公示异议"
)
def resolve_objection(request, objection_id: int, payload: commands.ResolveObjection):
    return services.resolve_objection(
        actor=request.auth, objection_id=objection_id, command=payload
    )


@router.post(
    "/subsidy/applications/{application_id}/payment",
    response={201: PaymentOut},
    summary="登记补助资金拨付（个人通过一卡通）",
)
def record_payment(request, application_id: int, payload: commands.RecordPayment):
    item = services.record_payment(
        actor=request.auth, application_id=application_id, command=payload
    )
    return Status(201, item)


@router.post(
    "/subsidy/disqualifications", response={201: IdOut}, summary="取消养殖场本年度补助资格"
)
def disqualify(request, payload: commands.Disqualify):
    return Status(201, services.disqualify_farm(actor=request.auth, command=payload))


@router.post(
    "/subsidy/publicities",
    response={201: PublicityStatusOut},
    summary="发布补助公示（5个工作日，按预算分配实补金额）",
)
def start_publicity(request, payload: commands.StartPublicity):
    return Status(201, _publicity(services.start_publicity(actor=request.auth, command=payload)))


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


@router.get(
    "/subsidy/summary", response=SummaryOut, summary="县级补助汇总（按畜种：应补、实补、已拨付）"
)
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
