"""The hotline's demo data (hotline_demo.load): a closed, an answered and an escalated call in
龙泉镇, yesterday's 零报告 and this month's meeting; loading it twice changes nothing."""

from __future__ import annotations

import pytest

from smartvet.vetservice import hotline_demo
from smartvet.vetservice.models import DailyReport, HotlineTicket, MonthlyMeeting

pytestmark = pytest.mark.django_db


def test_the_demo_shows_each_state_once(xingmu):
    hotline_demo.load()
    hotline_demo.load()
    tickets = {t.subject: t for t in HotlineTicket.objects.all()}
    assert len(tickets) == 3
    assert tickets["仔猪腹泻怎么处理"].status == "closed"
    assert tickets["仔猪腹泻怎么处理"].routed_to.username == "provider_xingmu"
    assert tickets["耳标脱落要补标"].status == "in_progress"
    assert tickets["母猪产后发热不食"].escalated_clock == "first_response"
    assert DailyReport.objects.get().kind == "zero"
    meeting = MonthlyMeeting.objects.get()
    assert meeting.status == "held" and meeting.attendance.filter(present=True).count() == 1
