"""Every write of the 先打后补 subsidy (DOMAIN.md §5; seed 003 三、四).

Each function is one business action: keyword-only arguments, one transaction, the
permission and region check, one ledger event, a DomainError with a stable code on refusal.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core import ledger, regions, workdays
from smartvet.core.access import require
from smartvet.core.errors import (
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from smartvet.core.models import Role, User
from smartvet.core.workflow import move, next_number
from smartvet.registry import queries as registry_queries
from smartvet.subsidy import calc, counting, rules
from smartvet.subsidy.models import (
    ApplicationStatus,
    Disqualification,
    Objection,
    ObjectionStatus,
    PayeeKind,
    Payment,
    Publicity,
    PublicityStatus,
    Qualification,
    QualificationStatus,
    SubsidyApplication,
    SubsidyPolicy,
)
from smartvet.subsidy.permissions import (
    APPLY,
    DISQUALIFY,
    FINAL_REVIEW,
    PAYMENT,
    POLICY,
    PRELIMINARY_REVIEW,
    PUBLICITY,
    RETURN,
)


def _today() -> date:
    return timezone.localdate()


def _error(code: str, message: Any, status: int | None = None, **details: Any) -> DomainError:
    return DomainError(
        code, message, [{"code": code, "message": str(message), **details}], status=status
    )


def _text(value: str, limit: int, field: str, *, required: bool = False) -> str:
    value = (value or "").replace("\x00", "").strip()  # PostgreSQL refuses NUL in text
    if required and not value:
        raise ValidationFailed(
            _("请填写%(field)s") % {"field": field},
            [{"field": field, "code": "VALIDATION_ERROR", "message": _("必填")}],
        )
    if len(value) > limit:
        raise ValidationFailed(
            _("内容过长（最多%(n)d字）") % {"n": limit},
            [{"field": field, "code": "VALIDATION_ERROR", "message": _("内容过长")}],
        )
    return value


# ------------------------------------------------------------------------------- policy


def applicable_policy(code: str, region_code: str) -> SubsidyPolicy:
    """The policy of that code, if it applies where the farm is. Shipped policies at the
    national root are templates: a county copies one before its farms can apply."""
    policy = SubsidyPolicy.objects.filter(
        code=(code or "").replace("\x00", "").strip()[:40]
    ).first()
    if policy is None or policy.region_id == regions.NATION:
        raise _error("NOT_ELIGIBLE", _("补助政策不存在或尚未由本县启用：%(c)s") % {"c": code})
    if not regions.is_within(region_code, policy.region_id):
        raise _error("NOT_ELIGIBLE", _("该补助政策不适用于养殖场所在地区"))
    return policy


def _check_rules(data: dict[str, Any], code: str) -> calc.Policy:
    try:
        return calc.Policy.from_dict({**data, "code": code})
    except calc.InputError as exc:
        raise ValidationFailed(str(exc)) from None


@transaction.atomic
def copy_policy(
    *, actor: User, source_id: int, code: str, name: str, region: str, shift_years: int = 0
) -> SubsidyPolicy:
    """A county copies a policy (the shipped `jiyuan-2024` or another) as its own; dates
    move by `shift_years` so next year's cycle starts from this year's rules."""
    require(actor, POLICY, region=region)
    if regions.level_of(region) not in {"province", "city", "county"}:
        raise ValidationFailed(_("政策适用区划应为省、市或县级代码"))
    source = SubsidyPolicy.objects.filter(pk=source_id).first()
    if source is None or not (
        source.region_id == regions.NATION
        or regions.is_within(source.region_id, actor.region_id)
        or regions.is_within(actor.region_id, source.region_id)
    ):
        raise NotFound()
    code = _text(code, 40, "code", required=True)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", code):
        raise ValidationFailed(_("政策编号只能包含小写字母、数字和连字符"))
    if not -5 <= shift_years <= 5:
        raise ValidationFailed(_("年份平移应在-5到5之间"))
    data = copy.deepcopy(source.rules)
    for key in ("cycle_start", "cycle_end", "qualification_deadline", "payment_deadline"):
        day = date.fromisoformat(data[key])
        try:
            day = day.replace(year=day.year + shift_years)
        except ValueError:  # 29 February
            day = day.replace(year=day.year + shift_years, day=28)
        data[key] = day.isoformat()
    data["name"] = _text(name, 100, "name", required=True)
    data["code"] = code
    _check_rules(data, code)
    if SubsidyPolicy.objects.filter(code=code).exists():
        raise ValidationFailed(_("政策编号已存在：%(c)s") % {"c": code})
    policy = SubsidyPolicy.objects.create(
        code=code, name=data["name"], region_id=region, rules=data, copied_from=source, version=1
    )
    ledger.record(
        actor=actor,
        action="subsidy.policy_copied",
        obj=policy,
        region=region,
        summary={"code": code, "from": source.code, "shift_years": shift_years},
    )
    return policy


@transaction.atomic
def update_policy(
    *, actor: User, policy_id: int, rules_data: dict[str, Any], name: str | None = None
) -> SubsidyPolicy:
    """Edit a county's policy: the rules are checked as a whole and the version goes up, so
    calculations made before keep naming the version they used."""
    policy = SubsidyPolicy.objects.select_for_update().filter(pk=policy_id).first()
    if policy is None or (policy.region_id == regions.NATION and actor.role != Role.ADMIN):
        raise NotFound()
    require(actor, POLICY, region=policy.region_id if policy.region_id != regions.NATION else None)
    data = {**copy.deepcopy(rules_data), "code": policy.code}
    if name is not None:
        policy.name = data["name"] = _text(name, 100, "name", required=True)
    _check_rules(data, policy.code)
    before = policy.version
    if data != policy.rules:
        policy.version += 1
    policy.rules = data
    policy.save()
    ledger.record(
        actor=actor,
        action="subsidy.policy_updated",
        obj=policy,
        region=policy.region_id,
        summary={"code": policy.code, "version": [before, policy.version]},
    )
    return policy


# ------------------------------------------------------------------------ qualification


def _create_once(model: Any, **values: Any) -> Any:
    """Create a row a unique constraint allows once; two requests racing for it get one
    row and one ALREADY_SUBMITTED, never a server error."""
    try:
        with transaction.atomic():
            return model.objects.create(**values)
    except IntegrityError:
        raise _error("ALREADY_SUBMITTED", _("已经提交过，不能重复提交"), status=409) from None


def _farm_for_applicant(actor: User, farm_id: int) -> Any:
    farm = registry_queries.farm(actor, farm_id)
    require(actor, APPLY, region=farm.region_id)
    if (
        actor.role == Role.PROVIDER
        and not farm.servers.filter(Q(pk=actor.pk) | Q(provider=actor)).exists()
    ):
        raise PermissionDenied(_("服务主体只能为其提供服务的养殖场户申请"))
    return farm


@transaction.atomic
def submit_qualification(
    *, actor: User, farm_id: int, policy: str, note: str = ""
) -> Qualification:
    """资质申请 (seed 003 三(三)、四(一)): by the farm, or by the provider for a farm it serves,
    before the policy's deadline."""
    farm = _farm_for_applicant(actor, farm_id)
    subsidy_policy = applicable_policy(policy, farm.region_id)
    note = _text(note, 500, "note")
    deadline = subsidy_policy.as_policy().qualification_deadline
    problem = rules.qualification_deadline_problem(_today(), deadline)
    if problem:
        raise _error(problem.code, problem.message)
    if Qualification.objects.filter(farm=farm, policy=subsidy_policy).exists():
        raise _error("ALREADY_SUBMITTED", _("该养殖场本年度已提交资质申请"), status=409)
    qualification = _create_once(
        Qualification,
        farm=farm,
        policy=subsidy_policy,
        applicant=actor,
        note=note,
        submitted_at=timezone.now(),
    )
    ledger.record(
        actor=actor,
        action="subsidy.qualification_submitted",
        obj=qualification,
        region=farm.region_id,
        summary={
            "farm": farm.code,
            "policy": subsidy_policy.code,
            "policy_version": subsidy_policy.version,
        },
    )
    return qualification


