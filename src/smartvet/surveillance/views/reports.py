"""Report pages: the phone form (sickness, death, suspected outbreak; photos), the list with
export, one report with its photos, and zero reporting."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from smartvet.core import offline
from smartvet.core.access import can, require
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.navigation import page_links_for
from smartvet.core.queries import region_label
from smartvet.core.species import CATEGORY_LABELS
from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.registry import queries as registry_queries
from smartvet.surveillance.commands import ReportIn
from smartvet.surveillance.models import Disease, DisposalMethod, ReportKind, ReportPhoto
from smartvet.surveillance.permissions import (
    ADD_PHOTOS,
    FOLLOW_ZERO_REPORTS,
    REPORT,
    ZERO_PAGE,
    ZERO_REPORT,
)
from smartvet.surveillance.queries import reports as queries
from smartvet.surveillance.services import reports as services
from smartvet.surveillance.views.common import form_data, render_page

FIELD_KINDS = [k for k in ReportKind.choices if k[0] != ReportKind.ZERO]
NUMBERS = ("at_risk", "sick", "dead")


def _farms(user):  # type: ignore[no-untyped-def]
    """The farms a reporter picks from: a vaccinator its served farms, others their reach."""
    served = not can(user, "surveillance.report_in_reach")
    return registry_queries.farms_visible_to(user, served_only=served).order_by("name")[:200]


@login_required
@offline.entry(replay="surveillance:report-list")
def report_form(request):
    """The phone form: it may be filled with no network (the offline queue sends it later);
    photos are added on the report's page once it is in."""
    require(request.user, REPORT)
    error = None
    if request.method == "POST":
        data = form_data(request, numbers=NUMBERS, optional=("farm", "onset_date"))
        try:
            report = services.submit_report(actor=request.user, command=parse(ReportIn, data))
        except DomainError as exc:
            error = exc
        else:
            return redirect("surveillance:report", report.pk)
    return render_page(
        request,
        "surveillance/report_form.html",
        {
            "farms": _farms(request.user),
            "kinds": FIELD_KINDS,
            "categories": CATEGORY_LABELS.items(),
            "diseases": Disease.choices,
            "disposals": DisposalMethod.choices,
            "values": request.POST or {"farm": request.GET.get("farm", ""), "kind": "death"},
            "today": timezone.localdate(),
        },
        error,
    )


def _filters(request) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {key: request.GET.get(key, "")[:100] for key in ("kind", "region", "q")}


REPORT_HEADERS = [
    gettext_noop("编号"),
    gettext_noop("报告类型"),
    gettext_noop("村或乡镇"),
    gettext_noop("养殖场户"),
    gettext_noop("品种类别"),
    gettext_noop("存栏（易感）数"),
    gettext_noop("发病数"),
    gettext_noop("死亡数"),
    gettext_noop("发病日期"),
    gettext_noop("疑似病种"),
    gettext_noop("无害化处理方式"),
    gettext_noop("报告人"),
    gettext_noop("报告时间"),
]


def _rows(reports):  # type: ignore[no-untyped-def]
    for r in reports.iterator(chunk_size=2000):
        yield [
            r.pk,
            r.get_kind_display(),
            region_label(r.region_id),
            r.farm.name if r.farm_id else "",
            str(CATEGORY_LABELS.get(r.category, "")),
            r.at_risk,
            r.sick,
            r.dead,
            r.onset_date.isoformat(),
            r.get_disease_display(),
            r.get_disposal_method_display(),
            str(r.reported_by),
            timezone.localtime(r.reported_at).strftime("%Y-%m-%d %H:%M"),
        ]


@login_required
def report_list(request):
    filters = _filters(request)
    reports = queries.reports_visible_to(request.user, **filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            _("疫情报告") + ".xlsx",
            header_labels(REPORT_HEADERS),
            _rows(reports),
            title=_("疫情报告"),
        )
    page = Paginator(reports, 20).get_page(request.GET.get("page"))
    return render_page(
        request,
        "surveillance/report_list.html",
        {
            "page": page,
            "params": filters,
            "kinds": ReportKind.choices,
            "categories": CATEGORY_LABELS,
        },
    )


def _report_page(request, report, error=None):  # type: ignore[no-untyped-def]
    return render_page(
        request,
        "surveillance/report_detail.html",
        {
            "report": report,
            "categories": CATEGORY_LABELS,
            "place": region_label(report.region_id),
            "adds_photos": can(request.user, ADD_PHOTOS, report),
            "links": page_links_for(request.user, report),
        },
        error,
    )


@login_required
def report_detail(request, report_id: int):
    return _report_page(request, queries.report_for(request.user, report_id))


@login_required
@require_POST
def report_photos(request, report_id: int):
    uploads = [f.read() for f in request.FILES.getlist("photos")[:50]]
    try:
        services.add_photos(actor=request.user, report_id=report_id, photo_files=uploads)
    except DomainError as exc:
        return _report_page(request, queries.report_for(request.user, report_id), exc)
    return redirect("surveillance:report", report_id)


@login_required
def photo(request, photo_id: int, size: str):
    """A photo of a report the user may see (never a public media URL)."""
    row = get_object_or_404(ReportPhoto, pk=photo_id)
    queries.report_for(request.user, row.report_id)
    image = row.thumbnail if size == "thumb" else row.image
    return FileResponse(image.open("rb"), content_type="image/jpeg")


def _zero_page(request, error=None):  # type: ignore[no-untyped-def]
    region = request.GET.get("region", "")[:12]
    user = request.user
    require(user, ZERO_PAGE)
    board = queries.zero_board(user, region=region) if can(user, FOLLOW_ZERO_REPORTS) else None
    mine = queries.villages_to_report(user) if can(user, ZERO_REPORT) else None
    return render_page(
        request,
        "surveillance/zero.html",
        {"board": board, "mine": mine, "region": region, "states": STATES},
        error,
    )


STATES = {"zero": _lazy("已零报告"), "cases": _lazy("已报告疫情"), "missing": _lazy("缺报")}


@login_required
@offline.keep
def zero_reports(request):
    """The reporter's villages to report on; the board of who reported and who is missing."""
    return _zero_page(request)


@login_required
@require_POST
@offline.entry(replay="surveillance:zero")
def zero_report(request):
    data = {"kind": "zero", "region": request.POST.get("region", "")[:12]}
    try:
        services.submit_report(actor=request.user, command=parse(ReportIn, data))
    except DomainError as exc:
        return _zero_page(request, exc)
    return redirect("surveillance:zero")
