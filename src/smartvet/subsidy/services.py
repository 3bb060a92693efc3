"""Every write of the 先打后补 subsidy (DOMAIN.md §5; seed 003 三、四).

Each function is one business action: the actor and one typed command (subsidy.commands,
already valid), one durable transaction, the permission or workflow check
(subsidy.permissions), one ledger event, a DomainError with a stable code on refusal.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core import ledger, regions, workdays
from smartvet.core.access import can, require, within
from smartvet.core.errors import (
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from smartvet.core.models import User
from smartvet.core.workflow import move, next_number
from smartvet.registry import queries as registry_queries
from smartvet.subsidy import calc, commands, counting, rules, steps
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
    APPLICATIONS,
    APPLY,
    BE_PAYEE,
    DISQUALIFY,
    EDIT_SHIPPED_POLICY,
    OBJECTIONS,
    POLICY,
    PUBLICITIES,
    PUBLICITY,
    QUALIFICATIONS,
    RETURN,
)


def _today() -> date:
    return timezone.localdate()


def _error(code: str, message: Any, status: int | None = None, **details: Any) -> DomainError:
    return DomainError(
        code, message, [{"code": code, "message": str(message), **details}], status=status
    )


# ------------------------------------------------------------------------------- policy


def _applicable_policy(code: str, region_code: str) -> SubsidyPolicy:
    """The policy of that code, if it applies where the farm is. Shipped policies at the
    national root are templates: a county copies one before its farms can apply."""
    policy = SubsidyPolicy.objects.filter(code=code).first()
    if policy is None or policy.region_id == regions.NATION:
        raise _error("NOT_ELIGIBLE", _("补助政策不存在或尚未由本县启用：%(c)s") % {"c": code})
    if not regions.is_within(region_code, policy.region_id):
        raise _error("NOT_ELIGIBLE", _("该补助政策不适用于养殖场所在地区"))
    return policy


def _check_rules(data: dict[str, Any], code: str) -> calc.Policy:
    try:
        return calc.Policy.from_dict({**data, "code": code})
    except calc.InputError as exc:
        place = {"field": exc.field} if exc.field else {}
        raise ValidationFailed(
            str(exc), [{**place, "code": "VALIDATION_ERROR", "message": str(exc)}]
        ) from None


def _shifted(data: dict[str, Any], years: int) -> dict[str, Any]:
    """The policy's dates moved by `years` (29 February becomes the 28th)."""
    for key in ("cycle_start", "cycle_end", "qualification_deadline", "payment_deadline"):
        day = date.fromisoformat(data[key])
        try:
            day = day.replace(year=day.year + years)
        except ValueError:
            day = day.replace(year=day.year + years, day=28)
        data[key] = day.isoformat()
    return data


@transaction.atomic(durable=True)
def copy_policy(*, actor: User, source_id: int, command: commands.CopyPolicy) -> SubsidyPolicy:
    """A county copies a policy (the shipped `jiyuan-2024` or another) as its own; dates
    move by `shift_years` so next year's cycle starts from this year's rules."""
    require(actor, POLICY, region=command.region)
    if regions.level_of(command.region) not in {"province", "city", "county"}:
        raise ValidationFailed(_("政策适用区划应为省、市或县级代码"))
    source = SubsidyPolicy.objects.filter(pk=source_id).first()
    if source is None or not (
        source.region_id == regions.NATION
        or regions.is_within(source.region_id, actor.region_id)
        or regions.is_within(actor.region_id, source.region_id)
    ):
        raise NotFound()
    code = command.code
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", code):
        raise ValidationFailed(_("政策编号只能包含小写字母、数字和连字符"))
    data = _shifted(copy.deepcopy(source.rules), command.shift_years)
    data["name"] = command.name
    data["code"] = code
    _check_rules(data, code)
    if SubsidyPolicy.objects.filter(code=code).exists():
        raise ValidationFailed(_("政策编号已存在：%(c)s") % {"c": code})
    policy = SubsidyPolicy.objects.create(
        code=code,
        name=command.name,
        region_id=command.region,
        rules=data,
        copied_from=source,
        version=1,
    )
    ledger.record(
        actor=actor,
        action="subsidy.policy_copied",
        obj=policy,
        region=command.region,
        summary={"code": code, "from": source.code, "shift_years": command.shift_years},
    )
    return policy


