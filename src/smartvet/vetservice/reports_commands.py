"""What the daily reports' and the monthly meetings' services take (core.commands)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from smartvet.core.bounds import MAX_ID
from smartvet.core.commands import Command, label, text
from smartvet.vetservice.models import (
    DailyReport,
    DailyReportLine,
    MeetingAttendance,
    MonthlyMeeting,
)

MAX_OWN_LINES = 30


class OwnLine(Command):
    text: text(DailyReportLine, "text")
    quantity: int | None = Field(None, ge=0, le=1_000_000, title=label(DailyReportLine, "quantity"))


class SendDailyReport(Command):
    day: date = Field(title=label(DailyReport, "day"))
    # 零报告: nothing happened that day (no lines, no records).
    zero: bool = Field(False, title=str(label(DailyReport, "kind")))
    lines: list[OwnLine] = Field(
        default_factory=list, max_length=MAX_OWN_LINES, title=label(DailyReport, "notes")
    )
    notes: text(DailyReport, "notes", required=False)


class CallMeeting(Command):
    held_on: date = Field(title=label(MonthlyMeeting, "held_on"))
    place: text(MonthlyMeeting, "place")
    topics: text(MonthlyMeeting, "topics")


class AttendanceIn(Command):
    attendee: int = Field(ge=1, le=MAX_ID, title=label(MeetingAttendance, "attendee"))
    present: bool = Field(title=label(MeetingAttendance, "present"))
    absence_reason: text(MeetingAttendance, "absence_reason", required=False)


class RecordMeeting(Command):
    chair: text(MonthlyMeeting, "chair")
    minutes: text(MonthlyMeeting, "minutes")
    attendance: list[AttendanceIn] = Field(
        default_factory=list, max_length=500, title=label(MeetingAttendance, "attendee")
    )
