"""Outbreak events: the list with the reporting clocks and overdue flags, one event with its
outbreaks and reports, the WOAH-shaped JSON and the xlsx export."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.queries import region_label
from smartvet.core.species import SPECIES_LABELS
from smartvet.core.spreadsheets import header_labels, xlsx_response
from smartvet.surveillance.commands import OutbreakReportIn
from smartvet.surveillance.models import OutbreakReport
from smartvet.surveillance.queries import outbreaks as queries
from smartvet.surveillance.services import outbreaks as services
from smartvet.surveillance.views.common import render_page


@login_required
def event_list(request):
    events = [
        {"event": e, "clocks": queries.clocks(e), "place": region_label(e.region_id)}
        for e in queries.events_visible_to(request.user)[:100]
    ]
    return render_page(request, "surveillance/outbreaks.html", {"events": events})


def _detail(request, event, error=None):  # type: ignore[no-untyped-def]
    return render_page(
        request,
        "surveillance/outbreak_detail.html",
        {
            "event": event,
            "clocks": queries.clocks(event),
            "woah": queries.woah_event(event)["event"],
            "reports": event.reports.all(),
            "kinds": OutbreakReport.Kind.choices,
            "species": SPECIES_LABELS,
        },
        error,
    )


@login_required
def event_detail(request, event_id: int):
    return _detail(request, queries.event_for(request.user, event_id))


@login_required
@require_POST
def event_action(request, event_id: int, action: str):
    event = queries.event_for(request.user, event_id)
    try:
        if action == "province":
            services.report_to_province(actor=request.user, event_id=event.pk)
        elif action == "ministry":
            services.report_to_ministry(actor=request.user, event_id=event.pk)
        else:
            command = parse(OutbreakReportIn, {"kind": request.POST.get("kind", "")})
            services.submit_event_report(actor=request.user, event_id=event.pk, command=command)
    except DomainError as exc:
        return _detail(request, queries.event_for(request.user, event_id), exc)
    return redirect("surveillance:outbreak", event.pk)


EXPORT_HEADERS = [
    gettext_noop("事件编号"),
    gettext_noop("病种"),
    gettext_noop("疫点"),
    gettext_noop("开始日期"),
    gettext_noop("动物种类"),
    gettext_noop("易感数"),
    gettext_noop("发病数"),
    gettext_noop("死亡数"),
    gettext_noop("扑杀销毁数"),
    gettext_noop("屠宰数"),
]


@login_required
def event_export(request, event_id: int, fmt: str):
    event = queries.event_for(request.user, event_id)
    content = queries.woah_event(event)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(content, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{event.number}.json"'
        return response
    rows = [
        [
            event.number,
            event.get_disease_display(),
            region_label(o["location"]),
            o["start_date"],
            str(SPECIES_LABELS.get(s["species"], s["species"])),
            s["susceptible"],
            s["cases"],
            s["deaths"],
            s["killed_and_disposed"],
            s["slaughtered"],
        ]
        for o in content["event"]["outbreaks"]
        for s in o["species"]
    ]
    return xlsx_response(
        f"{event.number}.xlsx", header_labels(EXPORT_HEADERS), rows, title=_("疫情事件")
    )