@transaction.atomic(durable=True)
def update_policy(*, actor: User, policy_id: int, command: commands.UpdatePolicy) -> SubsidyPolicy:
    """Edit a county's policy: the rules are checked as a whole and the version goes up, so
    calculations made before keep naming the version they used."""
    policy = SubsidyPolicy.objects.select_for_update().filter(pk=policy_id).first()
    shipped = policy is not None and policy.region_id == regions.NATION
    if policy is None or (shipped and not can(actor, EDIT_SHIPPED_POLICY)):
        raise NotFound()
    require(actor, POLICY, region=None if shipped else policy.region_id)
    data = {**copy.deepcopy(command.rules), "code": policy.code}
    if command.name:
        policy.name = data["name"] = command.name
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
    if not can(actor, APPLY, farm):  # the role may apply: what is left is whom it serves
        raise PermissionDenied(_("服务主体只能为其提供服务的养殖场户申请"))
    return farm


@transaction.atomic(durable=True)
def submit_qualification(*, actor: User, command: commands.SubmitQualification) -> Qualification:
    """资质申请 (seed 003 三(三)、四(一)): by the farm, or by the provider for a farm it serves,
    before the policy's deadline."""
    farm = _farm_for_applicant(actor, command.farm)
    subsidy_policy = _applicable_policy(command.policy, farm.region_id)
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
        note=command.note,
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


def _refuse_a_passed_stage(actor: User, item: Any, name: str) -> None:
    """A reviewer who sends back what has moved on to the other reviewer's stage (the other
    review won a race, or the page was old) is told the status changed (409), not that the
    role may never do it."""
    if name in {"return", "reject"} and can(actor, RETURN) and not can(actor, RETURN, item):
        raise InvalidTransition(item.status, name)


def _advance_qualification(
    actor: User,
    qualification_id: int,
    name: str,
    *,
    event: str,
    extra: dict[str, Any] | None = None,
    **fields: Any,
) -> Qualification:
    """Take the workflow action `name` on a qualification (refused as the workflow refuses)
    and write the ledger event for the step."""
    qualification = _qualification(actor, qualification_id)
    _refuse_a_passed_stage(actor, qualification, name)
    action = QUALIFICATIONS.require(actor, qualification, name)
    move(qualification, to=action.to, transitions=QUALIFICATIONS.transitions, **fields)
    ledger.record(
        actor=actor,
        action=event,
        obj=qualification,
        region=qualification.farm.region_id,
        summary={"farm": qualification.farm.code, **(extra or {})},
    )
    return qualification


@transaction.atomic(durable=True)
def resubmit_qualification(
    *, actor: User, qualification_id: int, command: commands.ResubmitQualification
) -> Qualification:
    """A returned application is completed and sent again (退回重新申报)."""
    fields = {"note": command.note} if command.note else {}
    return _advance_qualification(
        actor,
        qualification_id,
        "resubmit",
        event="subsidy.qualification_resubmitted",
        submitted_at=timezone.now(),
        **fields,
    )


@transaction.atomic(durable=True)
def preliminary_approve_qualification(*, actor: User, qualification_id: int) -> Qualification:
    """动物卫生监督机构初审 (seed 003 四(二))."""
    return _advance_qualification(
        actor,
        qualification_id,
        "preliminary-approve",
        event="subsidy.qualification_preliminary_approved",
        preliminary_by=actor,
        preliminary_at=timezone.now(),
    )


@transaction.atomic(durable=True)
def final_approve_qualification(*, actor: User, qualification_id: int) -> Qualification:
    """农业农村局防疫检疫科终审 (seed 003 四(二)); approved farms join the published list."""
    return _advance_qualification(
        actor,
        qualification_id,
        "approve",
        event="subsidy.qualification_approved",
        final_by=actor,
        final_at=timezone.now(),
    )


