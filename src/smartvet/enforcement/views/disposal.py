"""Disposal and claim pages: the phone form of a disposal (with photos), the list with search
and export, a disposal's page with its claim and the actions available_actions gives, the
claims list and the insurer's export."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core.access import can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.forms import posted
from smartvet.core.species import CATEGORY_LABELS
from smartvet.core.spreadsheets import xlsx_response
from smartvet.enforcement.commands.disposal import DecideClaim, FileClaim, RecordDisposal
from smartvet.enforcement.forms import DisposalForm
from smartvet.enforcement.models import ClaimStatus
from smartvet.enforcement.permissions import FILE_CLAIM, RECORD_DISPOSAL
from smartvet.enforcement.queries import disposal as queries
from smartvet.enforcement.services import claims, disposal
from smartvet.surveillance.models import DisposalMethod
from smartvet.surveillance.permissions import VIEW_REPORTS
from smartvet.surveillance.queries import reports as surveillance_reports

RECENT_REPORTS = 50


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _death_reports(user) -> list:
    if not can(user, VIEW_REPORTS):
        return []
    reports = surveillance_reports.reports_visible_to(user, kind="death")
    return list(reports.filter(farm__isnull=False)[:RECENT_REPORTS])


def _initial(request, reports: list) -> dict:
    """A link from a death report (?report=<id>) fills the form from it."""
    chosen = next((r for r in reports if str(r.pk) == request.GET.get("report")), None)
    if chosen is None:
        return {}
    return {
        "report": chosen.pk,
        "farm": chosen.farm.code,
        "category": chosen.category,
        "animals": chosen.dead,
        "method": chosen.disposal_method,
        "place": chosen.disposal_place,
        "collector": chosen.disposal_by,
    }


@login_required
def disposal_new(request):
    if not can(request.user, RECORD_DISPOSAL):
        raise PermissionDenied()
    reports = _death_reports(request.user)
    form = DisposalForm(
        request.POST or None,
        user=request.user,
        reports=reports,
        initial=_initial(request, reports),
    )
    error = None
    if request.method == "POST" and form.is_valid():
        uploads = [f.read() for f in request.FILES.getlist("photos")]
        try:
            command = parse(RecordDisposal, form.cleaned_data)
            done = disposal.record_disposal(
                actor=request.user, command=command, photo_files=uploads
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已登记无害化处理"))
            return redirect("enforcement:disposal-detail", disposal_id=done.pk)
    return render(
        request,
        "enforcement/disposal_form.html",
        {"form": form, "error": error},
        status=error.status if error else 200,
    )


def _filtered(request):
    params = request.GET
    return queries.disposals_visible_to(
        request.user,
        q=params.get("q", "")[:50],
        region=params.get("region", "")[:12],
        method=params.get("method", "")[:20],
        start=_day(params.get("start", "")),
        end=_day(params.get("end", "")),
    )


@login_required
def disposal_list(request):
    page = Paginator(_filtered(request), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/disposal_list.html",
        {"page": page, "params": request.GET, "methods": DisposalMethod.choices},
    )


@login_required
def disposal_export(request):
    headers = [
        _("处理日期"),
        _("养殖场户"),
        _("养殖场户编码"),
        _("品种类别"),
        _("处理数量（头/只）"),
        _("处理方式"),
        _("处理地点"),
        _("收集人"),
        _("监督处理人"),
        _("死亡报告"),
        _("保险理赔"),
    ]
    rows = (
        [
            item.date.isoformat(),
            item.farm.name,
            item.farm.code,
            str(CATEGORY_LABELS[item.category]),
            item.animals,
            item.get_method_display(),
            item.place,
            item.collector,
            str(item.recorded_by),
            item.report_id or "",
            item.claim.get_status_display() if hasattr(item, "claim") else "",
        ]
        for item in _filtered(request)
    )
    return xlsx_response(_("无害化处理记录.xlsx"), headers, rows, title=_("无害化处理"))


@login_required
def disposal_detail(request, disposal_id: int):
    item = queries.disposal(request.user, disposal_id)
    claim = getattr(item, "claim", None)
    error = None
    if request.method == "POST":
        try:
            claims.file_claim(
                actor=request.user, disposal_id=item.pk, command=parse(FileClaim, posted(request))
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已申报保险理赔"))
            return redirect("enforcement:disposal-detail", disposal_id=item.pk)
    return render(
        request,
        "enforcement/disposal_detail.html",
        {
            "item": item,
            "claim": claim,
            "may_claim": claim is None and can(request.user, FILE_CLAIM, item),
            "error": error,
            "values": request.POST,
        },
        status=error.status if error else 200,
    )


@login_required
def disposal_photo(request, disposal_id: int, photo_id: int, size: str):
    item = queries.disposal(request.user, disposal_id)
    photo = item.photos.filter(pk=photo_id).first()
    if photo is None or size not in {"full", "thumb"}:
        raise Http404()
    image = photo.image if size == "full" else photo.thumbnail
    return FileResponse(image.open("rb"), content_type="image/jpeg")


def _claims(request):
    return queries.claims_visible_to(
        request.user,
        q=request.GET.get("q", "")[:50],
        status=request.GET.get("status", "")[:20],
        region=request.GET.get("region", "")[:12],
    )


@login_required
def claim_list(request):
    page = Paginator(_claims(request), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/claim_list.html",
        {"page": page, "params": request.GET, "statuses": ClaimStatus.choices},
    )


@login_required
def claim_export(request):
    """The insurer's workbook: one row per claim with the disposal's evidence summary."""
    rows = queries.claim_rows(_claims(request))
    return xlsx_response(
        _("保险理赔.xlsx"), queries.claim_headers(), rows, title=_("保险理赔"), text_columns=(0, 3)
    )


@login_required
@require_POST
def claim_action(request, claim_id: int, name: str):
    if name not in {"accept", "refuse", "pay"}:
        raise Http404()
    claim = queries.claim(request.user, claim_id)
    try:
        # an empty date box means "today" (the service's default), not a malformed date
        filled = {key: value for key, value in posted(request).items() if value != ""}
        command = parse(DecideClaim, filled)
        claims.decide_claim(actor=request.user, claim_id=claim.pk, action=name, command=command)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("理赔状态已更新"))
    return redirect("enforcement:disposal-detail", disposal_id=claim.disposal_id)
