"""The CDC's work: sampling plans, samples taken and the lab's results (with its
accreditation). A result is evaluated by the alert rules as soon as it is committed: a
positive result for a notifiable disease alerts at once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import DomainError, Problem
from smartvet.core.models import Region, User
from smartvet.registry import queries as registry_queries
from smartvet.surveillance.commands import LabResultIn, ResultIn, SamplingPlanIn
from smartvet.surveillance.models import LabResult, SamplingPlan
from smartvet.surveillance.permissions import LAB


def _evaluate_on_commit(result: LabResult) -> None:
    from smartvet.surveillance.tasks import evaluate_result

    transaction.on_commit(lambda: evaluate_result.enqueue(result.pk), robust=True)


def _check_counts(samples: int, positive: int | None) -> None:
    if positive is not None and positive > samples:
        raise DomainError.from_problems(
            [Problem("VALIDATION_ERROR", _("阳性数不能大于样品数"), {"field": "positive"})]
        )


@transaction.atomic(durable=True)
def record_lab_result(*, actor: User, command: LabResultIn) -> LabResult:
    """A farm's samples for one disease: with the positives when the lab has them, else a
    sampling record waiting for its result."""
    farm = registry_queries.farm(actor, command.farm)
    require(actor, LAB, farm)
    _check_counts(command.samples, command.positive)
    if command.sampled_on > timezone.localdate():
        raise DomainError.from_problems(
            [Problem("VALIDATION_ERROR", _("采样日期不能晚于今天"), {"field": "sampled_on"})]
        )
    if command.positive is not None and not command.lab:
        raise DomainError.from_problems(
            [Problem("VALIDATION_ERROR", _("请填写检测机构"), {"field": "lab"})]
        )
    plan = None
    if command.plan is not None:
        plan = SamplingPlan.objects.get_visible(actor, pk=command.plan)
    result = LabResult.objects.create(
        plan=plan,
        farm=farm,
        disease=command.disease,
        kind=command.kind,
        sampled_on=command.sampled_on,
        samples=command.samples,
        positive=command.positive,
        lab=command.lab,
        accreditation=command.accreditation,
        entered_by=actor,
        result_at=timezone.now() if command.positive is not None else None,
    )
    ledger.record(
        actor=actor,
        action="labresult.recorded",
        obj=result,
        region=farm.region_id,
        summary={
            "disease": result.disease,
            "samples": result.samples,
            "positive": result.positive,
            "lab": result.lab,
        },
    )
    if result.positive is not None:
        _evaluate_on_commit(result)
    return result


@transaction.atomic(durable=True)
def enter_result(*, actor: User, result_id: int, command: ResultIn) -> LabResult:
    """The lab's result for a sample recorded before."""
    result = LabResult.objects.select_for_update(of=("self",)).get_visible(actor, pk=result_id)
    require(actor, LAB, result)
    if result.positive is not None:
        raise DomainError("ALREADY_REPORTED", _("该样品已录入检测结果"))
    _check_counts(result.samples, command.positive)
    result.positive = command.positive
    result.lab = command.lab
    result.accreditation = command.accreditation
    result.result_at = timezone.now()
    result.save(update_fields=["positive", "lab", "accreditation", "result_at"])
    ledger.record(
        actor=actor,
        action="labresult.entered",
        obj=result,
        region=result.farm.region_id,
        summary={"positive": result.positive, "lab": result.lab},
    )
    _evaluate_on_commit(result)
    return result


@transaction.atomic(durable=True)
def save_plan(*, actor: User, command: SamplingPlanIn) -> SamplingPlan:
    """One line of the sampling plan; saving the same line again changes its samples."""
    if not Region.objects.filter(code=command.region).exists():
        raise DomainError.from_problems(
            [Problem("REGION_UNKNOWN", _("没有这个区划"), {"field": "region"})]
        )
    require(actor, LAB, region=command.region)
    plan, _created = SamplingPlan.objects.update_or_create(
        disease=command.disease,
        species=command.species,
        region_id=command.region,
        year=command.year,
        season=command.season,
        defaults={"samples": command.samples, "created_by": actor},
    )
    ledger.record(
        actor=actor,
        action="samplingplan.saved",
        obj=plan,
        region=plan.region_id,
        summary=command.model_dump(),
    )
    return plan