@transaction.atomic(durable=True)
def return_qualification(
    *, actor: User, qualification_id: int, command: commands.ReturnQualification
) -> Qualification:
    """Incomplete or untrue applications go back for resubmission, with the reason: the
    supervisor at the preliminary review, the bureau at the final review."""
    return _advance_qualification(
        actor,
        qualification_id,
        "return",
        event="subsidy.qualification_returned",
        extra={"reason": command.reason},
        return_reason=command.reason,
    )


# -------------------------------------------------------------------------- application


def _disqualified(farm: Any, policy: SubsidyPolicy) -> bool:
    return Disqualification.objects.filter(farm=farm, policy=policy).exists()


def _compute(farm: Any, subsidy_policy: SubsidyPolicy) -> dict[str, Any]:
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
    return {"counts": counts, "result": result, "flags": flags}


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


@transaction.atomic(durable=True)
def submit_application(*, actor: User, command: commands.SubmitApplication) -> SubsidyApplication:
    """补贴申请 (seed 003 四(三)(四)): the farm's qualification must be finally approved; the
    counts are read from the platform and the amount computed, each line with its basis.
    Paid to the farm, or to the provider that did the work when the provider applies."""
    farm = _farm_for_applicant(actor, command.farm)
    subsidy_policy = _applicable_policy(command.policy, farm.region_id)
    qualification = Qualification.objects.filter(farm=farm, policy=subsidy_policy).first()
    if qualification is None or qualification.status != QualificationStatus.APPROVED:
        raise _error("NOT_ELIGIBLE", _("该养殖场的资质申请尚未通过终审"))
    to_provider = command.payee == PayeeKind.PROVIDER
    if to_provider and not can(actor, BE_PAYEE):
        raise ValidationFailed(_("只有第三方服务主体申请时才能由其收款"))
    if SubsidyApplication.objects.filter(farm=farm, policy=subsidy_policy).exists():
        raise _error("ALREADY_SUBMITTED", _("该养殖场本年度已提交补贴申请"), status=409)
    year = subsidy_policy.as_policy().cycle_start.year
    application = SubsidyApplication(
        number=f"XDHB{year}-{next_number(f'subsidy:{year}'):06d}",
        farm=farm,
        policy=subsidy_policy,
        qualification=qualification,
        applicant=actor,
        payee_kind=command.payee,
        payee_provider=actor if to_provider else None,
        evidence=command.evidence,
        submitted_at=timezone.now(),
    )
    _apply_computation(application, _compute(farm, subsidy_policy))
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


def _record(actor: User, application: SubsidyApplication, event: str, **summary: Any) -> None:
    ledger.record(
        actor=actor,
        action=event,
        obj=application,
        region=application.farm.region_id,
        summary={"number": application.number, **summary},
    )


@transaction.atomic(durable=True)
def resubmit_application(
    *, actor: User, application_id: int, command: commands.ResubmitApplication
) -> SubsidyApplication:
    """A returned application is sent again; the counts are read and computed afresh."""
    application = _application(actor, application_id)
    action = APPLICATIONS.require(actor, application, "resubmit")
    _apply_computation(application, _compute(application.farm, application.policy))
    move(
        application,
        to=action.to,
        transitions=APPLICATIONS.transitions,
        evidence=command.evidence or application.evidence,
        counts=application.counts,
        flags=application.flags,
        lines=application.lines,
        reasons=application.reasons,
        entitled=application.entitled,
        policy_version=application.policy_version,
        policy_rules=application.policy_rules,
        submitted_at=timezone.now(),
    )
    _record(
        actor,
        application,
        "subsidy.application_resubmitted",
        entitled=application.entitled,
        policy_version=application.policy_version,
    )
    return application


@transaction.atomic(durable=True)
def preliminary_approve_application(
    *, actor: User, application_id: int, command: commands.Review
) -> SubsidyApplication:
    """初审 (seed 003 四(四)): an application with anomaly flags passes only with evidence
    (信息异常且无法提供有效佐证材料的按审核不通过处理)."""
    application = _application(actor, application_id)
    action = APPLICATIONS.require(actor, application, "preliminary-approve")
    flags = [flag["code"] for flag in application.flags]
    problem = rules.evidence_problem(application.flags, f"{application.evidence}{command.note}")
    if problem:
        raise _error(problem.code, problem.message, flags=flags)
    move(
        application,
        to=action.to,
        transitions=APPLICATIONS.transitions,
        preliminary_by=actor,
        review_note=command.note,
    )
    _record(
        actor,
        application,
        "subsidy.application_preliminary_approved",
        note=command.note,
        flags=flags,
    )
    return application


