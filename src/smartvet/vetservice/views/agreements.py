"""Agreement pages: the provider drafts, the farmer confirms on a phone, either side ends."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core.access import available_actions, require
from smartvet.core.errors import DomainError
from smartvet.core.forms import posted
from smartvet.registry import queries as registry_queries
from smartvet.vetservice.commands import ProposeAgreement
from smartvet.vetservice.models import AgreementStatus
from smartvet.vetservice.permissions import VIEW_SERVICES
from smartvet.vetservice.queries import catalogue as catalogue_queries
from smartvet.vetservice.queries import orders as queries
from smartvet.vetservice.queries import roster as roster_queries
from smartvet.vetservice.services import agreements as services
from smartvet.vetservice.views.common import command_from, page_of, text_param


@login_required
def agreement_list(request):
    require(request.user, VIEW_SERVICES)
    agreements = queries.agreements_visible_to(
        request.user, status=text_param(request, "status", 20), q=text_param(request, "q")
    )
    return render(
        request,
        "vetservice/agreement_list.html",
        {
            "page": page_of(request, agreements),
            "params": request.GET,
            "statuses": AgreementStatus.choices,
        },
    )


@login_required
def agreement_detail(request, agreement_id: int, error=None):
    require(request.user, VIEW_SERVICES)
    agreement = queries.agreement(request.user, agreement_id)
    return render(
        request,
        "vetservice/agreement_detail.html",
        {
            "agreement": agreement,
            "actions": available_actions(request.user, agreement),
            "error": error,
        },
        status=422 if error else 200,
    )


@login_required
def agreement_create(request):
    error = None
    if request.method == "POST":
        lists = ("services", "vaccinators")
        data = {k: v for k, v in posted(request).items() if k not in lists}
        try:
            agreement = services.propose_agreement(
                actor=request.user,
                command=command_from(
                    ProposeAgreement,
                    data,
                    services=request.POST.getlist("services"),
                    vaccinators=request.POST.getlist("vaccinators"),
                ),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(
                request, _("协议已起草，待养殖户确认：%(n)s") % {"n": agreement.number}
            )
            return redirect("vetservice:agreement", agreement.pk)
    today = timezone.localdate()
    own = roster_queries.provider_of_account(request.user)
    return render(
        request,
        "vetservice/agreement_form.html",
        {
            "error": error,
            "farms": registry_queries.farms_visible_to(request.user)[:100],
            "catalogue": catalogue_queries.catalogue(request.user),
            "providers": [own] if own else roster_queries.providers_visible_to(request.user),
            "roster": roster_queries.roster_visible_to(request.user, expired=False)[:100],
            "starts_on": today,
            "ends_on": today.replace(year=today.year + 1),
        },
    )


@login_required
@require_POST
def agreement_action(request, agreement_id: int, action: str):
    act = {"confirm": services.confirm_agreement, "end": services.end_agreement}.get(action)
    if act is None:
        return agreement_detail(request, agreement_id)
    try:
        act(actor=request.user, agreement_id=agreement_id)
    except DomainError as exc:
        return agreement_detail(request, agreement_id, error=exc)
    messages.success(request, _("协议已生效") if action == "confirm" else _("协议已终止"))
    return redirect("vetservice:agreement", agreement_id)
