"""Pages where the county registers providers ("1+N") and a station or provider keeps the
vaccinator roster: each form builds the service's command, so the page and the API refuse
the same input with the same Chinese messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from smartvet.core.access import require
from smartvet.core.errors import DomainError, NotFound
from smartvet.core.forms import posted
from smartvet.core.queries import accounts_who_may, regions_within
from smartvet.vetservice.commands import (
    EnrolVaccinator,
    RecordAssessment,
    RecordTraining,
    RegisterProvider,
)
from smartvet.vetservice.models import ProviderKind, VaccinatorKind
from smartvet.vetservice.permissions import (
    BE_ON_ROSTER,
    BE_PROVIDER,
    MANAGE_PROVIDERS,
    MANAGE_ROSTER,
)
from smartvet.vetservice.queries import roster as queries
from smartvet.vetservice.services import providers as services
from smartvet.vetservice.views.common import command_from

# A county has a few hundred villages: enough for one list of checkboxes.
VILLAGE_LIMIT = 1000
WEEKDAYS = (
    ("1", gettext_lazy("周一")),
    ("2", gettext_lazy("周二")),
    ("3", gettext_lazy("周三")),
    ("4", gettext_lazy("周四")),
    ("5", gettext_lazy("周五")),
    ("6", gettext_lazy("周六")),
    ("7", gettext_lazy("周日")),
)


def _provider(actor, provider_id: int):
    provider = queries.providers_visible_to(actor).filter(pk=provider_id).first()
    if provider is None:
        raise NotFound(_("服务主体不存在"))
    require(actor, MANAGE_PROVIDERS, provider)
    return provider


def _entry(actor, vaccinator_id: int):
    entry = queries.roster_visible_to(actor).filter(pk=vaccinator_id).first()
    if entry is None:
        raise NotFound(_("防疫员不存在"))
    require(actor, MANAGE_ROSTER, entry)
    return entry


def _villages(actor):
    return regions_within(actor=actor, level="village")[:VILLAGE_LIMIT]


def _form_values(request, **lists: list[str]):
    """What the user typed, to show again after a refusal (nothing is lost)."""
    values = {key: value for key, value in request.POST.items() if key not in lists}
    return {**values, **lists}


@login_required
def provider_form(request, provider_id: int | None = None):
    """Register a provider of a township, or edit one (the same service updates it)."""
    actor = request.user
    provider = _provider(actor, provider_id) if provider_id else None
    if provider is None:
        require(actor, MANAGE_PROVIDERS)
    error = None
    if request.method == "POST":
        villages = request.POST.getlist("villages")
        data = {k: v for k, v in posted(request).items() if k != "villages"}
        if provider is not None:
            data["account"] = provider.account.username
        try:
            saved = services.register_provider(
                actor=actor, command=command_from(RegisterProvider, data, villages=villages)
            )
        except DomainError as exc:
            error = exc
            values = _form_values(request, villages=villages)
        else:
            messages.success(request, _("服务主体已登记：%(name)s") % {"name": saved.name})
            return redirect("vetservice:catalogue")
    elif provider is not None:
        values = {
            "account": provider.account.username,
            "name": provider.name,
            "kind": provider.kind,
            "township": provider.township_id,
            "legal_representative": provider.legal_representative,
            "credit_code": provider.credit_code,
            "address": provider.address,
            "phone": provider.phone,
            "lead_from": provider.lead_from.isoformat() if provider.lead_from else "",
            "lead_until": provider.lead_until.isoformat() if provider.lead_until else "",
            "villages": [village.code for village in provider.villages.all()],
        }
    else:
        values = {"kind": ProviderKind.ORGANISATION, "villages": []}
    return render(
        request,
        "vetservice/provider_form.html",
        {
            "provider": provider,
            "values": values,
            "error": error,
            "accounts": accounts_who_may(BE_PROVIDER, region=actor.region_id).order_by("username"),
            "kinds": ProviderKind.choices,
            "townships": regions_within(actor=actor, level="township"),
            "villages": _villages(actor),
        },
        status=422 if error else 200,
    )


def _roster_values(entry) -> dict:
    return {
        "account": entry.account.username,
        "kind": entry.kind,
        "qualification_no": entry.qualification_no,
        "qualification_expires": entry.qualification_expires.isoformat(),
        "villages": [village.code for village in entry.villages.all()],
        "duty_days": list(entry.duty_days),
        "birth_year": entry.birth_year or "",
    }


def _render_vaccinator(request, entry, values, error=None, *, status=200):
    return render(
        request,
        "vetservice/vaccinator_form.html",
        {
            "entry": entry,
            "values": values,
            "error": error,
            "accounts": accounts_who_may(BE_ON_ROSTER, region=request.user.region_id).order_by(
                "username"
            ),
            "kinds": VaccinatorKind.choices,
            "villages": _villages(request.user),
            "weekdays": WEEKDAYS,
            "trainings": entry.trainings.all() if entry else (),
            "assessments": entry.assessments.all() if entry else (),
        },
        status=status,
    )


@login_required
def vaccinator_form(request, vaccinator_id: int | None = None):
    """Enrol a vaccinator on the roster or edit its entry; its trainings and scores below."""
    actor = request.user
    entry = _entry(actor, vaccinator_id) if vaccinator_id else None
    if entry is None:
        require(actor, MANAGE_ROSTER)
    if request.method != "POST":
        values = _roster_values(entry) if entry else {"villages": [], "duty_days": list("12345")}
        return _render_vaccinator(request, entry, values)
    villages = request.POST.getlist("villages")
    days = request.POST.getlist("duty_days")
    data = {k: v for k, v in posted(request).items() if k not in ("villages", "duty_days")}
    if entry is not None:
        data["account"] = entry.account.username
    try:
        saved = services.enrol_vaccinator(
            actor=actor,
            command=command_from(EnrolVaccinator, data, villages=villages, duty_days="".join(days)),
        )
    except DomainError as exc:
        values = _form_values(request, villages=villages, duty_days=days)
        return _render_vaccinator(request, entry, values, exc, status=422)
    messages.success(request, _("已登记到花名册：%(name)s") % {"name": saved.account})
    return redirect("vetservice:vaccinator", saved.pk)


# What a roster entry's page records beside the entry: the command and service of each.
RECORDS = {
    "training": (RecordTraining, services.record_training, gettext_lazy("培训已记录")),
    "assessment": (RecordAssessment, services.record_assessment, gettext_lazy("考核分数已记录")),
}


@login_required
@require_POST
def vaccinator_record(request, vaccinator_id: int, record: str):
    """Record a training or an assessment score of a roster entry."""
    entry = _entry(request.user, vaccinator_id)
    if record not in RECORDS:
        raise NotFound(_("页面不存在"))
    command_class, act, done = RECORDS[record]
    try:
        act(
            actor=request.user,
            vaccinator_id=entry.pk,
            command=command_from(command_class, posted(request)),
        )
    except DomainError as exc:
        values = {**_roster_values(entry), record: request.POST}
        return _render_vaccinator(request, entry, values, exc, status=422)
    messages.success(request, done)
    return redirect("vetservice:vaccinator", entry.pk)
