"""The CDC's pages: the sampling plan with samples taken against it, the results with the
lab and its accreditation, a new result, and a result beside the farm's antibody tests."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from smartvet.core.access import can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.species import SPECIES_LABELS
from smartvet.immunization.models import Accreditation
from smartvet.registry import queries as registry_queries
from smartvet.surveillance.commands import LabResultIn, ResultIn, SamplingPlanIn
from smartvet.surveillance.models import Disease, LabResult, Season
from smartvet.surveillance.permissions import LAB
from smartvet.surveillance.queries import lab as queries
from smartvet.surveillance.services import lab as services
from smartvet.surveillance.views.common import form_data, render_page


def _page(request, error=None):  # type: ignore[no-untyped-def]
    disease = request.GET.get("disease", "")[:20]
    results = queries.results_visible_to(request.user, disease=disease)
    return render_page(
        request,
        "surveillance/lab.html",
        {
            "page": Paginator(results, 20).get_page(request.GET.get("page")),
            "plans": queries.plans_visible_to(request.user, year=timezone.localdate().year),
            "diseases": Disease.choices,
            "kinds": LabResult.Kind.choices,
            "accreditations": Accreditation.choices,
            "seasons": Season.choices,
            "species": SPECIES_LABELS.items(),
            "farms": registry_queries.farms_visible_to(request.user).order_by("name")[:200]
            if can(request.user, LAB)
            else [],
            "values": request.POST or {},
            "disease": disease,
            "year": timezone.localdate().year,
            "today": timezone.localdate(),
        },
        error,
    )


@login_required
def lab_page(request):
    return _page(request)


@login_required
@require_POST
def new_result(request):
    data = form_data(request, optional=("positive", "plan"))
    try:
        services.record_lab_result(actor=request.user, command=parse(LabResultIn, data))
    except DomainError as exc:
        return _page(request, exc)
    return redirect("surveillance:lab")


@login_required
@require_POST
def new_plan(request):
    try:
        services.save_plan(actor=request.user, command=parse(SamplingPlanIn, form_data(request)))
    except DomainError as exc:
        return _page(request, exc)
    return redirect("surveillance:lab")


@login_required
def result_detail(request, result_id: int):
    result = queries.result_for(request.user, result_id)
    error = None
    if request.method == "POST":
        try:
            services.enter_result(
                actor=request.user, result_id=result.pk, command=parse(ResultIn, form_data(request))
            )
        except DomainError as exc:
            error = exc
        else:
            return redirect("surveillance:result", result.pk)
    return render_page(
        request,
        "surveillance/result.html",
        {
            "result": result,
            "antibody_tests": queries.antibody_tests_beside(result),
            "accreditations": Accreditation.choices,
        },
        error,
    )
