"""月例会: the station calls its township's monthly meeting (the roster's vaccinators are
invited) and records it once held: the minutes and who attended."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import DomainError
from smartvet.core.models import User
from smartvet.core.workflow import move
from smartvet.vetservice import meetings_rules
from smartvet.vetservice.models import MeetingAttendance, MeetingStatus, MonthlyMeeting
from smartvet.vetservice.queries import meetings as queries
from smartvet.vetservice.reports_commands import CallMeeting, RecordMeeting
from smartvet.vetservice.reports_permissions import CALL_MEETING, MEETING_WORKFLOW


@transaction.atomic(durable=True)
def call_meeting(*, actor: User, command: CallMeeting) -> MonthlyMeeting:
    """召开通知: one monthly meeting per township and month, in the station's township."""
    require(actor, CALL_MEETING, region=actor.region_id)
    month = meetings_rules.month_of(command.held_on)
    if MonthlyMeeting.objects.filter(region_id=actor.region_id, month=month).exists():
        raise DomainError(
            "MEETING_EXISTS", _("本乡镇%(month)s的月例会已通知") % {"month": month}, status=409
        )
    try:
        with transaction.atomic():
            meeting = MonthlyMeeting.objects.create(
                region_id=actor.region_id,
                month=month,
                held_on=command.held_on,
                place=command.place,
                topics=command.topics,
                called_by=actor,
            )
    except IntegrityError:  # the same month called at the same moment by someone else
        raise DomainError("MEETING_EXISTS", _("本乡镇该月的月例会已通知"), status=409) from None
    invited = list(queries.invitees(actor.region_id))
    MeetingAttendance.objects.bulk_create(
        [MeetingAttendance(meeting=meeting, attendee=account) for account in invited]
    )
    ledger.record(
        actor=actor,
        action="vetservice.meeting_called",
        obj=meeting,
        region=actor.region_id,
        summary={"month": month, "held_on": command.held_on, "invited": len(invited)},
    )
    return meeting


@transaction.atomic(durable=True)
def record_meeting(*, actor: User, meeting_id: int, command: RecordMeeting) -> MonthlyMeeting:
    """会议纪要: the minutes and the attendance of a meeting held (not before its day)."""
    meeting = queries.meeting(actor, meeting_id)
    meeting = MonthlyMeeting.objects.select_for_update().get(pk=meeting.pk)
    MEETING_WORKFLOW.require(actor, meeting, "record")
    if meeting.held_on > timezone.localdate():
        message = _("会议尚未召开：%(day)s后才能录入纪要") % {"day": meeting.held_on}
        raise DomainError("MEETING_NOT_HELD_YET", message)
    rows = {row.attendee_id: row for row in meeting.attendance.all()}
    if any(line.attendee not in rows for line in command.attendance):
        message = _("出席名单中有未受邀的人员")
        detail = {"field": "attendance", "code": "ATTENDEE_NOT_INVITED", "message": message}
        raise DomainError("ATTENDEE_NOT_INVITED", message, [detail])
    for line in command.attendance:
        row = rows[line.attendee]
        row.present, row.absence_reason = line.present, "" if line.present else line.absence_reason
    MeetingAttendance.objects.bulk_update(rows.values(), ["present", "absence_reason"])
    move(
        meeting,
        to=MeetingStatus.HELD,
        transitions=meetings_rules.MEETING_TRANSITIONS,
        chair=command.chair,
        minutes=command.minutes,
        recorded_at=timezone.now(),
    )
    present = sum(row.present for row in rows.values())
    ledger.record(
        actor=actor,
        action="vetservice.meeting_recorded",
        obj=meeting,
        region=meeting.region_id,
        summary={"month": meeting.month, "invited": len(rows), "present": present},
    )
    return meeting
