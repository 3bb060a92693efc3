"""客服专线 from the phone call to closing, in Chromium (issue 11 point 7): the township
station takes a farmer's call on the desk, the ticket is routed and clocked in working hours,
the station answers, turns it into a service order in one step, reports progress and closes
it with the caller's satisfaction; the clocks on the page say met and stopped. A ticket left
unanswered past its due time is escalated by the sweep and shows on the county's desk.
The vaccinator sends the day's report on a 360 px phone and the station's "not reported"
list empties. Screenshots go to /tmp/shots/vetservice/hotline-*.png."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from smartvet.vetservice.models import HotlineTicket
from tests.support.factories import LONGQUAN, LONGQUAN_VILLAGE, make_farm
from tests.vetservice import factories as f
from tests.vetservice.hotline_factories import open_ticket

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/vetservice")
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}


@pytest.fixture
def served_farm(personas):
    f.open_catalogue(personas.bureau)
    provider = f.register_provider(
        personas.county_supervisor, "provider_xingmu", villages=[LONGQUAN_VILLAGE]
    )
    f.enrol(personas.county_supervisor, "vaccinator_longquan")
    farm = make_farm(personas.farmer_longquan, name="张建国生猪养殖场")
    f.make_agreement(
        provider.account,
        farm,
        services=("immunization", "castration"),
        confirm_by=personas.farmer_longquan,
    )
    return farm


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"hotline-{name}.png"), full_page=True)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 2


def _both_sizes(page, name: str) -> None:
    for size, label in ((PHONE, "360"), (DESKTOP, "1280")):
        page.set_viewport_size(size)
        assert _fits(page), f"{name} is wider than {label} px"
        _shoot(page, f"{name}-{label}")
    page.set_viewport_size(PHONE)


def _clock_states(page) -> list[str]:
    return page.locator("tr[data-clock]").evaluate_all("rows => rows.map(row => row.dataset.state)")


def switch(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def test_a_call_from_the_phone_to_closing_with_its_clocks(page, login, served_farm):
    login(page, "station_longquan")
    page.goto("/services/hotline/")
    page.click("[data-action=open]")
    page.select_option("select[name=stage]", "during")
    page.select_option("select[name=topic]", "immunization")
    page.fill("input[name=caller_name]", "张建国")
    page.fill("input[name=phone]", "13907171234")
    page.fill("input[name=farm_code]", served_farm.code)
    page.fill("input[name=subject]", "育肥猪要补打口蹄疫疫苗")
    page.fill("textarea[name=body]", "新进20头育肥猪，想请防疫员上门补免")
    page.click("text=受理并转办")
    page.wait_for_url(re.compile(r"/services/hotline/\d+/$"))
    assert "转龙泉镇畜牧兽医站办理" in page.inner_text(".messages")
    ticket = HotlineTicket.objects.get()
    assert ticket.stage == "during" and ticket.farm == served_farm
    # Fresh: the first-response and resolution clocks run, the next-update clock waits.
    assert _clock_states(page) == ["running", "stopped", "running"]
    _both_sizes(page, "ticket-open")

    page.fill("form[data-action=respond] textarea[name=text]", "已电话答复，安排防疫员上门")
    page.click("form[data-action=respond] button")
    page.wait_for_selector("text=已回复来电人")
    assert _clock_states(page) == ["met", "running", "running"]

    # The call becomes a service order in one step, assigned at once.
    order_form = page.locator("form[data-action=order]")
    order_form.locator("select[name=service]").select_option("immunization")
    order_form.locator("select[name=category]").select_option("fattening_pig")
    order_form.locator("input[name=animals]").fill("20")
    order_form.locator("button").click()
    page.wait_for_selector("text=已转为服务订单")
    ticket.refresh_from_db()
    assert ticket.order.assignee.username == "vaccinator_longquan"
    assert page.locator(f"[data-order='{ticket.order.number}']").count() == 1
    assert page.locator("form[data-action=order]").count() == 0  # once only

    page.fill("form[data-action=update] textarea[name=text]", "防疫员明早上门")
    page.click("form[data-action=update] button")
    page.wait_for_selector("text=已记录进展回复")

    close = page.locator("form[data-action=close]")
    close.locator("textarea[name=resolution]").fill("防疫员已上门补免20头，录入免疫档案")
    close.locator("input[name=satisfaction][value='5']").check()
    close.locator("input[name=comment]").fill("很及时")
    close.locator("button").click()
    page.wait_for_selector("text=工单已办结")
    assert _clock_states(page) == ["met", "stopped", "met"]
    assert page.locator("[data-satisfaction='5']").count() == 1
    assert page.locator("form[data-action]").count() == 0
    entries = page.locator("[data-entry]").evaluate_all("els => els.map(e => e.dataset.entry)")
    assert entries == ["response", "order", "update", "closing"]
    _both_sizes(page, "ticket-closed")

    page.goto("/services/hotline/")
    _both_sizes(page, "desk")


def test_an_unanswered_ticket_is_escalated_and_shows_on_the_countys_desk(page, login, personas):
    ticket = open_ticket(personas.station_longquan, region=LONGQUAN, subject="母猪流产求助")
    past = timezone.now() - timedelta(days=3)
    HotlineTicket.objects.filter(pk=ticket.pk).update(opened_at=past, first_response_due=past)
    call_command("hotline_sweep")
    switch(page, login, "county_supervisor")
    page.goto("/services/hotline/?escalated=1")
    assert page.locator(f"tr[data-ticket='{ticket.number}']").count() == 1
    page.click("text=母猪流产求助")
    assert "已升级县级" in page.inner_text("h1")
    assert _clock_states(page)[0] == "overdue"
    assert "首次响应超时，已升级至县级" in page.inner_text(".thread")
    # The county may take it over.
    assert page.locator("form[data-action=respond]").count() == 1
    _both_sizes(page, "escalated")


def test_the_vaccinators_daily_report_on_a_phone_and_the_stations_list(page, login, served_farm):
    login(page, "station_longquan")
    page.goto("/services/daily-reports/missing/")
    assert page.locator("[data-missing=vaccinator_longquan]").count() == 1
    page.set_viewport_size(DESKTOP)
    _shoot(page, "missing-1280")

    switch(page, login, "vaccinator_longquan")
    page.set_viewport_size(PHONE)
    page.goto("/services/daily-reports/new/")
    assert _fits(page)
    page.fill("input[name=line_0]", "走访龙泉一村散养户12户")
    page.fill("input[name=quantity_0]", "12")
    _shoot(page, "daily-report-form-360")
    page.click("[data-action=send]")
    page.wait_for_selector("text=日报已提交")
    assert "走访龙泉一村散养户12户" in page.inner_text("main")
    assert _fits(page)

    switch(page, login, "station_longquan")
    page.goto("/services/daily-reports/missing/")
    assert page.locator("[data-missing]").count() == 0
    assert "当天应报的防疫员都已报告" in page.inner_text("main")


def test_the_station_holds_the_monthly_meeting_on_a_phone(page, login, served_farm):
    login(page, "station_longquan")
    page.goto("/services/meetings/")
    page.click("text=通知本月例会")
    page.fill("input[name=place]", "龙泉镇畜牧兽医站会议室")
    page.fill("textarea[name=topics]", "通报日报情况；部署秋防")
    page.click("form[data-action=call] button")
    page.wait_for_url(re.compile(r"/services/meetings/\d+/$"))
    page.fill("input[name=chair]", "站长")
    page.fill("textarea[name=minutes]", "一、日报按时报告。二、秋防分片包户。")
    page.locator("input[type=checkbox]").first.uncheck()
    page.fill("input[name^=reason_]", "外出防疫")
    assert _fits(page)
    _shoot(page, "meeting-form-360")
    page.click("form[data-action=record] button")
    page.wait_for_selector("text=会议纪要已录入")
    assert "外出防疫" in page.inner_text("main") and "缺席" in page.inner_text("main")
    page.goto("/services/meetings/")
    assert "0/1" in page.inner_text("table")
    _both_sizes(page, "meetings")
