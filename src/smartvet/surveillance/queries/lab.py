"""Sampling plans and lab results of the actor's scope; a result beside the farm's antibody
tests of the immunization app."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, QuerySet, Sum

from smartvet.core.access import require, within
from smartvet.core.models import User
from smartvet.immunization import queries as immunization_queries
from smartvet.surveillance.models import LabResult, SamplingPlan
from smartvet.surveillance.permissions import VIEW_LAB


def results_visible_to(actor: User, *, disease: str = "", region: str = "") -> QuerySet[LabResult]:
    require(actor, VIEW_LAB)
    results = LabResult.objects.visible_to(actor).select_related("farm", "plan")
    if disease:
        results = results.filter(disease=disease)
    if region:
        results = results.filter(within("farm__region_id", region))
    return results


def result_for(actor: User, result_id: int) -> LabResult:
    require(actor, VIEW_LAB)
    return LabResult.objects.select_related("farm", "plan").get_visible(actor, pk=result_id)


def antibody_tests_beside(result: LabResult) -> list[dict[str, Any]]:
    """The farm's antibody tests (immunization app) within 30 days of the sampling: the
    serology the CDC's result is read with. For a caller that authorised the result."""
    around = timedelta(days=30)
    return immunization_queries.antibody_results(
        result.farm, result.sampled_on - around, result.sampled_on + around
    )


def plans_visible_to(actor: User, *, year: int | None = None) -> list[SamplingPlan]:
    """The plan lines with the samples taken so far against each."""
    require(actor, VIEW_LAB)
    plans = SamplingPlan.objects.visible_to(actor).select_related("region")
    if year:
        plans = plans.filter(year=year)
    plans = plans.annotate(taken=Sum("results__samples"), records=Count("results"))
    return list(plans)
