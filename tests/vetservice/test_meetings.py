"""月例会: the station calls the township's monthly meeting (its roster invited) and records
the minutes and attendance once held; every refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError, ValidationFailed
from smartvet.core.models import LedgerEvent
from smartvet.vetservice.models import MonthlyMeeting
from smartvet.vetservice.reports_commands import CallMeeting, RecordMeeting
from smartvet.vetservice.services import meetings as services

pytestmark = pytest.mark.django_db


def call(actor, day=None):
    day = day or timezone.localdate()
    return services.call_meeting(
        actor=actor,
        command=parse(
            CallMeeting,
            {"held_on": day.isoformat(), "place": "龙泉镇畜牧兽医站会议室", "topics": "春防部署"},
        ),
    )


def record(actor, meeting, attendance, minutes="部署春季强制免疫，通报上月日报情况"):
    return services.record_meeting(
        actor=actor,
        meeting_id=meeting.pk,
        command=parse(
            RecordMeeting, {"chair": "站长", "minutes": minutes, "attendance": attendance}
        ),
    )


def test_the_roster_of_the_township_is_invited(
    xingmu, huimin, station_longquan, vaccinator_longquan
):
    meeting = call(station_longquan)
    assert meeting.month == timezone.localdate().strftime("%Y-%m")
    assert [row.attendee for row in meeting.attendance.all()] == [vaccinator_longquan]
    assert LedgerEvent.objects.order_by("-seq").first().action == "vetservice.meeting_called"


def test_minutes_and_attendance_are_recorded_once_held(
    xingmu, station_longquan, vaccinator_longquan
):
    meeting = call(station_longquan)
    meeting = record(
        station_longquan,
        meeting,
        [{"attendee": vaccinator_longquan.pk, "present": False, "absence_reason": "外出防疫"}],
    )
    assert meeting.status == "held" and meeting.minutes.startswith("部署")
    row = meeting.attendance.get()
    assert not row.present and row.absence_reason == "外出防疫"
    event = LedgerEvent.objects.order_by("-seq").first()
    assert event.action == "vetservice.meeting_recorded"
    assert event.summary == {"month": meeting.month, "invited": 1, "present": 0}
    with pytest.raises(DomainError) as refused:
        record(station_longquan, meeting, [])
    assert refused.value.code == "INVALID_TRANSITION"


def test_one_monthly_meeting_a_month(station_longquan):
    call(station_longquan)
    with pytest.raises(DomainError) as refused:
        call(station_longquan)
    assert refused.value.code == "MEETING_EXISTS"
    assert MonthlyMeeting.objects.count() == 1


def test_minutes_wait_for_the_meeting_day(station_longquan):
    meeting = call(station_longquan, timezone.localdate() + timedelta(days=40))
    with pytest.raises(DomainError) as refused:
        record(station_longquan, meeting, [])
    assert refused.value.code == "MEETING_NOT_HELD_YET"
    meeting.refresh_from_db()
    assert meeting.status == "planned" and not meeting.minutes


def test_only_invitees_are_on_the_attendance(xingmu, station_longquan, farmer_longquan):
    meeting = call(station_longquan)
    with pytest.raises(DomainError) as refused:
        record(station_longquan, meeting, [{"attendee": farmer_longquan.pk, "present": True}])
    assert refused.value.code == "ATTENDEE_NOT_INVITED"


def test_minutes_are_required(station_longquan):
    meeting = call(station_longquan)
    with pytest.raises(ValidationFailed):
        record(station_longquan, meeting, [], minutes="")


def test_a_vaccinator_does_not_call_a_meeting(vaccinator_longquan):
    with pytest.raises(DomainError) as refused:
        call(vaccinator_longquan)
    assert refused.value.code == "PERMISSION_DENIED"


def test_another_townships_station_does_not_record_it(station_longquan, station_yaqueling):
    meeting = call(station_longquan)
    with pytest.raises(DomainError) as refused:
        record(station_yaqueling, meeting, [])
    assert refused.value.code == "NOT_FOUND"
