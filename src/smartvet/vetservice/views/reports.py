"""Pages of the daily reports (日报告制度): the vaccinator's form on a phone, filled from the
day's records; the reports in reach; the station's list of who has not reported."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core.access import require
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.spreadsheets import xlsx_response
from smartvet.vetservice.models import ReportKind
from smartvet.vetservice.queries import reports as queries
from smartvet.vetservice.reports_commands import SendDailyReport
from smartvet.vetservice.reports_permissions import SEND_DAILY_REPORT
from smartvet.vetservice.services import reports as services

OWN_LINE_ROWS = 3


def _day(value: str | None) -> date:
    """The day a page asks for (?day=YYYY-MM-DD), today when missing or unreadable."""
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return timezone.localdate()


def _command(request) -> SendDailyReport:
    post = request.POST
    lines = [
        {"text": post.get(f"line_{n}", ""), "quantity": post.get(f"quantity_{n}") or None}
        for n in range(OWN_LINE_ROWS)
        if post.get(f"line_{n}", "").strip()
    ]
    return parse(
        SendDailyReport,
        {
            "day": post.get("day", ""),
            "zero": post.get("kind") == ReportKind.ZERO,
            "lines": lines,
            "notes": post.get("notes", ""),
        },
    )


@login_required
def report_form(request):
    require(request.user, SEND_DAILY_REPORT)
    day = _day(request.POST.get("day") or request.GET.get("day"))
    error = None
    if request.method == "POST":
        try:
            report = services.send_daily_report(actor=request.user, command=_command(request))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("日报已提交"))
            return redirect("vetservice:daily-report", report.pk)
    sent = queries.own_report(request.user, day)
    return render(
        request,
        "vetservice/daily_report_form.html",
        {
            "day": day,
            "today": timezone.localdate(),
            "records": queries.records_of_day(request.user, day),
            "sent": sent,
            "rows": [
                (n, request.POST.get(f"line_{n}", ""), request.POST.get(f"quantity_{n}", ""))
                for n in range(OWN_LINE_ROWS)
            ],
            "error": error,
            "post": request.POST,
        },
        status=422 if error else 200,
    )


def _filters(request) -> dict:
    get = request.GET
    return {
        "day": _day(get["day"]) if get.get("day") else None,
        "kind": get.get("kind", "")[:10],
        "q": get.get("q", "")[:100],
    }


@login_required
def report_list(request):
    reports = queries.reports_visible_to(request.user, **_filters(request))
    return render(
        request,
        "vetservice/daily_report_list.html",
        {
            "page": Paginator(reports, 20).get_page(request.GET.get("page")),
            "params": request.GET,
            "kinds": ReportKind.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
def report_detail(request, report_id: int):
    report = queries.report(request.user, report_id)
    return render(
        request,
        "vetservice/daily_report_detail.html",
        {"report": report, "lines": report.lines.select_related("farm")},
    )


@login_required
def missing(request):
    day = _day(request.GET.get("day"))
    items = queries.not_reported(request.user, day, region=request.GET.get("region", "")[:12])
    return render(
        request,
        "vetservice/daily_report_missing.html",
        {"day": day, "items": items, "params": request.GET},
    )


@login_required
def missing_export(request):
    day = _day(request.GET.get("day"))
    items = queries.not_reported(request.user, day, region=request.GET.get("region", "")[:12])
    headers = [_("日期"), _("防疫员"), _("所在地"), _("所属服务主体"), _("最近一次日报")]
    rows = [
        [
            day.isoformat(),
            str(item.entry.account),
            item.entry.account.region.name,
            item.entry.provider.name if item.entry.provider else "",
            item.last_report.isoformat() if item.last_report else _("从未报告"),
        ]
        for item in items
    ]
    title = _("未报告防疫员")
    return xlsx_response(f"{title}{day.isoformat()}.xlsx", headers, rows, title=title)


@login_required
def report_export(request):
    reports = queries.reports_visible_to(request.user, **_filters(request)).prefetch_related(
        "lines"
    )
    headers = [
        _("日期"),
        _("防疫员"),
        _("所在地"),
        _("类别"),
        _("工作内容"),
        _("情况说明"),
        _("提交时间"),
    ]
    rows = (
        [
            r.day.isoformat(),
            str(r.vaccinator),
            r.region.name,
            r.get_kind_display(),
            "；".join(line.text for line in r.lines.all()),
            r.notes,
            timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for r in reports.iterator(chunk_size=500)
    )
    title = _("防疫员日报")
    return xlsx_response(f"{title}.xlsx", headers, rows, title=title)
