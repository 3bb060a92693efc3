"""Pages of the monthly meetings (月例会): the township's list and the station's notice;
one meeting with its minutes and attendance, recorded once held."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.spreadsheets import xlsx_response
from smartvet.vetservice.models import MeetingStatus
from smartvet.vetservice.queries import meetings as queries
from smartvet.vetservice.reports_commands import CallMeeting, RecordMeeting
from smartvet.vetservice.services import meetings as services


@login_required
def meeting_list(request):
    error = None
    if request.method == "POST":
        fields = ("held_on", "place", "topics")
        try:
            meeting = services.call_meeting(
                actor=request.user,
                command=parse(CallMeeting, {name: request.POST.get(name, "") for name in fields}),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已通知%(month)s月例会") % {"month": meeting.month})
            return redirect("vetservice:meeting", meeting.pk)
    get = request.GET
    meetings = queries.meetings_visible_to(
        request.user, month=get.get("month", "")[:7], status=get.get("status", "")[:10]
    )
    return render(
        request,
        "vetservice/meeting_list.html",
        {
            "page": Paginator(meetings, 20).get_page(get.get("page")),
            "params": get,
            "statuses": MeetingStatus.choices,
            "today": timezone.localdate(),
            "error": error,
            "post": request.POST,
        },
        status=422 if error else 200,
    )


@login_required
def meeting_detail(request, meeting_id: int, error=None, status=200):
    meeting = queries.meeting(request.user, meeting_id)
    return render(
        request,
        "vetservice/meeting_detail.html",
        {
            "meeting": meeting,
            "attendance": queries.attendance(meeting),
            "error": error,
            "post": request.POST if error else {},
        },
        status=status,
    )


def _record_command(request, meeting_id: int) -> RecordMeeting:
    meeting = queries.meeting(request.user, meeting_id)
    post = request.POST
    attendance = [
        {
            "attendee": row.attendee_id,
            "present": post.get(f"present_{row.attendee_id}") == "1",
            "absence_reason": post.get(f"reason_{row.attendee_id}", ""),
        }
        for row in queries.attendance(meeting)
    ]
    return parse(
        RecordMeeting,
        {
            "chair": post.get("chair", ""),
            "minutes": post.get("minutes", ""),
            "attendance": attendance,
        },
    )


@login_required
@require_POST
def record(request, meeting_id: int):
    try:
        services.record_meeting(
            actor=request.user, meeting_id=meeting_id, command=_record_command(request, meeting_id)
        )
    except DomainError as exc:
        return meeting_detail(request, meeting_id, error=exc, status=422)
    messages.success(request, _("会议纪要已录入"))
    return redirect("vetservice:meeting", meeting_id)


@login_required
def meeting_export(request):
    get = request.GET
    meetings = queries.meetings_visible_to(
        request.user, month=get.get("month", "")[:7], status=get.get("status", "")[:10]
    )
    headers = [
        _("月份"),
        _("乡镇"),
        _("会议日期"),
        _("地点"),
        _("应到"),
        _("实到"),
        _("状态"),
        _("会议纪要"),
    ]
    rows = (
        [
            m.month,
            m.region.name,
            m.held_on.isoformat(),
            m.place,
            m.invited,
            m.present if m.status == MeetingStatus.HELD else "",
            m.get_status_display(),
            m.minutes,
        ]
        for m in meetings
    )
    title = _("月例会")
    return xlsx_response(f"{title}.xlsx", headers, rows, title=title)
