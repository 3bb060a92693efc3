"""Pages of the hotline desk, the daily reports and the monthly meetings: what each role
sees, that the buttons are exactly the actions the workflow offers, that each form works,
and that a refusal is shown in Chinese and changes nothing."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from smartvet.core.access import available_actions
from smartvet.vetservice.models import DailyReport, HotlineTicket, MonthlyMeeting
from tests.support.factories import LONGQUAN
from tests.vetservice.hotline_factories import open_ticket, respond

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def buttons(html: str) -> list[str]:
    return re.findall(r'<form[^>]*data-action="([\w-]+)"', html)


def test_the_desk_lists_the_tickets_with_their_state(station_longquan):
    ticket = open_ticket(station_longquan, region=LONGQUAN, subject="仔猪腹泻咨询")
    page = client_for(station_longquan).get("/services/hotline/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "仔猪腹泻咨询" in html and ticket.number in html and "待响应" in html
    assert 'data-action="open"' in html  # the desk takes calls
    filtered = client_for(station_longquan).get("/services/hotline/?status=closed")
    assert "仔猪腹泻咨询" not in filtered.content.decode()


def test_a_call_taken_on_the_page_is_routed_and_opened(station_longquan):
    response = client_for(station_longquan).post(
        "/services/hotline/new/",
        {
            "stage": "pre",
            "topic": "policy",
            "channel": "phone",
            "caller_name": "王大姐",
            "phone": "13907170001",
            "region": LONGQUAN,
            "subject": "引进仔猪要办什么手续",
            "body": "想从区级净化场引进仔猪",
        },
    )
    ticket = HotlineTicket.objects.get()
    assert response.status_code == 302 and response.url == f"/services/hotline/{ticket.pk}/"
    assert ticket.stage == "pre" and ticket.routed_to == station_longquan


def test_a_bad_call_form_says_what_is_wrong_and_keeps_the_text(station_longquan):
    response = client_for(station_longquan).post(
        "/services/hotline/new/", {"stage": "pre", "phone": "", "subject": "咨询", "body": "内容"}
    )
    html = response.content.decode()
    assert response.status_code == 422 and "联系电话" in html and "必须填写" in html
    assert "咨询" in html and not HotlineTicket.objects.exists()


def test_the_ticket_page_shows_exactly_the_actions_and_each_works(station_longquan):
    ticket = open_ticket(station_longquan, region=LONGQUAN)
    client = client_for(station_longquan)
    html = client.get(f"/services/hotline/{ticket.pk}/").content.decode()
    assert (
        buttons(html)
        == available_actions(station_longquan, ticket).names
        == [
            "respond",
            "close",
        ]
    )
    assert html.count('data-state="running"') == 2  # first response and resolution
    client.post(f"/services/hotline/{ticket.pk}/respond/", {"text": "已电话答复"})
    ticket.refresh_from_db()
    html = client.get(f"/services/hotline/{ticket.pk}/").content.decode()
    assert (
        buttons(html)
        == available_actions(station_longquan, ticket).names
        == [
            "update",
            "close",
        ]
    )
    assert 'data-state="met"' in html and "已电话答复" in html
    client.post(
        f"/services/hotline/{ticket.pk}/close/",
        {"resolution": "已解答", "satisfaction": "5", "comment": "满意"},
    )
    ticket.refresh_from_db()
    assert ticket.status == "closed" and ticket.satisfaction == 5
    html = client.get(f"/services/hotline/{ticket.pk}/").content.decode()
    assert buttons(html) == [] and "5分" in html


def test_a_refused_action_is_shown_and_changes_nothing(station_longquan):
    ticket = open_ticket(station_longquan, region=LONGQUAN)
    response = client_for(station_longquan).post(
        f"/services/hotline/{ticket.pk}/close/", {"resolution": "已解答", "satisfaction": "9"}
    )
    assert response.status_code == 422 and "满意度" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == "open"


def test_another_desk_sees_the_ticket_without_buttons(station_longquan, county_supervisor):
    ticket = open_ticket(station_longquan, region=LONGQUAN)
    respond(station_longquan, ticket)
    assert client_for(county_supervisor).get(f"/services/hotline/{ticket.pk}/").status_code == 200


def test_another_townships_station_gets_not_found(station_longquan, station_yaqueling):
    ticket = open_ticket(station_longquan, region=LONGQUAN)
    response = client_for(station_yaqueling).get(f"/services/hotline/{ticket.pk}/")
    assert response.status_code == 404


def test_the_desk_exports_its_tickets(station_longquan):
    ticket = open_ticket(station_longquan, region=LONGQUAN)
    response = client_for(station_longquan).get("/services/hotline/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "工单号" and rows[1][0] == ticket.number and rows[1][8] == "待响应"


def test_the_vaccinators_form_sends_a_zero_report(vaccinator_longquan):
    client = client_for(vaccinator_longquan)
    html = client.get("/services/daily-reports/new/").content.decode()
    assert 'data-action="send-zero"' in html and "没有您的免疫" in html
    today = timezone.localdate().isoformat()
    response = client.post("/services/daily-reports/new/", {"day": today, "kind": "zero"})
    report = DailyReport.objects.get()
    assert response.status_code == 302 and report.kind == "zero"
    assert "零报告" in client.get(f"/services/daily-reports/{report.pk}/").content.decode()


def test_an_empty_work_report_on_the_form_is_refused_in_chinese(vaccinator_longquan):
    today = timezone.localdate().isoformat()
    response = client_for(vaccinator_longquan).post(
        "/services/daily-reports/new/", {"day": today, "kind": "work"}
    )
    assert response.status_code == 422 and "零报告" in response.content.decode()
    assert not DailyReport.objects.exists()


def test_own_lines_on_the_form_make_a_work_report(vaccinator_longquan):
    today = timezone.localdate().isoformat()
    client_for(vaccinator_longquan).post(
        "/services/daily-reports/new/",
        {"day": today, "kind": "work", "line_0": "走访散养户8户", "quantity_0": "8"},
    )
    line = DailyReport.objects.get().lines.get()
    assert (line.source, line.text, line.quantity) == ("own", "走访散养户8户", 8)


def test_the_station_sees_the_missing_list_and_exports_it(xingmu, station_longquan):
    client = client_for(station_longquan)
    html = client.get("/services/daily-reports/missing/").content.decode()
    assert 'data-missing="vaccinator_longquan"' in html and "从未报告" in html
    response = client.get("/services/daily-reports/missing.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1][1] == "刘防疫员"


def test_a_farmer_cannot_open_the_missing_list(farmer_longquan):
    assert client_for(farmer_longquan).get("/services/daily-reports/missing/").status_code == 403


def test_the_station_calls_and_records_a_meeting_on_its_pages(
    xingmu, station_longquan, vaccinator_longquan
):
    client = client_for(station_longquan)
    today = timezone.localdate().isoformat()
    response = client.post(
        "/services/meetings/", {"held_on": today, "place": "站会议室", "topics": "春防部署"}
    )
    meeting = MonthlyMeeting.objects.get()
    assert response.status_code == 302
    html = client.get(f"/services/meetings/{meeting.pk}/").content.decode()
    assert buttons(html) == ["record"] and "刘防疫员" in html
    client.post(
        f"/services/meetings/{meeting.pk}/record/",
        {"chair": "站长", "minutes": "通报日报情况", f"reason_{vaccinator_longquan.pk}": "病假"},
    )
    meeting.refresh_from_db()
    row = meeting.attendance.get()
    assert meeting.status == "held" and not row.present and row.absence_reason == "病假"
    html = client.get("/services/meetings/").content.decode()
    assert "0/1" in html


def test_a_vaccinator_reads_the_meeting_without_the_form(
    xingmu, station_longquan, vaccinator_longquan
):
    today = timezone.localdate().isoformat()
    client_for(station_longquan).post(
        "/services/meetings/", {"held_on": today, "place": "站会议室", "topics": "春防部署"}
    )
    meeting = MonthlyMeeting.objects.get()
    html = client_for(vaccinator_longquan).get(f"/services/meetings/{meeting.pk}/").content.decode()
    assert buttons(html) == [] and "春防部署" in html


def test_the_reports_and_meetings_export_to_xlsx(xingmu, station_longquan, vaccinator_longquan):
    today = timezone.localdate().isoformat()
    client_for(vaccinator_longquan).post(
        "/services/daily-reports/new/", {"day": today, "kind": "work", "line_0": "走访散养户8户"}
    )
    client_for(station_longquan).post(
        "/services/meetings/", {"held_on": today, "place": "站会议室", "topics": "春防部署"}
    )
    client = client_for(station_longquan)
    reports = list(
        load_workbook(
            io.BytesIO(client.get("/services/daily-reports/export.xlsx").content)
        ).active.values
    )
    assert reports[0][:4] == ("日期", "防疫员", "所在地", "类别")
    assert reports[1][1] == "刘防疫员" and reports[1][4] == "走访散养户8户"
    meetings = list(
        load_workbook(
            io.BytesIO(client.get("/services/meetings/export.xlsx").content)
        ).active.values
    )
    assert meetings[1][3] == "站会议室" and meetings[1][4] == 1 and meetings[1][6] == "已通知"


def test_the_home_pages_lead_with_the_days_work(xingmu, station_longquan, vaccinator_longquan):
    open_ticket(station_longquan, region=LONGQUAN)
    station = client_for(station_longquan).get("/").content.decode()
    assert "客服专线" in station and "转我办理" in station and "今日未报告" in station
    vaccinator = client_for(vaccinator_longquan).get("/").content.decode()
    assert "今日日报" in vaccinator and "未提交" in vaccinator
    assert "/services/daily-reports/new/" in vaccinator
