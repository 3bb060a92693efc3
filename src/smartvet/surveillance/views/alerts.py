"""Alert pages: the boards (the CDC's county board, the station's township board) with counts
by region and export, and one alert with its timeline, its trace and its actions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.queries import region_label
from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.surveillance.commands import CloseIn
from smartvet.surveillance.models import AlertStatus, Outcome, Severity
from smartvet.surveillance.queries import alerts as queries
from smartvet.surveillance.services import alerts as services
from smartvet.surveillance.views.common import render_page

ALERT_HEADERS = [
    gettext_noop("编号"),
    gettext_noop("规则"),
    gettext_noop("区域"),
    gettext_noop("级别"),
    gettext_noop("状态"),
    gettext_noop("摘要"),
    gettext_noop("发出时间"),
    gettext_noop("结论"),
]


def _filters(request) -> dict[str, str]:  # type: ignore[no-untyped-def]
    values = {key: request.GET.get(key, "")[:100] for key in ("status", "region", "severity", "q")}
    if values["status"] not in AlertStatus.values:
        values["status"] = ""
    if values["severity"] not in Severity.values:
        values["severity"] = ""
    return values


def _rows(alerts):  # type: ignore[no-untyped-def]
    for a in alerts.iterator(chunk_size=2000):
        yield [
            a.pk,
            a.rule.name,
            region_label(a.region_id),
            a.get_severity_display(),
            a.get_status_display(),
            a.summary,
            timezone.localtime(a.opened_at).strftime("%Y-%m-%d %H:%M"),
            a.get_outcome_display(),
        ]


@login_required
def board(request):
    filters = _filters(request)
    alerts = queries.alerts_visible_to(request.user, **filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            _("预警") + ".xlsx", header_labels(ALERT_HEADERS), _rows(alerts), title=_("预警")
        )
    page = Paginator(alerts, 20).get_page(request.GET.get("page"))
    by_region = [
        {**row, "label": region_label(row["region"])}
        for row in queries.counts_by_region(request.user, filters["region"])
    ]
    return render_page(
        request,
        "surveillance/alert_board.html",
        {
            "page": page,
            "params": filters,
            "statuses": AlertStatus.choices,
            "severities": Severity.choices,
            "by_region": by_region,
            "counts": queries.status_counts(request.user),
        },
    )


ENTRY_LABELS = {
    "opened": gettext_lazy("发出预警"),
    "updated": gettext_lazy("再次触发，已更新"),
    "acknowledged": gettext_lazy("确认收到"),
    "investigated": gettext_lazy("调查"),
    "closed": gettext_lazy("关闭"),
}


def _timeline(alert):  # type: ignore[no-untyped-def]
    entries = list(alert.entries.select_related("actor"))
    for entry in entries:
        entry.label = ENTRY_LABELS.get(entry.kind, "")
    return entries


def _detail(request, alert, error=None):  # type: ignore[no-untyped-def]
    trace = queries.trace(request.user, alert) if alert.status == AlertStatus.ACKNOWLEDGED else None
    return render_page(
        request,
        "surveillance/alert_detail.html",
        {
            "alert": alert,
            "place": region_label(alert.region_id),
            "timeline": _timeline(alert),
            "told": alert.notices.select_related("account").order_by("account__username"),
            "trace": trace,
            "outcomes": Outcome.choices,
        },
        error,
    )


@login_required
def detail(request, alert_id: int):
    return _detail(request, queries.alert_for(request.user, alert_id))


def _act(request, alert_id, act):  # type: ignore[no-untyped-def]
    try:
        act()
    except DomainError as exc:
        return _detail(request, queries.alert_for(request.user, alert_id), exc)
    return redirect("surveillance:alert", alert_id)


@login_required
@require_POST
def acknowledge(request, alert_id: int):
    return _act(
        request, alert_id, lambda: services.acknowledge(actor=request.user, alert_id=alert_id)
    )


@login_required
@require_POST
def investigate(request, alert_id: int):
    alert = queries.alert_for(request.user, alert_id)
    trace = queries.trace(request.user, alert)
    farms = trace["visits"] if trace else 0
    return _act(
        request,
        alert_id,
        lambda: services.record_investigation(actor=request.user, alert_id=alert_id, farms=farms),
    )


@login_required
@require_POST
def close(request, alert_id: int):
    data = {"outcome": request.POST.get("outcome", ""), "notes": request.POST.get("notes", "")}
    return _act(
        request,
        alert_id,
        lambda: services.close(actor=request.user, alert_id=alert_id, command=parse(CloseIn, data)),
    )
