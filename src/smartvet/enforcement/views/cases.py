"""Case pages: the enforcement desk (failed checks waiting for a case, cases by stage, overdue
first), the export, opening a case, and one case with its timeline, evidence and the actions
its workflow gives the reader."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from smartvet.core import ledger_labels
from smartvet.core.access import available_actions, can
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.forms import posted
from smartvet.core.models import Role
from smartvet.core.queries import ledger_events
from smartvet.core.spreadsheets import xlsx_response
from smartvet.enforcement.commands.cases import DecideCase, LinkRecord, OpenCase, OpenCaseFromCheck
from smartvet.enforcement.models import (
    CaseDecision,
    CaseKind,
    CaseSource,
    CaseStatus,
    RecordKind,
)
from smartvet.enforcement.permissions import OPEN_CASE
from smartvet.enforcement.queries import cases as queries
from smartvet.enforcement.services import cases as services


def _filters(request) -> dict:
    params = request.GET
    return {
        "status": params.get("status", "")[:20],
        "kind": params.get("kind", "")[:30],
        "q": params.get("q", "")[:50],
        "overdue": params.get("overdue") == "1",
    }


@login_required
def desk(request):
    """执法办案: what waits for a case, then the cases (overdue first)."""
    found = queries.cases_visible_to(request.user, **_filters(request))
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    waiting = (
        list(queries.checks_awaiting_case(request.user)[:20])
        if can(request.user, OPEN_CASE)
        else []
    )
    return render(
        request,
        "enforcement/desk.html",
        {
            "page": page,
            "params": request.GET,
            "counts": queries.counts_by_stage(request.user),
            "statuses": CaseStatus.choices,
            "kinds": CaseKind.choices,
            "waiting": [(check, queries.check_summary(check)) for check in waiting],
        },
    )


@login_required
def case_export(request):
    found = queries.cases_visible_to(request.user, **_filters(request))
    headers = [
        _("案件编号"),
        _("违法类型"),
        _("案件来源"),
        _("状态"),
        _("发现地"),
        _("涉案养殖场户"),
        _("检疫证明编号"),
        _("车牌号"),
        _("案情摘要"),
        _("本阶段期限"),
        _("处理决定"),
        _("罚款金额（元）"),
        _("立案时间"),
    ]
    rows = [
        [
            case.number,
            case.get_kind_display(),
            case.get_source_display(),
            case.get_status_display(),
            case.region.name,
            case.farm.name if case.farm else "",
            case.certificate_number,
            case.vehicle,
            case.summary,
            case.due_on.isoformat() if case.due_on else "",
            case.get_decision_display(),
            f"{case.amount:.2f}" if case.amount is not None else "",
            case.opened_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for case in found.iterator(chunk_size=500)
    ]
    return xlsx_response(_("执法案件") + ".xlsx", headers, rows, title=_("执法案件"))


@login_required
def case_new(request):
    """立案 by hand; the region defaults to the actor's own."""
    error = None
    if request.method == "POST":
        try:
            case = services.open_case(actor=request.user, command=parse(OpenCase, posted(request)))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已立案：%(n)s") % {"n": case.number})
            return redirect("enforcement:case-detail", case_id=case.pk)
    values = request.POST if request.method == "POST" else {"region": request.user.region_id}
    return render(
        request,
        "enforcement/case_form.html",
        {
            "error": error,
            "values": values,
            "kinds": CaseKind.choices,
            # A check's case is opened from the desk's list of failed checks.
            "sources": [c for c in CaseSource.choices if c[0] != CaseSource.CHECK],
        },
        status=error.status if error else 200,
    )


@login_required
def case_from_check(request):
    """立案 from a failed check on the desk (a POST from its button)."""
    if request.method != "POST":
        return redirect("enforcement:desk")
    try:
        command = parse(OpenCaseFromCheck, {"check": request.POST.get("check", "")})
        case = services.open_case_from_check(actor=request.user, command=command)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("enforcement:desk")
    messages.success(request, _("已立案：%(n)s") % {"n": case.number})
    return redirect("enforcement:case-detail", case_id=case.pk)


ROLE_LABELS = dict(Role.choices)


def _who(event) -> tuple[str, str]:
    """The person as the platform names people (their name, not their account), with what
    they were acting as: the role the ledger kept and their organisation, each unless the
    name says it already; an organisation's own account (a station's) is its name."""
    person = event.actor
    if person is None:
        return _("系统"), ""
    name = str(person)
    if person.organization == name:
        return name, ""
    parts = (str(ROLE_LABELS.get(event.role, "")), person.organization)
    return name, _("，").join(part for part in parts if part and part not in name)


def _timeline(request, case) -> list[dict]:
    events = ledger_events(
        actor=request.user, object_type="enforcement.case", object_id=str(case.pk)
    ).select_related("actor")
    rows = ledger_labels.describe_all(reversed(list(events[:200])), request.user)
    for row in rows:
        row["who"], row["acting_as"] = _who(row["event"])
    return rows


@login_required
def case_detail(request, case_id: int, error=None):
    case = queries.case(request.user, case_id)
    return render(
        request,
        "enforcement/case_detail.html",
        {
            "case": case,
            "actions": available_actions(request.user, case),
            "overdue": queries.is_overdue(case),
            "evidence": queries.evidence(case),
            "timeline": _timeline(request, case),
            "decisions": CaseDecision.choices,
            "record_kinds": RecordKind.choices,
            "error": error,
            "values": request.POST if error else {},
        },
        status=error.status if error else 200,
    )


def _act(request, case_id: int, name: str):
    if name == "investigate":
        return services.investigate(actor=request.user, case_id=case_id)
    if name == "close":
        return services.close(actor=request.user, case_id=case_id)
    if name == "decide":
        command = parse(
            DecideCase, {**posted(request), "amount": request.POST.get("amount") or None}
        )
        return services.decide(actor=request.user, case_id=case_id, command=command)
    if name == "link":
        command = parse(LinkRecord, posted(request))
        return services.link_record(actor=request.user, case_id=case_id, command=command)
    if name == "photos":
        uploads = [upload.read() for upload in request.FILES.getlist("photos")[:50]]
        return services.add_photos(
            actor=request.user, case_id=case_id, uploads=uploads, note=request.POST.get("note", "")
        )
    raise Http404()


DONE = {
    "investigate": _("已开始调查取证"),
    "close": _("已结案"),
    "decide": _("已作出处理决定"),
    "link": _("已关联证据记录"),
    "photos": _("已上传证据照片"),
}


@login_required
def case_action(request, case_id: int, name: str):
    if request.method != "POST":
        return redirect("enforcement:case-detail", case_id=case_id)
    try:
        _act(request, case_id, name)
    except DomainError as exc:
        return case_detail(request, case_id, error=exc)
    messages.success(request, str(DONE[name]))
    return redirect("enforcement:case-detail", case_id=case_id)


@login_required
def evidence_photo(request, case_id: int, evidence_id: int, size: str):
    case = queries.case(request.user, case_id)
    item = queries.evidence(case).filter(pk=evidence_id, kind="photo").first()
    if item is None or size not in {"full", "thumb"}:
        raise Http404()
    image = item.image if size == "full" else item.thumbnail
    return FileResponse(image.open("rb"), content_type="image/jpeg")
