"""The expert directory (with its export), an entry's form, pairings and their visits."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from smartvet.consult import queries
from smartvet.consult.commands import ExpertIn, PairingIn, VisitIn
from smartvet.consult.models import PairingKind, Species, Topic
from smartvet.consult.permissions import (
    DIRECTORY,
    EDIT_OWN_ENTRY,
    MANAGE_EXPERTS,
    PAIR,
    VIEW_PAIRINGS,
)
from smartvet.consult.services import experts as services
from smartvet.consult.views.common import filters, form_data, paged, render_page
from smartvet.core.access import can, require
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, NotFound
from smartvet.core.queries import account_who_may, region_label
from smartvet.core.spreadsheets import header_labels, xlsx_response

SPECIES, TOPICS = dict(Species.choices), dict(Topic.choices)

HEADERS = [
    gettext_noop("姓名"),
    gettext_noop("职称"),
    gettext_noop("工作单位"),
    gettext_noop("擅长畜种"),
    gettext_noop("专业领域"),
    gettext_noop("服务区域"),
    gettext_noop("接受咨询"),
    gettext_noop("服务时间"),
]


def _labels(codes, names) -> str:  # type: ignore[no-untyped-def]
    return "、".join(str(names.get(code, code)) for code in codes)


def _rows(entries):  # type: ignore[no-untyped-def]
    for e in entries:
        yield [
            str(e.account),
            e.title,
            e.employer,
            _labels(e.species, SPECIES),
            _labels(e.topics, TOPICS),
            "、".join(region_label(r.code) for r in e.regions.all()),
            _("是") if e.available else _("否"),
            e.availability,
        ]


@login_required
def directory(request):
    require(request.user, DIRECTORY)
    params = filters(request, "species", "topic", "region")
    entries = queries.directory(**params)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(_("专家库") + ".xlsx", header_labels(HEADERS), _rows(entries))
    for e in entries:
        e.species_text, e.topics_text = _labels(e.species, SPECIES), _labels(e.topics, TOPICS)
        e.regions_text = "、".join(region_label(r.code) for r in e.regions.all())
        e.editable = queries.may_edit(request.user, e)
    return render_page(
        request,
        "consult/directory.html",
        {**paged(request, entries, params), "species": Species.choices, "topics": Topic.choices},
    )


@login_required
def edit_entry(request):
    """An expert's own entry, or (for the county) the entry of the expert named in ?username."""
    username = request.GET.get("username", "")[:150] or request.user.username
    account = account_who_may(username, EDIT_OWN_ENTRY)
    if account is None:
        raise NotFound()
    entry = queries.entry_of(account)
    if account.pk == request.user.pk:
        require(request.user, EDIT_OWN_ENTRY)
    else:
        require(request.user, MANAGE_EXPERTS, region=account.region_id)
    error = None
    if request.method == "POST":
        data = form_data(request, lists=("species", "topics"))
        data["regions"] = data.get("regions", "").replace("，", ",").replace(" ", ",").split(",")
        data["regions"] = [code for code in data["regions"] if code]
        data["available"] = bool(request.POST.get("available"))
        data["username"] = username
        try:
            services.save_entry(actor=request.user, command=parse(ExpertIn, data))
        except DomainError as exc:
            error = exc
        else:
            return redirect("consult:experts")
    values = request.POST or {
        "title": getattr(entry, "title", ""),
        "employer": getattr(entry, "employer", "") or getattr(account, "organization", ""),
        "availability": getattr(entry, "availability", ""),
        "introduction": getattr(entry, "introduction", ""),
        "regions": " ".join(r.code for r in entry.regions.all()) if entry else "",
    }
    return render_page(
        request,
        "consult/entry_form.html",
        {
            "account": account,
            "values": values,
            "chosen_species": request.POST.getlist("species") or getattr(entry, "species", []),
            "chosen_topics": request.POST.getlist("topics") or getattr(entry, "topics", []),
            "available": entry.available if entry else True,
            "species": Species.choices,
            "topics": Topic.choices,
        },
        error,
    )


def _pairings_page(request, error=None):  # type: ignore[no-untyped-def]
    require(request.user, VIEW_PAIRINGS)
    rows = queries.pairings_visible_to(request.user)
    return render_page(
        request,
        "consult/pairings.html",
        {
            **paged(request, rows, {}),
            "kinds": PairingKind.choices,
            "may_pair": can(request.user, PAIR),
            "experts": queries.directory(region=request.user.region_id),
            "values": request.POST,
        },
        error,
    )


@login_required
def pairings(request):
    return _pairings_page(request)


@require_POST
@login_required
def create_pairing(request):
    try:
        services.create_pairing(
            actor=request.user, command=parse(PairingIn, form_data(request, optional=("farm",)))
        )
    except DomainError as exc:
        return _pairings_page(request, exc)
    return redirect("consult:pairings")


def _pairing_page(request, pairing_id: int, error=None):  # type: ignore[no-untyped-def]
    require(request.user, VIEW_PAIRINGS)
    pairing = queries.pairing(request.user, pairing_id)
    return render_page(
        request,
        "consult/pairing.html",
        {
            "pairing": pairing,
            "visits": pairing.visits.all(),
            "place": region_label(pairing.region_id),
            "may_visit": can(request.user, "consult.record_visit", pairing),
            "values": request.POST,
        },
        error,
    )


@login_required
def pairing(request, pairing_id: int):
    return _pairing_page(request, pairing_id)


@require_POST
@login_required
def record_visit(request, pairing_id: int):
    try:
        services.record_visit(
            actor=request.user, pairing_id=pairing_id, command=parse(VisitIn, form_data(request))
        )
    except DomainError as exc:
        return _pairing_page(request, pairing_id, exc)
    return redirect("consult:pairing", pairing_id)