@transaction.atomic(durable=True)
def final_approve_application(
    *, actor: User, application_id: int, command: commands.Review
) -> SubsidyApplication:
    """终审 (seed 003 四(四)): the bureau confirms names, counts and amounts."""
    application = _application(actor, application_id)
    action = APPLICATIONS.require(actor, application, "approve")
    move(
        application,
        to=action.to,
        transitions=APPLICATIONS.transitions,
        final_by=actor,
        review_note=command.note or application.review_note,
    )
    _record(actor, application, "subsidy.application_approved", entitled=application.entitled)
    return application


@transaction.atomic(durable=True)
def return_application(
    *, actor: User, application_id: int, command: commands.SendBack
) -> SubsidyApplication:
    """退回重新申报: the supervisor at the preliminary review, the bureau at the final."""
    return _send_back(actor, application_id, "return", command.reason)


@transaction.atomic(durable=True)
def reject_application(
    *, actor: User, application_id: int, command: commands.SendBack
) -> SubsidyApplication:
    """审核不通过 (e.g. anomalies without evidence): the supervisor or the bureau at their
    own stage."""
    return _send_back(actor, application_id, "reject", command.reason)


def _send_back(actor: User, application_id: int, name: str, reason: str) -> SubsidyApplication:
    application = _application(actor, application_id)
    _refuse_a_passed_stage(actor, application, name)
    action = APPLICATIONS.require(actor, application, name)
    move(application, to=action.to, transitions=APPLICATIONS.transitions, return_reason=reason)
    _record(actor, application, f"subsidy.application_{action.to}", reason=reason)
    return application


@transaction.atomic(durable=True)
def disqualify_farm(*, actor: User, command: commands.Disqualify) -> Disqualification:
    """取消补助资格 (seed 003 五(五)): fraud, illegal vaccine, resale, refusing supervision,
    an outbreak from failed immunization."""
    farm = registry_queries.farm(actor, command.farm)
    require(actor, DISQUALIFY, region=farm.region_id)
    subsidy_policy = _applicable_policy(command.policy, farm.region_id)
    return steps.disqualify(actor=actor, farm=farm, policy=subsidy_policy, reason=command.reason)


# ---------------------------------------------------------------- publicity and payment