def _qualification(actor: User, qualification_id: int) -> Qualification:
    return Qualification.objects.select_related("farm", "policy").get_visible(
        actor, id=qualification_id
    )


@transaction.atomic
def resubmit_qualification(*, actor: User, qualification_id: int, note: str = "") -> Qualification:
    """A returned application is completed and sent again (退回重新申报)."""
    qualification = _qualification(actor, qualification_id)
    _farm_for_applicant(actor, qualification.farm_id)
    note = _text(note, 500, "note")
    return _advance_qualification(
        actor,
        qualification,
        to=QualificationStatus.SUBMITTED,
        action="subsidy.qualification_resubmitted",
        note=note or qualification.note,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def preliminary_approve_qualification(*, actor: User, qualification_id: int) -> Qualification:
    """动物卫生监督机构初审 (seed 003 四(二))."""
    qualification = _qualification(actor, qualification_id)
    require(actor, PRELIMINARY_REVIEW, region=qualification.farm.region_id)
    return _advance_qualification(
        actor,
        qualification,
        to=QualificationStatus.PRELIMINARY_APPROVED,
        action="subsidy.qualification_preliminary_approved",
        preliminary_by=actor,
        preliminary_at=timezone.now(),
    )


@transaction.atomic
def final_approve_qualification(*, actor: User, qualification_id: int) -> Qualification:
    """农业农村局防疫检疫科终审 (seed 003 四(二)); approved farms join the published list."""
    qualification = _qualification(actor, qualification_id)
    require(actor, FINAL_REVIEW, region=qualification.farm.region_id)
    return _advance_qualification(
        actor,
        qualification,
        to=QualificationStatus.APPROVED,
        action="subsidy.qualification_approved",
        final_by=actor,
        final_at=timezone.now(),
    )


@transaction.atomic
def return_qualification(*, actor: User, qualification_id: int, reason: str) -> Qualification:
    """Incomplete or untrue applications go back for resubmission, with the reason: the
    supervisor at the preliminary review, the bureau at the final review."""
    qualification = _qualification(actor, qualification_id)
    require(actor, RETURN, region=qualification.farm.region_id)
    reason = _text(reason, 500, "reason", required=True)
    _at_reviewers_stage(
        actor,
        qualification.status,
        (QualificationStatus.SUBMITTED, QualificationStatus.PRELIMINARY_APPROVED),
        QualificationStatus.RETURNED,
    )
    return _advance_qualification(
        actor,
        qualification,
        to=QualificationStatus.RETURNED,
        action="subsidy.qualification_returned",
        extra={"reason": reason},
        return_reason=reason,
    )


def _advance_qualification(
    actor: User,
    qualification: Qualification,
    *,
    to: str,
    action: str,
    extra: dict[str, Any] | None = None,
    **fields: Any,
) -> Qualification:
    """Move a qualification along its workflow and write the ledger event for the step."""
    move(qualification, to=to, transitions=rules.QUALIFICATION_TRANSITIONS, **fields)
    ledger.record(
        actor=actor,
        action=action,
        obj=qualification,
        region=qualification.farm.region_id,
        summary={"farm": qualification.farm.code, **(extra or {})},
    )
    return qualification


def _at_reviewers_stage(actor: User, current: str, stages: tuple[str, str], target: str) -> None:
    """A reviewer sends back only what waits at their own stage: the supervisor the
    submitted, the bureau the preliminarily approved."""
    expected = stages[0] if actor.role == Role.SUPERVISOR else stages[1]
    if current != expected:
        raise rules_invalid(current, target)


def rules_invalid(current: str, target: str) -> DomainError:
    return InvalidTransition(current, target)


# -------------------------------------------------------------------------- application


def _disqualified(farm: Any, policy: SubsidyPolicy) -> bool:
    return Disqualification.objects.filter(farm=farm, policy=policy).exists()


def compute(farm: Any, subsidy_policy: SubsidyPolicy) -> dict[str, Any]:
    """Read the farm's counts for the policy's cycle and run the calculation: the counts,
    the result (lines with their basis, reasons, entitlement) and the anomaly flags."""
    policy = subsidy_policy.as_policy()
    counts = counting.farm_counts(farm, policy.cycle_start, policy.cycle_end)
    counts["disqualified"] = _disqualified(farm, subsidy_policy)
    tests = tuple(
        calc.AntibodyTest(
            t["round"] if t["round"] in calc.ROUNDS else "initial",
            t["samples"],
            min(t["qualified"], t["samples"]),
        )
        for t in counts["antibody_tests"]
    )
    farm_input = calc.FarmInput(
        id=farm.pk,
        name=farm.name,
        stock=counts["stock"],
        output=counts["output"],
        quarantined=counts["quarantined"],
        immunized=counts["immunized"],
        antibody_tests=tests,
        disqualified=counts["disqualified"],
    )
    result = calc.evaluate_farm(policy, farm_input)
    flags = rules.anomaly_flags(
        stock=counts["stock"],
        quarantined=counts["quarantined"],
        immunized=counts["immunized"],
        doses_bought=counts["doses_bought"],
        doses_used=counts["doses_used"],
        antibody_tests=counts["antibody_tests"],
        stock_basis=[c for c, rate in policy.rates.items() if rate.basis == "stock"],
    )
    return {"counts": counts, "result": result, "flags": flags, "policy": policy}


def _apply_computation(application: SubsidyApplication, computed: dict[str, Any]) -> None:
    result = computed["result"]
    if not result.eligible:
        raise DomainError(
            "NOT_ELIGIBLE",
            _("不符合补助条件：%(r)s")
            % {"r": _("、").join(str(REASON_LABELS.get(r, r)) for r in result.reasons)},
            [
                {"code": reason, "message": str(REASON_LABELS.get(reason, reason))}
                for reason in result.reasons
            ],
        )
    application.counts = computed["counts"]
    application.flags = computed["flags"]
    application.lines = [line.as_dict() for line in result.lines]
    application.reasons = list(result.reasons)
    application.entitled = result.entitled
    application.policy_version = application.policy.version
    application.policy_rules = application.policy.rules


REASON_LABELS = {
    "BELOW_SCALE": gettext_lazy("未达到规模标准"),
    "ANTIBODY_FAILED": gettext_lazy("抗体检测平均合格率低于70%且补免后未检测合格"),
    "ANTIBODY_REPORT_MISSING": gettext_lazy("大型规模养殖场本年度未提供抗体检测报告"),
    "DISQUALIFIED": gettext_lazy("已被取消补助资格"),
}


@transaction.atomic
def submit_application(
    *, actor: User, farm_id: int, policy: str, payee: str = "farm", evidence: str = ""
) -> SubsidyApplication:
    """补贴申请 (seed 003 四(三)(四)): the farm's qualification must be finally approved; the
    counts are read from the platform and the amount computed, each line with its basis.
    Paid to the farm, or to the provider that did the work when the provider applies."""
    farm = _farm_for_applicant(actor, farm_id)
    subsidy_policy = applicable_policy(policy, farm.region_id)
    qualification = Qualification.objects.filter(farm=farm, policy=subsidy_policy).first()
    if qualification is None or qualification.status != QualificationStatus.APPROVED:
        raise _error("NOT_ELIGIBLE", _("该养殖场的资质申请尚未通过终审"))
    if payee not in PayeeKind.values:
        raise ValidationFailed(_("收款方应为养殖场户或第三方服务主体"))
    if payee == PayeeKind.PROVIDER and actor.role != Role.PROVIDER:
        raise ValidationFailed(_("只有第三方服务主体申请时才能由其收款"))
    evidence = _text(evidence, 1000, "evidence")
    if SubsidyApplication.objects.filter(farm=farm, policy=subsidy_policy).exists():
        raise _error("ALREADY_SUBMITTED", _("该养殖场本年度已提交补贴申请"), status=409)
    year = subsidy_policy.as_policy().cycle_start.year
    application = SubsidyApplication(
        number=f"XDHB{year}-{next_number(f'subsidy:{year}'):06d}",
        farm=farm,
        policy=subsidy_policy,
        qualification=qualification,
        applicant=actor,
        payee_kind=payee,
        payee_provider=actor if payee == PayeeKind.PROVIDER else None,
        evidence=evidence,
        submitted_at=timezone.now(),
    )
    _apply_computation(application, compute(farm, subsidy_policy))
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise _error("ALREADY_SUBMITTED", _("该养殖场本年度已提交补贴申请"), status=409) from None
    ledger.record(
        actor=actor,
        action="subsidy.application_submitted",
        obj=application,
        region=farm.region_id,
        summary={
            "number": application.number,
            "farm": farm.code,
            "policy": subsidy_policy.code,
            "policy_version": application.policy_version,
            "entitled": application.entitled,
            "lines": application.lines,
            "flags": [flag["code"] for flag in application.flags],
        },
    )
    return application


def _application(actor: User, application_id: int) -> SubsidyApplication:
    return SubsidyApplication.objects.select_related("farm", "policy").get_visible(
        actor, id=application_id
    )


@transaction.atomic
def resubmit_application(
    *, actor: User, application_id: int, evidence: str = ""
) -> SubsidyApplication:
    """A returned application is sent again; the counts are read and computed afresh."""
    application = _application(actor, application_id)
    _farm_for_applicant(actor, application.farm_id)
    evidence = _text(evidence, 1000, "evidence") or application.evidence
    if application.status != ApplicationStatus.RETURNED:
        raise rules_invalid(application.status, ApplicationStatus.SUBMITTED)
    _apply_computation(application, compute(application.farm, application.policy))
    move(
        application,
        to=ApplicationStatus.SUBMITTED,
        transitions=rules.APPLICATION_TRANSITIONS,
        evidence=evidence,
        counts=application.counts,
        flags=application.flags,
        lines=application.lines,
        reasons=application.reasons,
        entitled=application.entitled,
        policy_version=application.policy_version,
        policy_rules=application.policy_rules,
        submitted_at=timezone.now(),
    )
    ledger.record(
        actor=actor,
        action="subsidy.application_resubmitted",
        obj=application,
        region=application.farm.region_id,
        summary={
            "number": application.number,
            "entitled": application.entitled,
            "policy_version": application.policy_version,
        },
    )
    return application


@transaction.atomic
def preliminary_approve_application(
    *, actor: User, application_id: int, note: str = ""
) -> SubsidyApplication:
    """初审 (seed 003 四(四)): an application with anomaly flags passes only with evidence
    (信息异常且无法提供有效佐证材料的按审核不通过处理)."""
    application = _application(actor, application_id)
    require(actor, PRELIMINARY_REVIEW, region=application.farm.region_id)
    note = _text(note, 500, "note")
    problem = rules.evidence_problem(application.flags, f"{application.evidence}{note}")
    if problem:
        raise _error(
            problem.code, problem.message, flags=[flag["code"] for flag in application.flags]
        )
    move(
        application,
        to=ApplicationStatus.PRELIMINARY_APPROVED,
        transitions=rules.APPLICATION_TRANSITIONS,
        preliminary_by=actor,
        review_note=note,
    )
    ledger.record(
        actor=actor,
        action="subsidy.application_preliminary_approved",
        obj=application,
        region=application.farm.region_id,
        summary={
            "number": application.number,
            "note": note,
            "flags": [flag["code"] for flag in application.flags],
        },
    )
    return application


@transaction.atomic
def final_approve_application(
    *, actor: User, application_id: int, note: str = ""
) -> SubsidyApplication:
    """终审 (seed 003 四(四)): the bureau confirms names, counts and amounts."""
    application = _application(actor, application_id)
    require(actor, FINAL_REVIEW, region=application.farm.region_id)
    note = _text(note, 500, "note")
    move(
        application,
        to=ApplicationStatus.APPROVED,
        transitions=rules.APPLICATION_TRANSITIONS,
        final_by=actor,
        review_note=note or application.review_note,
    )
    ledger.record(
        actor=actor,
        action="subsidy.application_approved",
        obj=application,
        region=application.farm.region_id,
        summary={"number": application.number, "entitled": application.entitled},
    )
    return application


@transaction.atomic
def return_application(*, actor: User, application_id: int, reason: str) -> SubsidyApplication:
    """退回重新申报: the supervisor at the preliminary review, the bureau at the final."""
    return _send_back(actor, application_id, reason, ApplicationStatus.RETURNED, "returned")


@transaction.atomic
def reject_application(*, actor: User, application_id: int, reason: str) -> SubsidyApplication:
    """审核不通过 (e.g. anomalies without evidence): the supervisor or the bureau at their
    own stage."""
    return _send_back(actor, application_id, reason, ApplicationStatus.REJECTED, "rejected")


def _send_back(
    actor: User, application_id: int, reason: str, to: str, outcome: str
) -> SubsidyApplication:
    application = _application(actor, application_id)
    require(actor, RETURN, region=application.farm.region_id)
    reason = _text(reason, 500, "reason", required=True)
    _at_reviewers_stage(
        actor,
        application.status,
        (ApplicationStatus.SUBMITTED, ApplicationStatus.PRELIMINARY_APPROVED),
        to,
    )
    move(application, to=to, transitions=rules.APPLICATION_TRANSITIONS, return_reason=reason)
    ledger.record(
        actor=actor,
        action=f"subsidy.application_{outcome}",
        obj=application,
        region=application.farm.region_id,
        summary={"number": application.number, "reason": reason},
    )
    return application


@transaction.atomic
def disqualify_farm(*, actor: User, farm_id: int, policy: str, reason: str) -> Disqualification:
    """取消补助资格 (seed 003 五(五)): fraud, illegal vaccine, resale, refusing supervision,
    an outbreak from failed immunization."""
    farm = registry_queries.farm(actor, farm_id)
    require(actor, DISQUALIFY, region=farm.region_id)
    subsidy_policy = applicable_policy(policy, farm.region_id)
    reason = _text(reason, 500, "reason", required=True)
    try:
        with transaction.atomic():
            decision = Disqualification.objects.create(
                farm=farm, policy=subsidy_policy, reason=reason, decided_by=actor
            )
    except IntegrityError:
        raise _error("ALREADY_SUBMITTED", _("该养殖场已被取消本年度补助资格"), status=409) from None
    ledger.record(
        actor=actor,
        action="subsidy.farm_disqualified",
        obj=decision,
        region=farm.region_id,
        summary={"farm": farm.code, "policy": subsidy_policy.code, "reason": reason},
    )
    return decision


# ---------------------------------------------------------------- publicity and payment


@transaction.atomic
def start_publicity(
    *, actor: User, policy: str, starts_on: date | None = None, title: str = ""
) -> Publicity:
    """终审通过并公开公示5个工作日 (seed 003 四(四)): the county's approved applications are
    listed with their amounts; the budget cap is applied here (DOMAIN.md §5, largest
    remainder, ties to the lower farm id) and the allocation fixed."""
    require(actor, PUBLICITY)
    county = regions.county_of(actor.region_id) or actor.region_id
    subsidy_policy = applicable_policy(policy, county)
    rules_policy = subsidy_policy.as_policy()
    starts_on = starts_on or _today()
    if starts_on < _today():
        raise ValidationFailed(_("公示开始日期不能早于今天"))
    if Publicity.objects.filter(policy=subsidy_policy, region_id=county).exists():
        raise _error("ALREADY_SUBMITTED", _("本年度补助已经公示"), status=409)
    applications = list(
        SubsidyApplication.objects.visible_to(actor)
        .filter(
            policy=subsidy_policy,
            status=ApplicationStatus.APPROVED,
            farm__region__code__startswith=county,
        )
        .select_related("farm")
        .order_by("farm_id")
    )
    if not applications:
        raise _error("NOTHING_TO_PUBLISH", _("没有终审通过待公示的补贴申请"))
    allocated = calc.allocate(
        [app.entitled for app in applications],
        [app.farm_id for app in applications],
        rules_policy.budget,
    )
    entitled_total = sum((app.entitled for app in applications), Decimal("0.00"))
    ends_on = workdays.last_workday_of_period(
        starts_on, rules_policy.publicity_working_days, workdays.overrides()
    )
    title = _text(title, 200, "title") or _("%(name)s补助资金公示") % {"name": subsidy_policy.name}
    publicity = _create_once(
        Publicity,
        policy=subsidy_policy,
        policy_version=subsidy_policy.version,
        region_id=county,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=rules_policy.budget,
        entitled_total=entitled_total,
        allocated_total=sum(allocated, Decimal("0.00")),
        scale_factor=calc.scale_factor(entitled_total, rules_policy.budget),
        created_by=actor,
    )
    for application, amount in zip(applications, allocated, strict=True):
        move(
            application,
            to=ApplicationStatus.IN_PUBLICITY,
            transitions=rules.APPLICATION_TRANSITIONS,
            allocated=amount,
            publicity=publicity,
        )
    ledger.record(
        actor=actor,
        action="subsidy.publicity_started",
        obj=publicity,
        region=county,
        summary={
            "policy": subsidy_policy.code,
            "version": subsidy_policy.version,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "budget": rules_policy.budget,
            "entitled_total": entitled_total,
            "allocated_total": publicity.allocated_total,
            "allocations": {app.number: app.allocated for app in applications},
        },
    )
    return publicity


@transaction.atomic
def record_objection(
    *, actor: User, application_id: int, raised_by: str, text: str, contact: str = ""
) -> Objection:
    """An objection received while the publicity runs (by letter, phone or in person)."""
    application = _application(actor, application_id)
    require(actor, PUBLICITY, region=application.farm.region_id)
    if (
        application.status != ApplicationStatus.IN_PUBLICITY
        or application.publicity is None
        or application.publicity.status != PublicityStatus.OPEN
    ):
        raise _error("PUBLICITY_NOT_OPEN", _("该申请不在公示期内"), status=409)
    objection = Objection.objects.create(
        publicity=application.publicity,
        application=application,
        raised_by=_text(raised_by, 50, "raised_by", required=True),
        contact=_text(contact, 50, "contact"),
        text=_text(text, 1000, "text", required=True),
        recorded_by=actor,
    )
    ledger.record(
        actor=actor,
        action="subsidy.objection_recorded",
        obj=objection,
        region=application.farm.region_id,
        summary={"application": application.number, "text": objection.text},
    )
    return objection


@transaction.atomic
def resolve_objection(
    *, actor: User, objection_id: int, upheld: bool, resolution: str
) -> Objection:
    """An upheld objection takes the application off the list (不予补助); its share is not
    given to others, so the total stays within the budget."""
    objection = Objection.objects.select_related("application__farm").get_visible(
        actor, id=objection_id
    )
    require(actor, PUBLICITY, region=objection.application.farm.region_id)
    resolution = _text(resolution, 500, "resolution", required=True)
    move(
        objection,
        to=ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED,
        transitions=rules.OBJECTION_TRANSITIONS,
        resolution=resolution,
    )
    if upheld:
        move(
            objection.application,
            to=ApplicationStatus.REJECTED,
            transitions=rules.APPLICATION_TRANSITIONS,
            return_reason=resolution,
        )
    ledger.record(
        actor=actor,
        action="subsidy.objection_resolved",
        obj=objection,
        region=objection.application.farm.region_id,
        summary={
            "application": objection.application.number,
            "upheld": upheld,
            "resolution": resolution,
        },
    )
    return objection


@transaction.atomic
def close_publicity(*, actor: User, publicity_id: int) -> Publicity:
    """After 5 working days with every objection resolved, the listed applications may be
    paid (公示5个工作日无异议后)."""
    publicity = Publicity.objects.get_visible(actor, id=publicity_id)
    require(actor, PUBLICITY, region=publicity.region_id)
    if _today() <= publicity.ends_on:
        raise _error(
            "PUBLICITY_NOT_OVER",
            _("公示期至%(d)s结束，结束后才能关闭") % {"d": publicity.ends_on.isoformat()},
            status=409,
        )
    if publicity.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise _error("OBJECTION_OPEN", _("还有未处理的异议"), status=409)
    move(publicity, to=PublicityStatus.CLOSED, transitions=rules.PUBLICITY_TRANSITIONS)
    listed = list(publicity.applications.filter(status=ApplicationStatus.IN_PUBLICITY))
    for application in listed:
        move(
            application, to=ApplicationStatus.PUBLICIZED, transitions=rules.APPLICATION_TRANSITIONS
        )
    ledger.record(
        actor=actor,
        action="subsidy.publicity_closed",
        obj=publicity,
        region=publicity.region_id,
        summary={"publicized": [app.number for app in listed]},
    )
    return publicity


def payee_of(application: SubsidyApplication) -> tuple[str, bool]:
    """(payee name, is an individual): the provider that did the work, or the farm; a farm
    is an individual when its owner's number is a resident ID (or a household without one)."""
    if application.payee_kind == PayeeKind.PROVIDER and application.payee_provider:
        provider = application.payee_provider
        return (provider.organization or provider.display_name or provider.username), False
    farm = application.farm
    individual = rules.is_individual(farm.owner_id_number) or (
        not farm.owner_id_number and farm.kind == "household"
    )
    return (farm.owner_name if individual and farm.owner_name else farm.name), individual


@transaction.atomic
def record_payment(
    *,
    actor: User,
    application_id: int,
    account_kind: str,
    account_no: str,
    paid_on: date,
    reference: str = "",
) -> Payment:
    """拨付 (seed 003 四(四)): the allocated amount, to the farm or the provider, by 30 April;
    an individual through 一卡通. A payment after the deadline is recorded and marked late."""
    application = _application(actor, application_id)
    require(actor, PAYMENT, region=application.farm.region_id)
    account_no = _text(account_no, 40, "account_no", required=True)
    reference = _text(reference, 60, "reference")
    if paid_on > _today():
        raise ValidationFailed(_("拨付日期不能晚于今天"))
    name, individual = payee_of(application)
    problem = rules.payment_method_problem(
        payee_is_individual=individual, account_kind=account_kind
    )
    if problem:
        raise _error(problem.code, problem.message)
    deadline = calc.Policy.from_dict(
        {**application.policy_rules, "code": application.policy.code}
    ).payment_deadline
    move(application, to=ApplicationStatus.PAID, transitions=rules.APPLICATION_TRANSITIONS)
    payment = Payment.objects.create(
        application=application,
        amount=application.allocated,
        payee_kind=application.payee_kind,
        payee_name=name,
        account_kind=account_kind,
        account_no=account_no,
        paid_on=paid_on,
        reference=reference,
        late=rules.payment_is_late(paid_on, deadline),
        recorded_by=actor,
    )
    ledger.record(
        actor=actor,
        action="subsidy.payment_recorded",
        obj=payment,
        region=application.farm.region_id,
        summary={
            "application": application.number,
            "amount": payment.amount,
            "payee": name,
            "account_kind": account_kind,
            "paid_on": paid_on,
            "late": payment.late,
        },
    )
    return payment
