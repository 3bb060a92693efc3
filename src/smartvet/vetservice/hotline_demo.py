"""Demo data of the hotline, daily reports and monthly meetings in 龙泉镇 (夷陵区): a call
closed with the caller's satisfaction, one in progress, one left unanswered and escalated to
the county; the vaccinator's 零报告 of yesterday; this month's meeting with its minutes.
Through the services, each in its own transaction; loaded once (a county with hotline
tickets is left as it is). Called by vetservice's demo loader after the roster exists."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.access import within
from smartvet.core.commands import parse
from smartvet.core.models import User
from smartvet.vetservice.hotline_commands import AnswerTicket, CloseTicket, OpenTicket
from smartvet.vetservice.models import DailyReport, HotlineTicket, MonthlyMeeting
from smartvet.vetservice.reports_commands import CallMeeting, RecordMeeting, SendDailyReport
from smartvet.vetservice.services import hotline, meetings, reports

YILING, LONGQUAN = "420506", "420506107"

CALLS = [
    # (topic, stage, subject, body, what happens)
    ("technique", "during", "仔猪腹泻怎么处理", "二十日龄仔猪拉稀，吃奶减少", "closed"),
    ("eartags", "post", "耳标脱落要补标", "三头育肥猪耳标脱落，出栏前要补", "answered"),
    ("disease", "during", "母猪产后发热不食", "一头母猪产后两天发热，不吃料", "escalated"),
]


def _account(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def _call(desk: User, topic: str, stage: str, subject: str, body: str) -> HotlineTicket:
    command = parse(
        OpenTicket,
        {
            "stage": stage,
            "topic": topic,
            "subject": subject,
            "body": body,
            "phone": "13907170000",
            "caller_name": "龙泉镇养殖户",
            "region": LONGQUAN,
        },
    )
    return hotline.open_ticket(actor=desk, command=command)


def _play(ticket: HotlineTicket, outcome: str) -> None:
    desk = ticket.routed_to
    if outcome == "escalated":
        # A call of three days ago nobody answered: its clocks ran out, the sweep escalates it.
        past = timezone.now() - timedelta(days=3)
        HotlineTicket.objects.filter(pk=ticket.pk).update(opened_at=past, first_response_due=past)
        hotline.escalate_if_overdue(ticket.pk)
        return
    hotline.respond(
        actor=desk, ticket_id=ticket.pk, command=parse(AnswerTicket, {"text": "已电话答复来电人"})
    )
    if outcome == "closed":
        command = parse(
            CloseTicket,
            {
                "resolution": "指导补液、调整保温，次日回访已好转",
                "satisfaction": 5,
                "comment": "及时",
            },
        )
        hotline.close(actor=desk, ticket_id=ticket.pk, command=command)


def _calls(station: User) -> None:
    for topic, stage, subject, body, outcome in CALLS:
        _play(_call(station, topic, stage, subject, body), outcome)


def _report(vaccinator: User) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    if DailyReport.objects.filter(vaccinator=vaccinator, day=yesterday).exists():
        return
    command = parse(SendDailyReport, {"day": yesterday.isoformat(), "zero": True})
    reports.send_daily_report(actor=vaccinator, command=command)


def _meeting(station: User) -> None:
    today = timezone.localdate()
    if MonthlyMeeting.objects.filter(region_id=station.region_id, month=f"{today:%Y-%m}").exists():
        return
    meeting = meetings.call_meeting(
        actor=station,
        command=parse(
            CallMeeting,
            {
                "held_on": today.isoformat(),
                "place": "龙泉镇畜牧兽医站会议室",
                "topics": "通报上月日报情况；部署秋防强制免疫",
            },
        ),
    )
    attendance = [
        {"attendee": row.attendee_id, "present": True} for row in meeting.attendance.all()
    ]
    meetings.record_meeting(
        actor=station,
        meeting_id=meeting.pk,
        command=parse(
            RecordMeeting,
            {
                "chair": "龙泉镇畜牧兽医站站长",
                "minutes": "一、通报上月日报：按时报告率100%。二、秋防9月10日前完成，分片包户。",
                "attendance": attendance,
            },
        ),
    )


def load(password: str | None = None) -> None:
    station = _account("station_longquan")
    if station is None:
        return
    if not HotlineTicket.objects.filter(within("region_id", YILING)).exists():
        _calls(station)
    vaccinator = _account("vaccinator_longquan")
    if vaccinator is not None:
        _report(vaccinator)
    _meeting(station)