@transaction.atomic(durable=True)
def start_publicity(*, actor: User, command: commands.StartPublicity) -> Publicity:
    """终审通过并公开公示5个工作日 (seed 003 四(四)): the county's approved applications are
    listed with their amounts; the budget cap is applied here (DOMAIN.md §5, largest
    remainder, ties to the lower farm id) and the allocation fixed."""
    require(actor, PUBLICITY)
    county = regions.county_of(actor.region_id) or actor.region_id
    subsidy_policy = _applicable_policy(command.policy, county)
    rules_policy = subsidy_policy.as_policy()
    starts_on = command.starts_on or _today()
    if starts_on < _today():
        raise ValidationFailed(_("公示开始日期不能早于今天"))
    if Publicity.objects.filter(policy=subsidy_policy, region_id=county).exists():
        raise _error("ALREADY_SUBMITTED", _("本年度补助已经公示"), status=409)
    applications = list(
        SubsidyApplication.objects.visible_to(actor)
        .filter(
            within("farm__region_id", county),
            policy=subsidy_policy,
            status=ApplicationStatus.APPROVED,
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
    title = command.title or _("%(name)s补助资金公示") % {"name": subsidy_policy.name}
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
            transitions=APPLICATIONS.transitions,
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


@transaction.atomic(durable=True)
def record_objection(
    *, actor: User, application_id: int, command: commands.RecordObjection
) -> Objection:
    """An objection received while the publicity runs (by letter, phone or in person)."""
    application = _application(actor, application_id)
    require(actor, PUBLICITY, application)
    if (
        application.status != ApplicationStatus.IN_PUBLICITY
        or application.publicity is None
        or application.publicity.status != PublicityStatus.OPEN
    ):
        raise _error("PUBLICITY_NOT_OPEN", _("该申请不在公示期内"), status=409)
    objection = Objection.objects.create(
        publicity=application.publicity,
        application=application,
        raised_by=command.raised_by,
        contact=command.contact,
        text=command.text,
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


@transaction.atomic(durable=True)
def resolve_objection(
    *, actor: User, objection_id: int, command: commands.ResolveObjection
) -> Objection:
    """An upheld objection takes the application off the list (不予补助); its share is not
    given to others, so the total stays within the budget."""
    objection = Objection.objects.select_related("application__farm").get_visible(
        actor, id=objection_id
    )
    OBJECTIONS.require(actor, objection, "resolve")
    move(
        objection,
        to=ObjectionStatus.UPHELD if command.upheld else ObjectionStatus.DISMISSED,
        transitions=OBJECTIONS.transitions,
        resolution=command.resolution,
    )
    if command.upheld:
        move(
            objection.application,
            to=ApplicationStatus.REJECTED,
            transitions=APPLICATIONS.transitions,
            return_reason=command.resolution,
        )
    ledger.record(
        actor=actor,
        action="subsidy.objection_resolved",
        obj=objection,
        region=objection.application.farm.region_id,
        summary={
            "application": objection.application.number,
            "upheld": command.upheld,
            "resolution": command.resolution,
        },
    )
    return objection


@transaction.atomic(durable=True)
def close_publicity(*, actor: User, publicity_id: int) -> Publicity:
    """After 5 working days with every objection resolved, the listed applications may be
    paid (公示5个工作日无异议后)."""
    publicity = Publicity.objects.get_visible(actor, id=publicity_id)
    action = PUBLICITIES.require(actor, publicity, "close")
    if _today() <= publicity.ends_on:
        raise _error(
            "PUBLICITY_NOT_OVER",
            _("公示期至%(d)s结束，结束后才能关闭") % {"d": publicity.ends_on.isoformat()},
            status=409,
        )
    if publicity.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise _error("OBJECTION_OPEN", _("还有未处理的异议"), status=409)
    move(publicity, to=action.to, transitions=PUBLICITIES.transitions)
    listed = list(publicity.applications.filter(status=ApplicationStatus.IN_PUBLICITY))
    for application in listed:
        move(application, to=ApplicationStatus.PUBLICIZED, transitions=APPLICATIONS.transitions)
    ledger.record(
        actor=actor,
        action="subsidy.publicity_closed",
        obj=publicity,
        region=publicity.region_id,
        summary={"publicized": [app.number for app in listed]},
    )
    return publicity


def _payee_of(application: SubsidyApplication) -> tuple[str, bool]:
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


@transaction.atomic(durable=True)
def record_payment(*, actor: User, application_id: int, command: commands.RecordPayment) -> Payment:
    """拨付 (seed 003 四(四)): the allocated amount, to the farm or the provider, by 30 April;
    an individual through 一卡通. A payment after the deadline is recorded and marked late."""
    application = _application(actor, application_id)
    action = APPLICATIONS.require(actor, application, "payment")
    if command.paid_on > _today():
        raise ValidationFailed(_("拨付日期不能晚于今天"))
    name, individual = _payee_of(application)
    problem = rules.payment_method_problem(
        payee_is_individual=individual, account_kind=command.account_kind
    )
    if problem:
        raise _error(problem.code, problem.message)
    deadline = calc.Policy.from_dict(
        {**application.policy_rules, "code": application.policy.code}
    ).payment_deadline
    move(application, to=action.to, transitions=APPLICATIONS.transitions)
    payment = Payment.objects.create(
        application=application,
        amount=application.allocated,
        payee_kind=application.payee_kind,
        payee_name=name,
        account_kind=command.account_kind,
        account_no=command.account_no,
        paid_on=command.paid_on,
        reference=command.reference,
        late=rules.payment_is_late(command.paid_on, deadline),
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
            "account_kind": command.account_kind,
            "paid_on": command.paid_on,
            "late": payment.late,
        },
    )
    return payment
